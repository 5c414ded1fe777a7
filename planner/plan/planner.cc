#include "planner/plan/planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <queue>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "lang/base/go_quote.h"
#include "lang/base/typed_json.h"
#include "lang/config/static_value.h"
#include "lang/eval/functions/registry.h"
#include "planner/apply/critical_path.h"
#include "planner/apply/worker_pool.h"
#include "planner/graph/dag.h"
#include "planner/plan/body_decode.h"
#include "planner/plan/checks.h"
#include "planner/plan/expansion.h"
#include "planner/plan/imports.h"
#include "planner/plan/instance_plan.h"
#include "planner/plan/local_exec.h"
#include "planner/plan/moves.h"
#include "planner/plan/provider_configs.h"
#include "planner/plan/value_marks.h"
#include "planner/values/module_scope.h"
#include "planner/values/name_table.h"
#include "planner/values/references.h"
#include "planner/values/value_nodes.h"

namespace cairn::planner {
namespace {

using addrs::InstanceKey;

enum class NodeKind : uint8_t { kVariable, kLocal, kOutput, kResource, kData, kModuleExpand };

struct StaticModule;

struct Node {
  NodeKind kind;
  StaticModule* mod;
  uint32_t index;  ///< into the module's variables/locals/outputs/resources/data/module_calls
};

/// One module of the configuration tree (not an instance of it).
struct StaticModule {
  const config::Module* module = nullptr;
  StaticModule* parent = nullptr;
  const config::ModuleCall* call = nullptr;  ///< the call in `parent` that loads this module
  std::string name;                          ///< "module.a.module.b" ("" for the root)
  std::string dir;                           ///< path.module
  std::vector<std::unique_ptr<StaticModule>> children;  ///< by index in module_calls
  NameTable variable_nodes, local_nodes, output_nodes;
  std::map<std::string, NodeId, std::less<>> managed_nodes, data_nodes;  ///< "type.name"
  std::map<std::string, uint32_t, std::less<>> call_index;
  std::vector<NodeId> resource_node_of;  ///< by index in module->resources
  std::vector<NodeId> expand_node_of_call;
  NodeId expand_node = UINT32_MAX;  ///< the call's expand node (children only)
};

/// The values of one resource block's instances in one module instance.
struct ResourceValues {
  Expansion::Mode mode = Expansion::Mode::kSingle;
  bool known = false;  ///< false: not evaluated (yet), or its expansion is not known
  std::vector<std::pair<InstanceKey, Value>> instances;  ///< sorted by key
};

/// A hash of a resource instance address, for the planner's sets of a million addresses.
struct InstanceAddrHash {
  static size_t KeyHash(const addrs::InstanceKey& k) {
    if (k.is_int()) return std::hash<int64_t>()(k.int_value());
    if (k.is_string()) return std::hash<std::string>()(k.string_value()) ^ 0x5bd1e995;
    return 0;
  }
  size_t operator()(const addrs::AbsResourceInstance& a) const {
    size_t h = std::hash<std::string>()(a.resource.name);
    auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<std::string>()(a.resource.type));
    mix(static_cast<size_t>(a.resource.mode));
    for (const addrs::ModuleInstanceStep& step : a.module) {
      mix(std::hash<std::string>()(step.name));
      mix(KeyHash(step.key));
    }
    mix(KeyHash(a.key));
    return h;
  }
};

class Planner;

/// One instance of a module: its values, and the scope its expressions are evaluated in.
struct ModuleInstanceData : ObjectResolver {
  addrs::ModuleInstance addr;
  StaticModule* mod = nullptr;
  ModuleInstanceData* parent = nullptr;
  Repetition call_repetition;  ///< count.index/each.* of the call that made this instance
  std::vector<Value> variables, locals;
  std::vector<OutputValue> outputs;
  std::vector<ResourceValues> managed, data;
  /// Instances of each module call, by index in module_calls.
  std::vector<std::vector<ModuleInstanceData*>> calls;
  std::vector<Expansion::Mode> call_modes;
  std::vector<bool> call_known;
  std::unique_ptr<ModuleScope> scope;

  eval::ScopeLookup ResolveObject(const Reference& ref) const override;
};

/// `v` with every unknown value null (what a create's journal intent records as planned).
Value UnknownAsNull(const Value& v) {
  if (!v.IsKnown()) return Value::Null(v.type());
  if (v.IsNull() || v.IsWhollyKnown()) return v;
  const Type& t = v.type();
  std::vector<Value> elements;
  elements.reserve(v.Elements().size());
  for (const Value& e : v.Elements()) elements.push_back(UnknownAsNull(e));
  if (t.IsObject()) return Value::ObjectWithType(t, std::move(elements));
  if (t.IsTuple()) return Value::Tuple(std::move(elements));
  if (t.IsList()) return Value::List(t.ElementType(), std::move(elements));
  if (t.IsSet()) return Value::Set(t.ElementType(), std::move(elements));
  if (t.IsMap()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (size_t i = 0; i < elements.size(); ++i) {
      entries.emplace_back(v.Keys()[i], std::move(elements[i]));
    }
    return Value::Map(t.ElementType(), std::move(entries));
  }
  return v;
}

Value CollectionOf(Expansion::Mode mode, bool known,
                   const std::vector<std::pair<InstanceKey, Value>>& instances) {
  if (!known) return Value::DynamicUnknown();
  switch (mode) {
    case Expansion::Mode::kSingle:
      return instances.empty() ? Value::DynamicUnknown() : instances[0].second;
    case Expansion::Mode::kCount: {
      std::vector<Value> items;
      items.reserve(instances.size());
      for (const auto& [k, v] : instances) items.push_back(v);
      return Value::Tuple(std::move(items));
    }
    case Expansion::Mode::kForEach: {
      std::vector<std::pair<std::string, Value>> attrs;
      attrs.reserve(instances.size());
      for (const auto& [k, v] : instances) attrs.emplace_back(k.string_value(), v);
      return Value::Object(std::move(attrs));
    }
  }
  return Value::DynamicUnknown();
}

Value OutputsObject(const ModuleInstanceData& child) {
  std::vector<std::pair<std::string, Value>> attrs;
  const auto& outs = child.mod->module->outputs;
  for (size_t i = 0; i < outs.size(); ++i) attrs.emplace_back(outs[i].name, child.outputs[i].value);
  return Value::Object(std::move(attrs));
}

eval::ScopeLookup ModuleInstanceData::ResolveObject(const Reference& ref) const {
  eval::ScopeLookup out;
  out.steps_used = ref.steps_used;
  out.value = Value::DynamicUnknown();
  if (ref.kind == Reference::Kind::kModuleCall) {
    auto it = mod->call_index.find(ref.name);
    if (it == mod->call_index.end() || it->second >= calls.size()) return out;
    std::vector<std::pair<InstanceKey, Value>> instances;
    for (const ModuleInstanceData* child : calls[it->second]) {
      instances.emplace_back(child->addr.back().key, OutputsObject(*child));
    }
    out.value = CollectionOf(call_modes[it->second], call_known[it->second], instances);
    return out;
  }
  const bool data_mode = ref.kind == Reference::Kind::kDataResource;
  const auto& modules = data_mode ? mod->module->data_resources : mod->module->resources;
  const auto& values = data_mode ? data : managed;
  for (size_t i = 0; i < modules.size(); ++i) {
    if (modules[i].type == ref.type && modules[i].name == ref.name &&
        (data_mode || modules[i].mode == config::ResourceMode::kManaged)) {
      out.value = CollectionOf(values[i].mode, values[i].known, values[i].instances);
      return out;
    }
  }
  return out;
}

/// The provider local name a resource type implies ("terraform_data" -> "terraform").
std::string ImpliedProviderName(const std::string& type) {
  size_t u = type.find('_');
  return u == std::string::npos ? type : type.substr(0, u);
}

/// Terraform's "Failed to load plugin schemas" for provisioner types Cairn cannot run (in
/// configuration order): plan and apply stop before walking.
Diagnostics ProvisionerSchemaErrors(const ModuleTree& tree) {
  std::vector<std::string> problems;
  std::vector<const ModuleTree*> stack = {&tree};
  while (!stack.empty()) {
    const ModuleTree* t = stack.back();
    stack.pop_back();
    for (const config::Resource& r : t->module->resources) {
      for (const config::Provisioner& p : r.provisioners) {
        if (p.type == kLocalExecType) continue;
        problems.push_back(fmt::format(
            "Failed to obtain provisioner schema: Could not load the schema for provisioner "
            "{0}: failed to instantiate provisioner {0} to obtain schema: unavailable "
            "provisioner {0}.",
            GoQuote(p.type)));
      }
    }
    for (auto it = t->children.rbegin(); it != t->children.rend(); ++it) {
      stack.push_back(it->second.get());
    }
  }
  Diagnostics d;
  if (problems.empty()) return d;
  std::string detail = "Error while loading schemas for plugin components: ";
  if (problems.size() == 1) {
    detail += problems[0] + ".";
  } else {
    detail += std::to_string(problems.size()) + " problems:\n";
    for (const std::string& p : problems) detail += "\n- " + p;
    detail += ".";
  }
  d.Error("Failed to load plugin schemas", detail);
  return d;
}

class Planner : public BodyEvaluator, public DeclaredObjects {
 public:
  Planner(const ModuleTree& tree, const state::State& prior, const InputValues& inputs,
          ProviderResolver& providers, const PlanOptions& options, PlanResult& out)
      : tree_(tree),
        inputs_(inputs),
        providers_(providers),
        options_(options),
        out_(out) {
    out_.plan.mode = options.mode;
    out_.plan.prev_run_state = prior;
    out_.plan.prior_state = prior;
    out_.plan.targets = options.targets;
    out_.plan.excludes = options.excludes;
    out_.plan.force_replace = options.force_replace;
    out_.plan.timestamp = options.plan_time;
  }

  /// Makes this planner apply `plan` instead of planning.
  void SetApplying(const Plan* plan, ApplyHooks* hooks, const ApplyOptions& options) {
    applying_ = plan;
    hooks_ = hooks;
    apply_options_ = options;
    if (options.journal) {
      journal_ = options.journal;
    } else {
      own_journal_ = std::make_unique<state::Journal>(plan->prior_state);
      journal_ = own_journal_.get();
    }
    applied_changes_.assign(plan->changes.size(), false);
    for (size_t i = 0; i < plan->changes.size(); ++i) {
      if (plan->changes[i].deposed_key.empty()) change_index_[plan->changes[i].addr] = i;
    }
  }
  /// The state the journal's records make, with the outputs and check results apply
  /// recorded (after Run).
  state::State TakeApplied() {
    state::State s = journal_->Snapshot();
    s.outputs = std::move(outputs_);
    if (!applied_checks_json_.empty()) s.check_results_json = applied_checks_json_;
    return s;
  }
  bool interrupted() const { return Interrupted() || abandoned_; }
  bool abandoned() const { return abandoned_; }

  void Run() {
    root_ = BuildStatic(tree_, nullptr, nullptr, "", ".");
    move_statements_ = FindMoveStatements(tree_, diags());
    diags().Append(CheckProvidersMaps(tree_));
    diags().Append(ProvisionerSchemaErrors(tree_));
    AddEdges(*root_);
    IndexImportBlocks();
    dag_.Finalize();
    std::vector<std::vector<NodeId>> cycles = dag_.Cycles();
    if (!cycles.empty()) {
      for (const auto& cycle : cycles) {
        std::string names;
        for (NodeId n : cycle) {
          if (!names.empty()) names += ", ";
          names += NodeName(n);
        }
        diags().Error("Cycle: " + names, "");
      }
      out_.validation_failed = true;
      out_.plan.errored = true;
      return;
    }
    if (diags().HasErrors()) {
      out_.validation_failed = true;
      out_.plan.errored = true;
      return;
    }
    order_ = dag_.TopologicalOrder();
    SelectNodes();

    // Terraform validates before it plans: a walk with every input variable unknown.
    validating_ = true;
    Walk();
    EvaluateChecks(diags());
    if (diags().HasErrors()) {
      out_.validation_failed = true;
      out_.plan.errored = true;
      return;
    }
    Diagnostics validate_diagnostics = std::move(out_.diagnostics);
    out_.diagnostics = Diagnostics();
    validating_ = false;
    instances_.clear();
    instances_of_.clear();
    by_addr_.clear();
    if (applying_) {
      pool_ = std::make_unique<apply::WorkerPool>(std::max(1, apply_options_.parallelism));
      WalkApplying();
      if (!abandoned_) ApplyRemainingDeletes();
      if (abandoned_) {
        // A second interrupt: running operations are left to finish on their own; what
        // they do is in the journal, which the next command replays. The pool stays.
        (void)pool_.release();
        return;
      }
      pool_.reset();
      if (options_.mode != PlanMode::kDestroy && !Interrupted()) {
        EvaluateChecks(diags());
        // Terraform records the check blocks' results in the state.
        if (!check_results_.empty()) applied_checks_json_ = CheckResultsStateJson(check_results_);
      }
      RecordOutputs();
      return;
    }
    if (!ApplyMoves()) {
      out_.validation_failed = true;
      out_.plan.errored = true;
      return;
    }
    ReportMissingImportTargets();
    for (const ImportTarget& t : options_.legacy_imports) {
      import_targets_[t.addr] = PendingImport{t.id, nullptr};
    }
    CollectRemoved();
    ResolvePossiblyCreated();
    if (options_.refresh) Refresh();
    {
      // At least one change and one visit per object of the state: no regrowth copying a
      // million changes.
      size_t objects = out_.plan.prior_state.InstanceCount();
      out_.plan.changes.reserve(objects);
      out_.visit_order.reserve(objects);
      planned_.reserve(objects);
    }
    Walk();
    FinishImports();
    if (Diagnostics moves = ValidateMoveStatements(move_statements_, tree_, *this);
        moves.HasErrors()) {
      // Terraform shows no plan when its moves are invalid.
      diags().Append(moves);
      out_.validation_failed = true;
      out_.plan.errored = true;
      return;
    }
    if (options_.mode != PlanMode::kDestroy) {
      EvaluateChecks(out_.check_diagnostics);
      out_.plan.checks = check_results_;
    }
    if (options_.legacy_imports.empty()) PlanOrphans();
    SortChanges(out_.plan.changes);
    PlanOutputs();
    Diagnostics merged;
    for (const Diagnostic& d : validate_diagnostics) {
      bool repeated = false;
      for (const Diagnostic& e : out_.diagnostics) repeated = repeated || d == e;
      if (!repeated) merged.Add(d);
    }
    merged.Append(out_.diagnostics);
    out_.diagnostics = std::move(merged);
    out_.plan.errored = out_.diagnostics.HasErrors();
  }

  eval::EvalResult Evaluate(const ast::Expr& expr, const eval::Scope& scope) override {
    ValueNodes nodes(scope, *functions_, scratch_);
    return nodes.Eval(expr);
  }

 private:
  Diagnostics& diags() { return out_.diagnostics; }

  // ---- the static graph -------------------------------------------------------------

  std::unique_ptr<StaticModule> BuildStatic(const ModuleTree& tree, StaticModule* parent,
                                            const config::ModuleCall* call, std::string name,
                                            std::string dir) {
    auto m = std::make_unique<StaticModule>();
    m->module = tree.module;
    m->parent = parent;
    m->call = call;
    m->name = std::move(name);
    m->dir = std::move(dir);
    const config::Module& mod = *m->module;
    if (parent) m->expand_node = Add(NodeKind::kModuleExpand, parent, FindCallIndex(*parent, call));
    for (size_t i = 0; parent && i < mod.imports.size(); ++i) {
      diags().Error("Invalid import configuration",
                    fmt::format("An import block was detected in \"{}\". Import blocks are only "
                                "allowed in the root module.",
                                m->name),
                    mod.imports[i].decl_range);
    }
    m->variable_nodes.Reserve(mod.variables.size());
    for (size_t i = 0; i < mod.variables.size(); ++i) {
      m->variable_nodes.Insert(mod.variables[i].name, Add(NodeKind::kVariable, m.get(), i));
    }
    m->local_nodes.Reserve(mod.locals.size());
    for (size_t i = 0; i < mod.locals.size(); ++i) {
      m->local_nodes.Insert(mod.locals[i].name, Add(NodeKind::kLocal, m.get(), i));
    }
    m->output_nodes.Reserve(mod.outputs.size());
    for (size_t i = 0; i < mod.outputs.size(); ++i) {
      m->output_nodes.Insert(mod.outputs[i].name, Add(NodeKind::kOutput, m.get(), i));
    }
    for (size_t i = 0; i < mod.resources.size(); ++i) {
      NodeId n = Add(NodeKind::kResource, m.get(), i);
      m->resource_node_of.push_back(n);
      if (mod.resources[i].mode == config::ResourceMode::kManaged) {
        m->managed_nodes[mod.resources[i].type + "." + mod.resources[i].name] = n;
      }
    }
    for (size_t i = 0; i < mod.data_resources.size(); ++i) {
      m->data_nodes[mod.data_resources[i].type + "." + mod.data_resources[i].name] =
          Add(NodeKind::kData, m.get(), i);
    }
    for (size_t i = 0; i < mod.module_calls.size(); ++i) {
      m->call_index[mod.module_calls[i].name] = static_cast<uint32_t>(i);
    }
    for (size_t i = 0; i < mod.module_calls.size(); ++i) {
      const config::ModuleCall& c = mod.module_calls[i];
      auto it = tree.children.find(c.name);
      if (it == tree.children.end()) {
        m->children.push_back(nullptr);
        m->expand_node_of_call.push_back(UINT32_MAX);
        continue;
      }
      std::string child_name = (m->name.empty() ? "" : m->name + ".") + "module." + c.name;
      m->children.push_back(BuildStatic(*it->second, m.get(), &c, child_name,
                                        it->second->module->dir));
      m->expand_node_of_call.push_back(m->children.back()->expand_node);
      CheckCallArguments(c, *it->second->module);
    }
    return m;
  }

