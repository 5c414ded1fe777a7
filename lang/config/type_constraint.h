#pragma once
/// Checking a variable's `type` argument (hcl's ext/typeexpr TypeConstraintWithDefaults plus
/// Terraform's legacy forms), with their exact diagnostics.

#include <string>

#include "lang/base/diagnostic.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

/// Checks a type constraint expression. Returns the primitive type name ("string", "number",
/// "bool") when the constraint is one, "any" for `any`, and "" for a collection/structural type
/// or after an error.
std::string CheckVariableType(const ast::Expr& expr, Diagnostics& diags);

}  // namespace cairn::config
