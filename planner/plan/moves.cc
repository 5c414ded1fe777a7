#include "planner/plan/moves.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "lang/base/go_quote.h"
#include "lang/config/static_value.h"
#include "planner/plan/planner.h"

namespace cairn::planner {

std::optional<std::string> TraversalText(const ast::Expr* e) {
  if (!e || e->kind != ast::ExprKind::kScopeTraversal) return std::nullopt;
  std::string out = e->root_name;
  for (const ast::TraversalStep& step : e->steps) {
    if (step.kind == ast::TraversalStep::Kind::kAttr) {
      out += "." + step.name;
      continue;
    }
    if (!step.key || step.key->kind != ast::ExprKind::kLiteral) return std::nullopt;
    Diagnostics ignored;
    Value key = config::EvalStatic(*step.key, ignored);
    if (key.type() == Type::String()) {
      out += "[" + GoQuote(key.AsString()) + "]";
    } else if (key.type() == Type::Number()) {
      out += "[" + key.AsNumber().ToString() + "]";
    } else {
      return std::nullopt;
    }
  }
  return out;
}

namespace {

using Kind = MoveStatement::Kind;


/// Terraform's internalAddrType of one parsed endpoint.
Kind EndpointKind(const addrs::Target& t) {
  switch (t.kind) {
    case addrs::Target::Kind::kModule:
      return !t.module.empty() && t.module.back().key.none() ? Kind::kModuleCall
                                                             : Kind::kModuleInstance;
    case addrs::Target::Kind::kResource:
      return Kind::kResource;
    case addrs::Target::Kind::kInstance:
      return t.key.none() ? Kind::kResource : Kind::kResourceInstance;
  }
  return Kind::kResource;
}

bool IsModuleKind(Kind k) { return k == Kind::kModuleCall || k == Kind::kModuleInstance; }

void Collect(const ModuleTree& tree, std::vector<std::string>& path,
             std::vector<MoveStatement>& out, Diagnostics& diags) {
  for (const config::Moved& m : tree.module->moved) {
    std::optional<std::string> from_text = TraversalText(m.from);
    std::optional<std::string> to_text = TraversalText(m.to);
    if (!from_text || !to_text) continue;  // the loader reported it
    auto from = addrs::ParseTarget(*from_text);
    auto to = addrs::ParseTarget(*to_text);
    if (!from.addr || !to.addr) continue;
    Kind fk = EndpointKind(*from.addr), tk = EndpointKind(*to.addr);
    if (IsModuleKind(fk) != IsModuleKind(tk) ||
        (from.addr->kind == addrs::Target::Kind::kModule && from.addr->module.empty())) {
      diags.Error("Invalid \"moved\" addresses",
                  "The \"from\" and \"to\" addresses must either both refer to resources or "
                  "both refer to modules.",
                  m.decl_range);
      continue;
    }
    MoveStatement s;
    // The most specific of the two kinds (UnifyMoveEndpoints).
    if (fk == Kind::kResourceInstance || tk == Kind::kResourceInstance) {
      s.kind = Kind::kResourceInstance;
    } else if (fk == Kind::kResource || tk == Kind::kResource) {
      s.kind = Kind::kResource;
    } else if (fk == Kind::kModuleInstance || tk == Kind::kModuleInstance) {
      s.kind = Kind::kModuleInstance;
    } else {
      s.kind = Kind::kModuleCall;
    }
    s.module = path;
    s.from = *from.addr;
    s.to = *to.addr;
    s.decl_range = m.decl_range;
    out.push_back(std::move(s));
  }
  for (const auto& [name, child] : tree.children) {
    path.push_back(name);
    Collect(*child, path, out, diags);
    path.pop_back();
  }
}

/// `prefix` followed by `rel`.
addrs::ModuleInstance Join(const addrs::ModuleInstance& prefix, const addrs::ModuleInstance& rel) {
  addrs::ModuleInstance out = prefix;
  out.insert(out.end(), rel.begin(), rel.end());
  return out;
}

/// Whether `module`'s first steps are the instance `prefix` (keys compared).
bool HasPrefix(const addrs::ModuleInstance& module, const addrs::ModuleInstance& prefix) {
  if (module.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), module.begin());
}

/// Module instances in `st` whose call names are `path` (prefixes of resources' modules).
std::vector<addrs::ModuleInstance> StateInstancesOf(const state::State& st,
                                                    const std::vector<std::string>& path) {
  // The root module (most statements, every implied move there): no scan of the state.
  if (path.empty()) {
    if (st.resources.empty()) return {};
    return {addrs::ModuleInstance()};
  }
  std::set<addrs::ModuleInstance> out;
  for (const state::ResourceState& rs : st.resources) {
    if (rs.addr.module.size() < path.size()) continue;
    bool match = true;
    for (size_t i = 0; i < path.size() && match; ++i) match = rs.addr.module[i].name == path[i];
    if (match) out.insert(addrs::ModuleInstance(rs.addr.module.begin(),
                                                rs.addr.module.begin() +
                                                    static_cast<std::ptrdiff_t>(path.size())));
  }
  return {out.begin(), out.end()};
}

/// The text Terraform's MoveEndpointInModule.String gives (cycle errors).
std::string EndpointText(const MoveStatement& s, const addrs::Target& t) {
  std::string prefix;
  for (const std::string& step : s.module) prefix += "module." + step + "[*].";
  switch (s.kind) {
    case Kind::kModuleCall: {
      addrs::ModuleInstance m = t.module;
      m.back().key = addrs::InstanceKey();
      return prefix + addrs::ToString(m);
    }
    case Kind::kModuleInstance:
      return prefix + addrs::ToString(t.module);
    case Kind::kResource: {
      addrs::AbsResource r{t.module, t.resource};
      return prefix + r.ToString() + "[*]";
    }
    case Kind::kResourceInstance:
      return prefix + addrs::AbsResourceInstance{t.module, t.resource, t.key}.ToString();
  }
  return "";
}

std::string StartString(const Range& r) {
  return fmt::format("{}:{},{}", r.filename.str(), r.start.line, r.start.column);
}

/// Whether an object `to` names can be what `from` names (a chain: `to` of one statement
/// is `from` of the next), compared as Terraform's CanChainFrom does, textually.
bool Chains(const MoveStatement& first, const MoveStatement& next) {
  if (first.kind != next.kind || first.module != next.module) return false;
  return EndpointText(first, first.to) == EndpointText(next, next.from);
}

class Mover {
 public:
  Mover(state::State& st, std::map<addrs::AbsResourceInstance, addrs::AbsResourceInstance>& from)
      : st_(st), moved_from_(from) {}

