#pragma once
/// The evaluation of one variable, local or output of one module instance, with every check
/// Terraform makes (type conversion, nullable, validation rules, preconditions, sensitive and
/// ephemeral outputs) and its error texts. Shared by the root-module evaluator
/// (module_values.h) and the resource graph's walker (planner/plan).

#include <optional>
#include <string>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/config/module.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "lang/eval/scope.h"
#include "planner/values/input_values.h"
#include "planner/values/module_values.h"

namespace cairn::planner {

/// The value of a static bool / string argument (false / "" when absent or not decodable;
/// the loader reported those problems).
bool DecodedBool(const ast::Expr* e);
std::string DecodedString(const ast::Expr* e);

/// Evaluates in `scope` (which must read the slots the methods write: a variable's validation
/// rules see the value being validated) and adds problems to `diagnostics`.
class ValueNodes {
 public:
  ValueNodes(const eval::Scope& scope, const eval::functions::BuiltinFunctions& functions,
             Diagnostics& diagnostics)
      : scope_(scope), functions_(functions), diags_(diagnostics) {}

  /// Terraform's validate walk: variables are unknown and only their rules are checked.
  void set_validating(bool v) { validating_ = v; }

  /// Sets `slot` to `var`'s final value (prepareFinalInputVariableValue, then the
  /// validation rules) from `raw` (nullptr: not given; the default or "No value for required
  /// variable"). `addr` names the variable in errors (`var.x`, `module.m.var.x`); a value
  /// given by a module call has InputSource::kFile and the argument's range.
  void EvaluateVariable(const config::Variable& var, const InputValue* raw,
                        const std::string& addr, Value& slot);
  /// Sets `slot` to the local's value (left as is when evaluation fails).
  void EvaluateLocal(const config::Local& local, Value& slot);
  /// Sets `slot.value`; `root`: a root module output (ephemeral and sensitive results are
  /// errors unless declared).
  void EvaluateOutput(const config::Output& output, bool root, OutputValue& slot);
  /// Terraform's evalCheckRule for a precondition or postcondition: an error with
  /// `failed_summary` ("Resource precondition failed", ...) when the condition is false.
  void CheckCondition(const config::CheckRule& rule, const std::string& failed_summary);
  /// Evaluates `expr`, adding Terraform's expression-value hints to its errors (the
  /// diagnostics are returned, not added).
  eval::EvalResult Eval(const ast::Expr& expr);

 private:
  void ErrorAbout(const ast::Expr& expr, std::string summary, std::string detail,
                  const Range& subject);
  void ValidateVariable(const config::Variable& var, const config::CheckRule& rule,
                        const Range& value_range);
  std::optional<std::string> CheckResult(const Value& result_in, const eval::EvalResult& message,
                                         const ast::Expr& condition,
                                         const ast::Expr& error_message,
                                         bool variable_validation);
  std::string CheckErrorMessage(const ast::Expr& expr, const eval::EvalResult& message);

  const eval::Scope& scope_;
  const eval::functions::BuiltinFunctions& functions_;
  Diagnostics& diags_;
  bool validating_ = false;
};

}  // namespace cairn::planner
