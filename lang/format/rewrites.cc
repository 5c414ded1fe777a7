#include "lang/format/rewrites.h"

#include <string>

namespace cairn::format {
namespace {

using syntax::Token;
using syntax::TokenKind;

bool IsLineComment(std::string_view text) { return !text.empty() && text.back() == '\n'; }

/// Walks a file's bodies item by item (attributes and blocks), copying tokens to the output and
/// applying Terraform's rewrites to labels and attribute values on the way.
class Rewriter {
 public:
  Rewriter(std::string_view source, const std::vector<Token>& lexed, RewriteResult& out)
      : source_(source), in_(lexed), out_(out) {}

  void Run() {
    out_.tokens.reserve(in_.size() + 16);
    Bodies();
    if (!out_.ok) return;
    const Token& eof = in_[pos_];
    const int64_t last_end = pos_ > 0 ? in_[pos_ - 1].end.byte : 0;
    out_.eof_spaces = static_cast<int32_t>(eof.start.byte - last_end);
  }

 private:
  TokenKind Kind(size_t i) const { return i < in_.size() ? in_[i].kind : TokenKind::kEOF; }
  std::string_view Text(size_t i) const { return in_[i].Text(source_); }

  void Fail(size_t i) {
    if (!out_.ok) return;
    out_.ok = false;
    out_.error_at = i < in_.size() ? in_[i].start : Pos{};
  }

  void Emit(size_t i) {
    const Token& t = in_[i];
    const int32_t columns = t.start.line == t.end.line ? t.end.column - t.start.column : -1;
    out_.tokens.push_back({t.kind, Text(i), 0, columns});
  }
  void EmitText(TokenKind kind, std::string_view text) {
    out_.tokens.push_back({kind, text, 0, -1});
  }

  /// Index of the first token at or after `i` that is not an inline (`/* */`) comment.
  size_t SkipInlineComments(size_t i) const {
    while (Kind(i) == TokenKind::kComment && !IsLineComment(Text(i))) ++i;
    return i;
  }

  /// The file's body and the bodies of its blocks: items separated by newlines. Nesting is
  /// tracked on an explicit stack (one entry per open block: whether it is a top-level
  /// `variable` block), so deep nesting cannot exhaust the call stack. Stops at the EOF token.
  void Bodies() {
    std::vector<bool> open_blocks;
    while (out_.ok) {
      switch (Kind(pos_)) {
        case TokenKind::kNewline:
        case TokenKind::kComment:
          Emit(pos_++);
          break;
        case TokenKind::kEOF:
          if (!open_blocks.empty() || pos_ >= in_.size()) Fail(pos_);
          return;
        case TokenKind::kCBrace:
          if (open_blocks.empty()) return Fail(pos_);
          open_blocks.pop_back();
          Emit(pos_++);
          break;
        case TokenKind::kIdent: {
          const size_t name = pos_;
          const size_t next = SkipInlineComments(name + 1);
          if (Kind(next) == TokenKind::kEqual) {
            for (size_t i = name; i <= next; ++i) Emit(i);
            pos_ = next + 1;
            const bool in_variable = !open_blocks.empty() && open_blocks.back();
            Attribute(in_variable && Text(name) == "type");
          } else {
            BlockHeader();
            open_blocks.push_back(open_blocks.empty() && Text(name) == "variable");
          }
          break;
        }
        default:
          return Fail(pos_);
      }
    }
  }

  /// The value of an attribute, from after `=` to the end of its line (or the `}` of a
  /// one-line block).
  void Attribute(bool is_variable_type) {
    size_t start = pos_;
    while (Kind(start) == TokenKind::kComment && !IsLineComment(Text(start))) Emit(start++);
    int depth = 0;
    size_t end = start;
    for (;; ++end) {
      const TokenKind k = Kind(end);
      if (k == TokenKind::kEOF) {
        if (depth != 0) return Fail(end);
        break;
      }
      if (depth == 0 && (k == TokenKind::kNewline || k == TokenKind::kCBrace ||
                         (k == TokenKind::kComment && IsLineComment(Text(end))))) {
        break;
      }
      switch (k) {
        case TokenKind::kOBrace:
        case TokenKind::kOBrack:
        case TokenKind::kOParen:
        case TokenKind::kTemplateInterp:
        case TokenKind::kTemplateControl:
        case TokenKind::kOQuote:
        case TokenKind::kOHeredoc:
          ++depth;
          break;
        case TokenKind::kCBrace:
        case TokenKind::kCBrack:
        case TokenKind::kCParen:
        case TokenKind::kTemplateSeqEnd:
        case TokenKind::kCQuote:
        case TokenKind::kCHeredoc:
          if (--depth < 0) return Fail(end);
          break;
        default:
          break;
      }
    }
    size_t expr_end = end;
    while (expr_end > start && Kind(expr_end - 1) == TokenKind::kComment) --expr_end;
    if (expr_end == start) return Fail(start);  // no value
    if (is_variable_type) {
      TypeExpr(start, expr_end);
    } else {
      ValueExpr(start, expr_end);
    }
    for (size_t i = expr_end; i < end; ++i) Emit(i);
    pos_ = end;
  }