  void MoveInstance(const addrs::AbsResourceInstance& from,
                    const addrs::AbsResourceInstance& to) {
    const state::ObjectState* obj = st_.FindCurrent(from);
    if (!obj || st_.FindCurrent(to)) return;
    const state::ResourceState* rs = st_.FindResource(from.ContainingResource());
    std::string provider = rs->provider, each = rs->each;
    if (!(from.module == to.module)) provider = ProviderIn(provider, to.module);
    state::ObjectState copy = *obj;
    st_.SetCurrent(from, std::nullopt, "", "");
    st_.SetCurrent(to, std::move(copy), provider, each);
    auto prev = moved_from_.find(from);
    moved_from_[to] = prev == moved_from_.end() ? from : prev->second;
    if (prev != moved_from_.end()) moved_from_.erase(prev);
  }

  void Apply(const MoveStatement& s) {
    for (const addrs::ModuleInstance& at : StateInstancesOf(st_, s.module)) {
      switch (s.kind) {
        case Kind::kResourceInstance:
          MoveInstance({Join(at, s.from.module), s.from.resource, s.from.key},
                       {Join(at, s.to.module), s.to.resource, s.to.key});
          break;
        case Kind::kResource:
          MoveResource({Join(at, s.from.module), s.from.resource},
                       {Join(at, s.to.module), s.to.resource});
          break;
        case Kind::kModuleInstance:
          MoveModule(Join(at, s.from.module), Join(at, s.to.module));
          break;
        case Kind::kModuleCall:
          MoveCall(at, s);
          break;
      }
    }
  }

 private:
  /// A provider configuration string as a resource in `module` inherits it: the root's
  /// configuration stays as it is (`provider["x"]`); a module's prefix is kept only when
  /// the provider was configured there, which moves cannot know, so it is dropped.
  static std::string ProviderIn(const std::string& provider, const addrs::ModuleInstance&) {
    size_t p = provider.find("provider[");
    return p == std::string::npos ? provider : provider.substr(p);
  }

  void MoveResource(const addrs::AbsResource& from, const addrs::AbsResource& to) {
    const state::ResourceState* rs = st_.FindResource(from);
    if (!rs || st_.FindResource(to)) return;
    std::vector<addrs::InstanceKey> keys;
    for (const state::InstanceState& i : rs->instances) keys.push_back(i.key);
    for (const addrs::InstanceKey& k : keys) {
      MoveInstance({from.module, from.resource, k}, {to.module, to.resource, k});
    }
  }

