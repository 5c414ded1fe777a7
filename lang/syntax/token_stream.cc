#include "lang/syntax/token_stream.h"

#include "HCLParser.h"

namespace cairn::syntax::internal {

using P = cairn_antlr::HCLParser;

namespace {

/// The parser token type of each lexer kind (keywords are decided by the adapter).
uint16_t ParserType(TokenKind kind) {
  switch (kind) {
    case TokenKind::kOBrace: return P::OBRACE;
    case TokenKind::kCBrace: return P::CBRACE;
    case TokenKind::kOBrack: return P::OBRACK;
    case TokenKind::kCBrack: return P::CBRACK;
    case TokenKind::kOParen: return P::OPAREN;
    case TokenKind::kCParen: return P::CPAREN;
    case TokenKind::kOQuote: return P::OQUOTE;
    case TokenKind::kCQuote: return P::CQUOTE;
    case TokenKind::kOHeredoc: return P::OHEREDOC;
    case TokenKind::kCHeredoc: return P::CHEREDOC;
    case TokenKind::kStar: return P::STAR;
    case TokenKind::kSlash: return P::SLASH;
    case TokenKind::kPlus: return P::PLUS;
    case TokenKind::kMinus: return P::MINUS;
    case TokenKind::kPercent: return P::PERCENT;
    case TokenKind::kEqual: return P::EQUAL;
    case TokenKind::kEqualOp: return P::EQUAL_OP;
    case TokenKind::kNotEqual: return P::NOT_EQUAL;
    case TokenKind::kLessThan: return P::LESS_THAN;
    case TokenKind::kLessThanEq: return P::LESS_THAN_EQ;
    case TokenKind::kGreaterThan: return P::GREATER_THAN;
    case TokenKind::kGreaterThanEq: return P::GREATER_THAN_EQ;
    case TokenKind::kAnd: return P::AND;
    case TokenKind::kOr: return P::OR;
    case TokenKind::kBang: return P::BANG;
    case TokenKind::kDot: return P::DOT;
    case TokenKind::kComma: return P::COMMA;
    case TokenKind::kDoubleColon: return P::DOUBLE_COLON;
    case TokenKind::kEllipsis: return P::ELLIPSIS;
    case TokenKind::kFatArrow: return P::FAT_ARROW;
    case TokenKind::kQuestion: return P::QUESTION;
    case TokenKind::kColon: return P::COLON;
    case TokenKind::kTemplateInterp: return P::TEMPLATE_INTERP;
    case TokenKind::kTemplateControl: return P::TEMPLATE_CONTROL;
    case TokenKind::kTemplateSeqEnd: return P::TEMPLATE_SEQ_END;
    case TokenKind::kQuotedLit: return P::QUOTED_LIT;
    case TokenKind::kStringLit: return P::STRING_LIT;
    case TokenKind::kNumberLit: return P::NUMBER_LIT;
    case TokenKind::kIdent: return P::IDENT;
    case TokenKind::kComment: return P::COMMENT;
    case TokenKind::kNewline: return P::NEWLINE;
    case TokenKind::kEOF: return static_cast<uint16_t>(antlr4::Token::EOF);
    case TokenKind::kBitwiseAnd: return P::BITWISE_AND;
    case TokenKind::kBitwiseOr: return P::BITWISE_OR;
    case TokenKind::kBitwiseNot: return P::BITWISE_NOT;
    case TokenKind::kBitwiseXor: return P::BITWISE_XOR;
    case TokenKind::kStarStar: return P::STAR_STAR;
    case TokenKind::kApostrophe: return P::APOSTROPHE;
    case TokenKind::kBacktick: return P::BACKTICK;
    case TokenKind::kSemicolon: return P::SEMICOLON;
    case TokenKind::kTabs: return P::TABS;
    case TokenKind::kInvalid: return P::INVALID;
    case TokenKind::kBadUTF8: return P::BAD_UTF8;
    case TokenKind::kQuotedNewline: return P::QUOTED_NEWLINE;
  }
  return P::INVALID;
}

/// Tokens after which an identifier `if` inside a for expression is the `if` clause (the value
/// expression is complete) rather than a variable named `if`.
bool EndsOperand(uint16_t type, uint16_t before) {
  switch (type) {
    case P::IDENT: case P::NUMBER_LIT: case P::CPAREN: case P::CBRACK: case P::CBRACE:
    case P::CQUOTE: case P::CHEREDOC: case P::ELLIPSIS:
      return true;
    case P::STAR:
      return before == P::DOT;  // the `.*` of a splat
    default:
      return false;
  }
}

}  // namespace

std::string AdaptedToken::getText() const {
  return "";  // The parser never needs token text; the AST builder reads the source.
}

std::string AdaptedToken::toString() const {
  return "[@" + std::to_string(index_) + " type=" + std::to_string(type_) + "]";
}

TokenAdapter::TokenAdapter(std::string_view source, const std::vector<syntax::Token>& tokens,
                           AdapterMode mode, FileName filename)
    : source_(source), filename_(filename), tokens_(tokens), mode_(mode) {
  stack_.push_back(Frame{mode == AdapterMode::kBody ? Ctx::kBody : Ctx::kNoNewlines});
}

bool TokenAdapter::IncludeNewlines() const {
  Ctx c = stack_.back().ctx;
  return c == Ctx::kBody || c == Ctx::kObject;
}

bool TokenAdapter::ForFollows(size_t i) const {
  for (size_t j = i + 1; j < tokens_.size(); ++j) {
    const syntax::Token& t = tokens_[j];
    if (t.kind == TokenKind::kNewline || t.kind == TokenKind::kComment) continue;
    return t.kind == TokenKind::kIdent && t.Text(source_) == "for";
  }
  return false;
}

void TokenAdapter::Emit(std::vector<ParserToken>* out, uint16_t type, size_t src) {
  out->push_back(ParserToken{type, static_cast<uint32_t>(src)});
  before_last_type_ = last_type_;
  last_type_ = type;
}

uint16_t TokenAdapter::IdentType(size_t i) {
  Frame& top = stack_.back();
  std::string_view text = tokens_[i].Text(source_);
  if (top.ctx == Ctx::kControl && top.directive_keyword_next) {
    top.directive_keyword_next = false;
    if (text == "if") return P::KW_IF;
    if (text == "else") return P::KW_ELSE;
    if (text == "endif") return P::KW_ENDIF;
    if (text == "endfor") return P::KW_ENDFOR;
    if (text == "for") {
      top.for_state = 1;
      return P::KW_FOR;
    }
    return P::IDENT;
  }
  if (top.ctx == Ctx::kFor || top.ctx == Ctx::kControl) {
    switch (top.for_state) {
      case 0:
        if (top.ctx == Ctx::kFor && text == "for") {
          top.for_state = 1;
          return P::KW_FOR;
        }
        break;
      case 1:  // first variable
        top.for_state = 2;
        return P::IDENT;
      case 2:
      case 4:
        if (text == "in") {
          top.for_state = 5;
          return P::KW_IN;
        }
        top.for_state = 5;
        return P::IDENT;
      case 3:  // second variable
        top.for_state = 4;
        return P::IDENT;
      case 5:
        if (top.ctx == Ctx::kFor && text == "if" && EndsOperand(last_type_, before_last_type_)) {
          return P::KW_IF;
        }
        break;
    }
  }
  return P::IDENT;
}

void TokenAdapter::LimitExceeded(size_t i, std::string summary, std::string detail) {
  Diagnostic d;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.subject = Range{filename_, tokens_[i].start, tokens_[i].end};
  limit_error_ = std::move(d);
  pos_ = tokens_.size();
}

bool TokenAdapter::NextItem(std::vector<ParserToken>* out) {
  out->clear();
  if (limit_error_) return false;
  const bool split = mode_ == AdapterMode::kBody;
  while (pos_ < tokens_.size()) {
    const size_t i = pos_++;
    const syntax::Token& t = tokens_[i];
    Frame* top = &stack_.back();
    switch (t.kind) {
      case TokenKind::kEOF:
        pos_ = tokens_.size();
        return !out->empty();
      case TokenKind::kComment: {
        std::string_view text = t.Text(source_);
        if (!IncludeNewlines() || text.empty() || text.back() != '\n') continue;
        [[fallthrough]];
      }
      case TokenKind::kNewline: {
        if (!IncludeNewlines()) continue;
        if (top->ctx == Ctx::kBody) {
          bool item_open = top->item != ItemState::kStart;
          top->item = ItemState::kStart;
          if (split && stack_.size() == 1) {
            if (!item_open) continue;  // a blank line between items
            Emit(out, P::NEWLINE, i);
            return true;
          }
        }
        Emit(out, P::NEWLINE, i);
        continue;
      }
      default:
        break;
    }

    uint16_t type = ParserType(t.kind);
    if (t.kind == TokenKind::kIdent) type = IdentType(i);
    if (top->ctx == Ctx::kFor && top->for_state == 2 && t.kind == TokenKind::kComma) {
      top->for_state = 3;
    } else if (top->ctx == Ctx::kControl && top->for_state == 2 &&
               t.kind == TokenKind::kComma) {
      top->for_state = 3;
    }
    if (top->ctx == Ctx::kControl && t.kind != TokenKind::kIdent) {
      top->directive_keyword_next = false;
    }

    // Track where we are in a body item, which decides what `{` opens.
    bool opens_block = false;
    if (top->ctx == Ctx::kBody) {
      switch (top->item) {
        case ItemState::kStart:
          if (t.kind == TokenKind::kIdent) {
            top->item = ItemState::kHeader;
          } else if (t.kind == TokenKind::kOBrace) {
            opens_block = true;  // stray body: keep its braces together for recovery
            top->item = ItemState::kRest;
          } else {
            top->item = ItemState::kRest;
          }
          break;
        case ItemState::kHeader:
          if (t.kind == TokenKind::kOBrace) {
            opens_block = true;
            top->item = ItemState::kRest;
          } else if (t.kind != TokenKind::kIdent && t.kind != TokenKind::kOQuote) {
            top->item = ItemState::kRest;
          }
          break;
        case ItemState::kRest:
          break;
      }
    }

    // Operator count per expression (a long chain makes a deep AST).
    switch (type) {
      case P::COMMA: case P::NEWLINE: case P::EQUAL: case P::COLON: case P::QUESTION:
      case P::FAT_ARROW:
        top->operators = 0;
        break;
      case P::OR: case P::AND: case P::EQUAL_OP: case P::NOT_EQUAL: case P::LESS_THAN:
      case P::LESS_THAN_EQ: case P::GREATER_THAN: case P::GREATER_THAN_EQ: case P::PLUS:
      case P::MINUS: case P::STAR: case P::SLASH: case P::PERCENT: case P::BANG:
        if (++top->operators > kMaxOperators) {
          LimitExceeded(i, "Expression too long",
                        "Cairn does not support more than " + std::to_string(kMaxOperators) +
                            " operators in one expression.");
          out->clear();
          return false;
        }
        break;
      default:
        break;
    }

    Emit(out, type, i);

    switch (t.kind) {
      case TokenKind::kOBrace:
        if (opens_block) {
          stack_.push_back(Frame{Ctx::kBody});
          ++open_bodies_;
        } else if (ForFollows(i)) {
          stack_.push_back(Frame{Ctx::kFor});
        } else {
          stack_.push_back(Frame{Ctx::kObject});
        }
        break;
      case TokenKind::kOBrack:
        stack_.push_back(Frame{ForFollows(i) ? Ctx::kFor : Ctx::kBrack});
        break;
      case TokenKind::kOParen:
        stack_.push_back(Frame{Ctx::kParen});
        break;
      case TokenKind::kOQuote:
        stack_.push_back(Frame{Ctx::kQuote});
        break;
      case TokenKind::kOHeredoc:
        stack_.push_back(Frame{Ctx::kHeredoc});
        break;
      case TokenKind::kTemplateInterp:
        stack_.push_back(Frame{Ctx::kInterp});
        break;
      case TokenKind::kTemplateControl: {
        Frame f{Ctx::kControl};
        f.directive_keyword_next = true;
        stack_.push_back(f);
        break;
      }
      default:
        break;
    }
    if (stack_.size() - 1 - open_bodies_ > kMaxNesting) {
      LimitExceeded(i, "Nesting too deep",
                    "Cairn does not support brackets, braces, parentheses, strings and template "
                    "sequences nested more than " +
                        std::to_string(kMaxNesting) + " levels deep.");
      out->clear();
      return false;
    }
    if (open_bodies_ > kMaxBlockNesting) {
      LimitExceeded(i, "Nesting too deep",
                    "Cairn does not support blocks nested more than " +
                        std::to_string(kMaxBlockNesting) + " levels deep.");
      out->clear();
      return false;
    }
    switch (t.kind) {
      case TokenKind::kCBrace:
      case TokenKind::kCBrack:
      case TokenKind::kCParen:
      case TokenKind::kCQuote:
      case TokenKind::kCHeredoc:
      case TokenKind::kTemplateSeqEnd:
        // Closers pop the innermost context whatever it is (bad nesting is the parser's to
        // report); the outermost context is never popped.
        if (stack_.size() > 1) {
          if (stack_.back().ctx == Ctx::kBody) --open_bodies_;
          stack_.pop_back();
        }
        break;
      default:
        break;
    }
  }
  return !out->empty();
}

// ---- ItemTokenSource / ItemTokenStream ----------------------------------------------------------

std::unique_ptr<antlr4::Token> ItemTokenSource::nextToken() { return nullptr; }

void ItemTokenStream::Reset(const std::vector<ParserToken>& slice, uint32_t eof_src) {
  tokens_.clear();
  tokens_.reserve(slice.size() + 1);
  for (size_t i = 0; i < slice.size(); ++i) {
    tokens_.emplace_back(slice[i].type, slice[i].src, i, &lexed_[slice[i].src], &source_);
  }
  tokens_.emplace_back(antlr4::Token::EOF, eof_src, slice.size(), &lexed_[eof_src], &source_);
  p_ = 0;
}

antlr4::Token* ItemTokenStream::LT(ssize_t k) {
  if (k == 0) return nullptr;
  ssize_t i = static_cast<ssize_t>(p_) + (k > 0 ? k - 1 : k);
  if (i < 0) return nullptr;
  if (i >= static_cast<ssize_t>(tokens_.size())) return &tokens_.back();
  return &tokens_[static_cast<size_t>(i)];
}

antlr4::Token* ItemTokenStream::get(size_t index) const {
  return const_cast<AdaptedToken*>(&tokens_[index < tokens_.size() ? index : tokens_.size() - 1]);
}

antlr4::TokenSource* ItemTokenStream::getTokenSource() const { return &source_; }

std::string ItemTokenStream::getText(const antlr4::misc::Interval&) { return ""; }
std::string ItemTokenStream::getText() { return ""; }
std::string ItemTokenStream::getText(antlr4::RuleContext*) { return ""; }
std::string ItemTokenStream::getText(antlr4::Token*, antlr4::Token*) { return ""; }

void ItemTokenStream::consume() {
  if (p_ + 1 < tokens_.size()) ++p_;
  else if (p_ + 1 == tokens_.size() && tokens_[p_].getType() != antlr4::Token::EOF) ++p_;
}

size_t ItemTokenStream::LA(ssize_t i) {
  antlr4::Token* t = LT(i);
  return t ? t->getType() : antlr4::Token::INVALID_TYPE;
}

}  // namespace cairn::syntax::internal
