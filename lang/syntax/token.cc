#include "lang/syntax/token.h"

namespace cairn::syntax {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kOBrace: return "TokenOBrace";
    case TokenKind::kCBrace: return "TokenCBrace";
    case TokenKind::kOBrack: return "TokenOBrack";
    case TokenKind::kCBrack: return "TokenCBrack";
    case TokenKind::kOParen: return "TokenOParen";
    case TokenKind::kCParen: return "TokenCParen";
    case TokenKind::kOQuote: return "TokenOQuote";
    case TokenKind::kCQuote: return "TokenCQuote";
    case TokenKind::kOHeredoc: return "TokenOHeredoc";
    case TokenKind::kCHeredoc: return "TokenCHeredoc";
    case TokenKind::kStar: return "TokenStar";
    case TokenKind::kSlash: return "TokenSlash";
    case TokenKind::kPlus: return "TokenPlus";
    case TokenKind::kMinus: return "TokenMinus";
    case TokenKind::kPercent: return "TokenPercent";
    case TokenKind::kEqual: return "TokenEqual";
    case TokenKind::kEqualOp: return "TokenEqualOp";
    case TokenKind::kNotEqual: return "TokenNotEqual";
    case TokenKind::kLessThan: return "TokenLessThan";
    case TokenKind::kLessThanEq: return "TokenLessThanEq";
    case TokenKind::kGreaterThan: return "TokenGreaterThan";
    case TokenKind::kGreaterThanEq: return "TokenGreaterThanEq";
    case TokenKind::kAnd: return "TokenAnd";
    case TokenKind::kOr: return "TokenOr";
    case TokenKind::kBang: return "TokenBang";
    case TokenKind::kDot: return "TokenDot";
    case TokenKind::kComma: return "TokenComma";
    case TokenKind::kDoubleColon: return "TokenDoubleColon";
    case TokenKind::kEllipsis: return "TokenEllipsis";
    case TokenKind::kFatArrow: return "TokenFatArrow";
    case TokenKind::kQuestion: return "TokenQuestion";
    case TokenKind::kColon: return "TokenColon";
    case TokenKind::kTemplateInterp: return "TokenTemplateInterp";
    case TokenKind::kTemplateControl: return "TokenTemplateControl";
    case TokenKind::kTemplateSeqEnd: return "TokenTemplateSeqEnd";
    case TokenKind::kQuotedLit: return "TokenQuotedLit";
    case TokenKind::kStringLit: return "TokenStringLit";
    case TokenKind::kNumberLit: return "TokenNumberLit";
    case TokenKind::kIdent: return "TokenIdent";
    case TokenKind::kComment: return "TokenComment";
    case TokenKind::kNewline: return "TokenNewline";
    case TokenKind::kEOF: return "TokenEOF";
    case TokenKind::kBitwiseAnd: return "TokenBitwiseAnd";
    case TokenKind::kBitwiseOr: return "TokenBitwiseOr";
    case TokenKind::kBitwiseNot: return "TokenBitwiseNot";
    case TokenKind::kBitwiseXor: return "TokenBitwiseXor";
    case TokenKind::kStarStar: return "TokenStarStar";
    case TokenKind::kApostrophe: return "TokenApostrophe";
    case TokenKind::kBacktick: return "TokenBacktick";
    case TokenKind::kSemicolon: return "TokenSemicolon";
    case TokenKind::kTabs: return "TokenTabs";
    case TokenKind::kInvalid: return "TokenInvalid";
    case TokenKind::kBadUTF8: return "TokenBadUTF8";
    case TokenKind::kQuotedNewline: return "TokenQuotedNewline";
  }
  return "TokenUnknown";
}

}  // namespace cairn::syntax
