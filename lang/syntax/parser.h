#pragma once
/// Parsing HCL's native syntax into the AST (lang/syntax/ast.h). ANTLR is private to
/// lang/syntax: nothing outside sees a parse tree.

#include <memory>
#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "lang/syntax/ast.h"
#include "lang/syntax/lexer.h"

namespace cairn::syntax {

struct ParseResult {
  /// Never null: on errors it holds what could be recovered.
  std::unique_ptr<ast::File> file;
  Diagnostics diagnostics;
};

/// Parses a whole configuration file. Diagnostics use hclsyntax's/Terraform's wording.
/// Recovers after an error (at the next attribute or block) without a cascade.
ParseResult ParseFile(std::string source, std::string_view filename);

/// Checks syntax only, building no AST (what `fmt` needs); the same diagnostics as ParseFile.
Diagnostics CheckSyntax(std::string_view source, std::string_view filename);

/// CheckSyntax over the result of `Lex(source, filename)` that the caller already has, so a
/// caller that needs the tokens too (fmt) lexes once. Includes `lexed.diagnostics`.
Diagnostics CheckSyntax(std::string_view source, const LexResult& lexed,
                        std::string_view filename);

struct ExprParseResult {
  ast::ExprPtr expr;  // null only when nothing could be recovered
  Diagnostics diagnostics;
};

/// Parses one expression (for `-var`, `console`, ...). Trailing tokens other than newlines are
/// an error ("Extra characters after expression").
ExprParseResult ParseExpression(std::string_view source, std::string_view filename,
                                Pos start = {});

/// Parses a bare template (the contents of a file given to templatefile()).
ExprParseResult ParseTemplate(std::string_view source, std::string_view filename, Pos start = {});

}  // namespace cairn::syntax