  static uint32_t FindCallIndex(const StaticModule& parent, const config::ModuleCall* call) {
    const auto& calls = parent.module->module_calls;
    for (size_t i = 0; i < calls.size(); ++i) {
      if (&calls[i] == call) return static_cast<uint32_t>(i);
    }
    return 0;
  }

  /// Arguments of a module call that name no variable, and required variables without one.
  void CheckCallArguments(const config::ModuleCall& call, const config::Module& child) {
    std::vector<std::string> names;
    for (const config::Variable& v : child.variables) names.push_back(v.name);
    for (const ast::Attribute* a : call.config.attributes) {
      bool found = false;
      for (const config::Variable& v : child.variables) found = found || v.name == a->name;
      if (!found) {
        diags().Error("Unsupported argument",
                      fmt::format("An argument named {} is not expected here.",
                                  GoQuote(a->name)),
                      a->name_range);
      }
    }
    for (const config::Variable& v : child.variables) {
      if (v.default_value || call.config.Find(v.name)) continue;
      diags().Error("Missing required argument",
                    fmt::format("The argument {} is required, but no definition was found.",
                                GoQuote(v.name)),
                    call.decl_range);
    }
  }

  NodeId Add(NodeKind kind, StaticModule* m, size_t index) {
    NodeId id = dag_.AddNode();
    nodes_.push_back({kind, m, static_cast<uint32_t>(index)});
    return id;
  }

  void AddEdges(StaticModule& m) {
    const config::Module& mod = *m.module;
    auto refs = [&](NodeId from, const ast::Expr* e) { AddRefEdges(m, from, e); };
    for (size_t i = 0; i < mod.variables.size(); ++i) {
      NodeId n = m.variable_nodes.Find(mod.variables[i].name);
      for (const config::CheckRule& rule : mod.variables[i].validations) {
        refs(n, rule.condition);
        refs(n, rule.error_message);
      }
      if (m.parent) {
        dag_.AddEdge(n, m.expand_node);
        if (const ast::Attribute* a = m.call->config.Find(mod.variables[i].name)) {
          AddRefEdges(*m.parent, n, a->expr.get());
        }
      }
    }
    for (size_t i = 0; i < mod.locals.size(); ++i) {
      NodeId n = m.local_nodes.Find(mod.locals[i].name);
      if (m.parent) dag_.AddEdge(n, m.expand_node);
      refs(n, mod.locals[i].expr);
    }
    for (size_t i = 0; i < mod.outputs.size(); ++i) {
      NodeId n = m.output_nodes.Find(mod.outputs[i].name);
      if (m.parent) dag_.AddEdge(n, m.expand_node);
      refs(n, mod.outputs[i].value);
      refs(n, mod.outputs[i].depends_on);
      for (const config::CheckRule& rule : mod.outputs[i].preconditions) {
        refs(n, rule.condition);
        refs(n, rule.error_message);
      }
    }
    auto resource_edges = [&](NodeId n, const config::Resource& r) {
      if (m.parent) dag_.AddEdge(n, m.expand_node);
      ProviderConfigEdges(m, n, r);
      refs(n, r.count);
      refs(n, r.for_each);
      refs(n, r.depends_on);
      refs(n, r.replace_triggered_by);
      for (const ast::Attribute* a : r.config.attributes) refs(n, a->expr.get());
      for (const ast::Block* b : r.config.blocks) BlockEdges(m, n, *b);
      for (const config::CheckRule& rule : r.preconditions) {
        refs(n, rule.condition);
        refs(n, rule.error_message);
      }
      for (const config::CheckRule& rule : r.postconditions) {
        refs(n, rule.condition);
        refs(n, rule.error_message);
      }
    };
    for (size_t i = 0; i < mod.resources.size(); ++i) {
      resource_edges(m.resource_node_of[i], mod.resources[i]);
    }
    for (size_t i = 0; i < mod.data_resources.size(); ++i) {
      const config::Resource& r = mod.data_resources[i];
      resource_edges(m.data_nodes[r.type + "." + r.name], r);
    }
    for (size_t i = 0; i < mod.module_calls.size(); ++i) {
      StaticModule* child = m.children[i].get();
      if (!child) continue;
      const config::ModuleCall& c = mod.module_calls[i];
      if (m.parent) dag_.AddEdge(child->expand_node, m.expand_node);
      refs(child->expand_node, c.count);
      refs(child->expand_node, c.for_each);
      refs(child->expand_node, c.depends_on);
      AddEdges(*child);
    }
  }

  /// Edges from resource node `n` to what its provider configuration's block refers to.
  void ProviderConfigEdges(StaticModule& m, NodeId n, const config::Resource& r) {
    std::string local = r.provider ? r.provider->name : ImpliedProviderName(r.type);
    std::optional<ProviderConfigRef> ref =
        ResolveProviderConfig(tree_, StaticPath(&m), local, r.provider ? r.provider->alias : "");
    if (!ref || !ref->block) return;
    StaticModule* decl = StaticAt(ref->module);
    if (!decl) return;
    for (const ast::Attribute* a : ref->block->config.attributes) {
      AddRefEdges(*decl, n, a->expr.get());
    }
    for (const ast::Block* b : ref->block->config.blocks) BlockEdges(*decl, n, *b);
  }

  void BlockEdges(StaticModule& m, NodeId n, const ast::Block& b) {
    for (const ast::Attribute& a : b.body->attributes) AddRefEdges(m, n, a.expr.get());
    for (const ast::Block& nested : b.body->blocks) BlockEdges(m, n, nested);
  }

  /// Edges from `from` to what `expr` (in module `m`) refers to. A local naming itself is
  /// noted for its error instead.
  void AddRefEdges(StaticModule& m, NodeId from, const ast::Expr* expr) {
    if (!expr) return;
    for (const Reference& ref : FindReferences(*expr)) {
      using K = Reference::Kind;
      NodeId to = UINT32_MAX;
      switch (ref.kind) {
        case K::kInputVariable:
          to = m.variable_nodes.Find(ref.name);
          break;
        case K::kLocal:
          to = m.local_nodes.Find(ref.name);
          if (to == from) {
            self_refs_.push_back({from, ref.range});
            continue;
          }
          break;
        case K::kManagedResource: {
          auto it = m.managed_nodes.find(ref.type + "." + ref.name);
          if (it != m.managed_nodes.end()) to = it->second;
          break;
        }
        case K::kDataResource: {
          auto it = m.data_nodes.find(ref.type + "." + ref.name);
          if (it != m.data_nodes.end()) to = it->second;
          break;
        }
        case K::kModuleCall: {
          auto it = m.call_index.find(ref.name);
          if (it == m.call_index.end()) break;
          StaticModule* child = m.children[it->second].get();
          if (!child) break;
          dag_.AddEdge(from, child->expand_node);
          for (size_t i = 0; i < child->module->outputs.size(); ++i) {
            dag_.AddEdge(from, child->output_nodes.Find(child->module->outputs[i].name));
          }
          continue;
        }
        default:
          break;
      }
      if (to == UINT32_MAX || to == NameTable::kMissing || to == from) continue;
      dag_.AddEdge(from, to);
    }
  }

  /// Terraform's graph node names, as its cycle errors print them.
  std::string NodeName(NodeId n) const {
    const Node& node = nodes_[n];
    const config::Module& mod = *node.mod->module;
    std::string prefix = node.mod->name.empty() ? "" : node.mod->name + ".";
    switch (node.kind) {
      case NodeKind::kVariable:
        return fmt::format("{}var.{} (validation)", prefix, mod.variables[node.index].name);
      case NodeKind::kLocal:
        return fmt::format("{}local.{} (expand)", prefix, mod.locals[node.index].name);
      case NodeKind::kOutput:
        return fmt::format("{}output.{} (expand)", prefix, mod.outputs[node.index].name);
      case NodeKind::kResource: {
        const config::Resource& r = mod.resources[node.index];
        return fmt::format("{}{}.{}", prefix, r.type, r.name);
      }
      case NodeKind::kData: {
        const config::Resource& r = mod.data_resources[node.index];
        return fmt::format("{}data.{}.{}", prefix, r.type, r.name);
      }
      case NodeKind::kModuleExpand:
        return fmt::format("{}module.{} (expand)", prefix,
                           mod.module_calls[node.index].name);
    }
    return "";
  }

  // ---- -target and -exclude -----------------------------------------------------------

  /// Which resource nodes are walked: with -target, the targeted resources and everything
  /// they depend on; with -exclude, all but the excluded ones and what depends on them.
  void SelectNodes() {
    selected_.assign(nodes_.size(), true);
    if (!options_.targets.empty()) {
      std::vector<bool> keep(nodes_.size(), false);
      std::vector<NodeId> stack;
      for (NodeId n = 0; n < nodes_.size(); ++n) {
        if (IsResourceNode(n) && MatchesAny(n, options_.targets)) {
          keep[n] = true;
          stack.push_back(n);
        }
      }
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        for (NodeId d : dag_.DependenciesOf(n)) {
          if (!keep[d]) {
            keep[d] = true;
            stack.push_back(d);
          }
        }
      }
      // Outputs (and the locals between them and resources) are planned when they refer to
      // a targeted resource and to no resource left out, directly or through locals and
      // outputs; variables do not count (terraform: with -target=a, `a.x`, `"${a.x}${var.v}"`
      // and a local of `a.x` are planned; `var.v` alone, a constant and `[a.x, b.x]` are not).
      std::vector<bool> reaches(nodes_.size(), false), blocked(nodes_.size(), false);
      for (NodeId n : order_) {
        const NodeKind kind = nodes_[n].kind;
        if (kind != NodeKind::kOutput && kind != NodeKind::kLocal) continue;
        for (NodeId d : dag_.DependenciesOf(n)) {
          if (IsResourceNode(d)) {
            (keep[d] ? reaches : blocked)[n] = true;
          } else if (nodes_[d].kind == NodeKind::kLocal || nodes_[d].kind == NodeKind::kOutput) {
            if (reaches[d]) reaches[n] = true;
            if (blocked[d]) blocked[n] = true;
          }
        }
        if (reaches[n] && !blocked[n]) keep[n] = true;
      }
      selected_ = keep;
    }
    if (!options_.excludes.empty()) {
      std::vector<NodeId> stack;
      for (NodeId n = 0; n < nodes_.size(); ++n) {
        if (IsResourceNode(n) && MatchesWhole(n, options_.excludes)) {
          selected_[n] = false;
          stack.push_back(n);
        }
      }
      while (!stack.empty()) {
        NodeId n = stack.back();
        stack.pop_back();
        for (NodeId d : dag_.DependentsOf(n)) {
          if (selected_[d] && nodes_[d].kind != NodeKind::kVariable) {
            selected_[d] = false;
            stack.push_back(d);
          }
        }
      }
    }
  }

  bool IsResourceNode(NodeId n) const {
    return nodes_[n].kind == NodeKind::kResource || nodes_[n].kind == NodeKind::kData;
  }

  addrs::Resource ResourceAddrOf(NodeId n) const {
    const Node& node = nodes_[n];
    const config::Resource& r = node.kind == NodeKind::kData
                                    ? node.mod->module->data_resources[node.index]
                                    : node.mod->module->resources[node.index];
    addrs::Resource a;
    a.mode = node.kind == NodeKind::kData ? addrs::ResourceMode::kData
             : r.mode == config::ResourceMode::kEphemeral ? addrs::ResourceMode::kEphemeral
                                                          : addrs::ResourceMode::kManaged;
    a.type = r.type;
    a.name = r.name;
    return a;
  }

  /// Static module path names of a node's module ("a", "b" for module.a.module.b).
  static std::vector<std::string> StaticPath(const StaticModule* m) {
    std::vector<std::string> path;
    for (; m && m->parent; m = m->parent) path.push_back(m->call->name);
    std::reverse(path.begin(), path.end());
    return path;
  }

  /// Whether any target could select an instance of resource node `n`.
  bool MatchesAny(NodeId n, const std::vector<addrs::Target>& targets) const {
    std::vector<std::string> path = StaticPath(nodes_[n].mod);
    addrs::Resource r = ResourceAddrOf(n);
    for (const addrs::Target& t : targets) {
      if (t.module.size() > path.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < t.module.size(); ++i) ok = ok && t.module[i].name == path[i];
      if (!ok) continue;
      if (t.kind == addrs::Target::Kind::kModule) return true;
      if (t.module.size() == path.size() && t.resource == r) return true;
    }
    return false;
  }

  /// Whether a target excludes all of resource node `n` (a whole resource or a module).
  bool MatchesWhole(NodeId n, const std::vector<addrs::Target>& targets) const {
    std::vector<std::string> path = StaticPath(nodes_[n].mod);
    addrs::Resource r = ResourceAddrOf(n);
    for (const addrs::Target& t : targets) {
      if (t.kind == addrs::Target::Kind::kInstance) continue;
      if (t.module.size() > path.size()) continue;
      bool ok = true;
      for (size_t i = 0; i < t.module.size(); ++i) {
        ok = ok && t.module[i].name == path[i] && t.module[i].key.none();
      }
      if (!ok) continue;
      if (t.kind == addrs::Target::Kind::kModule) return true;
      if (t.module.size() == path.size() && t.resource == r) return true;
    }
    return false;
  }

  bool InstanceSelected(const addrs::AbsResourceInstance& addr, NodeId n) const {
    if (!options_.targets.empty()) {
      bool targeted = false;
      for (const addrs::Target& t : options_.targets) targeted = targeted || t.Contains(addr);
      // A dependency of a target is planned whole; a targeted resource only where targeted.
      if (!targeted && MatchesAny(n, options_.targets)) return false;
    }
    for (const addrs::Target& t : options_.excludes) {
      if (t.Contains(addr)) return false;
    }
    return true;
  }

  // ---- the walk -----------------------------------------------------------------------

  void Walk() {
    eval::functions::FunctionOptions f;
    f.base_dir = tree_.module->dir.empty() ? "." : tree_.module->dir;
    f.planning = applying_ == nullptr;
    f.plan_time = options_.plan_time;
    functions_ = eval::functions::MakeBuiltins(f);
    MakeInstance(root_.get(), nullptr, {}, Repetition());
    for (NodeId n : order_) {
      if (!selected_[n]) continue;
      const Node& node = nodes_[n];
      for (ModuleInstanceData* mi : instances_of_[node.mod]) VisitNode(n, node, *mi);
    }
  }

  ModuleInstanceData* MakeInstance(StaticModule* m, ModuleInstanceData* parent,
                                   addrs::ModuleInstance addr, Repetition rep) {
    auto mi = std::make_unique<ModuleInstanceData>();
    mi->addr = std::move(addr);
    mi->mod = m;
    mi->parent = parent;
    mi->call_repetition = std::move(rep);
    const config::Module& mod = *m->module;
    mi->variables.assign(mod.variables.size(), Value::DynamicUnknown());
    mi->locals.assign(mod.locals.size(), Value::DynamicUnknown());
    mi->outputs.resize(mod.outputs.size());
    for (size_t i = 0; i < mod.outputs.size(); ++i) {
      mi->outputs[i].value = Value::DynamicUnknown();
      mi->outputs[i].sensitive = DecodedBool(mod.outputs[i].sensitive);
      mi->outputs[i].description = DecodedString(mod.outputs[i].description);
    }
    mi->managed.resize(mod.resources.size());
    mi->data.resize(mod.data_resources.size());
    mi->calls.resize(mod.module_calls.size());
    mi->call_modes.assign(mod.module_calls.size(), Expansion::Mode::kSingle);
    mi->call_known.assign(mod.module_calls.size(), false);
    ScopeSettings settings = options_.scope;
    mi->scope = std::make_unique<ModuleScope>(mod, mi->variables, mi->locals,
                                              /*applying=*/applying_ != nullptr, settings);
    mi->scope->SetResolver(mi.get());
    mi->scope->SetModule(m->dir.empty() ? "." : m->dir,
                         mi->addr.empty() ? "the root module" : addrs::ToString(mi->addr));
    ModuleInstanceData* raw = mi.get();
    instances_of_[m].push_back(raw);
    by_addr_[raw->addr] = raw;
    instances_.push_back(std::move(mi));
    return raw;
  }

