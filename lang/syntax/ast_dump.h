#pragma once
/// A compact S-expression rendering of the AST with source ranges, for tests and debugging.
/// Ranges print as `@line,col-line,col`. One node per line, children indented by two spaces.

#include <string>

#include "lang/syntax/ast.h"

namespace cairn::syntax {

std::string DumpFile(const ast::File& file);
std::string DumpBody(const ast::Body& body, int indent = 0);
std::string DumpExpr(const ast::Expr& expr, int indent = 0);

}  // namespace cairn::syntax