  /// Everything in and under module instance `from` to `to`, unless `to` has objects.
  void MoveModule(const addrs::ModuleInstance& from, const addrs::ModuleInstance& to) {
    std::vector<std::pair<addrs::AbsResourceInstance, addrs::AbsResourceInstance>> moves;
    for (const state::ResourceState& rs : st_.resources) {
      if (HasPrefix(rs.addr.module, to)) return;
    }
    for (const state::ResourceState& rs : st_.resources) {
      if (!HasPrefix(rs.addr.module, from)) continue;
      addrs::ModuleInstance dest = to;
      dest.insert(dest.end(), rs.addr.module.begin() + static_cast<std::ptrdiff_t>(from.size()),
                  rs.addr.module.end());
      for (const state::InstanceState& i : rs.instances) {
        moves.push_back({{rs.addr.module, rs.addr.resource, i.key},
                         {dest, rs.addr.resource, i.key}});
      }
    }
    for (const auto& [f, t] : moves) MoveInstance(f, t);
  }

  /// Every instance of the call `s.from` names (in module instance `at`) to the same key of
  /// the call `s.to` names.
  void MoveCall(const addrs::ModuleInstance& at, const MoveStatement& s) {
    addrs::ModuleInstance from_parent = Join(at, s.from.module);
    from_parent.pop_back();
    std::set<addrs::InstanceKey> keys;
    for (const state::ResourceState& rs : st_.resources) {
      if (rs.addr.module.size() <= from_parent.size() || !HasPrefix(rs.addr.module, from_parent) ||
          rs.addr.module[from_parent.size()].name != s.from.module.back().name) {
        continue;
      }
      keys.insert(rs.addr.module[from_parent.size()].key);
    }
    for (const addrs::InstanceKey& k : keys) {
      addrs::ModuleInstance f = Join(at, s.from.module), t = Join(at, s.to.module);
      f.back().key = k;
      t.back().key = k;
      MoveModule(f, t);
    }
  }

  state::State& st_;
  std::map<addrs::AbsResourceInstance, addrs::AbsResourceInstance>& moved_from_;
};

const ModuleTree* Descendant(const ModuleTree& root, const addrs::ModuleInstance& module) {
  const ModuleTree* t = &root;
  for (const addrs::ModuleInstanceStep& step : module) {
    auto it = t->children.find(step.name);
    if (it == t->children.end()) return nullptr;
    t = it->second.get();
  }
  return t;
}

const config::Resource* FindResource(const config::Module& m, const addrs::Resource& r) {
  const auto& list =
      r.mode == addrs::ResourceMode::kData ? m.data_resources : m.resources;
  for (const config::Resource& c : list) {
    if (c.type == r.type && c.name == r.name) return &c;
  }
  return nullptr;
}

/// Terraform's movableObjectDeclRange: where the configuration still declares `from`.
std::optional<Range> DeclaredAt(const ModuleTree& root, Kind kind, const addrs::ModuleInstance& module,
                                const addrs::Resource& resource) {
  if (kind == Kind::kResource || kind == Kind::kResourceInstance) {
    const ModuleTree* t = Descendant(root, module);
    const config::Resource* r = t ? FindResource(*t->module, resource) : nullptr;
    if (!r) return std::nullopt;
    if (kind == Kind::kResourceInstance && r->for_each) return r->for_each->range;
    if (kind == Kind::kResourceInstance && r->count) return r->count->range;
    return r->decl_range;
  }
  addrs::ModuleInstance parent = module;
  std::string call = parent.back().name;
  parent.pop_back();
  const ModuleTree* t = Descendant(root, parent);
  if (!t) return std::nullopt;
  for (const config::ModuleCall& c : t->module->module_calls) {
    if (c.name != call) continue;
    if (kind == Kind::kModuleInstance && c.for_each) return c.for_each->range;
    if (kind == Kind::kModuleInstance && c.count) return c.count->range;
    return c.decl_range;
  }
  return std::nullopt;
}

}  // namespace

std::vector<MoveStatement> FindMoveStatements(const ModuleTree& tree, Diagnostics& diagnostics) {
  std::vector<MoveStatement> out;
  std::vector<std::string> path;
  Collect(tree, path, out, diagnostics);
  return out;
}