  void VisitNode(NodeId n, const Node& node, ModuleInstanceData& mi) {
    const config::Module& mod = *node.mod->module;
    ValueNodes values(*mi.scope, *functions_, diags());
    values.set_validating(validating_);
    switch (node.kind) {
      case NodeKind::kVariable: {
        const config::Variable& var = mod.variables[node.index];
        if (!mi.parent) {
          const InputValue* raw = nullptr;
          if (auto it = inputs_.find(var.name); it != inputs_.end()) raw = &it->second;
          values.EvaluateVariable(var, raw, "var." + var.name, mi.variables[node.index]);
          return;
        }
        // A child module's variable: the call's argument, evaluated in the caller.
        const ast::Attribute* arg = node.mod->call->config.Find(var.name);
        std::optional<InputValue> given;
        if (arg) {
          mi.parent->scope->SetRepetition(&mi.call_repetition);
          ValueNodes caller(*mi.parent->scope, *functions_, diags());
          eval::EvalResult r = caller.Eval(*arg->expr);
          mi.parent->scope->SetRepetition(nullptr);
          diags().Append(r.diagnostics);
          if (r.diagnostics.HasErrors()) return;
          InputValue iv;
          iv.value = r.value;
          iv.source = InputSource::kFile;
          iv.range = arg->expr->range;
          given = iv;
        }
        bool was_validating = validating_;
        values.set_validating(false);  // a child's inputs are known values of the caller
        values.EvaluateVariable(var, given ? &*given : nullptr,
                                addrs::ToString(mi.addr) + ".var." + var.name,
                                mi.variables[node.index]);
        values.set_validating(was_validating);
        return;
      }
      case NodeKind::kLocal: {
        const config::Local& local = mod.locals[node.index];
        if (SelfReferencing(n, local)) return;
        values.EvaluateLocal(local, mi.locals[node.index]);
        return;
      }
      case NodeKind::kOutput: {
        const config::Output& o = mod.outputs[node.index];
        values.EvaluateOutput(o, /*root=*/mi.parent == nullptr, mi.outputs[node.index]);
        if (mi.parent && mi.outputs[node.index].sensitive) {
          mi.outputs[node.index].value =
              mi.outputs[node.index].value.WithMarks(Marks::Sensitive());
        }
        return;
      }
      case NodeKind::kModuleExpand:
        ExpandCall(node, mi);
        return;
      case NodeKind::kResource:
        PlanResource(n, node, mi);
        return;
      case NodeKind::kData: {
        // A check block's scoped data source: its failures are warnings (checks.h).
        const config::Resource& r = mod.data_resources[node.index];
        const config::Check* scoped = CheckScopingData(mod, r.type, r.name);
        const size_t first = diags().size();
        PlanResource(n, node, mi);
        if (scoped && !validating_ && DemoteScopedDataErrors(diags(), first)) {
          failed_checks_[{&mi, scoped}] = diags().items()[first].detail;
        }
        return;
      }
    }
  }

  /// The assertions of every check block in every module instance (checks.h): errors go
  /// to the diagnostics, warnings to `warnings`, sorted by location as Terraform shows them.
  void EvaluateChecks(Diagnostics& warnings) {
    Diagnostics found;
    check_results_.clear();
    for (const auto& mi : instances_) {
      for (const config::Check& c : mi->mod->module->checks) {
        CheckBlockResult r;
        if (auto failed = failed_checks_.find({mi.get(), &c}); failed != failed_checks_.end()) {
          // Its data source failed: Terraform reports the check as failing with that error.
          r.status = CheckStatus::kFail;
          r.failure_messages.push_back(failed->second);
        } else {
          r = EvaluateCheckAssertions(c, *mi->scope, *functions_, validating_, found);
        }
        r.config_addr = (mi->mod->name.empty() ? "" : mi->mod->name + ".") + "check." + c.name;
        r.module = addrs::ToString(mi->addr);
        r.name = c.name;
        check_results_.push_back(std::move(r));
      }
    }
    const size_t first = warnings.size();
    for (const Diagnostic& d : found) {
      if (d.severity == Severity::kError) {
        diags().Add(d);
      } else {
        warnings.Add(d);
      }
    }
    SortByLocation(warnings, first);
  }

  bool SelfReferencing(NodeId node, const config::Local& local) {
    bool any = false;
    for (const auto& [n, range] : self_refs_) {
      if (n != node) continue;
      any = true;
      diags().Error("Self-referencing local value",
                    fmt::format("Local value local.{} cannot use its own result as part of its "
                                "expression.",
                                local.name),
                    range, local.expr->range);
    }
    return any;
  }

  Expansion Expand(const ast::Expr* count, const ast::Expr* for_each, ModuleInstanceData& mi) {
    Expansion single;
    single.instances.emplace_back(InstanceKey(), Value::Null(Type::Dynamic()));
    if (!count && !for_each) return single;
    ValueNodes values(*mi.scope, *functions_, diags());
    const ast::Expr& expr = count ? *count : *for_each;
    eval::EvalResult r = values.Eval(expr);
    diags().Append(r.diagnostics);
    if (r.diagnostics.HasErrors()) {
      Expansion e;
      e.mode = count ? Expansion::Mode::kCount : Expansion::Mode::kForEach;
      e.known = false;
      return e;
    }
    if (validating_ && !r.value.IsWhollyKnown()) {
      Expansion e;
      e.mode = count ? Expansion::Mode::kCount : Expansion::Mode::kForEach;
      e.known = false;
      return e;
    }
    return count ? ExpandCount(r.value, expr, diags()) : ExpandForEach(r.value, expr, diags());
  }

  void ExpandCall(const Node& node, ModuleInstanceData& mi) {
    const config::ModuleCall& call = node.mod->module->module_calls[node.index];
    StaticModule* child = node.mod->children[node.index].get();
    Expansion e = Expand(call.count, call.for_each, mi);
    mi.call_modes[node.index] = e.mode;
    mi.call_known[node.index] = e.known;
    if (!e.known) return;
    for (const auto& [key, each_value] : e.instances) {
      Repetition rep;
      if (e.mode == Expansion::Mode::kCount) rep.count_index = key.AsValue();
      if (e.mode == Expansion::Mode::kForEach) {
        rep.each_key = key.AsValue();
        rep.each_value = each_value;
      }
      addrs::ModuleInstance addr = mi.addr;
      addr.push_back({call.name, key});
      mi.calls[node.index].push_back(MakeInstance(child, &mi, std::move(addr), std::move(rep)));
    }
  }

  // ---- resources ----------------------------------------------------------------------

  struct ProviderInfo {
    providers::Provider* provider = nullptr;
    std::string source;
    std::string config_addr;  ///< provider["source"] (or .alias)
  };

  /// The source address of the provider with local name `local` (required_providers, else
  /// the default namespace).
  std::string ProviderSourceOf(const std::string& local) const {
    std::string source;
    for (const config::RequiredProvider& rp : tree_.module->terraform.required_providers) {
      if (rp.name != local || !rp.attribute || !rp.attribute->expr) continue;
      Diagnostics ignored;  // the loader checked required_providers
      Value v = config::EvalStatic(*rp.attribute->expr, ignored);
      if (!v.IsKnown() || v.IsNull() || !v.type().IsObject()) continue;
      const Value* src = v.Find("source");
      if (!src || !src->IsKnown() || src->IsNull() || src->type() != Type::String()) continue;
      source = src->AsString();
      // A source without a host is on the public registry (two parts: namespace/type).
      if (std::count(source.begin(), source.end(), '/') == 1) {
        source = "registry.terraform.io/" + source;
      }
    }
    if (source.empty()) {
      source = local == "terraform" ? "terraform.io/builtin/terraform"
                                    : "registry.terraform.io/hashicorp/" + local;
    }
    return source;
  }

  /// The provider of a resource, resolved once per source.
  std::optional<ProviderInfo> ResolveProvider(const StaticModule& m, const config::Resource& r,
                                              const Range& range) {
    std::string local = r.provider ? r.provider->name : ImpliedProviderName(r.type);
    std::string alias = r.provider ? r.provider->alias : "";
    std::string source = ProviderSourceOf(local);
    ProviderInfo info;
    info.source = source;
    auto it = resolved_.find(source);
    if (it == resolved_.end()) {
      providers::Provider* p = providers_.Resolve(source);
      if (p) {
        out_.schemas[source] = p->GetProviderSchema();
        // The root's default configuration without a `provider` block is empty: configured
        // once, here, its problems (a plugin that failed to start) located at the resource.
        bool block = false;
        for (const config::ProviderConfig& pc : tree_.module->providers) {
          block = block || (pc.name == local && pc.alias.empty());
        }
        if (!block) {
          providers::ConfigureProviderRequest c;
          c.config = Value::Null(p->GetProviderSchema().provider.block.ImpliedType());
          AddProviderDiagnostics(p->ConfigureProvider(c), range, diags());
          default_configured_.insert(source);
        }
      }
      it = resolved_.emplace(source, p).first;
    }
    if (!it->second) {
      if (!reported_missing_.insert(source).second) return std::nullopt;
      diags().Error("Missing required provider",
                    fmt::format("This configuration requires provider {}, but Cairn has no "
                                "built-in implementation of it and found no plugin for it.",
                                source),
                    range);
      return std::nullopt;
    }
    std::optional<ProviderConfigRef> ref =
        ResolveProviderConfig(tree_, StaticPath(&m), local, alias);
    if (!ref) {
      std::string prefix = m.name.empty() ? "" : m.name + ".";
      std::string resource = prefix + (r.mode == config::ResourceMode::kData ? "data." : "") +
                             r.type + "." + r.name;
      std::string wanted = prefix + "provider[\"" + source + "\"]" +
                           (alias.empty() ? "" : "." + alias);
      if (!reported_missing_.insert(resource).second) return std::nullopt;
      diags().Error("Provider configuration not present",
                    fmt::format("To work with {} its original provider configuration at {} is "
                                "required, but it has been removed. This occurs when a provider "
                                "configuration is removed while objects created by that provider "
                                "still exist in the state. Re-add the provider configuration to "
                                "destroy {}, after which you can remove the provider "
                                "configuration again.",
                                resource, wanted, resource));
      return std::nullopt;
    }
    info.config_addr = ref->Address(source);
    info.provider = ConfiguredProvider(*ref, info.config_addr, source, it->second);
    if (!info.provider) return std::nullopt;
    return info;
  }

  /// The static module at `path` (call names), or null.
  StaticModule* StaticAt(const std::vector<std::string>& path) const {
    StaticModule* m = root_.get();
    for (const std::string& name : path) {
      auto it = m->call_index.find(name);
      if (it == m->call_index.end() || !m->children[it->second]) return nullptr;
      m = m->children[it->second].get();
    }
    return m;
  }

  /// The provider instance configured as `ref` (address `addr`) says: its `provider` block
  /// evaluated in its module's (first) instance and passed to ConfigureProvider once per
  /// plan; the root's default configuration shares `shared`, every other configuration
  /// gets its own instance when the resolver can make one. Null after errors.
  providers::Provider* ConfiguredProvider(const ProviderConfigRef& ref, const std::string& addr,
                                          const std::string& source,
                                          providers::Provider* shared) {
    if (auto it = configured_.find(addr); it != configured_.end()) return it->second;
    // The root's empty default configuration was configured when it was resolved.
    if (!ref.block && ref.module.empty() && ref.alias.empty() &&
        default_configured_.count(source)) {
      return shared;
    }
    if (validating_) {
      if (auto v = validated_.find(addr); v != validated_.end()) return v->second ? shared : nullptr;
    }
    const providers::Block& schema = shared->GetProviderSchema().provider.block;
    Value config = Value::Null(schema.ImpliedType());
    bool ok = true;
    if (ref.block) {
      StaticModule* decl = StaticAt(ref.module);
      auto insts = decl ? instances_of_.find(decl) : instances_of_.end();
      if (insts != instances_of_.end() && !insts->second.empty()) {
        DecodeBodyResult d = DecodeBody(ref.block->config, schema, *insts->second.front()->scope,
                                        *this, ref.block->decl_range);
        diags().Append(d.diagnostics);
        ok = !d.diagnostics.HasErrors();
        config = d.value;
      }
    }
    if (validating_) {
      validated_[addr] = ok;
      return ok ? shared : nullptr;
    }
    providers::Provider* p = shared;
    if (!ref.module.empty() || !ref.alias.empty()) {
      if (std::unique_ptr<providers::Provider> own = providers_.Instantiate(source)) {
        p = own.get();
        owned_providers_.push_back(std::move(own));
      }
    }
    if (ok) {
      providers::ConfigureProviderRequest c;
      c.config = config.UnmarkedDeep();
      Diagnostics configured = p->ConfigureProvider(c);
      AddProviderDiagnostics(configured,
                             ref.block ? ref.block->decl_range : Range(), diags());
      ok = !configured.HasErrors();
    }
    configured_[addr] = ok ? p : nullptr;
    return configured_[addr];
  }

  void PlanResource(NodeId n, const Node& node, ModuleInstanceData& mi) {
    const bool data_mode = node.kind == NodeKind::kData;
    const config::Resource& r = data_mode ? node.mod->module->data_resources[node.index]
                                          : node.mod->module->resources[node.index];
    ResourceValues& rv = data_mode ? mi.data[node.index] : mi.managed[node.index];
    std::optional<ProviderInfo> provider = ResolveProvider(*node.mod, r, r.decl_range);
    if (!provider) return;
    addrs::Resource raddr = ResourceAddrOf(n);
    const providers::Schema* schema =
        FindResourceSchema(out_.schemas, provider->config_addr, raddr.mode, r.type);
    if (!schema) {
      diags().Error(data_mode ? "Invalid data source" : "Invalid resource type",
                    fmt::format("The provider {} does not support {} {}.", provider->source,
                                data_mode ? "data source" : "resource type", GoQuote(r.type)),
                    r.type_range);
      return;
    }
    Expansion e = Expand(r.count, r.for_each, mi);
    rv.mode = e.mode;
    rv.known = e.known;
    rv.instances.clear();
    if (!e.known) return;
    const Type implied = schema->block.ImpliedType();
    if (validating_) {
      // Terraform validates a resource's body once, with count.index, each.key and
      // each.value unknown, and its instances are not known yet (references see unknown).
      Repetition rep;
      if (e.mode == Expansion::Mode::kCount) rep.count_index = Value::Unknown(Type::Number());
      if (e.mode == Expansion::Mode::kForEach) {
        rep.each_key = Value::Unknown(Type::String());
        rep.each_value = Value::DynamicUnknown();
      }
      mi.scope->SetRepetition(&rep);
      DecodeBodyResult config = DecodeBody(r.config, schema->block, *mi.scope, *this,
                                           r.decl_range);
      mi.scope->SetRepetition(nullptr);
      diags().Append(config.diagnostics);
      if (!data_mode) EvaluateImportBlocks(n);
      if (e.mode == Expansion::Mode::kSingle) {
        rv.instances.emplace_back(addrs::InstanceKey(), Value::Unknown(implied));
      } else {
        rv.known = false;
      }
      return;
    }
    if (!data_mode) EvaluateImportBlocks(n);
    rv.instances.reserve(e.instances.size());
    for (const auto& [key, each_value] : e.instances) {
      addrs::AbsResourceInstance addr{mi.addr, raddr, key};
      Repetition rep;
      if (e.mode == Expansion::Mode::kCount) rep.count_index = key.AsValue();
      if (e.mode == Expansion::Mode::kForEach) {
        rep.each_key = key.AsValue();
        rep.each_value = each_value;
      }
      mi.scope->SetRepetition(&rep);
      DecodeBodyResult config = DecodeBody(r.config, schema->block, *mi.scope, *this,
                                           r.decl_range);
      diags().Append(config.diagnostics);
      if (config.diagnostics.HasErrors() || validating_) {
        mi.scope->SetRepetition(nullptr);
        rv.instances.emplace_back(key, Value::Unknown(implied));
        continue;
      }
      ValueNodes checks(*mi.scope, *functions_, diags());
      for (const config::CheckRule& rule : r.preconditions) {
        if (rule.condition && rule.error_message) {
          checks.CheckCondition(rule, "Resource precondition failed");
        }
      }
      apply_deferred_ = false;
      Value value = data_mode ? PlanData(addr, r, *provider, *schema, config.value)
                              : PlanManaged(n, addr, r, *provider, *schema, config.value, mi,
                                            rep, e.mode);
      rep.self = value;
      // An instance whose apply runs on a worker checks its postconditions when it is done.
      for (const config::CheckRule& rule : apply_deferred_ ? std::vector<config::CheckRule>{}
                                                          : r.postconditions) {
        if (rule.condition && rule.error_message) {
          checks.CheckCondition(rule, "Resource postcondition failed");
        }
      }
      mi.scope->SetRepetition(nullptr);
      rv.instances.emplace_back(key, std::move(value));
    }
  }

