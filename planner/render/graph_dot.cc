#include "planner/render/graph_dot.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/config/static_value.h"
#include "planner/values/references.h"

namespace cairn::planner {
namespace {

enum class VKind : uint8_t {
  kRootVariable,
  kVariable,
  kLocal,
  kOutput,
  kResource,  ///< managed and data resources (GraphNodeConfigResource)
  kModuleExpand,
  kModuleClose,
  kProvider,
  kProviderClose,
  kRoot,
  kDestroy,
};

struct Vertex {
  std::string name;  ///< Terraform's vertex name ("terraform_data.a (expand)"), unique here
  /// The name DOT shows when it differs from `name`: Terraform names an object's destroy
  /// vertex after its resource, so several vertices can show one name.
  std::string display;
  VKind kind;
  std::string label;  ///< DOT label of declared vertices
  // Resources only, for the resources-only graph:
  std::string module;  ///< "module.a.module.b", "" for the root module
  bool data = false;
  std::string type, resource_name;
};

/// The default provider address Terraform implies for a resource type (the type's prefix,
/// terraform_* being the built-in provider's), or the one its `provider` argument names.
std::string ProviderVertexName(const config::Resource& r) {
  std::string local = r.provider ? r.provider->name : r.type.substr(0, r.type.find('_'));
  std::string source = local == "terraform" ? "terraform.io/builtin/terraform"
                                            : "registry.terraform.io/hashicorp/" + local;
  std::string name = "provider[\"" + source + "\"]";
  if (r.provider && !r.provider->alias.empty()) name += "." + r.provider->alias;
  return name;
}

class GraphBuilder {
 public:
  uint32_t Add(const std::string& name, VKind kind, const std::string& label = "") {
    auto [it, inserted] = ids_.emplace(name, static_cast<uint32_t>(vertices_.size()));
    if (inserted) vertices_.push_back({name, "", kind, label, "", false, "", ""});
    return it->second;
  }
  uint32_t Find(const std::string& name) const {
    auto it = ids_.find(name);
    return it == ids_.end() ? kNone : it->second;
  }
  void Edge(uint32_t from, uint32_t to) {
    if (from != kNone && to != kNone && from != to) edges_.insert({from, to});
  }
  std::vector<Vertex>& vertices() { return vertices_; }
  std::set<std::pair<uint32_t, uint32_t>>& edges() { return edges_; }

  static constexpr uint32_t kNone = UINT32_MAX;

 private:
  std::vector<Vertex> vertices_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::set<std::pair<uint32_t, uint32_t>> edges_;
};

/// One module of the tree, with where its vertices are.
struct Scope {
  const ModuleTree* tree = nullptr;
  const Scope* parent = nullptr;
  const config::ModuleCall* call = nullptr;
  std::string path;    ///< "module.a.module.b", "" for the root
  std::string prefix;  ///< path + "." or ""
  uint32_t expand = GraphBuilder::kNone, close = GraphBuilder::kNone;
  std::vector<uint32_t> members;  ///< every vertex inside (nested modules' expand/close too)
  std::vector<std::unique_ptr<Scope>> children;
};

class ConfigGraph {
 public:
  explicit ConfigGraph(const ModuleTree& tree) {
    root_.tree = &tree;
    Declare(root_);
    AddEdges(root_);
    for (const auto& [provider, resources] : provider_users_) {
      uint32_t close = g_.Find(provider + " (close)");
      g_.Edge(close, g_.Find(provider));
      for (uint32_t r : resources) g_.Edge(close, r);
    }
    AddRoot();
  }

  GraphBuilder& graph() { return g_; }

