#pragma once
/// What an expression's references mean: the Scope an expression is evaluated in, and the
/// FunctionRegistry its calls are dispatched through.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/syntax/ast.h"

namespace cairn::eval {

/// The outcome of resolving the root of a traversal.
struct ScopeLookup {
  Value value;
  /// How many of the traversal's steps the scope consumed (`var.x` consumes the `.x`); the
  /// evaluator applies the remaining steps to `value`.
  size_t steps_used = 0;
  /// Errors make the evaluator stop at this traversal (its value is then unknown).
  Diagnostics diagnostics;
};

/// Resolves root traversals (`var.x`, `local.y`, `each.key`, `count.index`,
/// `terraform_data.a`, ...). Implementations decide which roots exist and word the errors for
/// the ones that do not.
class Scope {
 public:
  virtual ~Scope() = default;
  /// Resolves `root` followed by `steps` (the scope may use some of the steps, e.g. the
  /// variable name after `var`). `root_range` is the range of the root name;
  /// `traversal_range` the range of the whole traversal.
  virtual ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                             const Range& root_range, const Range& traversal_range) const = 0;
};

/// A Scope backed by maps, for tests and simple callers. `var.NAME`, `local.NAME` (and any
/// other `ROOT.NAME` given with SetNamed) resolve to the value stored under that name; other
/// roots resolve to values set with SetRoot. Missing names get Terraform's errors
/// ("Reference to undeclared input variable", "Reference to undeclared local value",
/// "Reference to undeclared resource").
class MapScope : public Scope {
 public:
  void SetNamed(std::string root, std::string name, Value v);
  void SetRoot(std::string root, Value v);

  ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                     const Range& root_range, const Range& traversal_range) const override;

 private:
  std::map<std::string, std::map<std::string, Value, std::less<>>, std::less<>> named_;
  std::map<std::string, Value, std::less<>> roots_;
};

/// The result of a function call.
struct FunctionResult {
  Value value;
  Diagnostics diagnostics;
};

/// An argument a function takes as an expression instead of a value (hcl's
/// customdecode.ExpressionClosure, used by try, can and templatestring): the expression and
/// its evaluation in the caller's scope, including the iteration variables of enclosing `for`
/// expressions. Valid only during the call it was passed to.
class ExpressionClosure {
 public:
  virtual ~ExpressionClosure() = default;
  virtual const ast::Expr& expr() const = 0;
  /// Evaluates the expression (again on every call).
  virtual FunctionResult Evaluate() const = 0;
  /// hcl tryfunc's dependsOnUnknowns: whether the value of a variable the expression refers to
  /// (each traversal as far as it resolves without errors) is not wholly known.
  virtual bool DependsOnUnknowns() const = 0;
};

/// One argument of a call, evaluated, with its source range (for diagnostics). For a
/// parameter that takes an expression (FunctionRegistry::TakesExpression), `closure` is set
/// and `value` is an unknown placeholder.
struct FunctionArg {
  Value value;
  Range range;
  const ExpressionClosure* closure = nullptr;
};

/// Dispatches function calls. `expand_final` arguments are already expanded by the evaluator.
/// Names are looked up without a `core::` prefix (the evaluator strips it, as Terraform
/// accepts `core::upper` for `upper`); `provider::p::f` names are passed as written.
class FunctionRegistry {
 public:
  virtual ~FunctionRegistry() = default;
  /// Whether a function named `name` (as written, e.g. "upper" or "provider::p::f") exists.
  virtual bool Has(std::string_view name) const = 0;
  /// Every function name, sorted (for "Did you mean" suggestions); may be empty.
  virtual std::vector<std::string> Names() const { return {}; }
  /// Whether argument `index` of `name` is passed unevaluated, as an ExpressionClosure
  /// (Precondition: Has(name)). The evaluator checks the references of such an argument
  /// (an undeclared variable is an error even inside `try`), then passes it unevaluated.
  virtual bool TakesExpression(std::string_view name, size_t index) const { return false; }
  /// Calls `name`. Precondition: Has(name).
  virtual FunctionResult Call(std::string_view name, const std::vector<FunctionArg>& args,
                              const ast::FunctionCallData& call, const Range& call_range) const = 0;
};

/// A registry with no functions: every call is "Call to unknown function".
class EmptyFunctionRegistry : public FunctionRegistry {
 public:
  bool Has(std::string_view) const override { return false; }
  FunctionResult Call(std::string_view, const std::vector<FunctionArg>&,
                      const ast::FunctionCallData&, const Range&) const override {
    return {};
  }
};

}  // namespace cairn::eval