  /// The prior object of `addr` decoded with `schema` (marked as the state records), or
  /// nullopt; `tainted` and `private_data` describe it.
  std::optional<Value> PriorObject(const addrs::AbsResourceInstance& addr,
                                   const providers::Schema& schema, bool* tainted,
                                   std::string* private_data) {
    const state::ObjectState* obj =
        (applying_ ? applying_->prior_state : out_.plan.prior_state).FindCurrent(addr);
    if (!obj) return std::nullopt;
    TypedJsonResult d;
    if (auto cached = refreshed_values_.find(obj);
        !applying_ && cached != refreshed_values_.end()) {
      d.value = std::move(cached->second);  // decoded by Refresh already
      refreshed_values_.erase(cached);
    } else {
      d = DecodeTypedJson(obj->attributes_json, schema.block.ImpliedType());
    }
    if (!d.ok()) {
      diags().Error("Invalid resource instance data in state",
                    fmt::format("Instance {} data could not be decoded from the state: {}.",
                                addr.ToString(), d.error));
      return std::nullopt;
    }
    if (tainted) *tainted = obj->status == state::ObjectState::Status::kTainted;
    if (private_data) *private_data = obj->private_data;
    return MarkSchemaSensitive(
        MarkSensitivePaths(d.value, DecodePathsJson(obj->sensitive_attributes_json)),
        schema.block);
  }

  Value PlanManaged(NodeId n, const addrs::AbsResourceInstance& addr, const config::Resource& r,
                    const ProviderInfo& provider, const providers::Schema& schema,
                    const Value& config, ModuleInstanceData& mi, const Repetition& rep,
                    Expansion::Mode mode) {
    planned_.insert(addr);
    if (applying_) return ApplyInstance(n, addr, r, provider, schema, config, mi, rep);
    bool tainted = false;
    std::string private_data;
    std::optional<Value> prior = PriorObject(addr, schema, &tainted, &private_data);
    std::optional<std::string> import_id;
    if (auto t = import_targets_.empty() ? import_targets_.end() : import_targets_.find(addr);
        t != import_targets_.end() && InstanceSelected(addr, n) &&
        (!options_.legacy_imports.empty() ||
         (!prior && options_.mode == PlanMode::kNormal))) {
      prior = ImportObject(addr, t->second.id, provider, schema, prior.has_value(),
                           &private_data);
      if (!prior) return Value::Unknown(schema.block.ImpliedType());
      tainted = false;
      import_id = t->second.id;
    }
    if (prior && !validating_) out_.visit_order.push_back(addr);
    if (!options_.legacy_imports.empty()) {
      // `cairn import` plans nothing: every object stands as recorded (or imported).
      return prior ? *prior : Value::Unknown(schema.block.ImpliedType());
    }
    if (!InstanceSelected(addr, n)) {
      // Not part of a targeted plan: its recorded object stands for references.
      return prior ? *prior : Value::Unknown(schema.block.ImpliedType());
    }
    if (options_.mode == PlanMode::kRefreshOnly) {
      return prior ? *prior : Value::Unknown(schema.block.ImpliedType());
    }
    if (options_.mode == PlanMode::kDestroy) {
      if (prior) PlanDelete(addr, provider.config_addr, *prior, ActionReason::kNone, r);
      // An instance with no object yet is not planned at all: unknown to whatever refers to
      // it (as a data source is), never a null whose attributes fail to evaluate.
      return prior ? *prior : Value::Unknown(schema.block.ImpliedType());
    }
    InstancePlanRequest req;
    req.addr = addr;
    req.provider_addr = provider.config_addr;
    req.provider = provider.provider;
    req.schema = &schema;
    req.prior = prior ? *prior : Value::Null(schema.block.ImpliedType());
    req.prior_private = private_data;
    req.prior_tainted = tainted;
    req.config = config;
    req.create_before_destroy = DecodedBool(r.create_before_destroy);
    req.range = r.decl_range;
    for (const addrs::AbsResourceInstance& f : options_.force_replace) {
      req.force_replace = req.force_replace || f == addr;
    }
    IgnoreChanges(r, req);
    if (prior && r.replace_triggered_by) req.triggered = Triggered(r, mi, rep);
    InstancePlanResult result = PlanManagedInstance(req);
    diags().Append(result.diagnostics);
    if (result.diagnostics.HasErrors()) return Value::Unknown(schema.block.ImpliedType());
    ResourceInstanceChange& change = result.change;
    change.import_id = std::move(import_id);
    change.dependencies = Dependencies(n);
    if (auto m = moved_from_.find(addr); m != moved_from_.end()) change.previous_addr = m->second;
    if ((change.action == Action::kDeleteThenCreate ||
         change.action == Action::kCreateThenDelete) &&
        DecodedBool(r.prevent_destroy)) {
      PreventDestroyError(addr, r);
    }
    (void)mode;
    Value after = change.after;
    out_.plan.changes.push_back(std::move(change));
    return after;
  }

  // ---- applying ----------------------------------------------------------------------
  //
  // The walk thread evaluates; a provider operation runs as a job on a worker, recording an
  // intent in the journal before the provider call and the result after it. A job reports
  // back through `events_` with a closure the walk thread runs (values, diagnostics, node
  // completion), so evaluation state is only ever touched by the walk thread.

  /// What a job hands back to the walk thread.
  struct JobOutcome {
    Value value;  ///< the instance's new value (unknown when it failed)
    Diagnostics diagnostics;
    bool failed = false;
    /// Created, with create-time provisioners still to run (the walk thread evaluates their
    /// configuration with `self`, a worker runs them): the object as recorded, when the
    /// operation started, and a create before destroy's deposed key.
    bool needs_provisioning = false;
    state::JournalRecord recorded;
    std::chrono::steady_clock::time_point started;
    std::string deposed_key;
  };

  /// One provisioner to run, its configuration evaluated.
  struct ProvisionStep {
    const config::Provisioner* provisioner = nullptr;
    ProvisionerMeta meta;
    LocalExecConfig config;
  };

  /// The provisioners of `r` whose `when` is `destroy_time`, evaluated in `mi` with `self`
  /// (and `rep`'s count.index / each). Errors go to `diags` and make `ok` false.
  std::vector<ProvisionStep> EvaluateProvisioners(const addrs::AbsResourceInstance& addr,
                                                  const config::Resource& r,
                                                  ModuleInstanceData& mi, Repetition rep,
                                                  const Value& self, bool destroy_time,
                                                  Diagnostics& diags, bool& ok) {
    std::vector<ProvisionStep> steps;
    ok = true;
    for (const config::Provisioner& p : r.provisioners) {
      ProvisionerMetaResult meta = DecodeProvisionerMeta(p);
      if (meta.meta.when_destroy != destroy_time) continue;
      rep.self = self;
      mi.scope->SetRepetition(&rep);
      DecodeBodyResult decoded = DecodeLocalExec(p, *mi.scope, *this);
      mi.scope->SetRepetition(nullptr);
      if (decoded.diagnostics.HasErrors()) {
        InProvisionerBody(decoded.diagnostics, p, addr.ToString());
        diags.Append(decoded.diagnostics);
        ok = false;
        return steps;
      }
      steps.push_back({&p, meta.meta, LocalExecConfigFromValue(decoded.value)});
    }
    return steps;
  }

  /// Runs `steps` in order (on a worker): false, with the error in `diags`, when one failed
  /// and its `on_failure` is not `continue`.
  bool RunProvisionSteps(const addrs::AbsResourceInstance& addr,
                         const std::vector<ProvisionStep>& steps, Diagnostics& diags) {
    for (const ProvisionStep& step : steps) {
      const std::string& type = step.provisioner->type;
      hooks_->ProvisionStart(addr, type);
      LocalExecResult run = RunLocalExec(
          step.config,
          [&](std::string_view message) { hooks_->ProvisionOutput(addr, type, message); },
          apply_options_.interrupt ? apply_options_.interrupt->counter() : nullptr);
      if (!run.diagnostics.HasErrors() || step.meta.on_failure_continue) continue;
      InProvisionerBody(run.diagnostics, *step.provisioner, addr.ToString());
      diags.Append(run.diagnostics);
      return false;
    }
    return true;
  }

  /// The config resource and module instance of a recorded object, when the configuration
  /// still has them.
  std::pair<const config::Resource*, ModuleInstanceData*> ConfigOf(
      const addrs::AbsResourceInstance& addr) {
    auto it = by_addr_.find(addr.module);
    if (it == by_addr_.end()) return {nullptr, nullptr};
    for (const config::Resource& r : it->second->mod->module->resources) {
      if (r.mode == config::ResourceMode::kManaged && r.type == addr.resource.type &&
          r.name == addr.resource.name) {
        return {&r, it->second};
      }
    }
    return {nullptr, nullptr};
  }

  static state::JournalRecord::Action JournalAction(Action a) {
    switch (a) {
      case Action::kCreate: return state::JournalRecord::Action::kCreate;
      case Action::kDelete: return state::JournalRecord::Action::kDelete;
      default: return state::JournalRecord::Action::kUpdate;
    }
  }

  /// The state object for `value` (fully known) as apply records it; nullopt with an error
  /// when the provider left something unknown.
  static std::optional<state::ObjectState> MakeObject(
      const addrs::AbsResourceInstance& addr, const providers::Schema& schema, const Value& value,
      const std::vector<ValuePath>& sensitive, const ResourceInstanceChange& planned,
      bool tainted, const std::string& private_data, Diagnostics& diags) {
    TypedJsonEncodeResult enc = EncodeTypedJson(value.UnmarkedDeep(), schema.block.ImpliedType());
    if (!enc.ok()) {
      diags.Error("Provider returned invalid result object after apply",
                  fmt::format("After the apply operation, the provider still indicated an "
                              "unknown value for {}. All values must be known after apply, so "
                              "this is always a bug in the provider and should be reported in "
                              "the provider's own repository. Cairn will still save the other "
                              "known object values in the state.",
                              addr.ToString()));
      return std::nullopt;
    }
    state::ObjectState obj;
    obj.status = tainted ? state::ObjectState::Status::kTainted
                         : state::ObjectState::Status::kReady;
    obj.schema_version = static_cast<uint64_t>(schema.version);
    obj.attributes_json = enc.json;
    obj.sensitive_attributes_json = EncodePathsJson(sensitive);
    obj.private_data = private_data;
    obj.dependencies = planned.dependencies;
    obj.create_before_destroy = planned.create_before_destroy;
    return obj;
  }

  /// The planned object of a create as its intent records it: unknown values null.
  static state::ObjectState PlannedObject(const providers::Schema& schema, const Value& planned,
                                          const ResourceInstanceChange& change) {
    state::ObjectState obj;
    obj.status = state::ObjectState::Status::kTainted;
    obj.schema_version = static_cast<uint64_t>(schema.version);
    TypedJsonEncodeResult enc =
        EncodeTypedJson(UnknownAsNull(planned.UnmarkedDeep()), schema.block.ImpliedType());
    obj.attributes_json = enc.ok() ? enc.json : std::string("{}");
    obj.dependencies = change.dependencies;
    obj.create_before_destroy = change.create_before_destroy;
    return obj;
  }

  /// A provider's diagnostics about the instance `addr` during apply: located at `range`
  /// and introduced "with ADDR," as Terraform does.
  static void AddApplyDiagnostics(const Diagnostics& from, const addrs::AbsResourceInstance& addr,
                                  const Range& range, Diagnostics& to) {
    const size_t first = to.size();
    AddProviderDiagnostics(from, range, to);
    for (size_t i = first; i < to.items().size(); ++i) to.items()[i].address = addr.ToString();
  }

  /// Records an intent; false (with the error in `diags`) when the journal cannot be written,
  /// in which case the provider must not be called.
  bool RecordIntent(state::JournalRecord& r, const Range& range, Diagnostics& diags) {
    std::string error;
    r.id = journal_->Intent(r, &error);
    if (r.id.empty()) {
      diags.Error("Failed to record the operation",
                  fmt::format("Cairn could not record its intent to change {} in the apply "
                              "journal, so it did not make the change: {}",
                              r.addr.ToString(), error),
                  range);
      return false;
    }
    return true;
  }

  /// Deletes one object (current, or deposed when `deposed_key` is set) through its
  /// provider, journaled; from a worker. True when it is gone.
  bool DeleteObjectJob(const addrs::AbsResourceInstance& addr, const std::string& deposed_key,
                       const std::string& provider_addr, providers::Provider* provider,
                       const providers::Schema& schema, const Value& prior,
                       const state::ObjectState& prior_object, const Range& range,
                       Diagnostics& diags,
                       const std::vector<ProvisionStep>& destroy_provisioners = {}) {
    if (deposed_key.empty()) {
      hooks_->PreApply(addr, Action::kDelete, prior);
    } else {
      hooks_->PreApplyDeposed(addr, deposed_key, prior);
    }
    auto started = std::chrono::steady_clock::now();
    // Destroy-time provisioners run first; one that fails keeps the object (not destroyed).
    if (!RunProvisionSteps(addr, destroy_provisioners, diags)) return false;
    state::JournalRecord r;
    r.action = state::JournalRecord::Action::kDelete;
    r.addr = addr;
    r.deposed_key = deposed_key;
    r.provider = provider_addr;
    if (!RecordIntent(r, range, diags)) return false;
    providers::ApplyResourceChangeRequest a;
    a.type_name = addr.resource.type;
    a.prior_state = prior.UnmarkedDeep();
    a.planned_state = Value::Null(schema.block.ImpliedType());
    a.planned_private = prior_object.private_data;
    providers::ApplyResourceChangeResponse done = provider->ApplyResourceChange(a);
    const bool failed = done.diagnostics.HasErrors();
    hooks_->PostApply(addr, Action::kDelete, Value::Null(schema.block.ImpliedType()), failed,
                      std::chrono::steady_clock::now() - started);
    AddApplyDiagnostics(done.diagnostics, addr, range, diags);
    if (!failed) {
      r.object.reset();
    } else {
      r.object = prior_object;  // still there
    }
    journal_->Result(std::move(r));
    return !failed;
  }

  /// Everything a change's job needs, copied off the walk thread's structures.
  struct ApplyJob {
    addrs::AbsResourceInstance addr;
    const ResourceInstanceChange* planned = nullptr;
    ProviderInfo provider;
    const providers::Schema* schema = nullptr;
    std::optional<Value> prior;
    std::optional<state::ObjectState> prior_object;
    InstancePlanRequest request;
    Value config;
    Range range;
    bool create_provisioners = false;  ///< the resource has create-time provisioners
  };