 private:
  void Declare(Scope& s) {
    const config::Module& m = *s.tree->module;
    for (const config::Variable& v : m.variables) {
      s.members.push_back(s.path.empty()
                              ? g_.Add("var." + v.name, VKind::kRootVariable, "var." + v.name)
                              : g_.Add(s.prefix + "var." + v.name + " (expand)", VKind::kVariable));
    }
    for (const config::Local& l : m.locals) {
      s.members.push_back(g_.Add(s.prefix + "local." + l.name + " (expand)", VKind::kLocal));
    }
    for (const config::Output& o : m.outputs) {
      s.members.push_back(g_.Add(s.prefix + "output." + o.name + " (expand)", VKind::kOutput));
    }
    auto resource = [&](const config::Resource& r, bool data) {
      std::string addr = (data ? "data." : "") + r.type + "." + r.name;
      uint32_t id = g_.Add(s.prefix + addr + " (expand)", VKind::kResource, s.prefix + addr);
      Vertex& v = g_.vertices()[id];
      v.module = s.path;
      v.data = data;
      v.type = r.type;
      v.resource_name = r.name;
      s.members.push_back(id);
      std::string provider = ProviderVertexName(r);
      g_.Add(provider, VKind::kProvider, provider);
      g_.Add(provider + " (close)", VKind::kProviderClose);
      provider_users_[provider].push_back(id);
    };
    for (const config::Resource& r : m.resources) {
      if (r.mode == config::ResourceMode::kManaged) resource(r, false);
    }
    for (const config::Resource& r : m.data_resources) resource(r, true);
    for (const config::ModuleCall& call : m.module_calls) {
      auto it = s.tree->children.find(call.name);
      if (it == s.tree->children.end() || !it->second) continue;
      auto child = std::make_unique<Scope>();
      child->tree = it->second.get();
      child->parent = &s;
      child->call = &call;
      child->path = s.prefix + "module." + call.name;
      child->prefix = child->path + ".";
      child->expand = g_.Add(child->path + " (expand)", VKind::kModuleExpand);
      child->close = g_.Add(child->path + " (close)", VKind::kModuleClose);
      s.members.push_back(child->expand);
      s.members.push_back(child->close);
      Declare(*child);
      s.children.push_back(std::move(child));
    }
  }

  /// Edges from `from` to what `expr` refers to in module `s`.
  void Refs(const Scope& s, uint32_t from, const ast::Expr* expr) {
    if (!expr) return;
    using K = Reference::Kind;
    for (const ast::Expr* t : config::Variables(*expr)) {
      ParseReferenceResult parsed = ParseReference(t->root_name, t->steps, t->root_range);
      if (parsed.diagnostics.HasErrors()) continue;
      const Reference& ref = parsed.reference;
      switch (ref.kind) {
        case K::kInputVariable:
          g_.Edge(from, g_.Find(s.path.empty() ? "var." + ref.name
                                               : s.prefix + "var." + ref.name + " (expand)"));
          break;
        case K::kLocal:
          g_.Edge(from, g_.Find(s.prefix + "local." + ref.name + " (expand)"));
          break;
        case K::kManagedResource:
          g_.Edge(from, g_.Find(s.prefix + ref.type + "." + ref.name + " (expand)"));
          break;
        case K::kDataResource:
          g_.Edge(from, g_.Find(s.prefix + "data." + ref.type + "." + ref.name + " (expand)"));
          break;
        case K::kModuleCall: {
          std::string child = s.prefix + "module." + ref.name;
          size_t i = ref.steps_used;
          if (i < t->steps.size() && t->steps[i].kind == ast::TraversalStep::Kind::kIndex) ++i;
          uint32_t output = GraphBuilder::kNone;
          if (i < t->steps.size() && t->steps[i].kind == ast::TraversalStep::Kind::kAttr) {
            output = g_.Find(child + ".output." + t->steps[i].name + " (expand)");
          }
          g_.Edge(from, output != GraphBuilder::kNone ? output : g_.Find(child + " (close)"));
          break;
        }
        default:
          break;
      }
    }
  }

  void BlockRefs(const Scope& s, uint32_t from, const ast::Block& b) {
    for (const ast::Attribute& a : b.body->attributes) Refs(s, from, a.expr.get());
    for (const ast::Block& nested : b.body->blocks) BlockRefs(s, from, nested);
  }

