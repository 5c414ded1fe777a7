#pragma once
/// Evaluation of expressions (hclsyntax's Expression.Value as Terraform 1.11 runs it).

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/eval/scope.h"
#include "lang/syntax/ast.h"

namespace cairn::eval {

struct EvalResult {
  /// The value; when there are errors, a placeholder (usually an unknown) that lets callers
  /// go on without cascading errors.
  Value value;
  Diagnostics diagnostics;
};

/// Evaluates `expr` in `scope`, calling functions through `functions`. Unknown values and
/// marks propagate as in Terraform; errors carry Terraform's summary and detail, the offending
/// sub-expression as subject and the enclosing expression as context.
EvalResult Evaluate(const ast::Expr& expr, const Scope& scope,
                    const FunctionRegistry& functions);

/// Evaluate with no functions available.
EvalResult Evaluate(const ast::Expr& expr, const Scope& scope);

}  // namespace cairn::eval