  /// The provider work of one change, on a worker: plan again, check the plan's promises,
  /// apply (a replacement as a delete and a create, or a create and a delete), record.
  JobOutcome RunApplyJob(ApplyJob& job) {
    JobOutcome out;
    const Type implied = job.schema->block.ImpliedType();
    out.value = Value::Unknown(implied);
    const ResourceInstanceChange& planned = *job.planned;
    const addrs::AbsResourceInstance& addr = job.addr;
    InstancePlanResult again = PlanManagedInstance(job.request);
    out.diagnostics.Append(again.diagnostics);
    if (again.diagnostics.HasErrors()) {
      out.failed = true;
      return out;
    }
    if (!Conforms(planned.after.UnmarkedDeep(), again.change.after.UnmarkedDeep())) {
      out.diagnostics.Error(
          "Provider produced inconsistent final plan",
          fmt::format("When expanding the plan for {} to include new values learned so far "
                      "during apply, provider {} produced an invalid new value: the planned "
                      "value changed.\n\nThis is a bug in the provider, which should be reported "
                      "in the provider's own issue tracker.",
                      addr.ToString(), GoQuote(job.provider.source)),
          job.range);
      out.failed = true;
      return out;
    }
    const ResourceInstanceChange& c = again.change;
    const bool replace =
        c.action == Action::kDeleteThenCreate || c.action == Action::kCreateThenDelete;
    std::optional<Value> prior = job.prior;
    if (replace && c.action == Action::kDeleteThenCreate && prior) {
      if (!DeleteObjectJob(addr, "", planned.provider, job.provider.provider, *job.schema,
                           *prior, *job.prior_object, job.range, out.diagnostics)) {
        out.failed = true;
        return out;
      }
      prior.reset();
    }
    const Action shown = prior && !replace ? Action::kUpdate : Action::kCreate;
    state::JournalRecord intent;
    intent.action = JournalAction(shown);
    intent.addr = addr;
    intent.provider = planned.provider;
    if (shown == Action::kCreate) intent.object = PlannedObject(*job.schema, c.after, planned);
    if (!RecordIntent(intent, job.range, out.diagnostics)) {
      out.failed = true;
      return out;
    }
    // A create before destroy's old object stands aside (deposed) under this key.
    const std::string deposed_key =
        replace && c.action == Action::kCreateThenDelete && prior ? intent.id.substr(0, 8) : "";
    hooks_->PreApply(addr, shown, prior ? *prior : Value::Null(implied));
    auto started = std::chrono::steady_clock::now();
    providers::ApplyResourceChangeRequest a;
    a.type_name = addr.resource.type;
    a.prior_state = shown == Action::kUpdate ? prior->UnmarkedDeep() : Value::Null(implied);
    a.planned_state = c.after.UnmarkedDeep();
    a.config = job.config.UnmarkedDeep();
    a.planned_private = c.private_data;
    if (shown == Action::kCreate) a.idempotency_token = intent.id;
    providers::ApplyResourceChangeResponse done = job.provider.provider->ApplyResourceChange(a);
    const bool failed = done.diagnostics.HasErrors();
    // A create with provisioners is complete only after they ran.
    const bool provision = job.create_provisioners && shown == Action::kCreate && !failed;
    if (!provision) {
      hooks_->PostApply(addr, shown, done.new_state, failed,
                        std::chrono::steady_clock::now() - started);
    }
    AddApplyDiagnostics(done.diagnostics, addr, job.range, out.diagnostics);
    state::JournalRecord result = intent;
    result.depose_current_to = deposed_key;
    if (failed) {
      out.failed = true;
      if (!done.new_state.IsNull() && done.new_state.IsWhollyKnown()) {
        // Terraform keeps what the provider returned; a failed create is tainted.
        result.object = MakeObject(addr, *job.schema, done.new_state, {}, planned,
                                   shown == Action::kCreate, done.private_data, out.diagnostics);
      } else if (shown == Action::kUpdate) {
        result.object = job.prior_object;
      } else {
        result.object.reset();
        result.depose_current_to.clear();
      }
      journal_->Result(std::move(result));
      return out;
    }
    Value marked = MarkSchemaSensitive(
        MarkSensitivePaths(done.new_state, SensitivePaths(job.config)), job.schema->block);
    result.object = MakeObject(addr, *job.schema, marked, SensitivePaths(marked), planned, false,
                               done.private_data, out.diagnostics);
    if (!result.object) {
      out.failed = true;
      result.depose_current_to.clear();
      if (shown == Action::kUpdate) result.object = job.prior_object;
      journal_->Result(std::move(result));
      return out;
    }
    if (provision && result.object) {
      out.recorded = result;
      out.needs_provisioning = true;
      out.started = started;
      out.deposed_key = deposed_key;
    }
    journal_->Result(std::move(result));
    out.value = marked;
    if (out.needs_provisioning) return out;  // the old object goes after the provisioners
    if (!deposed_key.empty()) {
      // The old object goes after its replacement exists.
      DeleteObjectJob(addr, deposed_key, planned.provider, job.provider.provider, *job.schema,
                      *prior, *job.prior_object, job.range, out.diagnostics);
    }
    return out;
  }

  /// Applies the planned change of `addr` (none or a no-op: the recorded object stands). A
  /// change with provider work becomes a job whose value lands in `rv.instances[slot]`;
  /// `apply_deferred_` then tells the caller the returned value is a placeholder.
  Value ApplyInstance(NodeId n, const addrs::AbsResourceInstance& addr,
                      const config::Resource& r, const ProviderInfo& provider,
                      const providers::Schema& schema, const Value& config, ModuleInstanceData& mi,
                      const Repetition& rep) {
    const Type implied = schema.block.ImpliedType();
    std::string private_data;
    std::optional<Value> prior = PriorObject(addr, schema, nullptr, &private_data);
    RecordImported(addr, schema, prior);
    auto it = change_index_.find(addr);
    if (it == change_index_.end()) return prior ? *prior : Value::Unknown(implied);
    const ResourceInstanceChange& planned = applying_->changes[it->second];
    if (planned.action == Action::kNoOp || planned.action == Action::kRead) {
      applied_changes_[it->second] = true;
      return prior ? *prior : Value::Unknown(implied);
    }
    if (planned.action == Action::kDelete || planned.action == Action::kForget) {
      // Deletions run after the walk, dependents first (ApplyRemainingDeletes).
      return prior ? *prior : Value::Null(implied);
    }
    applied_changes_[it->second] = true;
    auto job = std::make_shared<ApplyJob>();
    job->addr = addr;
    job->planned = &planned;
    job->provider = provider;
    job->schema = &schema;
    job->prior = prior;
    if (const state::ObjectState* obj = applying_->prior_state.FindCurrent(addr)) {
      job->prior_object = *obj;
    }
    job->config = config;
    job->range = r.decl_range;
    // Plan again with what is known now; the result must keep the plan's promises.
    InstancePlanRequest& req = job->request;
    req.addr = addr;
    req.provider_addr = provider.config_addr;
    req.provider = provider.provider;
    req.schema = &schema;
    req.prior = prior ? *prior : Value::Null(implied);
    req.prior_private = private_data;
    req.config = config;
    req.create_before_destroy = planned.create_before_destroy;
    req.force_replace = planned.action == Action::kDeleteThenCreate ||
                        planned.action == Action::kCreateThenDelete;
    req.range = r.decl_range;
    IgnoreChanges(r, req);

    for (const config::Provisioner& p : r.provisioners) {
      job->create_provisioners = job->create_provisioners || !DecodeProvisionerMeta(p).meta.when_destroy;
    }
    auto slot = std::make_shared<InstanceSlot>();
    slot->n = n;
    slot->rv = &mi.managed[nodes_[n].index];
    slot->index = slot->rv->instances.size();
    slot->rep = rep;
    slot->resource = &r;
    slot->mi = &mi;
    slot->job = job;
    Submit(n, [this, job, slot] {
      auto outcome = std::make_shared<JobOutcome>(RunApplyJob(*job));
      events_.Push([this, outcome, slot] { FinishInstance(*slot, std::move(*outcome)); });
    });
    apply_deferred_ = true;
    return Value::Unknown(implied);
  }

  /// Where a job's instance value goes, and what its completion needs.
  struct InstanceSlot {
    NodeId n = 0;
    ResourceValues* rv = nullptr;
    size_t index = 0;
    Repetition rep;
    const config::Resource* resource = nullptr;
    ModuleInstanceData* mi = nullptr;
    std::shared_ptr<ApplyJob> job;
  };

  /// On the walk thread, once an instance's job is done: its diagnostics and value, its
  /// create-time provisioners handed to a worker, its postconditions, and its node's count.
  void FinishInstance(InstanceSlot& slot, JobOutcome outcome) {
    diags().Append(outcome.diagnostics);
    if (outcome.needs_provisioning) {
      bool ok = true;
      Diagnostics errors;
      std::vector<ProvisionStep> steps =
          EvaluateProvisioners(slot.job->addr, *slot.resource, *slot.mi, slot.rep,
                               outcome.value, /*destroy_time=*/false, errors, ok);
      auto shared_slot = std::make_shared<InstanceSlot>(slot);
      auto pending = std::make_shared<JobOutcome>(std::move(outcome));
      pending->diagnostics = std::move(errors);
      pending->needs_provisioning = false;
      Submit(slot.n, [this, shared_slot, pending, ok, steps = std::move(steps)] {
        const ApplyJob& job = *shared_slot->job;
        bool done = ok && RunProvisionSteps(job.addr, steps, pending->diagnostics);
        hooks_->PostApply(job.addr, Action::kCreate, pending->value, !done,
                          std::chrono::steady_clock::now() - pending->started);
        if (!done) {
          // Created but not provisioned: kept, tainted (the next plan replaces it).
          state::JournalRecord tainted = pending->recorded;
          tainted.object->status = state::ObjectState::Status::kTainted;
          tainted.depose_current_to.clear();
          journal_->Result(std::move(tainted));
          pending->failed = true;
        } else if (!pending->deposed_key.empty() && job.prior && job.prior_object) {
          DeleteObjectJob(job.addr, pending->deposed_key, job.planned->provider,
                          job.provider.provider, *job.schema, *job.prior, *job.prior_object,
                          job.range, pending->diagnostics);
        }
        events_.Push([this, pending, shared_slot] {
          FinishInstance(*shared_slot, std::move(*pending));
        });
      });
      JobDone(slot.n);
      return;
    }
    if (outcome.failed) {
      node_failed_[slot.n] = true;
    } else if (slot.index < slot.rv->instances.size()) {
      slot.rv->instances[slot.index].second = outcome.value;
      if (!slot.resource->postconditions.empty()) {
        slot.rep.self = outcome.value;
        slot.mi->scope->SetRepetition(&slot.rep);
        ValueNodes checks(*slot.mi->scope, *functions_, diags());
        for (const config::CheckRule& rule : slot.resource->postconditions) {
          if (rule.condition && rule.error_message) {
            checks.CheckCondition(rule, "Resource postcondition failed");
          }
        }
        slot.mi->scope->SetRepetition(nullptr);
      }
    }
    JobDone(slot.n);
  }

  /// Whether `final_value` keeps every known value of `planned` (unknowns may become known).
  static bool Conforms(const Value& planned, const Value& final_value) {
    if (!planned.IsKnown()) return true;
    if (planned.IsNull() || final_value.IsNull() || !final_value.IsKnown()) {
      return planned.IsNull() == final_value.IsNull() && final_value.IsKnown();
    }
    const Type& t = planned.type();
    if (t.IsObject() || t.IsMap() || t.IsList() || t.IsTuple()) {
      if (planned.Length() != final_value.Length()) return false;
      if ((t.IsObject() || t.IsMap()) && planned.Keys() != final_value.Keys()) return false;
      for (size_t i = 0; i < planned.Length(); ++i) {
        if (!Conforms(planned.Elements()[i], final_value.Elements()[i])) return false;
      }
      return true;
    }
    if (!planned.IsWhollyKnown()) return true;
    return planned.RawEquals(final_value);
  }

  // ---- the parallel walk ---------------------------------------------------------------

  /// Queues `job` for node `n` (counted until its completion event runs JobDone).
  void Submit(NodeId n, std::function<void()> job) {
    ++pending_jobs_[n];
    ++in_flight_;
    ++total_jobs_;
    pool_->Submit(priority_[n], std::move(job));
  }

  void JobDone(NodeId n) {
    --in_flight_;
    ++done_jobs_;
    if (--pending_jobs_[n] == 0 && visited_[n]) CompleteNode(n);
  }

  /// `n` and its jobs are done: its dependents may start (skipped when it failed).
  void CompleteNode(NodeId n) {
    for (NodeId d : dag_.DependentsOf(n)) {
      if (!selected_[d]) continue;
      if (node_failed_[n]) node_failed_[d] = true;
      if (--waiting_[d] == 0) ready_.push({priority_[d], -static_cast<int64_t>(position_[d]), d});
    }
  }

  bool AnyNodeFailed() const {
    return std::find(node_failed_.begin(), node_failed_.end(), true) != node_failed_.end();
  }

  bool Interrupted() const {
    return apply_options_.interrupt && apply_options_.interrupt->Get() > 0;
  }

  /// Runs completion events until no job is in flight (or a second interrupt).
  /// `until_idle`: wait for every job; otherwise return after the first batch of events.
  void Pump(bool until_idle) {
    for (;;) {
      if (in_flight_ == 0) return;
      if (apply_options_.interrupt && apply_options_.interrupt->Get() >= 1 && !drained_) {
        // First interrupt: what has not started never will.
        drained_ = true;
        std::vector<std::function<void()>> dropped = pool_->TakeQueued();
        in_flight_ -= dropped.size();
        total_jobs_ -= dropped.size();
      }
      if (apply_options_.interrupt && apply_options_.interrupt->Get() >= 2) {
        abandoned_ = true;
        pool_->Abandon();
        for (auto& [source, p] : resolved_) {
          if (p) p->Stop();
        }
        return;
      }
      std::optional<std::function<void()>> e =
          events_.Pop(std::chrono::milliseconds(in_flight_ ? 250 : 0));
      if (e) {
        (*e)();
        while (std::optional<std::function<void()>> more = events_.Pop(std::chrono::seconds(0))) {
          (*more)();
        }
      }
      hooks_->Progress(done_jobs_, total_jobs_, in_flight_);
      if (apply_options_.checkpoint &&
          std::chrono::steady_clock::now() - last_checkpoint_ >=
              apply_options_.checkpoint_interval) {
        diags().Append(apply_options_.checkpoint(*journal_));
        last_checkpoint_ = std::chrono::steady_clock::now();
      }
      if (e && !until_idle) return;
    }
  }

  /// The applying walk: every selected node once its dependencies are done, ready nodes in
  /// order of their longest remaining path; provider work on the pool.
  void WalkApplying() {
    eval::functions::FunctionOptions f;
    f.base_dir = tree_.module->dir.empty() ? "." : tree_.module->dir;
    f.planning = false;
    f.plan_time = options_.plan_time;
    functions_ = eval::functions::MakeBuiltins(f);
    MakeInstance(root_.get(), nullptr, {}, Repetition());
    const size_t count = nodes_.size();
    position_.assign(count, 0);
    for (size_t i = 0; i < order_.size(); ++i) position_[order_[i]] = i;
    priority_ = apply::RemainingPathWeights(dag_, order_, [&](NodeId n) -> int64_t {
      return selected_[n] && nodes_[n].kind == NodeKind::kResource ? 1 : 0;
    });
    waiting_.assign(count, 0);
    pending_jobs_.assign(count, 0);
    visited_.assign(count, false);
    node_failed_.assign(count, false);
    for (NodeId n : order_) {
      if (!selected_[n]) continue;
      for (NodeId d : dag_.DependenciesOf(n)) waiting_[n] += selected_[d] ? 1 : 0;
      if (waiting_[n] == 0) ready_.push({priority_[n], -static_cast<int64_t>(position_[n]), n});
    }
    for (;;) {
      while (!ready_.empty() && !Interrupted()) {
        NodeId n = std::get<2>(ready_.top());
        ready_.pop();
        if (!node_failed_[n]) {
          const Node& node = nodes_[n];
          for (ModuleInstanceData* mi : instances_of_[node.mod]) VisitNode(n, node, *mi);
        }
        visited_[n] = true;
        if (pending_jobs_[n] == 0) CompleteNode(n);
      }
      if (in_flight_ == 0 || abandoned_) break;
      Pump(/*until_idle=*/false);
      if (abandoned_) break;
    }
  }

  /// The planned deletions the walk did not reach (objects without configuration, deposed
  /// objects, every object of a destroy plan), in parallel, each after the deletions of the
  /// objects that depend on it.
  void ApplyRemainingDeletes() {
    struct Pending {
      size_t change;
      std::string resource;  ///< its resource's address
      std::vector<std::string> dependencies;
    };
    std::vector<Pending> pending;
    for (size_t i = 0; i < applying_->changes.size(); ++i) {
      const ResourceInstanceChange& c = applying_->changes[i];
      if (applied_changes_[i]) continue;
      if (c.action != Action::kDelete && c.action != Action::kForget) continue;
      pending.push_back({i, c.addr.ContainingResource().ToString(), DependenciesInState(c)});
    }
    // An object is deleted only after every pending deletion that depends on its resource.
    std::unordered_map<std::string, size_t> dependents;  // resource -> pending dependents
    std::unordered_map<std::string, std::vector<size_t>> of_resource;
    for (size_t k = 0; k < pending.size(); ++k) {
      of_resource[pending[k].resource].push_back(k);
      for (const std::string& d : pending[k].dependencies) {
        if (d != pending[k].resource) ++dependents[d];
      }
    }
    auto start = [&](size_t k) {
      const ResourceInstanceChange& c = applying_->changes[pending[k].change];
      applied_changes_[pending[k].change] = true;
      auto finish = [this, k, &pending, &dependents, &of_resource](bool ok) {
        (void)ok;
        for (const std::string& d : pending[k].dependencies) {
          if (d == pending[k].resource) continue;
          auto it = dependents.find(d);
          if (it != dependents.end() && --it->second == 0) {
            for (size_t j : of_resource[d]) delete_ready_.push_back(j);
          }
        }
      };
      DeleteFromPlan(c, std::move(finish));
    };
    delete_ready_.clear();
    for (size_t k = 0; k < pending.size(); ++k) {
      if (dependents[pending[k].resource] == 0) delete_ready_.push_back(k);
    }
    // A dependency cycle among recorded objects would leave some never ready: they go last.
    std::vector<bool> started(pending.size(), false);
    size_t started_count = 0;
    for (;;) {
      while (!delete_ready_.empty() && !Interrupted()) {
        size_t k = delete_ready_.back();
        delete_ready_.pop_back();
        if (started[k]) continue;
        started[k] = true;
        ++started_count;
        start(k);
      }
      if (in_flight_ > 0 && !abandoned_) {
        Pump(/*until_idle=*/false);
        continue;
      }
      if (abandoned_ || Interrupted() || started_count == pending.size()) break;
      for (size_t k = 0; k < pending.size(); ++k) {
        if (!started[k]) delete_ready_.push_back(k);
      }
    }
  }