  void Rules(const Scope& s, uint32_t from, const std::vector<config::CheckRule>& rules) {
    for (const config::CheckRule& rule : rules) {
      Refs(s, from, rule.condition);
      Refs(s, from, rule.error_message);
    }
  }

  void AddEdges(Scope& s) {
    const config::Module& m = *s.tree->module;
    const bool child = s.parent != nullptr;
    for (const config::Variable& v : m.variables) {
      if (!child) continue;
      uint32_t id = g_.Find(s.prefix + "var." + v.name + " (expand)");
      g_.Edge(id, s.expand);
      if (const ast::Attribute* a = s.call->config.Find(v.name)) Refs(*s.parent, id, a->expr.get());
    }
    for (const config::Local& l : m.locals) {
      uint32_t id = g_.Find(s.prefix + "local." + l.name + " (expand)");
      if (child) g_.Edge(id, s.expand);
      Refs(s, id, l.expr);
    }
    for (const config::Output& o : m.outputs) {
      uint32_t id = g_.Find(s.prefix + "output." + o.name + " (expand)");
      if (child) g_.Edge(id, s.expand);
      Refs(s, id, o.value);
      Refs(s, id, o.depends_on);
      Rules(s, id, o.preconditions);
    }
    auto resource = [&](const config::Resource& r, bool data) {
      uint32_t id = g_.Find(s.prefix + (data ? "data." : "") + r.type + "." + r.name + " (expand)");
      if (child) g_.Edge(id, s.expand);
      g_.Edge(id, g_.Find(ProviderVertexName(r)));
      Refs(s, id, r.count);
      Refs(s, id, r.for_each);
      Refs(s, id, r.depends_on);
      Refs(s, id, r.replace_triggered_by);
      for (const ast::Attribute* a : r.config.attributes) Refs(s, id, a->expr.get());
      for (const ast::Block* b : r.config.blocks) BlockRefs(s, id, *b);
      Rules(s, id, r.preconditions);
      Rules(s, id, r.postconditions);
    };
    for (const config::Resource& r : m.resources) {
      if (r.mode == config::ResourceMode::kManaged) resource(r, false);
    }
    for (const config::Resource& r : m.data_resources) resource(r, true);
    for (const auto& c : s.children) {
      if (child) g_.Edge(c->expand, s.expand);
      Refs(s, c->expand, c->call->count);
      Refs(s, c->expand, c->call->for_each);
      Refs(s, c->expand, c->call->depends_on);
      AddEdges(*c);
      g_.Edge(c->close, c->expand);
      for (uint32_t member : c->members) g_.Edge(c->close, member);
    }
  }

  /// Terraform's RootTransformer: `root` depends on every vertex nothing depends on.
  void AddRoot() {
    std::vector<bool> has_dependent(g_.vertices().size(), false);
    for (const auto& [from, to] : g_.edges()) has_dependent[to] = true;
    uint32_t root = g_.Add("root", VKind::kRoot);
    for (uint32_t v = 0; v < root; ++v) {
      if (!has_dependent[v]) g_.Edge(root, v);
    }
  }

