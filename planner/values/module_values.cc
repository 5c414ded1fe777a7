#include "planner/values/module_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>

#include "lang/base/convert.h"
#include "lang/base/type_defaults.h"
#include "lang/config/static_value.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "planner/graph/dag.h"
#include "planner/values/expression_values.h"
#include "planner/values/module_scope.h"
#include "planner/values/name_table.h"
#include "planner/values/references.h"
#include "planner/values/value_nodes.h"

namespace cairn::planner {
namespace {

eval::functions::FunctionOptions FunctionOptionsFor(const config::Module& module,
                                                   const EvaluateOptions& options) {
  eval::functions::FunctionOptions f;
  f.base_dir = module.dir.empty() ? "." : module.dir;
  f.planning = options.planning;
  f.plan_time = options.plan_time;
  return f;
}

enum class NodeKind : uint8_t { kVariable, kLocal, kOutput };

class ModuleEvaluator {
 public:
  ModuleEvaluator(const config::Module& module, const InputValues& inputs,
                  const EvaluateOptions& options, ModuleValuesResult& out)
      : module_(module),
        inputs_(inputs),
        options_(options),
        out_(out),
        functions_(eval::functions::MakeBuiltins(FunctionOptionsFor(module, options))) {}

  void Run() {
    // Values live in vectors by declaration index while evaluating (contiguous, O(1)); the
    // name-keyed maps of the result are filled at the end.
    ResetValues();
    scope_.emplace(module_, variable_values_, local_values_, !options_.planning,
                   options_.scope);
    nodes_eval_.emplace(*scope_, *functions_, out_.diagnostics);
    BuildGraph();
    std::vector<std::vector<NodeId>> cycles = dag_.Cycles();
    if (!cycles.empty()) {
      for (const auto& cycle : cycles) {
        std::string names;
        for (NodeId n : cycle) {
          if (!names.empty()) names += ", ";
          names += NodeName(n);
        }
        out_.diagnostics.Error("Cycle: " + names, "");
      }
      return;
    }
    std::vector<NodeId> order = dag_.TopologicalOrder();
    // Terraform validates before it plans: every input variable unknown (of its type), so
    // what does not depend on the values is checked once; errors there stop it.
    validating_ = true;
    nodes_eval_->set_validating(true);
    Walk(order);
    if (out_.diagnostics.HasErrors()) {
      ResetValues();
      return;
    }
    Diagnostics validate_diagnostics = std::move(out_.diagnostics);
    out_.diagnostics = Diagnostics();
    ResetValues();
    validating_ = false;
    nodes_eval_->set_validating(false);
    Walk(order);
    // Warnings of the validation walk come first, unless the real walk repeats them.
    Diagnostics merged;
    for (const Diagnostic& d : validate_diagnostics) {
      bool repeated = false;
      for (const Diagnostic& e : out_.diagnostics) repeated = repeated || d == e;
      if (!repeated) merged.Add(d);
    }
    merged.Append(out_.diagnostics);
    out_.diagnostics = std::move(merged);
  }

 private:
  void ResetValues() {
    variable_values_.assign(module_.variables.size(), Value::DynamicUnknown());
    local_values_.assign(module_.locals.size(), Value::DynamicUnknown());
    if (options_.outputs) {
      for (const config::Output& o : module_.outputs) {
        OutputValue ov;
        ov.value = Value::DynamicUnknown();
        ov.sensitive = DecodedBool(o.sensitive);
        ov.description = DecodedString(o.description);
        out_.values.outputs[o.name] = std::move(ov);
      }
    }
  }

  void Walk(const std::vector<NodeId>& order) {
    for (NodeId n : order) {
      auto [kind, index] = nodes_[n];
      switch (kind) {
        case NodeKind::kVariable: {
          const config::Variable& var = module_.variables[index];
          const InputValue* raw = nullptr;
          if (auto it = inputs_.find(var.name); it != inputs_.end()) raw = &it->second;
          nodes_eval_->EvaluateVariable(var, raw, "var." + var.name, variable_values_[index]);
          break;
        }
        case NodeKind::kLocal:
          if (!SelfReferencing(n, module_.locals[index])) {
            nodes_eval_->EvaluateLocal(module_.locals[index], local_values_[index]);
          }
          break;
        case NodeKind::kOutput: {
          const config::Output& o = module_.outputs[index];
          nodes_eval_->EvaluateOutput(o, /*root=*/true, out_.values.outputs[o.name]);
          break;
        }
      }
    }
  }

  // ---- graph ----