  std::vector<std::string> DependenciesInState(const ResourceInstanceChange& c) const {
    const state::ResourceState* rs = applying_->prior_state.FindResource(c.addr.ContainingResource());
    if (!rs) return {};
    const state::InstanceState* is = rs->Find(c.addr.key);
    if (!is) return {};
    const state::ObjectState* obj = nullptr;
    if (c.deposed_key.empty()) {
      obj = is->current ? &*is->current : nullptr;
    } else if (auto d = is->deposed.find(c.deposed_key); d != is->deposed.end()) {
      obj = &d->second;
    }
    return obj ? obj->dependencies : std::vector<std::string>{};
  }

  /// Deletes (or forgets) the object of a planned deletion; `finish(ok)` runs on the walk
  /// thread once it is done.
  void DeleteFromPlan(const ResourceInstanceChange& c, std::function<void(bool)> finish) {
    std::string source = ProviderSource(c.provider);
    auto it = resolved_.find(source);
    providers::Provider* p = it != resolved_.end() ? it->second : providers_.Resolve(source);
    if (it == resolved_.end()) {
      resolved_[source] = p;
      if (p) out_.schemas[source] = p->GetProviderSchema();
    }
    // The provider configuration the object was made with (an alias, a module's), when the
    // walk configured it; the default instance otherwise.
    if (auto configured = configured_.find(c.provider);
        configured != configured_.end() && configured->second) {
      p = configured->second;
    }
    const providers::Schema* schema = FindResourceSchema(out_.schemas, c.provider,
                                                         c.addr.resource.mode,
                                                         c.addr.resource.type);
    const state::ResourceState* rs = applying_->prior_state.FindResource(c.addr.ContainingResource());
    const state::InstanceState* is = rs ? rs->Find(c.addr.key) : nullptr;
    const state::ObjectState* obj = nullptr;
    if (is && c.deposed_key.empty() && is->current) obj = &*is->current;
    if (is && !c.deposed_key.empty()) {
      if (auto d = is->deposed.find(c.deposed_key); d != is->deposed.end()) obj = &d->second;
    }
    if (!p || !schema || !obj) {
      finish(false);
      return;
    }
    if (c.action == Action::kForget) {
      state::JournalRecord r;
      r.addr = c.addr;
      r.deposed_key = c.deposed_key;
      r.provider = c.provider;
      journal_->Result(std::move(r));
      finish(true);
      return;
    }
    auto object = std::make_shared<state::ObjectState>(*obj);
    auto f = std::make_shared<std::function<void(bool)>>(std::move(finish));
    // Destroy-time provisioners, when the configuration still has the resource (Terraform
    // runs none for an object whose configuration is gone).
    auto steps = std::make_shared<std::vector<ProvisionStep>>();
    Range range;
    if (c.deposed_key.empty()) {
      if (auto [r, mi] = ConfigOf(c.addr); r && !r->provisioners.empty()) {
        range = r->decl_range;
        Repetition rep;
        if (c.addr.key.is_int()) rep.count_index = c.addr.key.AsValue();
        if (c.addr.key.is_string()) rep.each_key = c.addr.key.AsValue();
        bool ok = true;
        *steps = EvaluateProvisioners(c.addr, *r, *mi, rep, c.before, /*destroy_time=*/true,
                                      diags(), ok);
        if (!ok) {
          (*f)(false);
          return;
        }
      }
    }
    ++in_flight_;
    ++total_jobs_;
    pool_->Submit(0, [this, c, p, schema, object, f, steps, range] {
      auto diags_out = std::make_shared<Diagnostics>();
      bool ok = DeleteObjectJob(c.addr, c.deposed_key, c.provider, p, *schema, c.before, *object,
                                range, *diags_out, *steps);
      events_.Push([this, diags_out, ok, f] {
        diags().Append(*diags_out);
        --in_flight_;
        ++done_jobs_;
        (*f)(ok);
      });
    });
  }

  /// The root module's outputs into the applied state (null and unknown ones left out).
  void RecordOutputs() {
    ModuleInstanceData& root = *instances_.front();
    const config::Module& mod = *root.mod->module;
    outputs_.clear();
    if (options_.mode == PlanMode::kDestroy) return;
    for (size_t i = 0; i < mod.outputs.size(); ++i) {
      const OutputValue& o = root.outputs[i];
      if (!o.value.IsWhollyKnown() && (Interrupted() || AnyNodeFailed())) {
        // Not evaluated (an interrupt, or it depends on what failed): keep what was recorded.
        auto prior = applying_->prior_state.outputs.find(mod.outputs[i].name);
        if (prior != applying_->prior_state.outputs.end()) outputs_.insert(*prior);
        continue;
      }
      if (o.value.IsNull() || !o.value.IsWhollyKnown()) continue;
      state::OutputState s;
      s.value = o.value.UnmarkedDeep();
      s.sensitive = o.sensitive;
      outputs_[mod.outputs[i].name] = std::move(s);
    }
  }

  void PreventDestroyError(const addrs::AbsResourceInstance& addr, const config::Resource& r,
                           std::optional<Range> at = std::nullopt) {
    diags().Error("Instance cannot be destroyed",
                  fmt::format("Resource {} has lifecycle.prevent_destroy set, but the plan calls "
                              "for this resource to be destroyed. To avoid this error and "
                              "continue with the plan, either disable lifecycle.prevent_destroy "
                              "or reduce the scope of the plan using the -target option.",
                              addr.ToString()),
                  at ? *at : r.prevent_destroy ? r.prevent_destroy->range : r.decl_range);
  }

  void IgnoreChanges(const config::Resource& r, InstancePlanRequest& req) {
    const ast::Expr* e = r.ignore_changes;
    if (!e) return;
    if (e->kind == ast::ExprKind::kScopeTraversal && e->steps.empty() && e->root_name == "all") {
      req.ignore_all = true;
      return;
    }
    if (e->kind != ast::ExprKind::kTuple) return;
    for (const ast::ExprPtr& item : e->items) {
      if (item->kind != ast::ExprKind::kScopeTraversal) continue;
      ValuePath p{PathStep::Attr(item->root_name)};
      req.ignore_changes.push_back(std::move(p));
    }
  }

  /// replace_triggered_by: whether a referenced resource instance (or attribute of one) is
  /// planned to change.
  bool Triggered(const config::Resource& r, ModuleInstanceData& mi, const Repetition& rep) {
    const ast::Expr* e = r.replace_triggered_by;
    if (e->kind != ast::ExprKind::kTuple) return false;
    for (const ast::ExprPtr& item : e->items) {
      const ast::Expr* x = item.get();
      const ast::Expr* index = nullptr;
      if (x->kind == ast::ExprKind::kIndex) {
        index = x->index.get();
        x = x->operand.get();
      }
      if (x->kind != ast::ExprKind::kScopeTraversal || x->steps.empty()) continue;
      addrs::Resource target;
      target.type = x->root_name;
      size_t step = 0;
      if (x->steps[0].kind != ast::TraversalStep::Kind::kAttr) continue;
      target.name = x->steps[0].name;
      step = 1;
      std::optional<InstanceKey> key;
      if (step < x->steps.size() && x->steps[step].kind == ast::TraversalStep::Kind::kIndex) {
        Diagnostics ignored;
        eval::MapScope none;
        eval::EvalResult k = eval::Evaluate(*x->steps[step].key, none);
        key = InstanceKey::FromValue(k.value);
        ++step;
      } else if (index) {
        mi.scope->SetRepetition(&rep);
        ValueNodes values(*mi.scope, *functions_, scratch_);
        eval::EvalResult k = values.Eval(*index);
        key = InstanceKey::FromValue(k.value);
      }
      std::string attribute;
      if (step < x->steps.size() && x->steps[step].kind == ast::TraversalStep::Kind::kAttr) {
        attribute = x->steps[step].name;
      }
      for (const ResourceInstanceChange& c : out_.plan.changes) {
        if (c.addr.module != mi.addr || c.addr.resource != target) continue;
        if (key && c.addr.key != *key) continue;
        if (c.action == Action::kNoOp || c.action == Action::kRead) continue;
        if (!attribute.empty()) {
          const Value* before = c.before.IsKnown() && !c.before.IsNull()
                                    ? c.before.Find(attribute) : nullptr;
          const Value* after = c.after.IsKnown() && !c.after.IsNull()
                                   ? c.after.Find(attribute) : nullptr;
          if (before && after && before->RawEquals(*after)) continue;
        }
        return true;
      }
    }
    return false;
  }

  /// Direct resource dependencies of node `n`: the resources it reaches through variables,
  /// locals, outputs and module calls without passing another resource.
  std::vector<std::string> Dependencies(NodeId n) {
    auto cached = deps_cache_.find(n);
    if (cached != deps_cache_.end()) return cached->second;
    std::set<std::string> out;
    std::vector<NodeId> stack(dag_.DependenciesOf(n).begin(), dag_.DependenciesOf(n).end());
    std::set<NodeId> seen;
    while (!stack.empty()) {
      NodeId d = stack.back();
      stack.pop_back();
      if (!seen.insert(d).second) continue;
      if (IsResourceNode(d)) {
        std::string prefix = nodes_[d].mod->name.empty() ? "" : nodes_[d].mod->name + ".";
        out.insert(prefix + ResourceAddrOf(d).ToString());
        continue;
      }
      for (NodeId x : dag_.DependenciesOf(d)) stack.push_back(x);
    }
    std::vector<std::string> v(out.begin(), out.end());
    deps_cache_[n] = v;
    return v;
  }

  Value PlanData(const addrs::AbsResourceInstance& addr, const config::Resource& r,
                 const ProviderInfo& provider, const providers::Schema& schema,
                 const Value& config) {
    (void)r;
    if (options_.mode == PlanMode::kDestroy) return Value::Unknown(schema.block.ImpliedType());
    if (!config.IsWhollyKnown()) {
      ResourceInstanceChange c;
      c.addr = addr;
      c.provider = provider.config_addr;
      c.action = Action::kRead;
      c.reason = ActionReason::kReadBecauseConfigUnknown;
      c.before = Value::Null(schema.block.ImpliedType());
      c.after = PlannedDataObject(schema.block, config);
      out_.plan.changes.push_back(c);
      return c.after;
    }
    providers::ReadDataSourceRequest req;
    req.type_name = addr.resource.type;
    req.config = config.UnmarkedDeep();
    providers::ReadDataSourceResponse resp = provider.provider->ReadDataSource(req);
    AddProviderDiagnostics(resp.diagnostics, r.decl_range, diags());
    if (resp.diagnostics.HasErrors()) return Value::Unknown(schema.block.ImpliedType());
    Value v = MarkSchemaSensitive(MarkSensitivePaths(resp.state, SensitivePaths(config)),
                                  schema.block);
    return v;
  }

  /// A data source's object before it is read (objchange.PlannedDataResourceObject): the
  /// configuration, with computed attributes it leaves null unknown.
  static Value PlannedDataObject(const providers::Block& schema, const Value& config) {
    if (!config.IsKnown() || config.IsNull()) return config;
    std::vector<std::pair<std::string, Value>> attrs;
    const Type& t = config.type();
    for (size_t i = 0; i < config.Length(); ++i) {
      const std::string& name = t.Attributes()[i].first;
      const Value& v = config.Elements()[i];
      const providers::Attribute* a = schema.FindAttribute(name);
      const providers::NestedBlock* b = schema.FindBlock(name);
      if (a && a->computed && v.IsNull()) {
        attrs.emplace_back(name, Value::Unknown(a->type));
      } else if (b && (b->nesting == providers::NestingMode::kSingle ||
                       b->nesting == providers::NestingMode::kGroup)) {
        attrs.emplace_back(name, PlannedDataObject(b->block, v));
      } else {
        attrs.emplace_back(name, v);
      }
    }
    return Value::Object(std::move(attrs)).WithMarks(config.marks());
  }

  void PlanDelete(const addrs::AbsResourceInstance& addr, const std::string& provider,
                  const Value& prior, ActionReason reason, const config::Resource& r) {
    // Terraform's destroy walk points at the resource block, its replace at the argument.
    if (DecodedBool(r.prevent_destroy)) PreventDestroyError(addr, r, r.decl_range);
    ResourceInstanceChange c;
    c.addr = addr;
    c.provider = provider;
    c.action = Action::kDelete;
    c.reason = reason;
    c.before = prior;
    c.after = Value::Null(prior.type());
    out_.plan.changes.push_back(std::move(c));
  }

  // ---- imports --------------------------------------------------------------------------

  /// What is to be imported into one resource instance: an import block's (evaluated) ID,
  /// or `cairn import`'s (`block` null).
  struct PendingImport {
    std::string id;
    const config::Import* block = nullptr;
  };

  /// The root module's `import` blocks by the resource node their `to` names (edges from that
  /// node to what `id`, `for_each` and the key of `to` refer to); a block naming no resource
  /// of the configuration waits for ReportMissingImportTargets. `cairn import` ignores them.
  void IndexImportBlocks() {
    if (!options_.legacy_imports.empty()) return;
    for (const config::Import& imp : tree_.module->imports) {
      if (!imp.to || !imp.id) continue;
      std::optional<ImportTo> to = ParseImportTo(*imp.to);
      if (!to) continue;
      if (imp.provider && !to->module.empty()) {
        diags().Error("Invalid import provider argument",
                      "The provider argument can only be specified in import blocks that will "
                      "generate configuration.\n\nUse the providers argument within the module "
                      "block to configure providers for all resources within a module, "
                      "including imported resources.",
                      imp.provider->range);
        continue;
      }
      std::vector<std::string> path;
      for (const addrs::ModuleInstanceStep& step : to->module) path.push_back(step.name);
      StaticModule* m = StaticAt(path);
      NodeId node = UINT32_MAX;
      if (m) {
        auto it = m->managed_nodes.find(to->resource.type + "." + to->resource.name);
        if (it != m->managed_nodes.end()) node = it->second;
      }
      if (node == UINT32_MAX) {
        missing_import_blocks_.push_back(&imp);
        continue;
      }
      if (imp.provider &&
          !ImportProviderAgrees(*imp.provider, m->module->resources[nodes_[node].index])) {
        diags().Error("Invalid import provider argument",
                      "The provider argument can only be specified in import blocks that will "
                      "generate configuration.\n\nUse the provider argument in the target "
                      "resource block to configure the provider for a resource with explicit "
                      "provider configuration.",
                      imp.provider->range);
        continue;
      }
      import_blocks_[node].push_back(&imp);
      AddRefEdges(*root_, node, imp.id);
      AddRefEdges(*root_, node, imp.for_each);
      AddRefEdges(*root_, node, to->key_expr);
    }
  }

  /// Whether an import block's `provider` (`name` or `name.alias`) is the provider
  /// configuration its target resource names (Terraform allows it only then).
  static bool ImportProviderAgrees(const ast::Expr& provider, const config::Resource& r) {
    if (provider.kind != ast::ExprKind::kScopeTraversal || !r.provider) return false;
    std::string alias;
    if (provider.steps.size() == 1 && provider.steps[0].kind == ast::TraversalStep::Kind::kAttr) {
      alias = provider.steps[0].name;
    } else if (!provider.steps.empty()) {
      return false;
    }
    return provider.root_name == r.provider->name && alias == r.provider->alias;
  }

  /// Terraform's error for import blocks whose `to` names no resource of the configuration.
  void ReportMissingImportTargets() {
    for (const config::Import* imp : missing_import_blocks_) {
      std::optional<ImportTo> to = ParseImportTo(*imp->to);
      std::string target = !imp->static_address.empty()
                               ? imp->static_address
                               : addrs::AbsResource{to->module, to->resource}.ToString();
      diags().Error("Configuration for import target does not exist",
                    fmt::format("The configuration for the given import target {} does not "
                                "exist. If you wish to automatically generate config for this "
                                "resource, use the -generate-config-out option within terraform "
                                "plan. Otherwise, make sure the target resource exists within "
                                "your configuration. For example:\n\n  cairn plan "
                                "-generate-config-out=generated.tf",
                                target),
                    imp->to->range);
    }
  }