  /// `"${expr}"` alone becomes `expr` (terraform's formatValueExpr).
  void ValueExpr(size_t begin, size_t end) {
    auto copy_all = [&] {
      for (size_t i = begin; i < end; ++i) Emit(i);
    };
    if (end - begin < 5 || Kind(begin) != TokenKind::kOQuote ||
        Kind(begin + 1) != TokenKind::kTemplateInterp ||
        Kind(end - 2) != TokenKind::kTemplateSeqEnd || Kind(end - 1) != TokenKind::kCQuote) {
      return copy_all();
    }
    const size_t inner_begin = begin + 2, inner_end = end - 2;
    int quotes = 0;
    for (size_t i = inner_begin; i < inner_end; ++i) {
      const TokenKind k = Kind(i);
      if (k == TokenKind::kOQuote) {
        ++quotes;
        continue;
      }
      if (k == TokenKind::kCQuote) {
        --quotes;
        continue;
      }
      if (quotes > 0) continue;  // interpolations in nested strings belong to the expression
      if (k == TokenKind::kTemplateInterp || k == TokenKind::kTemplateSeqEnd ||
          k == TokenKind::kQuotedLit) {
        return copy_all();  // "${a}${b}" or literal text: not a lone interpolation
      }
    }
    size_t b = inner_begin, e = inner_end;
    while (b < e && Kind(b) == TokenKind::kNewline) ++b;
    while (e > b && Kind(e - 1) == TokenKind::kNewline) --e;
    bool multi_line = false, leading_paren = false, trailing_paren = false;
    for (size_t i = b; i < e; ++i) {
      if (i == b && Kind(i) == TokenKind::kOParen) {
        leading_paren = true;
      } else if (Kind(i) == TokenKind::kNewline) {
        multi_line = true;
      } else if (i == e - 1 && Kind(i) == TokenKind::kCParen) {
        trailing_paren = true;
      }
    }
    const bool wrap = multi_line && !(leading_paren && trailing_paren);
    if (wrap) EmitText(TokenKind::kOParen, "(");
    for (size_t i = b; i < e; ++i) Emit(i);
    if (wrap) EmitText(TokenKind::kCParen, ")");
  }

  /// Legacy type names in a top-level `variable` block (terraform's formatTypeExpr).
  void TypeExpr(size_t begin, size_t end) {
    if (end - begin == 1 && Kind(begin) == TokenKind::kIdent) {
      const std::string_view kw = Text(begin);
      if (kw == "list" || kw == "map" || kw == "set") {
        Emit(begin);
        EmitText(TokenKind::kOParen, "(");
        EmitText(TokenKind::kIdent, "any");
        EmitText(TokenKind::kCParen, ")");
        return;
      }
    } else if (end - begin == 3 && Kind(begin) == TokenKind::kOQuote &&
               Kind(begin + 1) == TokenKind::kQuotedLit && Kind(begin + 2) == TokenKind::kCQuote) {
      const std::string_view lit = Text(begin + 1);
      if (lit == "string") {
        EmitText(TokenKind::kIdent, "string");
        return;
      }
      if (lit == "list" || lit == "map") {
        EmitText(TokenKind::kIdent, lit == "list" ? "list" : "map");
        EmitText(TokenKind::kOParen, "(");
        EmitText(TokenKind::kIdent, "string");
        EmitText(TokenKind::kCParen, ")");
        return;
      }
    }
    for (size_t i = begin; i < end; ++i) Emit(i);
  }

  /// A block's header: type name, labels and `{`. Labels are re-emitted quoted; comments before
  /// the first label and between labels are dropped (hclwrite's SetLabels replaces them), those
  /// after the last label are kept.
  void BlockHeader() {
    const size_t type = pos_++;
    Emit(type);
    size_t comments_begin = pos_;  // comments since the last label
    struct Label {
      size_t begin, end;  // tokens of the label
    };
    std::vector<Label> labels;
    for (;;) {
      const TokenKind k = Kind(pos_);
      if (k == TokenKind::kOBrace) break;
      if (k == TokenKind::kComment && !IsLineComment(Text(pos_))) {
        ++pos_;
        continue;
      }
      if (k == TokenKind::kIdent) {
        labels.push_back({pos_, pos_ + 1});
        comments_begin = ++pos_;
        continue;
      }
      if (k == TokenKind::kOQuote) {
        const size_t b = pos_++;
        while (Kind(pos_) == TokenKind::kQuotedLit) ++pos_;
        if (Kind(pos_) != TokenKind::kCQuote) return Fail(pos_);
        labels.push_back({b, ++pos_});
        comments_begin = pos_;
        continue;
      }
      return Fail(pos_);
    }
    std::string decoded;
    for (const Label& label : labels) {
      if (label.end - label.begin == 1) {  // a bare identifier
        EmitText(TokenKind::kOQuote, "\"");
        EmitText(TokenKind::kQuotedLit, Text(label.begin));
        EmitText(TokenKind::kCQuote, "\"");
        continue;
      }
      const size_t lits = label.end - label.begin - 2;
      if (lits > 1) continue;  // hclwrite cannot read such a label back, so it drops it
      if (lits == 1 && !DecodeQuotedLiteral(Text(label.begin + 1), decoded)) continue;
      if (lits == 0) decoded.clear();
      EmitText(TokenKind::kOQuote, "\"");
      const std::string_view original = lits == 1 ? Text(label.begin + 1) : std::string_view();
      std::string escaped = EscapeQuotedLiteral(decoded);
      if (escaped == original) {
        EmitText(TokenKind::kQuotedLit, original);
      } else {
        EmitText(TokenKind::kQuotedLit, out_.arena.emplace_back(std::move(escaped)));
      }
      EmitText(TokenKind::kCQuote, "\"");
    }
    for (size_t i = comments_begin; i < pos_; ++i) Emit(i);
    Emit(pos_++);  // {
  }

  std::string_view source_;
  const std::vector<Token>& in_;
  RewriteResult& out_;
  size_t pos_ = 0;
};

}  // namespace

RewriteResult ApplyRewrites(std::string_view source, const std::vector<Token>& lexed) {
  RewriteResult result;
  Rewriter(source, lexed, result).Run();
  return result;
}

}  // namespace cairn::format