  GraphBuilder g_;
  Scope root_;
  std::map<std::string, std::vector<uint32_t>> provider_users_;
};

using Adjacency = std::vector<std::vector<uint32_t>>;

Adjacency AdjacencyOf(size_t n, const std::set<std::pair<uint32_t, uint32_t>>& edges) {
  Adjacency out(n);
  for (const auto& [from, to] : edges) out[from].push_back(to);
  return out;
}

/// Strongly connected component of every vertex (Tarjan, iterative); `cyclic[c]` when
/// component c is a cycle.
std::vector<uint32_t> Components(const Adjacency& adj, std::vector<bool>* cyclic) {
  const uint32_t n = static_cast<uint32_t>(adj.size());
  constexpr uint32_t kUnset = UINT32_MAX;
  std::vector<uint32_t> index(n, kUnset), low(n, 0), comp(n, kUnset);
  std::vector<bool> on_stack(n, false);
  std::vector<uint32_t> stack;
  uint32_t next = 0, comps = 0;
  std::vector<std::pair<uint32_t, size_t>> work;
  for (uint32_t start = 0; start < n; ++start) {
    if (index[start] != kUnset) continue;
    work.push_back({start, 0});
    while (!work.empty()) {
      auto& [v, i] = work.back();
      if (i == 0 && index[v] == kUnset) {
        index[v] = low[v] = next++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (i < adj[v].size()) {
        uint32_t w = adj[v][i++];
        if (index[w] == kUnset) {
          work.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        size_t size = 0;
        bool self_loop = false;
        uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp[w] = comps;
          ++size;
        } while (w != v);
        for (uint32_t x : adj[v]) self_loop = self_loop || x == v;
        cyclic->push_back(size > 1 || self_loop);
        ++comps;
      }
      uint32_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return comp;
}

/// Terraform's TransitiveReduction: an edge u -> w goes when w is reachable from u through
/// another of u's dependencies. Precondition: acyclic.
void TransitiveReduction(size_t n, std::set<std::pair<uint32_t, uint32_t>>& edges) {
  Adjacency adj = AdjacencyOf(n, edges);
  std::vector<uint32_t> seen(n, UINT32_MAX);
  std::vector<uint32_t> stack;
  for (uint32_t u = 0; u < n; ++u) {
    if (adj[u].size() < 2) continue;
    // Everything reachable from u's dependencies in one or more further steps.
    stack.clear();
    for (uint32_t v : adj[u]) {
      for (uint32_t w : adj[v]) {
        if (seen[w] != u) seen[w] = u, stack.push_back(w);
      }
    }
    while (!stack.empty()) {
      uint32_t x = stack.back();
      stack.pop_back();
      for (uint32_t w : adj[x]) {
        if (seen[w] != u) seen[w] = u, stack.push_back(w);
      }
    }
    for (uint32_t v : adj[u]) {
      if (seen[v] == u) edges.erase({u, v});
    }
  }
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// Cycle errors as Terraform's: "Cycle: a, b" with every vertex of each cycle.
Diagnostics CycleErrors(const std::vector<Vertex>& vertices, const std::vector<uint32_t>& comp,
                        const std::vector<bool>& cyclic) {
  Diagnostics diags;
  std::map<uint32_t, std::vector<std::string>> members;
  for (uint32_t v = 0; v < vertices.size(); ++v) {
    if (cyclic[comp[v]]) members[comp[v]].push_back(vertices[v].name);
  }
  for (auto& [c, names] : members) {
    std::sort(names.begin(), names.end());
    std::string text;
    for (const std::string& n : names) text += (text.empty() ? "" : ", ") + n;
    diags.Error("Cycle: " + text, "");
  }
  return diags;
}

/// dag.Dot as Terraform writes an operation graph.
std::string OperationDot(const std::vector<Vertex>& vertices,
                         const std::set<std::pair<uint32_t, uint32_t>>& edges,
                         const std::vector<uint32_t>* comp, const std::vector<bool>* cyclic) {
  std::vector<uint32_t> declared;
  for (uint32_t v = 0; v < vertices.size(); ++v) {
    VKind k = vertices[v].kind;
    if (k == VKind::kResource || k == VKind::kProvider || k == VKind::kRootVariable ||
        k == VKind::kDestroy) {
      declared.push_back(v);
    }
  }
  auto shown = [&](uint32_t v) -> const std::string& {
    return vertices[v].display.empty() ? vertices[v].name : vertices[v].display;
  };
  auto name = [&](uint32_t v) { return "[root] " + shown(v); };
  std::sort(declared.begin(), declared.end(),
            [&](uint32_t a, uint32_t b) { return shown(a) < shown(b); });
  // One line per pair of shown names (Terraform's dot writer dedupes edges by name).
  std::map<std::pair<std::string, std::string>, std::pair<uint32_t, uint32_t>> unique;
  for (const auto& [from, to] : edges)
    unique.emplace(std::pair{shown(from), shown(to)}, std::pair{from, to});
  std::vector<std::pair<uint32_t, uint32_t>> sorted;
  for (const auto& [names, edge] : unique) sorted.push_back(edge);
  std::string out =
      "digraph {\n\tcompound = \"true\"\n\tnewrank = \"true\"\n\tsubgraph \"root\" {\n";
  for (uint32_t v : declared) {
    const char* shape = vertices[v].kind == VKind::kProvider       ? "diamond"
                        : vertices[v].kind == VKind::kRootVariable ? "note"
                                                                   : "box";
    out += "\t\t" + Quote(name(v)) + " [label = " + Quote(vertices[v].label) + ", shape = \"" +
           shape + "\"]\n";
  }
  for (const auto& [from, to] : sorted) {
    out += "\t\t" + Quote(name(from)) + " -> " + Quote(name(to));
    if (comp && (*cyclic)[(*comp)[from]] && (*comp)[from] == (*comp)[to]) {
      out += " [color = \"red\", penwidth = \"2.0\"]";
    }
    out += "\n";
  }
  out += "\t}\n}\n";
  return out;
}

/// Terraform's resourceOnlyGraph over the resources' dependencies (through any other
/// vertices), transitively reduced.
std::string ResourcesDot(const std::vector<Vertex>& vertices,
                         const std::set<std::pair<uint32_t, uint32_t>>& edges, bool reduce) {
  const size_t n = vertices.size();
  Adjacency adj = AdjacencyOf(n, edges);
  std::vector<uint32_t> resources;
  for (uint32_t v = 0; v < n; ++v) {
    if (vertices[v].kind == VKind::kResource) resources.push_back(v);
  }
  std::set<std::pair<uint32_t, uint32_t>> deps;
  std::vector<uint32_t> seen(n, UINT32_MAX), stack;
  for (uint32_t r : resources) {
    stack.assign(adj[r].begin(), adj[r].end());
    for (uint32_t x : stack) seen[x] = r;
    while (!stack.empty()) {
      uint32_t x = stack.back();
      stack.pop_back();
      if (vertices[x].kind == VKind::kResource) {
        if (x != r) deps.insert({r, x});
        continue;
      }
      for (uint32_t w : adj[x]) {
        if (seen[w] != r) seen[w] = r, stack.push_back(w);
      }
    }
  }
  if (reduce) TransitiveReduction(n, deps);
  std::sort(resources.begin(), resources.end(), [&](uint32_t a, uint32_t b) {
    const Vertex& x = vertices[a];
    const Vertex& y = vertices[b];
    if (x.module != y.module) return x.module < y.module;
    if (x.data != y.data) return x.data;
    if (x.type != y.type) return x.type < y.type;
    return x.resource_name < y.resource_name;
  });
  std::string out =
      "digraph G {\n  rankdir = \"RL\";\n  node [shape = rect, fontname = \"sans-serif\"];\n";
  if (resources.empty()) {
    out += "  /* This configuration does not contain any resources.         */\n";
    out += "  /* For a more detailed graph, try: cairn graph -type=plan */\n";
  }
  std::string current;
  for (uint32_t r : resources) {
    const Vertex& v = vertices[r];
    if (v.module != current) {
      if (!current.empty()) out += "  }\n";
      current = v.module;
      out += "  subgraph " + Quote("cluster_" + current) + " {\n";
      out += "    label = " + Quote(current) + "\n";
      out += "    fontname = \"sans-serif\"\n";
    }
    std::string local = (v.data ? "data." : "") + v.type + "." + v.resource_name;
    out += (current.empty() ? "  " : "    ") + Quote(v.label) + " [label=" + Quote(local) + "];\n";
  }
  if (!current.empty()) out += "  }\n";
  for (uint32_t from : resources) {
    for (uint32_t to : resources) {
      if (deps.count({from, to})) {
        out += "  " + Quote(vertices[from].label) + " -> " + Quote(vertices[to].label) + ";\n";
      }
    }
  }
  out += "}\n";
  return out;
}

/// Terraform's destroy plan graph: the root module's outputs, one "(destroy)" vertex per
/// object in the state (an object is destroyed before what it depends on), the providers.
GraphBuilder DestroyGraph(const ModuleTree& tree, const state::State& state) {
  GraphBuilder g;
  for (const config::Output& o : tree.module->outputs) {
    g.Add("output." + o.name + " (expand)", VKind::kOutput);
  }
  std::map<std::string, std::vector<uint32_t>> by_resource;  // "module.m.type.name" -> ids
  std::vector<std::pair<uint32_t, const state::ObjectState*>> objects;
  for (const state::ResourceState& r : state.resources) {
    std::string provider = r.provider;
    size_t at = provider.find("provider[");
    if (at != std::string::npos) provider = provider.substr(at);
    uint32_t p = g.Add(provider, VKind::kProvider, provider);
    uint32_t close = g.Add(provider + " (close)", VKind::kProviderClose);
    g.Edge(close, p);
    std::string resource = addrs::AbsResource{r.addr.module, r.addr.resource}.ToString();
    std::string config_addr;  // the resource without instance keys
    for (const addrs::ModuleInstanceStep& step : r.addr.module) {
      config_addr += "module." + step.name + ".";
    }
    config_addr += r.addr.resource.ToString();
    for (const state::InstanceState& i : r.instances) {
      if (!i.current) continue;
      std::string addr = resource + i.key.ToString();
      uint32_t id = g.Add(addr + " (destroy)", VKind::kDestroy, config_addr);
      g.vertices()[id].display = config_addr + " (destroy)";
      g.Edge(id, p);
      g.Edge(close, id);
      by_resource[resource].push_back(id);
      objects.push_back({id, &*i.current});
    }
  }
  for (const auto& [id, object] : objects) {
    for (const std::string& dep : object->dependencies) {
      auto it = by_resource.find(dep);
      if (it == by_resource.end()) continue;
      for (uint32_t d : it->second) g.Edge(d, id);  // the dependency goes after its dependent
    }
  }
  std::vector<bool> has_dependent(g.vertices().size(), false);
  for (const auto& [from, to] : g.edges()) has_dependent[to] = true;
  uint32_t root = g.Add("root", VKind::kRoot);
  for (uint32_t v = 0; v < root; ++v) {
    if (!has_dependent[v]) g.Edge(root, v);
  }
  return g;
}

}  // namespace

GraphDotResult RenderGraphDot(const ModuleTree& tree, const state::State& state, GraphType type,
                              bool draw_cycles) {
  GraphDotResult out;
  GraphBuilder destroy;
  std::unique_ptr<ConfigGraph> config;
  GraphBuilder* g = nullptr;
  if (type == GraphType::kPlanDestroy) {
    destroy = DestroyGraph(tree, state);
    g = &destroy;
  } else {
    config = std::make_unique<ConfigGraph>(tree);
    g = &config->graph();
  }
  const size_t n = g->vertices().size();
  std::vector<bool> cyclic;
  std::vector<uint32_t> comp = Components(AdjacencyOf(n, g->edges()), &cyclic);
  bool has_cycles = std::find(cyclic.begin(), cyclic.end(), true) != cyclic.end();
  if (has_cycles && !draw_cycles) {
    out.diagnostics = CycleErrors(g->vertices(), comp, cyclic);
    return out;
  }
  if (type == GraphType::kResources) {
    out.dot = ResourcesDot(g->vertices(), g->edges(), !has_cycles);
    return out;
  }
  if (!has_cycles) TransitiveReduction(n, g->edges());
  out.dot = OperationDot(g->vertices(), g->edges(), has_cycles ? &comp : nullptr, &cyclic);
  return out;
}

}  // namespace cairn::planner