  /// Evaluates the import blocks naming resource node `n` (once per walk) in the root
  /// module: each instance its `for_each` gives, the key of its `to`, its `id`. While
  /// validating only the ID is checked (unknown values allowed); planning records the
  /// targets in import_targets_.
  void EvaluateImportBlocks(NodeId n) {
    if (import_blocks_.empty()) return;
    auto blocks = import_blocks_.find(n);
    if (blocks == import_blocks_.end()) return;
    if (!import_blocks_done_.insert(n * 2 + (validating_ ? 1 : 0)).second) return;
    auto root_instances = instances_of_.find(root_.get());
    if (root_instances == instances_of_.end() || root_instances->second.empty()) return;
    ModuleInstanceData& root = *root_instances->second.front();
    for (const config::Import* imp : blocks->second) {
      std::optional<ImportTo> to = ParseImportTo(*imp->to);
      auto one = [&](const Repetition* rep) {
        root.scope->SetRepetition(rep);
        ValueNodes values(*root.scope, *functions_, diags());
        values.set_validating(validating_);
        addrs::InstanceKey key = to->key;
        bool ok = true;
        if (to->key_expr && !validating_) {
          eval::EvalResult k = values.Eval(*to->key_expr);
          diags().Append(k.diagnostics);
          std::optional<addrs::InstanceKey> found =
              k.diagnostics.HasErrors() ? std::nullopt
                                        : addrs::InstanceKey::FromValue(k.value.UnmarkedDeep());
          if (!found && !k.diagnostics.HasErrors()) {
            diags().Error("Invalid import address",
                          "The instance key of an import target must be a whole number or a "
                          "string.",
                          to->key_expr->range);
          }
          ok = found.has_value();
          if (found) key = *found;
        }
        eval::EvalResult id = values.Eval(*imp->id);
        diags().Append(id.diagnostics);
        root.scope->SetRepetition(nullptr);
        if (!ok || id.diagnostics.HasErrors()) return;
        std::optional<std::string> text = ImportId(id.value, *imp->id, validating_, diags());
        if (!text || validating_) return;
        import_targets_[to->Instance(key)] = PendingImport{*text, imp};
      };
      if (!imp->for_each) {
        one(nullptr);
        continue;
      }
      if (validating_) {
        Repetition rep;
        rep.each_key = Value::Unknown(Type::String());
        rep.each_value = Value::DynamicUnknown();
        one(&rep);
        continue;
      }
      Expansion e = Expand(nullptr, imp->for_each, root);
      if (!e.known) continue;
      for (const auto& [key, each_value] : e.instances) {
        Repetition rep;
        rep.each_key = key.AsValue();
        rep.each_value = each_value;
        one(&rep);
      }
    }
  }

  /// Terraform's importState: ImportResourceState for `id`, then ReadResource of the object
  /// it gave; that object (marked as the schema says), or nullopt after errors. The object
  /// joins the prior state after the walk (FinishImports); `managed` (an object is already
  /// recorded, `cairn import` only) is an error once the provider has answered, as
  /// Terraform's.
  std::optional<Value> ImportObject(const addrs::AbsResourceInstance& addr, const std::string& id,
                                    const ProviderInfo& provider, const providers::Schema& schema,
                                    bool managed, std::string* private_data) {
    out_.imports.push_back({addr, id, false, {}, std::nullopt});
    const size_t progress = out_.imports.size() - 1;
    providers::ImportResourceStateRequest request;
    request.type_name = addr.resource.type;
    request.id = id;
    providers::ImportResourceStateResponse resp = provider.provider->ImportResourceState(request);
    diags().Append(resp.diagnostics);  // sourceless, as Terraform reports them
    if (resp.diagnostics.HasErrors()) return std::nullopt;
    if (resp.imported.empty()) {
      diags().Error("Import returned no resources",
                    fmt::format("While attempting to import with ID {}, the providerreturned no "
                                "instance states.",
                                id));
      return std::nullopt;
    }
    out_.imports[progress].prepared = true;
    for (const providers::ImportedResource& i : resp.imported) {
      out_.imports[progress].types.push_back(i.type_name);
    }
    if (managed) {
      diags().Error("Resource already managed by Terraform",
                    fmt::format("Terraform is already managing a remote object for {}. To import "
                                "to this address you must first remove the existing object from "
                                "the state.",
                                addr.ToString()));
      return std::nullopt;
    }
    if (resp.imported.size() > 1) {
      diags().Error("Multiple import states not supported",
                    fmt::format("While attempting to import with ID {}, the provider returned "
                                "multiple resource instance states. This is not currently "
                                "supported.",
                                id));
      return std::nullopt;
    }
    const providers::ImportedResource& imported = resp.imported.front();
    if (imported.type_name.empty()) {
      diags().Error(fmt::format("import of {} didn't set type", addr.ToString()), "");
      return std::nullopt;
    }
    if (imported.state.IsNull()) {
      diags().Error("Import returned null resource",
                    fmt::format("While attempting to import with ID {}, the providerreturned an "
                                "instance with no state.",
                                id));
      return std::nullopt;
    }
    std::string read_id;
    if (const Value* v = imported.state.type().IsObject() ? imported.state.Find("id") : nullptr;
        v && v->IsKnown() && !v->IsNull() && v->type() == Type::String()) {
      read_id = v->AsString();
    }
    out_.imports[progress].read_id = read_id;
    providers::ReadResourceRequest read_request;
    read_request.type_name = addr.resource.type;
    read_request.current_state = imported.state;
    read_request.private_data = imported.private_data;
    providers::ReadResourceResponse read = provider.provider->ReadResource(read_request);
    diags().Append(read.diagnostics);
    if (read.diagnostics.HasErrors()) return std::nullopt;
    if (read.new_state.IsNull()) {
      diags().Error("Cannot import non-existent remote object",
                    fmt::format("While attempting to import an existing object to {}, the "
                                "provider detected that no object exists with the given id. Only "
                                "pre-existing objects can be imported; check that the id is "
                                "correct and that it is associated with the provider's "
                                "configured region or endpoint, or use \"terraform apply\" to "
                                "create a new remote object for this resource.",
                                GoQuote(addr.ToString())));
      return std::nullopt;
    }
    TypedJsonEncodeResult enc = EncodeTypedJson(read.new_state, schema.block.ImpliedType());
    if (!enc.ok()) {
      diags().Error("Provider produced invalid object",
                    fmt::format("Provider {} returned an object for {} that Cairn cannot record: "
                                "{}.",
                                GoQuote(provider.source), addr.ToString(), enc.error));
      return std::nullopt;
    }
    Value marked = MarkSchemaSensitive(read.new_state, schema.block);
    state::ObjectState obj;
    obj.schema_version = static_cast<uint64_t>(schema.version);
    obj.attributes_json = enc.json;
    obj.sensitive_attributes_json = EncodePathsJson(SensitivePaths(marked));
    obj.private_data = read.private_data;
    imported_.push_back({addr, provider.config_addr, std::move(obj)});
    *private_data = read.private_data;
    return marked;
  }

  /// After the walk: the imported objects join the prior state (not during it: Refresh's
  /// cache is keyed by the prior state's objects), and import targets the configuration does
  /// not declare are Terraform's error.
  void FinishImports() {
    for (ImportedObject& i : imported_) {
      out_.plan.prior_state.SetCurrent(i.addr, std::move(i.object), i.provider, "");
    }
    imported_.clear();
    std::vector<addrs::AbsResourceInstance> missing;
    for (const auto& [addr, target] : import_targets_) {
      if (!HasResourceInstance(addr)) missing.push_back(addr);
    }
    std::sort(missing.begin(), missing.end());
    // Terraform checks these after its walk and then shows no plan at all.
    if (!missing.empty()) out_.plan_withheld = true;
    for (const addrs::AbsResourceInstance& addr : missing) {
      diags().Error("Configuration for import target does not exist",
                    fmt::format("The configuration for the given import {} does not exist. All "
                                "target instances must have an associated configuration to be "
                                "imported.",
                                addr.ToString()));
    }
  }

  /// Apply's part of an import (the object an `import` block imported at plan time): when
  /// the state does not hold it yet, the planned change's `before` is recorded as `prior`;
  /// either way the hooks hear of the import.
  void RecordImported(const addrs::AbsResourceInstance& addr, const providers::Schema& schema,
                      std::optional<Value>& prior) {
    if (!applying_imports_) {
      applying_imports_ = std::any_of(
          applying_->changes.begin(), applying_->changes.end(),
          [](const ResourceInstanceChange& c) { return c.import_id.has_value(); });
    }
    if (!*applying_imports_) return;
    auto it = change_index_.find(addr);
    if (it == change_index_.end()) return;
    const ResourceInstanceChange& c = applying_->changes[it->second];
    if (!c.import_id || (c.action != Action::kNoOp && c.action != Action::kUpdate)) return;
    if (!prior && !c.before.IsNull()) {
      TypedJsonEncodeResult enc =
          EncodeTypedJson(c.before.UnmarkedDeep(), schema.block.ImpliedType());
      if (!enc.ok()) return;
      state::ObjectState obj;
      obj.schema_version = static_cast<uint64_t>(schema.version);
      obj.attributes_json = enc.json;
      obj.sensitive_attributes_json = EncodePathsJson(SensitivePaths(c.before));
      obj.private_data = c.private_data;
      state::JournalRecord r;
      r.addr = addr;
      r.provider = c.provider;
      r.object = std::move(obj);
      journal_->Result(std::move(r));
      prior = c.before;
    }
    hooks_->Imported(addr, *c.import_id);
  }

  // ---- moved and removed blocks -------------------------------------------------------

  /// Moves objects in the prior state as the `moved` blocks of every module say, with
  /// Terraform's implied `a` <-> `a[0]` moves (moves.h). Each moved object's change says
  /// where it came from. False after errors (a cycle).
  bool ApplyMoves() {
    AddImpliedMoveStatements(tree_, out_.plan.prior_state, move_statements_);
    const size_t errors = diags().ErrorCount();
    auto source = [this](const std::string& type) {
      return ProviderSourceOf(ImpliedProviderName(type));
    };
    ApplyMoveStatements(move_statements_, out_.plan.prior_state, moved_from_, source, diags());
    return diags().ErrorCount() == errors;
  }

  // DeclaredObjects: what the plan walk found the configuration declaring.
  std::vector<addrs::ModuleInstance> InstancesOf(
      const std::vector<std::string>& path) const override {
    const StaticModule* m = root_.get();
    for (const std::string& name : path) {
      auto it = m->call_index.find(name);
      if (it == m->call_index.end() || !m->children[it->second]) return {};
      m = m->children[it->second].get();
    }
    std::vector<addrs::ModuleInstance> out;
    auto it = instances_of_.find(m);
    if (it == instances_of_.end()) return out;
    for (const ModuleInstanceData* mi : it->second) out.push_back(mi->addr);
    return out;
  }
  bool HasModuleInstance(const addrs::ModuleInstance& module) const override {
    return by_addr_.count(module) > 0;
  }
  const ResourceValues* DeclaredResource(const addrs::AbsResource& r) const {
    auto it = by_addr_.find(r.module);
    if (it == by_addr_.end() || r.resource.mode != addrs::ResourceMode::kManaged) return nullptr;
    const auto& resources = it->second->mod->module->resources;
    for (size_t i = 0; i < resources.size(); ++i) {
      if (resources[i].type == r.resource.type && resources[i].name == r.resource.name &&
          resources[i].mode == config::ResourceMode::kManaged) {
        return &it->second->managed[i];
      }
    }
    return nullptr;
  }
  bool HasResource(const addrs::AbsResource& r) const override {
    return DeclaredResource(r) != nullptr;
  }
  bool HasResourceInstance(const addrs::AbsResourceInstance& addr) const override {
    const ResourceValues* rv = DeclaredResource(addr.ContainingResource());
    if (!rv) return false;
    for (const auto& [key, value] : rv->instances) {
      if (key == addr.key) return true;
    }
    return false;
  }
  /// `removed` blocks of the root module: their objects are forgotten (destroy = false) or
  /// destroyed, whatever else would happen to them.
  void CollectRemoved() {
    for (const config::Removed& rm : tree_.module->removed) {
      std::optional<std::string> text = TraversalText(rm.from);
      if (!text) continue;
      auto from = addrs::ParseTarget(*text);
      if (!from.addr) continue;
      bool destroy = true;
      if (rm.block && rm.block->body) {
        for (const ast::Block& b : rm.block->body->blocks) {
          if (b.type != "lifecycle" || !b.body) continue;
          if (const ast::Attribute* d = b.body->FindAttribute("destroy")) {
            destroy = DecodedBool(d->expr.get());
          }
        }
      }
      removed_.push_back({*from.addr, destroy});
    }
  }

  /// The `removed` block covering `addr`, or null.
  const std::pair<addrs::Target, bool>* RemovedFor(const addrs::AbsResourceInstance& addr) const {
    for (const auto& r : removed_) {
      if (r.first.Contains(addr)) return &r;
    }
    return nullptr;
  }

  // ---- orphans ------------------------------------------------------------------------

  /// State objects no configuration instance planned: deleted, with Terraform's reasons.
  void PlanOrphans() {
    if (options_.mode == PlanMode::kRefreshOnly) return;
    for (const state::ResourceState& rs : out_.plan.prior_state.resources) {
      if (rs.addr.resource.mode != addrs::ResourceMode::kManaged) continue;
      for (const state::InstanceState& is : rs.instances) {
        addrs::AbsResourceInstance addr{rs.addr.module, rs.addr.resource, is.key};
        if (!is.current || planned_.count(addr)) continue;
        bool selected = true;
        if (!options_.targets.empty()) {
          selected = false;
          for (const addrs::Target& t : options_.targets) selected = selected || t.Contains(addr);
        }
        for (const addrs::Target& t : options_.excludes) selected = selected && !t.Contains(addr);
        if (!selected) continue;
        ActionReason reason = OrphanReason(addr);
        const auto* removed = RemovedFor(addr);
        const bool forget = removed && !removed->second && options_.mode != PlanMode::kDestroy;
        if (!forget) out_.visit_order.push_back(addr);
        std::string source = ProviderSource(rs.provider);
        providers::Provider* p = nullptr;
        auto it = resolved_.find(source);
        if (it != resolved_.end()) {
          p = it->second;
        } else {
          p = providers_.Resolve(source);
          resolved_[source] = p;
          if (p) out_.schemas[source] = p->GetProviderSchema();
        }
        const providers::Schema* schema =
            FindResourceSchema(out_.schemas, rs.provider, rs.addr.resource.mode,
                               rs.addr.resource.type);
        if (!p || !schema) {
          diags().Error("Provider configuration not present",
                        fmt::format("To work with {} its original provider configuration at {} "
                                    "is required, but it has been removed. This occurs when a "
                                    "provider configuration is removed while objects created by "
                                    "that provider still exist in the state. Re-add the provider "
                                    "configuration to destroy {}, after which you can remove the "
                                    "provider configuration again.",
                                    addr.ToString(), rs.provider, addr.ToString()));
          continue;
        }
        TypedJsonResult d = DecodeTypedJson(is.current->attributes_json,
                                          schema->block.ImpliedType());
        if (!d.ok()) {
          diags().Error("Invalid resource instance data in state",
                        fmt::format("Instance {} data could not be decoded from the state: {}.",
                                    addr.ToString(), d.error));
          continue;
        }
        Value prior = MarkSchemaSensitive(
            MarkSensitivePaths(d.value, DecodePathsJson(is.current->sensitive_attributes_json)),
            schema->block);
        ResourceInstanceChange c;
        c.addr = addr;
        c.provider = rs.provider;
        c.action = forget ? Action::kForget : Action::kDelete;
        c.reason = options_.mode == PlanMode::kDestroy || removed ? ActionReason::kNone : reason;
        if (auto m = moved_from_.find(addr); m != moved_from_.end()) c.previous_addr = m->second;
        c.before = prior;
        c.after = Value::Null(prior.type());
        out_.plan.changes.push_back(std::move(c));
      }
    }
  }

  ActionReason OrphanReason(const addrs::AbsResourceInstance& addr) {
    auto it = by_addr_.find(addr.module);
    if (it == by_addr_.end()) {
      // The module call is still there (its instance is not): no module; else no config.
      addrs::ModuleInstance parent = addr.module;
      std::string call = parent.empty() ? "" : parent.back().name;
      if (!parent.empty()) parent.pop_back();
      auto p = by_addr_.find(parent);
      if (p != by_addr_.end() && p->second->mod->call_index.count(call)) {
        return ActionReason::kDeleteBecauseNoModule;
      }
      return ActionReason::kDeleteBecauseNoResourceConfig;
    }
    ModuleInstanceData& mi = *it->second;
    const auto& resources = mi.mod->module->resources;
    for (size_t i = 0; i < resources.size(); ++i) {
      if (resources[i].type != addr.resource.type || resources[i].name != addr.resource.name ||
          resources[i].mode != config::ResourceMode::kManaged) {
        continue;
      }
      const ResourceValues& rv = mi.managed[i];
      switch (rv.mode) {
        case Expansion::Mode::kSingle:
          return ActionReason::kDeleteBecauseWrongRepetition;
        case Expansion::Mode::kCount:
          return addr.key.is_int() ? ActionReason::kDeleteBecauseCountIndex
                                   : ActionReason::kDeleteBecauseWrongRepetition;
        case Expansion::Mode::kForEach:
          return addr.key.is_string() ? ActionReason::kDeleteBecauseEachKey
                                      : ActionReason::kDeleteBecauseWrongRepetition;
      }
    }
    return ActionReason::kDeleteBecauseNoResourceConfig;
  }