  void BuildGraph() {
    variable_nodes_.Reserve(module_.variables.size());
    for (size_t i = 0; i < module_.variables.size(); ++i) {
      variable_nodes_.Insert(module_.variables[i].name, Add(NodeKind::kVariable, i));
    }
    local_nodes_.Reserve(module_.locals.size());
    for (size_t i = 0; i < module_.locals.size(); ++i) {
      local_nodes_.Insert(module_.locals[i].name, Add(NodeKind::kLocal, i));
    }
    if (options_.outputs) {
      for (size_t i = 0; i < module_.outputs.size(); ++i) Add(NodeKind::kOutput, i);
    }
    for (NodeId n = 0; n < nodes_.size(); ++n) {
      auto [kind, index] = nodes_[n];
      switch (kind) {
        case NodeKind::kVariable:
          for (const config::CheckRule& rule : module_.variables[index].validations) {
            AddEdges(n, rule.condition);
            AddEdges(n, rule.error_message);
          }
          break;
        case NodeKind::kLocal:
          AddEdges(n, module_.locals[index].expr);
          break;
        case NodeKind::kOutput: {
          const config::Output& o = module_.outputs[index];
          AddEdges(n, o.value);
          AddEdges(n, o.depends_on);
          for (const config::CheckRule& rule : o.preconditions) {
            AddEdges(n, rule.condition);
            AddEdges(n, rule.error_message);
          }
          break;
        }
      }
    }
    dag_.Finalize();
  }

  NodeId Add(NodeKind kind, size_t index) {
    NodeId id = dag_.AddNode();
    nodes_.push_back({kind, static_cast<uint32_t>(index)});
    return id;
  }

  /// Edges from `from` to what `expr` refers to; a reference to the node itself is left out
  /// (a variable's validation names the variable; a local naming itself is reported when it
  /// is evaluated, as Terraform does).
  void AddEdges(NodeId from, const ast::Expr* expr) {
    if (!expr) return;
    for (const Reference& ref : FindReferences(*expr)) {
      const NameTable* table = nullptr;
      if (ref.kind == Reference::Kind::kInputVariable) table = &variable_nodes_;
      if (ref.kind == Reference::Kind::kLocal) table = &local_nodes_;
      if (!table) continue;
      NodeId to = table->Find(ref.name);
      if (to == NameTable::kMissing) continue;
      if (to == from) {
        if (ref.kind == Reference::Kind::kLocal) self_refs_.push_back({from, ref.range});
        continue;
      }
      dag_.AddEdge(from, to);
    }
  }

  /// Terraform's graph node names, as its cycle errors print them.
  std::string NodeName(NodeId n) const {
    auto [kind, index] = nodes_[n];
    switch (kind) {
      case NodeKind::kVariable:
        return fmt::format("var.{} (validation)", module_.variables[index].name);
      case NodeKind::kLocal:
        return fmt::format("local.{} (expand)", module_.locals[index].name);
      case NodeKind::kOutput:
        return fmt::format("output.{} (expand)", module_.outputs[index].name);
    }
    return "";
  }

  /// Reports the local's references to itself (which the graph left out and noted, in node
  /// order) as Terraform does; true when there were any.
  bool SelfReferencing(NodeId node, const config::Local& local) {
    auto self = std::equal_range(
        self_refs_.begin(), self_refs_.end(), std::pair<NodeId, Range>{node, Range{}},
        [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = self.first; it != self.second; ++it) {
      out_.diagnostics.Error("Self-referencing local value",
                             fmt::format("Local value local.{} cannot use its own result as part "
                                         "of its expression.",
                                         local.name),
                             it->second, local.expr->range);
    }
    return self.first != self.second;
  }

  const config::Module& module_;
  const InputValues& inputs_;
  const EvaluateOptions& options_;
  ModuleValuesResult& out_;
  std::optional<ModuleScope> scope_;  // made once every variable and local has its entry
  std::optional<ValueNodes> nodes_eval_;
  std::unique_ptr<eval::functions::BuiltinFunctions> functions_;
  Dag dag_;
  std::vector<std::pair<NodeKind, uint32_t>> nodes_;
  NameTable variable_nodes_;  // name -> node id
  NameTable local_nodes_;
  /// References of locals to themselves, by node id (increasing: added while building).
  std::vector<std::pair<NodeId, Range>> self_refs_;
  bool validating_ = false;  // the first walk, with every variable unknown
  std::vector<Value> variable_values_;  // by index in module_.variables
  std::vector<Value> local_values_;     // by index in module_.locals

 public:
  /// Moves the variables' and locals' values into the result's maps.
  void Publish() {
    for (size_t i = 0; i < variable_values_.size(); ++i) {
      out_.values.variables[module_.variables[i].name] = std::move(variable_values_[i]);
    }
    for (size_t i = 0; i < local_values_.size(); ++i) {
      out_.values.locals[module_.locals[i].name] = std::move(local_values_[i]);
    }
  }
};

}  // namespace

ModuleValuesResult EvaluateRootModule(const config::Module& module, const InputValues& inputs,
                                      const EvaluateOptions& options) {
  ModuleValuesResult out;
  ModuleEvaluator evaluator(module, inputs, options, out);
  evaluator.Run();
  evaluator.Publish();
  return out;
}

std::unique_ptr<eval::Scope> MakeModuleScope(const config::Module& module,
                                             const ModuleValues& values,
                                             const ScopeSettings& settings) {
  return std::make_unique<ModuleScope>(module, values, false, settings);
}

}  // namespace cairn::planner
