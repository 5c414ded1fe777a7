#pragma once
/// Tokens of HCL's native syntax. The vocabulary and the token boundaries are exactly those of
/// hashicorp/hcl's `hclsyntax` scanner, because `cairn fmt` (which works on tokens, like
/// `hclwrite`) must give byte-identical output to `terraform fmt`.

#include <cstdint>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"

namespace cairn::syntax {

enum class TokenKind : uint8_t {
  kOBrace,     // {
  kCBrace,     // }
  kOBrack,     // [
  kCBrack,     // ]
  kOParen,     // (
  kCParen,     // )
  kOQuote,     // " opening a quoted template
  kCQuote,     // " closing a quoted template
  kOHeredoc,   // <<EOT or <<-EOT, including the newline that ends the introducer line
  kCHeredoc,   // the closing marker line, leading spaces included, newline excluded

  kStar,     // *
  kSlash,    // /
  kPlus,     // +
  kMinus,    // -
  kPercent,  // %

  kEqual,          // =
  kEqualOp,        // ==
  kNotEqual,       // !=
  kLessThan,       // <
  kLessThanEq,     // <=
  kGreaterThan,    // >
  kGreaterThanEq,  // >=

  kAnd,   // &&
  kOr,    // ||
  kBang,  // !

  kDot,          // .
  kComma,        // ,
  kDoubleColon,  // ::
  kEllipsis,     // ...
  kFatArrow,     // =>
  kQuestion,     // ?
  kColon,        // :

  kTemplateInterp,   // ${ or ${~
  kTemplateControl,  // %{ or %{~
  kTemplateSeqEnd,   // } or ~} closing an interpolation or directive

  kQuotedLit,  // literal text inside "..."; may contain backslash escapes
  kStringLit,  // literal text inside a heredoc (one token per line, newline included)
  kNumberLit,
  kIdent,

  kComment,  // #, // (trailing newline included, as hclsyntax does) or /* */
  kNewline,  // \n or \r\n
  kEOF,

  // Recognised only to give good diagnostics; never valid in the language.
  kBitwiseAnd,     // &
  kBitwiseOr,      // |
  kBitwiseNot,     // ~
  kBitwiseXor,     // ^
  kStarStar,       // ** (in hclsyntax's vocabulary, but its scanner, and so Lex, gives two kStar)
  kApostrophe,     // '
  kBacktick,       // `
  kSemicolon,      // ;
  kTabs,           // tabs (never produced: hclsyntax's scanner, and so Lex, skips tabs like spaces)
  kInvalid,        // any other character
  kBadUTF8,        // bytes that are not valid UTF-8
  kQuotedNewline,  // a newline inside a quoted string
};

/// A token: its kind and the source range it covers. The token's bytes are
/// `source.substr(range.start.byte, range.end.byte - range.start.byte)`; tokens do not own text.
/// Whitespace (spaces) between tokens is not a token; its length is derivable from the ranges.
struct Token {
  TokenKind kind;
  Pos start;
  Pos end;

  int64_t size() const { return end.byte - start.byte; }
  std::string_view Text(std::string_view source) const {
    return source.substr(start.byte, end.byte - start.byte);
  }
};

/// Name of a token kind for debugging and for test dumps, e.g. "TokenOBrace" (hclsyntax's names).
std::string_view TokenKindName(TokenKind kind);

}  // namespace cairn::syntax