  // ---- refresh ------------------------------------------------------------------------

  /// ReadResource for every prior managed object, `parallelism` at a time; the results
  /// replace the prior state's objects, and what changed is drift.
  /// The provider of `rs` (resolved and configured once per source), or null.
  providers::Provider* ProviderForState(const state::ResourceState& rs) {
    std::string source = ProviderSource(rs.provider);
    auto it = resolved_.find(source);
    if (it == resolved_.end()) {
      providers::Provider* p = providers_.Resolve(source);
      if (p) {
        out_.schemas[source] = p->GetProviderSchema();
        providers::ConfigureProviderRequest c;
        c.config = Value::Null(p->GetProviderSchema().provider.block.ImpliedType());
        diags().Append(p->ConfigureProvider(c));
      }
      it = resolved_.emplace(source, p).first;
    }
    return it->second;
  }

  /// Objects an interrupted apply left possibly created (state.h): their providers look
  /// for each by its create's idempotency token, whether or not the plan refreshes. Found,
  /// the object is adopted as it exists; not found, it is dropped and planned again. Either
  /// way it is settled in the state the plan starts from, not reported as drift.
  void ResolvePossiblyCreated() {
    bool any_gone = false;
    for (state::State* st : {&out_.plan.prior_state, &out_.plan.prev_run_state}) {
      for (state::ResourceState& rs : st->resources) {
        if (rs.addr.resource.mode != addrs::ResourceMode::kManaged) continue;
        for (state::InstanceState& is : rs.instances) {
          if (!is.current || is.current->idempotency_token.empty()) continue;
          providers::Provider* p = ProviderForState(rs);
          const providers::Schema* schema =
              p ? FindResourceSchema(out_.schemas, rs.provider, rs.addr.resource.mode,
                                     rs.addr.resource.type)
                : nullptr;
          if (!schema) continue;  // planning reports the missing provider
          const std::string token = is.current->idempotency_token;
          auto found = possibly_found_.find(token);
          if (found == possibly_found_.end()) {
            TypedJsonResult d = DecodeTypedJson(is.current->attributes_json,
                                                schema->block.ImpliedType());
            if (!d.ok()) continue;
            providers::ReadResourceRequest req;
            req.type_name = rs.addr.resource.type;
            req.current_state = d.value;
            req.private_data = is.current->private_data;
            req.idempotency_token = token;
            providers::ReadResourceResponse resp = p->ReadResource(req);
            AddProviderDiagnostics(resp.diagnostics, Range(), diags());
            if (resp.diagnostics.HasErrors()) continue;
            std::optional<state::ObjectState> adopted;
            if (!resp.new_state.IsNull()) {
              TypedJsonEncodeResult enc =
                  EncodeTypedJson(resp.new_state.UnmarkedDeep(), schema->block.ImpliedType());
              if (!enc.ok()) continue;
              state::ObjectState obj = *is.current;
              obj.status = state::ObjectState::Status::kReady;
              obj.idempotency_token.clear();
              obj.attributes_json = enc.json;
              obj.private_data = resp.private_data;
              adopted = std::move(obj);
            }
            found = possibly_found_.emplace(token, std::move(adopted)).first;
          }
          is.current = found->second;
          any_gone = any_gone || !is.current;
        }
      }
      if (!any_gone) continue;
      for (state::ResourceState& rs : st->resources) {
        std::erase_if(rs.instances, [](const state::InstanceState& i) {
          return !i.current && i.deposed.empty();
        });
      }
      std::erase_if(st->resources,
                    [](const state::ResourceState& r) { return r.instances.empty(); });
    }
  }

  void Refresh() {
    struct Job {
      state::ResourceState* resource;
      state::InstanceState* instance;
      providers::Provider* provider;
      const providers::Schema* schema;
      Value before;
      Value after;
      Diagnostics diagnostics;
      bool gone = false;
      bool decoded = false;
    };
    std::vector<Job> jobs;
    for (state::ResourceState& rs : out_.plan.prior_state.resources) {
      if (rs.addr.resource.mode != addrs::ResourceMode::kManaged) continue;
      providers::Provider* provider = ProviderForState(rs);
      if (!provider) continue;
      const providers::Schema* schema = FindResourceSchema(out_.schemas, rs.provider,
                                                           rs.addr.resource.mode,
                                                           rs.addr.resource.type);
      if (!schema) continue;
      for (state::InstanceState& is : rs.instances) {
        if (!is.current) continue;
        Job j;
        j.resource = &rs;
        j.instance = &is;
        j.provider = provider;
        j.schema = schema;
        jobs.push_back(std::move(j));
      }
    }
    std::atomic<size_t> next{0};
    auto worker = [&] {
      for (size_t i = next++; i < jobs.size(); i = next++) {
        Job& j = jobs[i];
        TypedJsonResult d = DecodeTypedJson(j.instance->current->attributes_json,
                                          j.schema->block.ImpliedType());
        if (!d.ok()) continue;
        j.decoded = true;
        j.before = d.value;
        providers::ReadResourceRequest req;
        req.type_name = j.resource->addr.resource.type;
        req.current_state = d.value;
        req.private_data = j.instance->current->private_data;
        providers::ReadResourceResponse resp = j.provider->ReadResource(req);
        j.diagnostics = std::move(resp.diagnostics);
        j.gone = resp.new_state.IsNull();
        j.after = resp.new_state;
        if (!j.gone && j.after.RawEquals(j.before)) j.after = j.before;  // share, not hold twice
      }
    };
    size_t threads = std::min<size_t>(std::max(1, options_.parallelism), jobs.size());
    if (threads <= 1) {
      worker();
    } else {
      std::vector<std::thread> pool;
      for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
      for (std::thread& t : pool) t.join();
    }
    bool any_gone = false;
    refreshed_values_.reserve(jobs.size());
    for (Job& j : jobs) {
      if (!j.decoded) continue;
      AddProviderDiagnostics(j.diagnostics, Range(), diags());
      if (j.diagnostics.HasErrors()) continue;
      if (!j.gone) refreshed_values_.emplace(&*j.instance->current, j.after);
      any_gone = any_gone || j.gone;
      const bool unchanged = !j.gone && j.after.RawEquals(j.before);
      if (unchanged && moved_from_.empty()) continue;
      addrs::AbsResourceInstance addr{j.resource->addr.module, j.resource->addr.resource,
                                      j.instance->key};
      // A moved object is drift too (terraform: "has moved to", a no-op when only moved).
      auto moved = moved_from_.find(addr);
      if (unchanged && moved == moved_from_.end()) continue;
      std::vector<ValuePath> marks =
          DecodePathsJson(j.instance->current->sensitive_attributes_json);
      ResourceInstanceChange c;
      c.addr = addr;
      if (moved != moved_from_.end()) c.previous_addr = moved->second;
      c.provider = j.resource->provider;
      c.before = MarkSchemaSensitive(MarkSensitivePaths(j.before, marks), j.schema->block);
      if (unchanged) {
        c.action = Action::kNoOp;
        c.after = c.before;
      } else if (j.gone) {
        c.action = Action::kDelete;
        c.after = Value::Null(j.before.type());
        j.instance->current.reset();
      } else {
        c.action = Action::kUpdate;
        c.after = MarkSchemaSensitive(MarkSensitivePaths(j.after, marks), j.schema->block);
        TypedJsonEncodeResult enc = EncodeTypedJson(j.after, j.schema->block.ImpliedType());
        if (enc.ok()) j.instance->current->attributes_json = enc.json;
      }
      out_.plan.drift.push_back(std::move(c));
    }
    jobs.clear();
    jobs.shrink_to_fit();
    if (any_gone) refreshed_values_.clear();  // erasing instances below moves objects
    // Instances whose objects are gone, and resources left without instances, go.
    for (state::ResourceState& rs : out_.plan.prior_state.resources) {
      std::erase_if(rs.instances, [](const state::InstanceState& i) {
        return !i.current && i.deposed.empty();
      });
    }
    std::erase_if(out_.plan.prior_state.resources,
                  [](const state::ResourceState& r) { return r.instances.empty(); });
    std::sort(out_.plan.drift.begin(), out_.plan.drift.end(),
              [](const ResourceInstanceChange& a, const ResourceInstanceChange& b) {
                return a.addr < b.addr;
              });
  }

  // ---- outputs ------------------------------------------------------------------------

  void PlanOutputs() {
    ModuleInstanceData& root = *instances_.front();
    const config::Module& mod = *root.mod->module;
    std::map<std::string, OutputValue, std::less<>> after;
    for (size_t i = 0; i < mod.outputs.size(); ++i) {
      NodeId n = root_->output_nodes.Find(mod.outputs[i].name);
      if (!selected_[n]) continue;
      after[mod.outputs[i].name] = root.outputs[i];
    }
    const auto& before = out_.plan.prior_state.outputs;
    std::set<std::string> names;
    for (const auto& [name, o] : before) names.insert(name);
    for (const auto& [name, o] : after) names.insert(name);
    for (const std::string& name : names) {
      OutputChange c;
      c.name = name;
      auto b = before.find(name);
      auto a = after.find(name);
      if (a == after.end() && !options_.targets.empty() && b != before.end()) {
        // Not part of a targeted plan: unchanged.
        c.before = c.after = b->second.value;
        c.before_sensitive = c.after_sensitive = b->second.sensitive;
        out_.plan.outputs.push_back(std::move(c));
        continue;
      }
      c.before = b == before.end() ? Value::Null(Type::Dynamic()) : b->second.value;
      c.before_sensitive = b != before.end() && b->second.sensitive;
      if (a != after.end() && options_.mode != PlanMode::kDestroy) {
        c.after = a->second.value.UnmarkedDeep();
        c.after_sensitive = a->second.sensitive || a->second.value.DeepMarks().sensitive();
      } else {
        c.after = Value::Null(Type::Dynamic());
        c.after_sensitive = c.before_sensitive;
      }
      if (c.before.IsNull() && c.after.IsNull()) {
        c.action = Action::kNoOp;
      } else if (c.before.IsNull()) {
        c.action = Action::kCreate;
      } else if (c.after.IsNull()) {
        c.action = Action::kDelete;
      } else if (c.after.IsWhollyKnown() && c.before.RawEquals(c.after) &&
                 c.before_sensitive == c.after_sensitive) {
        c.action = Action::kNoOp;
      } else {
        c.action = Action::kUpdate;
      }
      out_.plan.outputs.push_back(std::move(c));
    }
    for (size_t i = 0; i < mod.variables.size(); ++i) {
      out_.plan.variables[mod.variables[i].name] = root.variables[i];
    }
  }

  const ModuleTree& tree_;
  const InputValues& inputs_;
  ProviderResolver& providers_;
  const PlanOptions& options_;
  PlanResult& out_;
  Diagnostics scratch_;  ///< never reported: BodyEvaluator returns its diagnostics
  std::unique_ptr<StaticModule> root_;
  Dag dag_;
  std::vector<Node> nodes_;
  std::vector<NodeId> order_;
  std::vector<bool> selected_;
  std::vector<std::pair<NodeId, Range>> self_refs_;
  std::unique_ptr<eval::functions::BuiltinFunctions> functions_;
  bool validating_ = false;
  std::vector<std::unique_ptr<ModuleInstanceData>> instances_;
  std::unordered_map<const StaticModule*, std::vector<ModuleInstanceData*>> instances_of_;
  std::map<addrs::ModuleInstance, ModuleInstanceData*> by_addr_;
  std::map<std::string, providers::Provider*, std::less<>> resolved_;
  std::set<std::string> reported_missing_;
  std::unordered_set<addrs::AbsResourceInstance, InstanceAddrHash> planned_;
  /// Objects of out_.plan.prior_state as Refresh decoded (and read) them, unmarked, taken by
  /// PriorObject so that each object is decoded once.
  std::unordered_map<const state::ObjectState*, Value> refreshed_values_;
  std::unordered_map<NodeId, std::vector<std::string>> deps_cache_;
  std::map<addrs::AbsResourceInstance, addrs::AbsResourceInstance> moved_from_;  ///< to -> from
  std::vector<MoveStatement> move_statements_;
  /// Provider instances by configuration address, configured (null: failed); the ones
  /// made for aliased and module configurations are owned here.
  std::map<std::string, providers::Provider*, std::less<>> configured_;
  std::map<std::string, bool, std::less<>> validated_;
  /// Sources whose shared instance was configured with the empty default configuration.
  std::set<std::string, std::less<>> default_configured_;
  std::vector<std::unique_ptr<providers::Provider>> owned_providers_;
  std::vector<std::pair<addrs::Target, bool>> removed_;  ///< from, destroy
  /// Check blocks (per module instance) whose scoped data source failed (its error's
  /// detail): not asserted.
  std::map<std::pair<const ModuleInstanceData*, const config::Check*>, std::string>
      failed_checks_;
  std::vector<CheckBlockResult> check_results_;  ///< of the last EvaluateChecks
  /// Import blocks by the resource node they name; blocks naming no resource.
  std::unordered_map<NodeId, std::vector<const config::Import*>> import_blocks_;
  std::vector<const config::Import*> missing_import_blocks_;
  std::unordered_set<NodeId> import_blocks_done_;  ///< node * 2 + validating
  /// What is to be imported, by target instance (import blocks' once evaluated).
  std::unordered_map<addrs::AbsResourceInstance, PendingImport, InstanceAddrHash>
      import_targets_;
  struct ImportedObject {
    addrs::AbsResourceInstance addr;
    std::string provider;
    state::ObjectState object;
  };
  std::vector<ImportedObject> imported_;  ///< for the prior state, after the walk
  std::optional<bool> applying_imports_;  ///< the plan being applied imports something
  const Plan* applying_ = nullptr;
  ApplyHooks* hooks_ = nullptr;
  ApplyOptions apply_options_;
  state::Journal* journal_ = nullptr;
  std::unique_ptr<state::Journal> own_journal_;
  std::map<std::string, state::OutputState, std::less<>> outputs_;
  std::string applied_checks_json_;
  std::map<addrs::AbsResourceInstance, size_t> change_index_;
  std::vector<bool> applied_changes_;  ///< by change index: handled by this apply
  /// Possibly-created objects looked up by token: the object found (nullopt: none).
  std::map<std::string, std::optional<state::ObjectState>> possibly_found_;
  // The parallel walk (walk thread only, except pool_ and events_).
  std::unique_ptr<apply::WorkerPool> pool_;
  apply::EventQueue<std::function<void()>> events_;
  std::priority_queue<std::tuple<int64_t, int64_t, NodeId>> ready_;
  std::vector<size_t> delete_ready_;
  std::vector<int64_t> priority_;
  std::vector<size_t> position_;
  std::vector<uint32_t> waiting_;
  std::vector<uint32_t> pending_jobs_;
  std::vector<bool> visited_;
  std::vector<bool> node_failed_;
  size_t in_flight_ = 0;
  size_t total_jobs_ = 0;
  size_t done_jobs_ = 0;
  /// When the journal was last compacted (or the apply began): the interval runs across
  /// Pump calls, so a steady stream of completions does not postpone it.
  std::chrono::steady_clock::time_point last_checkpoint_ = std::chrono::steady_clock::now();
  bool drained_ = false;
  bool abandoned_ = false;
  bool apply_deferred_ = false;
};

}  // namespace

ApplyResult ApplyPlan(const ModuleTree& tree, const Plan& plan, const InputValues& inputs,
                      ProviderResolver& providers, ApplyHooks& hooks,
                      const ApplyOptions& apply_options) {
  auto scratch_owner = std::make_unique<PlanResult>();
  PlanResult& scratch = *scratch_owner;
  PlanOptions options;
  options.mode = plan.mode;
  options.refresh = false;
  options.scope = apply_options.scope;
  options.plan_time = plan.timestamp;
  options.targets = plan.targets;
  options.excludes = plan.excludes;
  auto planner = std::make_unique<Planner>(tree, plan.prior_state, inputs, providers, options,
                                           scratch);
  planner->SetApplying(&plan, &hooks, apply_options);
  planner->Run();
  ApplyResult out;
  out.state = planner->TakeApplied();
  out.interrupted = planner->interrupted();
  out.diagnostics = scratch.diagnostics;
  if (planner->abandoned()) {
    // A second interrupt: operations still running on workers use the planner (and report
    // to it) until the process exits, which the caller does at once. It is left alive.
    (void)planner.release();
    (void)scratch_owner.release();  // the schemas they use
  }
  return out;
}

PlanResult MakePlan(const ModuleTree& tree, const state::State& prior, const InputValues& inputs,
                    ProviderResolver& providers, const PlanOptions& options) {
  PlanResult out;
  Planner planner(tree, prior, inputs, providers, options, out);
  planner.Run();
  return out;
}

}  // namespace cairn::planner
