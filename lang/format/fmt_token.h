#pragma once
/// The formatter's view of a token: its kind, its bytes and the spaces written before it.
/// Internal to lang/format.

#include <cstdint>
#include <string_view>
#include <vector>

#include "lang/syntax/token.h"

namespace cairn::format {

/// A token as the formatter writes it. `text` points into the source or into storage owned by
/// the formatting run (rewritten labels, inserted parentheses); it never owns its bytes.
struct FmtToken {
  syntax::TokenKind kind;
  std::string_view text;
  int32_t spaces_before = 0;
  /// Grapheme clusters in `text` when known from the lexer's positions (a token within one
  /// line), else -1 (counted when needed).
  int32_t columns = -1;
};

using FmtTokens = std::vector<FmtToken>;

/// True for a token that ends a line: a newline, or a `#`/`//` comment (which includes its
/// newline, as in hclsyntax).
inline bool EndsLine(const FmtToken& t) {
  return t.kind == syntax::TokenKind::kNewline ||
         (t.kind == syntax::TokenKind::kComment && !t.text.empty() && t.text.back() == '\n');
}

/// +1 for a token that opens a bracket-like construct (`{ [ ( ${ %{`), -1 for one that closes it
/// (`} ] ) }`), 0 otherwise. Quotes and heredoc markers do not count (as in hclwrite).
inline int BracketChange(syntax::TokenKind kind) {
  using syntax::TokenKind;
  switch (kind) {
    case TokenKind::kOBrace:
    case TokenKind::kOBrack:
    case TokenKind::kOParen:
    case TokenKind::kTemplateControl:
    case TokenKind::kTemplateInterp:
      return 1;
    case TokenKind::kCBrace:
    case TokenKind::kCBrack:
    case TokenKind::kCParen:
    case TokenKind::kTemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

}  // namespace cairn::format
