#pragma once
/// Evaluating a root module that has no resources: its variables (type conversion, defaults,
/// nullable, sensitive, validation), locals (in dependency order; a cycle is an error naming
/// its members) and outputs (sensitive, preconditions). #4's graph walk takes this over for
/// resources; until then this is what `plan`, `apply` and `console` evaluate.

#include <map>
#include <memory>
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
/// local and output has an entry (unknown when its evaluation failed).
struct ModuleValues {
  std::map<std::string, Value, std::less<>> variables;
  std::map<std::string, Value, std::less<>> locals;
  std::map<std::string, OutputValue, std::less<>> outputs;
};

struct EvaluateOptions {
  /// Planning: `timestamp()` and `uuid()` are unknown, as in Terraform's plan. Applying: known.
  bool planning = true;
  /// Evaluate outputs (console does not need them).
  bool outputs = true;
};

struct ModuleValuesResult {
  ModuleValues values;
  Diagnostics diagnostics;
};

/// Evaluates `module` (a root module: `module.dir` is `path.module` and `path.root`) with
/// `inputs`. Missing required variables are errors ("No value for required variable").
ModuleValuesResult EvaluateRootModule(const config::Module& module, const InputValues& inputs,
                                      const EvaluateOptions& options);

/// The scope expressions of `module` see once `values` are known: `var.*`, `local.*`,
/// `path.module`/`path.root`/`path.cwd`, `terraform.workspace`; used by `cairn console`.
std::unique_ptr<eval::Scope> MakeModuleScope(const config::Module& module,
                                             const ModuleValues& values);

}  // namespace cairn::planner
