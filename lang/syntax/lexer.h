#pragma once
/// The hand-written lexer for HCL's native syntax. It produces exactly the token stream of
/// hashicorp/hcl's `hclsyntax` scanner (same kinds, same boundaries), comments and newlines
/// included, so that the formatter can work on tokens and the parser can be fed from it.

#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"
#include "lang/syntax/token.h"

namespace cairn::syntax {

enum class LexMode {
  kNormal,    // a configuration file or an expression
  kTemplate,  // a bare template (templatefile's contents): literal text with ${} and %{}
};

struct LexResult {
  /// Always ends with exactly one kEOF token. Token positions are relative to `start`.
  std::vector<Token> tokens;
  /// Diagnostics for tokens that are never valid (hclsyntax's checkInvalidTokens: bad
  /// UTF-8, `;`, `'`, backticks, bitwise operators, newlines inside quoted strings, characters
  /// not used by the language). Tabs are whitespace and `**` is two `*`, as in hclsyntax.
  Diagnostics diagnostics;
};

/// Tokenizes `source`. A leading UTF-8 byte order mark is skipped (its bytes still count in
/// byte offsets). Columns count grapheme clusters within tokens and bytes between them, like hcl.
/// Never fails: bad input becomes error tokens plus diagnostics. Linear time.
LexResult Lex(std::string_view source, std::string_view filename, LexMode mode = LexMode::kNormal,
              Pos start = {});

}  // namespace cairn::syntax