void AddImpliedMoveStatements(const ModuleTree& tree, const state::State& state,
                              std::vector<MoveStatement>& statements) {
  std::vector<std::pair<const ModuleTree*, std::vector<std::string>>> stack = {{&tree, {}}};
  while (!stack.empty()) {
    auto [t, path] = stack.back();
    stack.pop_back();
    for (const auto& [name, child] : t->children) {
      std::vector<std::string> p = path;
      p.push_back(name);
      stack.push_back({child.get(), std::move(p)});
    }
    for (const config::Resource& r : t->module->resources) {
      if (r.mode != config::ResourceMode::kManaged || r.for_each) continue;
      addrs::Resource ra{addrs::ResourceMode::kManaged, r.type, r.name};
      for (const addrs::ModuleInstance& at : StateInstancesOf(state, path)) {
        const state::ResourceState* rs = state.FindResource({at, ra});
        if (!rs) continue;
        const bool has_none = rs->Find(addrs::InstanceKey()) != nullptr;
        const bool has_zero = rs->Find(addrs::InstanceKey::Int(0)) != nullptr;
        if (has_none == has_zero || (r.count ? !has_none : !has_zero)) continue;
        MoveStatement s;
        s.kind = Kind::kResourceInstance;
        s.module = path;
        s.from.kind = s.to.kind = addrs::Target::Kind::kInstance;
        s.from.resource = s.to.resource = ra;
        s.from.key = r.count ? addrs::InstanceKey() : addrs::InstanceKey::Int(0);
        s.to.key = r.count ? addrs::InstanceKey::Int(0) : addrs::InstanceKey();
        s.decl_range = r.decl_range;
        s.implied = true;
        // An explicit statement about the same object wins.
        bool covered = false;
        for (const MoveStatement& e : statements) {
          covered = covered || (!e.implied && e.module == path &&
                                EndpointText(e, e.from) == EndpointText(s, s.from));
        }
        if (!covered) {
          statements.push_back(std::move(s));
          break;  // one statement serves every instance of the module
        }
      }
    }
  }
}

void ApplyMoveStatements(const std::vector<MoveStatement>& statements, state::State& state,
                         std::map<addrs::AbsResourceInstance, addrs::AbsResourceInstance>&
                             moved_from,
                         const std::function<std::string(const std::string&)>& provider_source,
                         Diagnostics& diagnostics) {
  // Chain order: a statement runs after every statement whose `to` is its `from`.
  const size_t n = statements.size();
  std::vector<std::vector<size_t>> next(n);
  std::vector<size_t> waiting(n, 0);
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b < n; ++b) {
      if (a != b && Chains(statements[a], statements[b])) {
        next[a].push_back(b);
        ++waiting[b];
      }
    }
  }
  std::vector<size_t> order, ready;
  for (size_t i = 0; i < n; ++i) {
    if (waiting[i] == 0) ready.push_back(i);
  }
  std::reverse(ready.begin(), ready.end());
  while (!ready.empty()) {
    size_t i = ready.back();
    ready.pop_back();
    order.push_back(i);
    for (size_t b : next[i]) {
      if (--waiting[b] == 0) ready.push_back(b);
    }
  }
  if (order.size() < n) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < n; ++i) {
      if (waiting[i] == 0) continue;
      const MoveStatement& s = statements[i];
      lines.push_back(fmt::format("\n  - {}: {} \u2192 {}", StartString(s.decl_range),
                                  EndpointText(s, s.from), EndpointText(s, s.to)));
    }
    std::sort(lines.begin(), lines.end());
    std::string list;
    for (const std::string& l : lines) list += l;
    diagnostics.Error("Cyclic dependency in move statements",
                      fmt::format("The following chained move statements form a cycle, and so "
                                  "there is no final location to move objects to:{}\n\nA chain "
                                  "of move statements must end with an address that doesn't "
                                  "appear in any other statements, and which typically also "
                                  "refers to an object still declared in the configuration.",
                                  list));
    return;
  }
  Mover mover(state, moved_from);
  for (size_t i : order) {
    const MoveStatement& s = statements[i];
    const bool resources = s.kind == Kind::kResource || s.kind == Kind::kResourceInstance;
    if (resources && s.from.resource.type != s.to.resource.type) {
      // Only an object that exists would be moved (and need the provider's help).
      bool any = false;
      for (const addrs::ModuleInstance& at : StateInstancesOf(state, s.module)) {
        addrs::AbsResource from{Join(at, s.from.module), s.from.resource};
        const state::ResourceState* rs = state.FindResource(from);
        any = any || (rs && (s.kind == Kind::kResource || rs->Find(s.from.key)));
      }
      if (any) {
        diagnostics.Error("Unsupported `moved` across resource types",
                          fmt::format("The provider {} does not support moved operations "
                                      "across resource types and providers.",
                                      GoQuote(provider_source(s.to.resource.type))),
                          s.decl_range);
      }
      continue;
    }
    mover.Apply(s);
  }
}

