#pragma once
/// Load-time evaluation of expressions that must be constant (hcl's `expr.Value(nil)` and
/// gohcl.DecodeExpression with no evaluation context), with hcl's diagnostics: a reference is
/// "Variables not allowed", a call is "Function calls not allowed". This is NOT the language's
/// evaluator (lang/eval): it knows literals, templates, collections and operators, and gives an
/// unknown value for anything else.

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

/// hcl's Expression.Value(nil).
Value EvalStatic(const ast::Expr& expr, Diagnostics& diags);

/// hcl's Expression.StartRange(): where gohcl's "Unsuitable value type" points.
Range StartRange(const ast::Expr& expr);

/// gohcl.DecodeExpression into a Go bool / string: reports "Unsuitable value type" (and the
/// evaluation's own problems) and returns false when the value does not fit.
bool DecodeBool(const ast::Expr& expr, Diagnostics& diags, bool* out = nullptr);
bool DecodeString(const ast::Expr& expr, Diagnostics& diags, std::string* out = nullptr);

/// hcl's Expression.Variables(): the traversals the expression refers to, outside names bound by
/// enclosing `for` expressions. Each entry is a kScopeTraversal expression.
std::vector<const ast::Expr*> Variables(const ast::Expr& expr);

/// If `expr` is a lone bare keyword (`string`, `all`), returns it (hcl.ExprAsKeyword).
std::string_view ExprAsKeyword(const ast::Expr& expr);

/// True when `expr` is a quoted string with no interpolation (Terraform's
/// exprIsNativeQuotedString); `*text` receives the string.
bool IsQuotedString(const ast::Expr& expr, std::string* text = nullptr);

}  // namespace cairn::config
