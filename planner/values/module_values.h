#pragma once
/// Evaluating a root module that has no resources: its variables (type conversion, defaults,
/// nullable, sensitive, validation), locals (in dependency order; a cycle is an error naming
/// its members) and outputs (sensitive, preconditions). #4's graph walk takes this over for
/// resources; until then this is what `plan`, `apply` and `console` evaluate.

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/config/module.h"
#include "lang/eval/scope.h"
#include "planner/values/input_values.h"

namespace cairn::planner {

struct OutputValue {
  Value value;  ///< sensitive outputs keep the sensitive mark on `value`
  bool sensitive = false;
  std::string description;
};

/// Everything a module's named values evaluated to. Invariant: every declared variable,
/// local and output (when EvaluateOptions::outputs) has an entry (unknown when its
/// evaluation failed). Sensitive variables and outputs carry the sensitive mark; a null
/// output is kept here (Terraform leaves null outputs out of the state and `output -json`).
struct ModuleValues {
  std::map<std::string, Value, std::less<>> variables;
  std::map<std::string, Value, std::less<>> locals;
  std::map<std::string, OutputValue, std::less<>> outputs;
};

/// What the scope's `terraform.*` and `path.cwd` say.
struct ScopeSettings {
  /// `terraform.workspace`.
  std::string workspace = "default";
  /// `path.cwd`: the directory Cairn was started in (before -chdir), as Terraform's
  /// OriginalWorkingDir; empty: the current directory.
  std::string original_working_dir;
};

struct EvaluateOptions {
  /// Planning: `timestamp()` and `uuid()` are unknown, as in Terraform's plan, and
  /// `terraform.applying` is false. Applying: known, and true.
  bool planning = true;
  /// Evaluate outputs (console does not need them; `outputs` is then empty).
  bool outputs = true;
  /// The time the plan was made (`plantimestamp()`); unset: plantimestamp() is unknown.
  std::optional<std::chrono::system_clock::time_point> plan_time;
  ScopeSettings scope;
};

struct ModuleValuesResult {
  ModuleValues values;
  Diagnostics diagnostics;
};

/// Evaluates `module` (a root module: `path.module` and `path.root` are ".", as Terraform
/// gives them; functions resolve relative paths against `module.dir`) with `inputs` (from
/// CollectInputValues; call this only when that reported no errors, as Terraform stops there).
///
/// Order: variables, locals and outputs are nodes of a DAG whose edges come from the
/// references in their expressions (`var.x`, `local.y`; a variable's validation rules may
/// refer to other variables and locals, as Terraform 1.9+ allows); a cycle is reported as
/// Terraform words it ("Cycle: local.a (expand), local.b (expand)", one error per cycle,
/// members in cycle order) and nothing is evaluated. A local naming itself is "Self-referencing
/// local value". Errors, with Terraform's texts and ranges:
///  - variables: "No value for required variable" (when `inputs` lacks a required one),
///    "Invalid value for input variable" (type conversion; worded by where the value came
///    from), "Required variable not set" (null for nullable = false), "Invalid value for
///    variable" (a failed validation rule, with its error_message), "Invalid variable
///    validation result", "Invalid error message", "Error message refers to sensitive values";
///  - references: Terraform's words for undeclared variables/locals/modules/resources (with
///    "Did you mean" suggestions), count/each/self outside their contexts, bad path/terraform
///    attributes. A reference to a DECLARED resource, data source or module call is "Reference
///    to a resource not supported yet" (the resource graph evaluates those);
///  - outputs: "Module output value precondition failed", "Invalid condition result",
///    "Invalid error message", "Output refers to sensitive values", "Ephemeral value not
///    allowed" (ephemeral variables and terraform.applying are ephemeral), "Ephemeral output
///    not allowed" (root module outputs cannot be ephemeral).
/// A failed expression leaves its value unknown, so dependents report no follow-on errors.
///
/// As Terraform validates before it plans, the graph is walked twice: first with every input
/// variable unknown (of its type; errors found there, e.g. bad references, a wrong function
/// arity, an error_message that cannot be a string, stop everything and every value is left
/// unknown), then with the input values. Output preconditions follow Terraform 1.11's
/// evalCheckRule (a sensitive error_message is a warning and the failure says "This check
/// failed, but has an invalid error message ..."); variable validations its
/// evalVariableValidation ("The error message included a sensitive value, ...").
/// Diagnostics about a condition or error message carry Terraform's expression-value hints.
ModuleValuesResult EvaluateRootModule(const config::Module& module, const InputValues& inputs,
                                      const EvaluateOptions& options);

/// The scope expressions of `module` see once `values` are known: `var.*`, `local.*`,
/// `path.module`/`path.root`/`path.cwd`, `terraform.workspace`, `terraform.applying` (false);
/// used by `cairn console`. The scope reads `values` on every lookup: `values` must outlive it.
std::unique_ptr<eval::Scope> MakeModuleScope(const config::Module& module,
                                             const ModuleValues& values,
                                             const ScopeSettings& settings = {});

}  // namespace cairn::planner
