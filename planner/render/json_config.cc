#include "planner/render/json_config.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "lang/base/go_quote.h"
#include "lang/config/static_value.h"
#include "planner/render/json_values.h"

namespace cairn::planner::json_config {

namespace {

using Step = ast::TraversalStep;

// ---------------------------------------------------------------------------------------------
// References.

/// The instance key a literal index step gives (addrs.ParseRef: integer numbers and strings).
std::optional<addrs::InstanceKey> StepKey(const Step& step) {
  if (step.kind != Step::Kind::kIndex || !step.key || step.key->kind != ast::ExprKind::kLiteral) {
    return std::nullopt;
  }
  const ast::LiteralValue& lit = step.key->literal;
  if (lit.kind == ast::LiteralValue::Kind::kString) return addrs::InstanceKey::String(lit.text);
  if (lit.kind == ast::LiteralValue::Kind::kNumber) {
    std::optional<Number> n = Number::Parse(lit.text);
    if (!n || !n->IsInteger()) return std::nullopt;
    std::optional<int64_t> i = n->ToInt64();
    if (!i) return std::nullopt;
    return addrs::InstanceKey::Int(*i);
  }
  return std::nullopt;
}

std::optional<Ref> ParseRef(const ast::Expr& t) {
  const std::string& root = t.root_name;
  const std::vector<Step>& steps = t.steps;
  Ref ref;
  size_t used = 0;
  auto attr_at = [&](size_t i) { return i < steps.size() && steps[i].kind == Step::Kind::kAttr; };
  if (root == "var" || root == "local" || root == "path" || root == "terraform" ||
      root == "count" || root == "each") {
    if (!attr_at(0)) return std::nullopt;
    ref.kind = Ref::Kind::kNamed;
    ref.root = root;
    ref.name = steps[0].name;
    ref.subject = root + "." + ref.name;
    used = 1;
  } else if (root == "self") {
    ref.kind = Ref::Kind::kSelf;
    ref.subject = "self";
  } else if (root == "module") {
    if (!attr_at(0)) return std::nullopt;
    ref.kind = Ref::Kind::kModule;
    ref.name = steps[0].name;
    used = 1;
    if (used < steps.size() && steps[used].kind == Step::Kind::kIndex) {
      std::optional<addrs::InstanceKey> key = StepKey(steps[used]);
      if (!key) return std::nullopt;
      ref.key = *key;
      ++used;
    }
    ref.subject = "module." + ref.name + ref.key.ToString();
    if (attr_at(used)) {
      ref.output = steps[used].name;
      ref.subject += "." + ref.output;
      ++used;
    }
  } else if (root == "template" || root == "lazy" || root == "arg") {
    return std::nullopt;
  } else {
    ref.kind = Ref::Kind::kResource;
    size_t first = 0;
    if (root == "data" || root == "resource") {
      if (!attr_at(0)) return std::nullopt;
      ref.resource.mode =
          root == "data" ? addrs::ResourceMode::kData : addrs::ResourceMode::kManaged;
      ref.resource.type = steps[0].name;
      first = 1;
    } else {
      ref.resource.mode = addrs::ResourceMode::kManaged;
      ref.resource.type = root;
    }
    if (!attr_at(first)) return std::nullopt;
    ref.resource.name = steps[first].name;
    used = first + 1;
    if (used < steps.size() && steps[used].kind == Step::Kind::kIndex) {
      std::optional<addrs::InstanceKey> key = StepKey(steps[used]);
      if (!key) return std::nullopt;
      ref.key = *key;
      ++used;
    }
    ref.subject = ref.resource.ToString() + ref.key.ToString();
  }
  for (size_t i = used; i < steps.size(); i++) ref.remaining.push_back(&steps[i]);
  return ref;
}

/// jsonconfig's traversalStr over `steps[0, n)`.
std::string TraversalString(const std::vector<const Step*>& steps, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; i++) {
    const Step& s = *steps[i];
    if (s.kind == Step::Kind::kAttr) {
      out += "." + s.name;
      continue;
    }
    out.push_back('[');
    if (s.key && s.key->kind == ast::ExprKind::kLiteral) {
      const ast::LiteralValue& lit = s.key->literal;
      if (lit.kind == ast::LiteralValue::Kind::kString) {
        out += GoQuote(lit.text);
      } else if (lit.kind == ast::LiteralValue::Kind::kNumber) {
        if (std::optional<Number> n = Number::Parse(lit.text)) out += n->ToGoGString();
      }
    }
    out.push_back(']');
  }
  return out;
}

/// marshalExpression's "references": each reference unwrapped step by step.
std::vector<std::string> ReferenceStrings(const ast::Expr& expr) {
  std::vector<std::string> out;
  for (const Ref& ref : References(expr)) {
    for (size_t n = ref.remaining.size(); n > 0; n--) {
      out.push_back(ref.subject + TraversalString(ref.remaining, n));
    }
    out.push_back(ref.subject);
    if (ref.kind == Ref::Kind::kModule) {
      if (!ref.output.empty()) {
        out.push_back("module." + ref.name + ref.key.ToString());
      } else if (!ref.key.none()) {
        out.push_back("module." + ref.name);
      }
    } else if (ref.kind == Ref::Kind::kResource && !ref.key.none()) {
      out.push_back(ref.resource.ToString());
    }
  }
  return out;
}

/// marshalExpression: {"constant_value": ...} for an expression that needs no context,
/// {"references": [...]} for one with references, {} otherwise.
Json ExpressionJson(const ast::Expr* expr) {
  Json out = Json::object();
  if (expr == nullptr) return out;
  Diagnostics ignored;
  Value v = config::EvalStatic(*expr, ignored);
  if (v.IsWhollyKnown()) {
    if (std::optional<Json> j = json_values::KnownJson(v, false)) out["constant_value"] = *j;
  }
  std::vector<std::string> refs = ReferenceStrings(*expr);
  if (!refs.empty()) out["references"] = refs;
  return out;
}

/// The names a `depends_on` list refers to (each reference's subject).
std::vector<std::string> DependsOn(const ast::Expr* expr) {
  std::vector<std::string> out;
  if (expr == nullptr) return out;
  for (const Ref& ref : References(*expr)) out.push_back(ref.subject);
  return out;
}

std::optional<std::string> StaticString(const ast::Expr* expr) {
  if (expr == nullptr) return std::nullopt;
  Diagnostics ignored;
  Value v = config::EvalStatic(*expr, ignored);
  if (!v.IsKnown() || v.IsNull() || !v.type().IsString()) return std::nullopt;
  return v.AsString();
}

bool StaticTrue(const ast::Expr* expr) {
  if (expr == nullptr) return false;
  Diagnostics ignored;
  Value v = config::EvalStatic(*expr, ignored);
  return v.IsKnown() && !v.IsNull() && v.type().IsBool() && v.AsBool();
}

// ---------------------------------------------------------------------------------------------
// Bodies.

struct BodyRef {
  std::vector<const ast::Attribute*> attributes;
  std::vector<const ast::Block*> blocks;
};

BodyRef FromBody(const ast::Body& body) {
  BodyRef out;
  for (const auto& a : body.attributes) out.attributes.push_back(&a);
  for (const auto& b : body.blocks) out.blocks.push_back(&b);
  return out;
}

/// marshalExpressions: the body's attributes that `schema` declares as expressions, nested
/// blocks as nested expression objects (lists for list/set nesting, maps by label for map
/// nesting). Without a schema, every attribute.
Json ExpressionsJson(const BodyRef& body, const providers::Block* schema) {
  std::map<std::string, Json> out;
  for (const ast::Attribute* a : body.attributes) {
    if (schema != nullptr && schema->FindAttribute(a->name) == nullptr) continue;
    out[a->name] = ExpressionJson(a->expr.get());
  }
  if (schema != nullptr) {
    for (const ast::Block* b : body.blocks) {
      const providers::NestedBlock* nb = schema->FindBlock(b->type);
      if (nb == nullptr || !b->body) continue;
      Json nested = ExpressionsJson(FromBody(*b->body), &nb->block);
      switch (nb->nesting) {
        case providers::NestingMode::kSingle:
        case providers::NestingMode::kGroup:
          out[b->type] = std::move(nested);
          break;
        case providers::NestingMode::kList:
        case providers::NestingMode::kSet: {
          Json& list = out[b->type];
          if (!list.is_array()) list = Json::array();
          list.push_back(std::move(nested));
          break;
        }
        case providers::NestingMode::kMap: {
          if (b->labels.empty()) break;
          Json& map = out[b->type];
          if (!map.is_object()) map = Json::object();
          map[b->labels[0]] = std::move(nested);
          break;
        }
      }
    }
  }
  Json j = Json::object();
  for (auto& [name, value] : out) j[name] = std::move(value);
  return j;
}

// ---------------------------------------------------------------------------------------------
// Providers.

std::string DefaultFullName(const std::string& local_name) {
  if (local_name == "terraform") return "terraform.io/builtin/terraform";
  return "registry.terraform.io/hashicorp/" + local_name;
}

std::string NormalizeSource(std::string source) {
  std::transform(source.begin(), source.end(), source.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t slashes = std::count(source.begin(), source.end(), '/');
  if (slashes == 0) return DefaultFullName(source);
  if (slashes == 1) return "registry.terraform.io/" + source;
  return source;
}

/// What a module's `required_providers` says about a local name.
struct Requirement {
  std::string full_name;
  std::string version;
};

std::map<std::string, Requirement> Requirements(const config::Module& module) {
  std::map<std::string, Requirement> out;
  for (const config::RequiredProvider& rp : module.terraform.required_providers) {
    Requirement r;
    r.full_name = DefaultFullName(rp.name);
    if (rp.attribute != nullptr && rp.attribute->expr) {
      Diagnostics ignored;
      Value v = config::EvalStatic(*rp.attribute->expr, ignored);
      if (v.IsKnown() && !v.IsNull() && v.type().IsString()) {
        r.version = v.AsString();  // the legacy form `aws = "~> 1.0"` gives only a version
      } else if (v.IsWhollyKnown() && !v.IsNull() && (v.type().IsObject() || v.type().IsMap())) {
        if (const Value* s = v.Find("source"); s && s->type().IsString() && !s->IsNull()) {
          r.full_name = NormalizeSource(s->AsString());
        }
        if (const Value* ver = v.Find("version"); ver && ver->type().IsString() && !ver->IsNull()) {
          r.version = ver->AsString();
        }
      }
    }
    out[rp.name] = std::move(r);
  }
  return out;
}

std::string OpaqueKey(const std::string& provider, const std::string& module_path) {
  return module_path.empty() ? provider : module_path + ":" + provider;
}

/// The local provider name (with ".alias") a resource uses.
std::string ResourceProviderName(const config::Resource& r) {
  if (r.provider) {
    return r.provider->alias.empty() ? r.provider->name
                                     : r.provider->name + "." + r.provider->alias;
  }
  size_t underscore = r.type.find('_');
  return underscore == std::string::npos ? r.type : r.type.substr(0, underscore);
}

std::string LocalName(const std::string& provider_name) {
  size_t dot = provider_name.find('.');
  return dot == std::string::npos ? provider_name : provider_name.substr(0, dot);
}

struct ProviderConfigEntry {
  std::string name;
  std::string full_name;
  std::string alias;
  std::string version_constraint;
  std::string module_address;
  Json expressions;  // null when none
  std::string parent_key;
};

class ConfigWriter {
 public:
  explicit ConfigWriter(const Schemas& schemas) : schemas_(schemas) {}

  Json Write(const ConfigView& root) {
    CollectProviders(root, "", nullptr);
    Json root_module = ModuleJson(root, "");
    Json out = Json::object();
    Json pcs = Json::object();
    for (const auto& [key, pc] : providers_) {
      if (!pc.parent_key.empty()) continue;
      Json p = Json::object();
      if (!pc.name.empty()) p["name"] = pc.name;
      if (!pc.full_name.empty()) p["full_name"] = pc.full_name;
      if (!pc.alias.empty()) p["alias"] = pc.alias;
      if (!pc.version_constraint.empty()) p["version_constraint"] = pc.version_constraint;
      if (!pc.module_address.empty()) p["module_address"] = pc.module_address;
      if (pc.expressions.is_object() && !pc.expressions.empty()) p["expressions"] = pc.expressions;
      pcs[key] = std::move(p);
    }
    if (!pcs.empty()) out["provider_config"] = std::move(pcs);
    out["root_module"] = std::move(root_module);
    return out;
  }

 private:
  std::string FindSourceKey(const std::string& start, const std::string& full_name) const {
    std::string parent;
    std::string key = start;
    std::set<std::string> seen;
    while (!key.empty() && seen.insert(key).second) {
      auto it = providers_.find(key);
      if (it == providers_.end() || it->second.full_name != full_name) break;
      parent = key;
      key = it->second.parent_key;
    }
    return parent;
  }

  void CollectProviders(const ConfigView& view, const std::string& path,
                        const std::string* parent_path) {
    if (view.module == nullptr) return;
    const config::Module& m = *view.module;
    std::map<std::string, Requirement> reqs = Requirements(m);
    auto full_name = [&](const std::string& local) {
      auto it = reqs.find(local);
      return it != reqs.end() ? it->second.full_name : DefaultFullName(local);
    };
    auto version = [&](const std::string& local) {
      auto it = reqs.find(local);
      return it != reqs.end() ? it->second.version : std::string();
    };
    for (const config::ProviderConfig& pc : m.providers) {
      ProviderConfigEntry e;
      e.name = pc.name;
      e.full_name = full_name(pc.name);
      e.alias = pc.alias;
      e.module_address = path;
      e.version_constraint = version(pc.name);
      auto schema = schemas_.find(e.full_name);
      BodyRef body{pc.config.attributes, pc.config.blocks};
      e.expressions = ExpressionsJson(
          body, schema == schemas_.end() ? nullptr : &schema->second.provider.block);
      providers_[OpaqueKey(pc.alias.empty() ? pc.name : pc.name + "." + pc.alias, path)] = e;
    }
    // Every provider the module requires, explicitly or implied by its resources.
    std::vector<std::string> locals;
    for (const auto& [name, r] : reqs) locals.push_back(name);
    auto add_implied = [&](const std::vector<config::Resource>& resources) {
      for (const config::Resource& r : resources) {
        if (r.mode == config::ResourceMode::kEphemeral) continue;
        std::string local = LocalName(ResourceProviderName(r));
        if (std::find(locals.begin(), locals.end(), local) == locals.end()) locals.push_back(local);
      }
    };
    add_implied(m.resources);
    add_implied(m.data_resources);
    for (const std::string& local : locals) {
      std::string key = OpaqueKey(local, path);
      if (providers_.count(key)) continue;
      ProviderConfigEntry e;
      e.name = local;
      e.full_name = full_name(local);
      e.module_address = path;
      e.version_constraint = version(local);
      if (parent_path != nullptr)
        e.parent_key = FindSourceKey(OpaqueKey(local, *parent_path), e.full_name);
      providers_[key] = e;
    }
    for (const auto& [name, child] : view.children) {
      CollectProviders(child, path.empty() ? "module." + name : path + ".module." + name, &path);
    }
  }

  std::string ResourceProviderKey(const config::Resource& r, const std::string& path) const {
    std::string key = OpaqueKey(ResourceProviderName(r), path);
    auto it = providers_.find(key);
    if (it != providers_.end() && !it->second.parent_key.empty() &&
        providers_.count(it->second.parent_key)) {
      return it->second.parent_key;
    }
    return key;
  }

  const providers::Schema* ResourceSchema(const config::Resource& r,
                                          const std::string& path) const {
    std::string local = LocalName(ResourceProviderName(r));
    auto pc = providers_.find(OpaqueKey(local, path));
    std::string full = pc != providers_.end() ? pc->second.full_name : DefaultFullName(local);
    auto it = schemas_.find(full);
    if (it == schemas_.end()) return nullptr;
    const auto& table =
        r.mode == config::ResourceMode::kData ? it->second.data_sources : it->second.resource_types;
    auto found = table.find(r.type);
    return found == table.end() ? nullptr : &found->second;
  }

  Json ResourcesJson(const config::Module& m, const std::string& path) const {
    std::vector<std::pair<std::string, Json>> out;
    auto add = [&](const config::Resource& r) {
      if (r.mode == config::ResourceMode::kEphemeral) return;
      bool data = r.mode == config::ResourceMode::kData;
      std::string address = (data ? "data." : "") + r.type + "." + r.name;
      Json j = Json::object();
      j["address"] = address;
      j["mode"] = data ? "data" : "managed";
      j["type"] = r.type;
      j["name"] = r.name;
      j["provider_config_key"] = ResourceProviderKey(r, path);
      if (!r.provisioners.empty()) {
        // Provisioner schemas are not known here: every argument but the meta-arguments.
        Json provisioners = Json::array();
        for (const config::Provisioner& p : r.provisioners) {
          Json pj = Json::object();
          pj["type"] = p.type;
          BodyRef body;
          if (p.block != nullptr && p.block->body) {
            for (const ast::Attribute& a : p.block->body->attributes) {
              if (a.name != "when" && a.name != "on_failure") body.attributes.push_back(&a);
            }
          }
          Json expressions = ExpressionsJson(body, nullptr);
          if (!expressions.empty()) pj["expressions"] = std::move(expressions);
          provisioners.push_back(std::move(pj));
        }
        j["provisioners"] = std::move(provisioners);
      }
      const providers::Schema* schema = ResourceSchema(r, path);
      Json expressions = ExpressionsJson(BodyRef{r.config.attributes, r.config.blocks},
                                         schema ? &schema->block : nullptr);
      if (!expressions.empty()) j["expressions"] = std::move(expressions);
      j["schema_version"] = schema ? static_cast<uint64_t>(schema->version) : 0;
      Json count = ExpressionJson(r.count);
      if (!count.empty()) {
        j["count_expression"] = std::move(count);
      } else {
        Json for_each = ExpressionJson(r.for_each);
        if (!for_each.empty()) j["for_each_expression"] = std::move(for_each);
      }
      std::vector<std::string> deps = DependsOn(r.depends_on);
      if (!deps.empty()) j["depends_on"] = deps;
      out.emplace_back(address, std::move(j));
    };
    for (const config::Resource& r : m.resources) add(r);
    for (const config::Resource& r : m.data_resources) add(r);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    Json arr = Json::array();
    for (auto& [address, j] : out) arr.push_back(std::move(j));
    return arr;
  }

  Json ModuleJson(const ConfigView& view, const std::string& path) const {
    Json out = Json::object();
    if (view.module == nullptr) return out;
    const config::Module& m = *view.module;
    std::map<std::string, Json> outputs;
    for (const config::Output& o : m.outputs) {
      Json j = Json::object();
      if (StaticTrue(o.sensitive)) j["sensitive"] = true;
      j["expression"] = ExpressionJson(o.value);
      std::vector<std::string> deps = DependsOn(o.depends_on);
      if (!deps.empty()) j["depends_on"] = deps;
      if (std::optional<std::string> d = StaticString(o.description); d && !d->empty()) {
        j["description"] = *d;
      }
      outputs[o.name] = std::move(j);
    }
    if (!outputs.empty()) {
      Json oj = Json::object();
      for (auto& [name, j] : outputs) oj[name] = std::move(j);
      out["outputs"] = std::move(oj);
    }
    Json resources = ResourcesJson(m, path);
    if (!resources.empty()) out["resources"] = std::move(resources);
    std::map<std::string, Json> calls;
    for (const config::ModuleCall& call : m.module_calls) {
      auto child = view.children.find(call.name);
      Json j = Json::object();
      if (child == view.children.end() || child->second.module == nullptr) {
        j["module"] = Json::object();
        calls[call.name] = std::move(j);
        continue;
      }
      const config::Module& cm = *child->second.module;
      if (!call.source_text.empty()) j["source"] = call.source_text;
      providers::Block vars_schema;
      for (const config::Variable& v : cm.variables) {
        providers::Attribute a;
        a.name = v.name;
        vars_schema.attributes.push_back(a);
      }
      std::sort(vars_schema.attributes.begin(), vars_schema.attributes.end(),
                [](const auto& a, const auto& b) { return a.name < b.name; });
      Json expressions =
          ExpressionsJson(BodyRef{call.config.attributes, call.config.blocks}, &vars_schema);
      if (!expressions.empty()) j["expressions"] = std::move(expressions);
      Json count = ExpressionJson(call.count);
      if (!count.empty()) {
        j["count_expression"] = std::move(count);
      } else {
        Json for_each = ExpressionJson(call.for_each);
        if (!for_each.empty()) j["for_each_expression"] = std::move(for_each);
      }
      std::string child_path = path.empty() ? "module." + call.name : path + ".module." + call.name;
      j["module"] = ModuleJson(child->second, child_path);
      if (std::optional<std::string> v = StaticString(call.version); v && !v->empty()) {
        j["version_constraint"] = *v;
      }
      std::vector<std::string> deps = DependsOn(call.depends_on);
      if (!deps.empty()) j["depends_on"] = deps;
      calls[call.name] = std::move(j);
    }
    if (!calls.empty()) {
      Json cj = Json::object();
      for (auto& [name, j] : calls) cj[name] = std::move(j);
      out["module_calls"] = std::move(cj);
    }
    std::map<std::string, Json> vars;
    for (const config::Variable& v : m.variables) {
      Json j = Json::object();
      if (v.default_value != nullptr) {
        Diagnostics ignored;
        // The default as written (lang/base/convert.h cannot be included beside value_path.h
        // yet: both define PathStep), not converted to the type constraint.
        Value d = config::EvalStatic(*v.default_value, ignored);
        if (d.IsWhollyKnown()) {
          if (std::optional<Json> dj = json_values::KnownJson(d, false)) j["default"] = *dj;
        }
      }
      if (std::optional<std::string> d = StaticString(v.description); d && !d->empty()) {
        j["description"] = *d;
      }
      if (StaticTrue(v.sensitive)) j["sensitive"] = true;
      vars[v.name] = std::move(j);
    }
    if (!vars.empty()) {
      Json vj = Json::object();
      for (auto& [name, j] : vars) vj[name] = std::move(j);
      out["variables"] = std::move(vj);
    }
    return out;
  }

  const Schemas& schemas_;
  std::map<std::string, ProviderConfigEntry> providers_;
};

// ---------------------------------------------------------------------------------------------
// Relevant attributes.

/// The configuration of the module at `path` (instance keys ignored), or null.
const ConfigView* FindView(const ConfigView& root, const addrs::ModuleInstance& path) {
  const ConfigView* view = &root;
  for (const auto& step : path) {
    auto it = view->children.find(step.name);
    if (it == view->children.end()) return nullptr;
    view = &it->second;
  }
  return view;
}

const config::Resource* FindResource(const config::Module& m, const addrs::Resource& r) {
  const auto& list = r.mode == addrs::ResourceMode::kData ? m.data_resources : m.resources;
  for (const config::Resource& c : list) {
    if (c.type == r.type && c.name == r.name) return &c;
  }
  return nullptr;
}

void BodyExpressions(const BodyRef& body, std::vector<const ast::Expr*>& out) {
  for (const ast::Attribute* a : body.attributes) out.push_back(a->expr.get());
  for (const ast::Block* b : body.blocks) {
    if (b->body) BodyExpressions(FromBody(*b->body), out);
  }
}

struct RelevantAttr {
  addrs::AbsResourceInstance resource;
  Json path;
  std::string sort_key;
};

class RelevantWalker {
 public:
  RelevantWalker(const ConfigView& root) : root_(root) {}

  /// Follows the references of `expr`, evaluated in module instance `module`.
  void FollowExpr(const ast::Expr* expr, const addrs::ModuleInstance& module) {
    if (expr == nullptr) return;
    for (const Ref& ref : References(*expr)) Follow(ref, module);
  }

  void FollowResource(const addrs::AbsResourceInstance& addr) {
    const ConfigView* view = FindView(root_, addr.module);
    if (view == nullptr || view->module == nullptr) return;
    std::string key = "resource " + addr.ContainingResource().ToString();
    if (!visited_.insert(key).second) return;
    const config::Resource* r = FindResource(*view->module, addr.resource);
    if (r == nullptr) return;
    std::vector<const ast::Expr*> exprs;
    BodyExpressions(BodyRef{r->config.attributes, r->config.blocks}, exprs);
    exprs.push_back(r->count);
    exprs.push_back(r->for_each);
    for (const ast::Expr* e : exprs) FollowExpr(e, addr.module);
  }

  void FollowOutput(const addrs::ModuleInstance& module, const std::string& name) {
    const ConfigView* view = FindView(root_, module);
    if (view == nullptr || view->module == nullptr) return;
    if (!visited_.insert("output " + addrs::ToString(module) + "." + name).second) return;
    for (const config::Output& o : view->module->outputs) {
      if (o.name == name) FollowExpr(o.value, module);
    }
  }

  std::vector<RelevantAttr>& result() { return result_; }

 private:
  void Follow(const Ref& ref, const addrs::ModuleInstance& module) {
    switch (ref.kind) {
      case Ref::Kind::kSelf:
        return;
      case Ref::Kind::kNamed: {
        const ConfigView* view = FindView(root_, module);
        if (view == nullptr || view->module == nullptr) return;
        if (ref.root == "local") {
          if (!visited_.insert("local " + addrs::ToString(module) + "." + ref.name).second) return;
          for (const config::Local& l : view->module->locals) {
            if (l.name == ref.name) FollowExpr(l.expr, module);
          }
        } else if (ref.root == "var" && !module.empty()) {
          if (!visited_.insert("var " + addrs::ToString(module) + "." + ref.name).second) return;
          addrs::ModuleInstance parent(module.begin(), module.end() - 1);
          const ConfigView* pv = FindView(root_, parent);
          if (pv == nullptr || pv->module == nullptr) return;
          for (const config::ModuleCall& call : pv->module->module_calls) {
            if (call.name != module.back().name) continue;
            if (const ast::Attribute* a = call.config.Find(ref.name)) {
              FollowExpr(a->expr.get(), parent);
            }
          }
        }
        return;
      }
      case Ref::Kind::kModule: {
        addrs::ModuleInstance child = module;
        child.push_back({ref.name, ref.key});
        const ConfigView* view = FindView(root_, child);
        if (view == nullptr || view->module == nullptr) return;
        if (!ref.output.empty()) {
          FollowOutput(child, ref.output);
        } else {
          for (const config::Output& o : view->module->outputs) FollowOutput(child, o.name);
        }
        return;
      }
      case Ref::Kind::kResource: {
        addrs::AbsResourceInstance addr{module, ref.resource, ref.key};
        Json path = Json::array();
        std::string sort_key;
        for (const Step* s : ref.remaining) {
          if (s->kind == Step::Kind::kAttr) {
            path.push_back(s->name);
          } else if (s->key && s->key->kind == ast::ExprKind::kLiteral) {
            const ast::LiteralValue& lit = s->key->literal;
            if (lit.kind == ast::LiteralValue::Kind::kString) {
              path.push_back(lit.text);
            } else if (std::optional<Number> n = Number::Parse(lit.text)) {
              path.push_back(json_values::NumberJson(*n));
            }
          }
        }
        std::string id = addr.ToString() + " " + path.dump();
        if (seen_attrs_.insert(id).second) result_.push_back({addr, std::move(path), id});
        FollowResource(addr);
        return;
      }
    }
  }

  const ConfigView& root_;
  std::set<std::string> visited_;
  std::set<std::string> seen_attrs_;
  std::vector<RelevantAttr> result_;
};

}  // namespace

std::vector<Ref> References(const ast::Expr& expr) {
  std::vector<Ref> out;
  for (const ast::Expr* t : config::Variables(expr)) {
    if (std::optional<Ref> r = ParseRef(*t)) out.push_back(std::move(*r));
  }
  return out;
}

Json ConfigurationJson(const ConfigView& config, const Schemas& schemas) {
  return ConfigWriter(schemas).Write(config);
}

Json RelevantAttributes(const Plan& plan, const ConfigView& config) {
  RelevantWalker walker(config);
  std::set<std::string> module_instances;
  for (const ResourceInstanceChange& c : plan.changes) {
    if (c.action != Action::kNoOp) walker.FollowResource(c.addr);
    // Outputs of child module instances are planned as new on every run.
    for (size_t n = 1; n <= c.addr.module.size(); n++) {
      addrs::ModuleInstance m(c.addr.module.begin(), c.addr.module.begin() + n);
      if (!module_instances.insert(addrs::ToString(m)).second) continue;
      if (const ConfigView* view = FindView(config, m); view && view->module) {
        for (const config::Output& o : view->module->outputs) walker.FollowOutput(m, o.name);
      }
    }
  }
  for (const OutputChange& o : plan.outputs) {
    if (o.action != Action::kNoOp) walker.FollowOutput({}, o.name);
  }
  std::vector<RelevantAttr>& attrs = walker.result();
  std::stable_sort(attrs.begin(), attrs.end(), [](const RelevantAttr& a, const RelevantAttr& b) {
    if (a.resource != b.resource) return a.resource < b.resource;
    return a.sort_key < b.sort_key;
  });
  Json out = Json::array();
  for (RelevantAttr& a : attrs) {
    Json j = Json::object();
    j["resource"] = a.resource.ToString();
    j["attribute"] = std::move(a.path);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace cairn::planner::json_config
