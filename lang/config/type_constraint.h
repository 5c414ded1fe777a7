#pragma once
/// Checking a variable's `type` argument (hcl's ext/typeexpr TypeConstraintWithDefaults plus
/// Terraform's legacy forms), with their exact diagnostics.

#include <string>

#include "lang/base/diagnostic.h"
#include "lang/base/type.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

/// Decodes a variable's type constraint (optional object attributes included). After an error
/// the result is the dynamic pseudo-type (`any`), as in Terraform.
Type DecodeVariableType(const ast::Expr& expr, Diagnostics& diags);

}  // namespace cairn::config
