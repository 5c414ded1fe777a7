#pragma once
/// hclsyntax's Variables: the traversals an expression refers to.

#include <vector>

#include "lang/syntax/ast.h"

namespace cairn::eval {

/// The scope traversals (kScopeTraversal nodes) of `expr`, in source order, except those whose
/// root is an iteration variable declared inside `expr` (by a `for` expression or template
/// directive) and the bare-name keys of object constructors, which are not references.
std::vector<const ast::Expr*> ExpressionVariables(const ast::Expr& expr);

}  // namespace cairn::eval