Diagnostics ValidateMoveStatements(const std::vector<MoveStatement>& statements,
                                   const ModuleTree& tree, const DeclaredObjects& declared) {
  Diagnostics diags;
  struct Endpoint {
    std::string other;
    Range range;
  };
  std::map<std::string, Endpoint> by_from, by_to;
  for (const MoveStatement& s : statements) {
    if (s.implied) continue;
    const char* noun = "";
    const char* short_noun = "";
    switch (s.kind) {
      case Kind::kModuleInstance: noun = "module instance"; short_noun = "instance"; break;
      case Kind::kModuleCall: noun = "module call"; short_noun = "call"; break;
      case Kind::kResourceInstance: noun = "resource instance"; short_noun = "instance"; break;
      case Kind::kResource: noun = "resource"; short_noun = "resource"; break;
    }
    for (const addrs::ModuleInstance& at : declared.InstancesOf(s.module)) {
      addrs::ModuleInstance from_module = Join(at, s.from.module);
      addrs::ModuleInstance to_module = Join(at, s.to.module);
      std::string from_text, to_text;
      bool exists = false;
      switch (s.kind) {
        case Kind::kResourceInstance: {
          addrs::AbsResourceInstance f{from_module, s.from.resource, s.from.key};
          from_text = f.ToString();
          to_text = addrs::AbsResourceInstance{to_module, s.to.resource, s.to.key}.ToString();
          exists = declared.HasResourceInstance(f);
          break;
        }
        case Kind::kResource: {
          addrs::AbsResource f{from_module, s.from.resource};
          from_text = f.ToString();
          to_text = addrs::AbsResource{to_module, s.to.resource}.ToString();
          exists = declared.HasResource(f);
          break;
        }
        case Kind::kModuleInstance:
          from_text = addrs::ToString(from_module);
          to_text = addrs::ToString(to_module);
          exists = declared.HasModuleInstance(from_module);
          break;
        case Kind::kModuleCall: {
          from_module.back().key = addrs::InstanceKey();
          to_module.back().key = addrs::InstanceKey();
          from_text = addrs::ToString(from_module);
          to_text = addrs::ToString(to_module);
          addrs::ModuleInstance parent = from_module;
          parent.pop_back();
          const ModuleTree* t = Descendant(tree, parent);
          if (t) {
            for (const config::ModuleCall& c : t->module->module_calls) {
              exists = exists || c.name == from_module.back().name;
            }
          }
          break;
        }
      }
      if (from_text == to_text) {
        diags.Error("Redundant move statement",
                    fmt::format("This statement declares a move from {} to the same address, "
                                "which is the same as not declaring this move at all.",
                                from_text),
                    s.decl_range);
        continue;
      }
      if (exists) {
        std::optional<Range> at_range = DeclaredAt(tree, s.kind, from_module, s.from.resource);
        diags.Error("Moved object still exists",
                    fmt::format("This statement declares a move from {}, but that {} is still "
                                "declared{}.\n\nChange your configuration so that this {} will "
                                "be declared as {} instead.",
                                from_text, noun,
                                at_range ? " at " + StartString(*at_range) : "", short_noun,
                                to_text),
                    s.decl_range);
      }
      // Addresses of different kinds never conflict (Terraform keys them by type).
      const std::string kind_key(1, static_cast<char>('0' + static_cast<int>(s.kind)));
      if (auto it = by_from.find(kind_key + from_text); it != by_from.end()) {
        if (it->second.other != to_text) {
          diags.Error("Ambiguous move statements",
                      fmt::format("A statement at {} declared that {} moved to {}, but this "
                                  "statement instead declares that it moved to {}.\n\nEach {} "
                                  "can move to only one destination {}.",
                                  StartString(it->second.range), from_text, it->second.other,
                                  to_text, noun, short_noun),
                      s.decl_range);
        }
      } else {
        by_from[kind_key + from_text] = {to_text, s.decl_range};
      }
      if (auto it = by_to.find(kind_key + to_text); it != by_to.end()) {
        if (it->second.other != from_text) {
          diags.Error("Ambiguous move statements",
                      fmt::format("A statement at {} declared that {} moved to {}, but this "
                                  "statement instead declares that {} moved there.\n\nEach {} "
                                  "can have moved from only one source {}.",
                                  StartString(it->second.range), it->second.other, to_text,
                                  from_text, noun, short_noun),
                      s.decl_range);
        }
      } else {
        by_to[kind_key + to_text] = {from_text, s.decl_range};
      }
    }
  }
  return diags;
}

}  // namespace cairn::planner
