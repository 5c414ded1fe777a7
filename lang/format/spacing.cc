#include "lang/format/layout.h"

namespace cairn::format {
namespace {

using syntax::TokenKind;

/// The placeholder for "no token" at the start of a cell.
constexpr FmtToken kNilToken{TokenKind::kEOF, {}, 0, 0};
constexpr bool IsNil(const FmtToken& t) { return t.kind == TokenKind::kEOF; }

/// Whether `subject` gets one space after it when followed by `after` (hclwrite's
/// spaceAfterToken; the order of the rules matters).
bool SpaceAfterToken(const FmtToken& subject, const FmtToken& before, const FmtToken& after) {
  const TokenKind s = subject.kind;
  const TokenKind a = after.kind;
  if (a == TokenKind::kNewline || IsNil(after)) return false;
  if (s == TokenKind::kIdent && a == TokenKind::kOParen) return false;
  if ((s == TokenKind::kIdent && a == TokenKind::kDoubleColon) ||
      (s == TokenKind::kDoubleColon && a == TokenKind::kIdent)) {
    return false;
  }
  if (s == TokenKind::kDot || a == TokenKind::kDot) return false;
  if (a == TokenKind::kComma || a == TokenKind::kEllipsis) return false;
  if (s == TokenKind::kComma) return true;
  if (s == TokenKind::kQuotedLit || s == TokenKind::kStringLit || s == TokenKind::kOQuote ||
      s == TokenKind::kOHeredoc || a == TokenKind::kQuotedLit || a == TokenKind::kStringLit ||
      a == TokenKind::kCQuote || a == TokenKind::kCHeredoc) {
    return false;  // no extra spaces within templates
  }
  if (s == TokenKind::kIdent && subject.text == "in" && before.kind == TokenKind::kIdent) {
    return true;  // `for x in [...]`: `in` is the keyword here, not a reference
  }
  if (a == TokenKind::kOBrack &&
      (s == TokenKind::kIdent || s == TokenKind::kNumberLit || BracketChange(s) < 0)) {
    return false;
  }
  if (s == TokenKind::kBang) return false;
  if (s == TokenKind::kMinus) {
    // A minus after something that cannot end an expression is a negation: no space after it.
    switch (before.kind) {
      case TokenKind::kEOF:  // nil: start of the cell
      case TokenKind::kOParen:
      case TokenKind::kOBrace:
      case TokenKind::kOBrack:
      case TokenKind::kEqual:
      case TokenKind::kColon:
      case TokenKind::kComma:
      case TokenKind::kQuestion:
      case TokenKind::kPlus:
      case TokenKind::kStar:
      case TokenKind::kSlash:
      case TokenKind::kPercent:
      case TokenKind::kMinus:
      case TokenKind::kEqualOp:
      case TokenKind::kNotEqual:
      case TokenKind::kGreaterThan:
      case TokenKind::kGreaterThanEq:
      case TokenKind::kLessThan:
      case TokenKind::kLessThanEq:
      case TokenKind::kAnd:
      case TokenKind::kOr:
      case TokenKind::kBang:
        return false;
      default:
        return true;
    }
  }
  if (s == TokenKind::kOBrace || a == TokenKind::kCBrace) {
    return !(s == TokenKind::kOBrace && a == TokenKind::kCBrace);  // `{}` stays closed
  }
  if ((s == TokenKind::kTemplateInterp || s == TokenKind::kTemplateControl) &&
      a == TokenKind::kOBrace) {
    return true;
  }
  if (s == TokenKind::kCBrace && a == TokenKind::kTemplateSeqEnd) return true;
  if (s == TokenKind::kTemplateSeqEnd &&
      (a == TokenKind::kTemplateInterp || a == TokenKind::kTemplateControl)) {
    return false;
  }
  if (BracketChange(s) > 0) return false;
  if (BracketChange(a) < 0) return false;
  return true;
}

void SpaceCell(FmtTokens& tokens, uint32_t begin, uint32_t end) {
  for (uint32_t i = begin; i + 1 < end; ++i) {
    const FmtToken& before = i > begin ? tokens[i - 1] : kNilToken;
    tokens[i + 1].spaces_before = SpaceAfterToken(tokens[i], before, tokens[i + 1]) ? 1 : 0;
  }
}

}  // namespace

void FormatSpaces(FmtTokens& tokens, const std::vector<FormatLine>& lines) {
  for (const FormatLine& line : lines) {
    SpaceCell(tokens, line.begin, line.assign);
    if (line.HasAssign()) {
      tokens[line.assign].spaces_before = 1;
      SpaceCell(tokens, line.assign, line.comment);
    }
  }
}

}  // namespace cairn::format
