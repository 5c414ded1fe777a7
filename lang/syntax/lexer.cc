#include "lang/syntax/lexer.h"

#include <algorithm>
#include <cstring>
#include <string>

/// The lexer is a hand-written transcription of hclsyntax's Ragel scanner (scan_tokens.rl).
/// Ragel's scanners take the longest match among their patterns (the first listed one on a tie)
/// and fall back to the last complete match when a longer pattern fails, so every branch below
/// states which pattern wins and what is emitted when a longer pattern fails half way.
///
/// Scanner states ("machines" in Ragel) form a stack, like Ragel's fcall/fret:
///   kMain     expressions and configuration bodies;
///   kString   the inside of a quoted template "...";
///   kHeredoc  the inside of a heredoc template;
///   kBare     a bare template (LexMode::kTemplate), only ever at the bottom of the stack.
/// `${`/`%{` push kMain; the `}` or `~}` at the brace depth recorded then pops it.
///
/// Positions follow hcl's tokenAccum.emitToken: the bytes between two tokens (only spaces and
/// tabs) count one column each; inside a token, columns count grapheme clusters, approximated
/// here as code points that are not combining marks, ZWJ or emoji modifiers (see
/// unicode_tables.inc); "\n" and "\r\n" start a new line.

namespace cairn::syntax {
namespace {

struct CodePointRange {
  char32_t lo;
  char32_t hi;
};

#include "lang/syntax/unicode_tables.inc"

template <size_t N>
bool InRanges(const CodePointRange (&table)[N], char32_t cp) {
  const CodePointRange* it = std::upper_bound(
      table, table + N, cp, [](char32_t c, const CodePointRange& r) { return c < r.lo; });
  return it != table && cp <= (it - 1)->hi;
}

// Byte classes for the ASCII fast paths.
enum : uint8_t {
  kClsIdentStart = 1,  // A-Z a-z _
  kClsIdentCont = 2,   // A-Z a-z 0-9 _ -
  kClsDigit = 4,       // 0-9
  kClsPlainLit = 8,    // ASCII that continues a quoted/heredoc literal run: not $ % " \ \r \n
};

struct ByteTable {
  uint8_t cls[256] = {};
  constexpr ByteTable() {
    for (int c = 0; c < 128; ++c) {
      bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      bool digit = c >= '0' && c <= '9';
      if (alpha || c == '_') cls[c] |= kClsIdentStart;
      if (alpha || digit || c == '_' || c == '-') cls[c] |= kClsIdentCont;
      if (digit) cls[c] |= kClsDigit;
      if (c != '$' && c != '%' && c != '"' && c != '\\' && c != '\r' && c != '\n') {
        cls[c] |= kClsPlainLit;
      }
    }
  }
};
constexpr ByteTable kBytes;

inline bool Is(uint8_t c, uint8_t cls) { return (kBytes.cls[c] & cls) != 0; }
inline bool IsCont(uint8_t c) { return c >= 0x80 && c <= 0xBF; }

/// Length of the sequence at `p` as hclsyntax's AnyUTF8 accepts it (lead byte plus the right
/// number of continuation bytes, overlong forms and surrogates included), or 0 if the bytes
/// there are not such a sequence. Requires p < end.
inline int AnyUtf8Len(const uint8_t* p, const uint8_t* end) {
  uint8_t c = p[0];
  if (c < 0x80) return 1;
  int len;
  if (c >= 0xC0 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
  } else if (c >= 0xF0 && c <= 0xF7) {
    len = 4;
  } else {
    return 0;
  }
  if (end - p < len) return 0;
  for (int i = 1; i < len; ++i) {
    if (!IsCont(p[i])) return 0;
  }
  return len;
}

/// Decodes a well-formed (shortest form, non-surrogate) UTF-8 sequence at `p`, which must start
/// with a byte >= 0x80. Returns its length and stores the code point, or returns 0.
inline int DecodeStrict(const uint8_t* p, const uint8_t* end, char32_t* cp) {
  int len = AnyUtf8Len(p, end);
  char32_t v;
  switch (len) {
    case 2:
      v = (char32_t(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
      if (v < 0x80) return 0;
      break;
    case 3:
      v = (char32_t(p[0] & 0x0F) << 12) | (char32_t(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
      if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
      break;
    case 4:
      v = (char32_t(p[0] & 0x07) << 18) | (char32_t(p[1] & 0x3F) << 12) |
          (char32_t(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
      if (v < 0x10000 || v > 0x10FFFF) return 0;
      break;
    default:
      return 0;
  }
  *cp = v;
  return len;
}

enum class Scanner : uint8_t { kMain, kString, kHeredoc, kBare };

struct HeredocInProgress {
  std::string_view marker;
  bool start_of_line;
};

class Lexer {
 public:
  Lexer(std::string_view source, LexMode mode, Pos start)
      : mode_(mode),
        data_(reinterpret_cast<const uint8_t*>(source.data())),
        n_(source.size()) {
    // A leading byte order mark is skipped; its bytes still count in byte offsets.
    if (n_ >= 3 && data_[0] == 0xEF && data_[1] == 0xBB && data_[2] == 0xBF) {
      data_ += 3;
      n_ -= 3;
      start.byte += 3;
    }
    pos_ = start;
    start_byte_ = start.byte;
  }

  std::vector<Token> Run() {
    // Dense configuration has about one token per 3.5 bytes. Reserving one per 2 bytes avoids
    // regrowth (a copy of the whole vector) in practice and costs little: pages of a large
    // allocation are only touched, hence only faulted in, when tokens are written.
    tokens_.reserve(n_ / 2 + 16);
    stack_.push_back(mode_ == LexMode::kTemplate ? Scanner::kBare : Scanner::kMain);
    while (p_ < n_) {
      switch (stack_.back()) {
        case Scanner::kMain: LexMain(); break;
        case Scanner::kString: LexString(); break;
        case Scanner::kHeredoc: LexHeredoc(); break;
        case Scanner::kBare: LexBare(); break;
      }
    }
    Emit(TokenKind::kEOF, n_, n_);
    return std::move(tokens_);
  }

 private:
  uint8_t At(size_t i) const { return i < n_ ? data_[i] : 0; }
  bool Has(size_t i) const { return i < n_; }

  /// Appends a token for bytes [ts, te) (offsets into the BOM-stripped data) and advances the
  /// running position like hcl's emitToken.
  void Emit(TokenKind kind, size_t ts, size_t te) {
    Token tok;
    tok.kind = kind;
    tok.start.line = pos_.line;
    tok.start.column = pos_.column + static_cast<int32_t>(int64_t(ts) + start_byte_ - pos_.byte);
    tok.start.byte = int64_t(ts) + start_byte_;
    Pos end = tok.start;
    end.byte = int64_t(te) + start_byte_;
    int32_t line = end.line;
    int32_t col = end.column;
    // Grapheme cluster state (UAX #29, approximated; hcl counts clusters with go-textseg).
    bool boundary = true;      // the next character starts a cluster: token start, after a control
    bool pict = false;         // the current cluster is an emoji (Extended_Pictographic) so far
    bool pict_zwj = false;     // ... and its last character is a ZWJ: an emoji joins it (GB11)
    int regional = 0;          // regional indicators in a row: pairs form one flag (GB12/13)
    size_t i = ts;
    while (i < te) {
      uint8_t c = data_[i];
      if (c < 0x80) {
        if (c == '\n' || (c == '\r' && i + 1 < te && data_[i + 1] == '\n')) {
          ++line;
          col = 1;
          i += c == '\n' ? 1 : 2;
        } else {
          ++col;
          ++i;
        }
        boundary = c < 0x20 || c == 0x7F;  // GB4: nothing extends a control character
        pict = pict_zwj = false;
        regional = 0;
        continue;
      }
      char32_t cp;
      int len = DecodeStrict(data_ + i, data_ + te, &cp);
      i += len == 0 ? 1 : len;
      if (len == 0) {  // a byte that is not valid UTF-8 is a cluster of its own
        ++col;
        boundary = true;
        pict = pict_zwj = false;
        regional = 0;
        continue;
      }
      bool is_regional = cp >= 0x1F1E6 && cp <= 0x1F1FF;
      bool is_pict = !is_regional && cp >= 0xA9 && InRanges(kExtendedPictographic, cp);
      bool joins = !boundary && ((!is_pict && InRanges(kGraphemeExtend, cp)) ||
                                 (is_pict && pict_zwj) || (is_regional && regional % 2 == 1));
      if (!joins) {
        ++col;
        pict = is_pict;
      }
      pict_zwj = pict && cp == 0x200D;
      regional = is_regional ? regional + 1 : 0;
      boundary = cp == 0x2028 || cp == 0x2029;  // line/paragraph separators are controls too
    }
    end.line = line;
    end.column = col;
    tok.end = end;
    pos_ = end;
    tokens_.push_back(tok);
  }

  /// What hclsyntax does when no pattern matches at all (Ragel's error state) or input ends in
  /// the middle of a pattern with no shorter match to fall back on: the rest of the input
  /// becomes one token, a StringLit at the top level of a bare template, else Invalid.
  void EmitRestAndStop(size_t ts) {
    bool bare_top = mode_ == LexMode::kTemplate && stack_.size() == 1;
    Emit(bare_top ? TokenKind::kStringLit : TokenKind::kInvalid, ts, n_);
    p_ = n_;
  }

  // ---- helpers shared by the scanners ----

  /// Length of the identifier starting at `i` (Ident = (ID_Start | '_') (ID_Continue | '-')*),
  /// or 0 if none starts there.
  size_t IdentLen(size_t i) const {
    size_t j = i;
    uint8_t c = At(j);
    if (c < 0x80) {
      if (!Has(j) || !Is(c, kClsIdentStart)) return 0;
      ++j;
    } else {
      char32_t cp;
      int len = DecodeStrict(data_ + j, data_ + n_, &cp);
      if (len == 0 || !InRanges(kIdStart, cp)) return 0;
      j += len;
    }
    while (j < n_) {
      c = data_[j];
      if (c < 0x80) {
        if (!Is(c, kClsIdentCont)) break;
        ++j;
        continue;
      }
      char32_t cp;
      int len = DecodeStrict(data_ + j, data_ + n_, &cp);
      if (len == 0 || !InRanges(kIdContinue, cp)) break;
      j += len;
    }
    return j - i;
  }

  /// Length of "\n" or "\r\n" at `i`, else 0.
  size_t NewlineLen(size_t i) const {
    if (At(i) == '\n' && Has(i)) return 1;
    if (At(i) == '\r' && At(i + 1) == '\n' && Has(i + 1)) return 2;
    return 0;
  }

  /// Enters an interpolation or directive whose introducer is [ts, te).
  void BeginTemplateSeq(TokenKind kind, size_t ts, size_t te) {
    Emit(kind, ts, te);
    ++braces_;
    ret_braces_.push_back(braces_);
    if (!heredocs_.empty()) heredocs_.back().start_of_line = false;
    stack_.push_back(Scanner::kMain);
    p_ = te;
  }

  /// How a '$' or '%' inside a template was lexed by LexSign.
  enum class SignForm : uint8_t {
    kIntroducer,    // `${`, `${~`, `%{` or `%{~` was emitted
    kAtEnd,         // the sign is the last byte of the input: no template pattern matches it
    kEscape,        // `$${`, `$${~`, `%%{`, `%%{~` [p_, end): a newline right after joins it
    kLiteral,       // a lone sign [p_, end), lexed as a mid-line literal
    kLiteralEol,    // a sign and one byte [p_, end), lexed as a literal that ended a line
  };

  /// At a '$' or '%' inside a template (data_[p_] is that byte). Emits the introducers `${`,
  /// `${~`, `%{`, `%{~` and enters the interpolation; otherwise computes the literal that
  /// hclsyntax's TemplateNotInterp/TemplateNotControl patterns give: the escapes `$${`, `$${~`,
  /// `%%{`, `%%{~`, or the lone sign.
  ///
  /// A quirk of the Ragel source decides the lone sign's length: the pattern is the sign plus
  /// any one byte other than '{', with an action that gives that byte back. In the quoted
  /// scanner that leaves "$". Where a newline may follow the literal in the same pattern
  /// (heredoc and bare templates, `with_newline`), the byte is given back only when no newline
  /// follows it: "$a" + "\n" gives the literal "$a" (the newline is then lexed on its own),
  /// while "$ab" gives "$".
  SignForm LexSign(bool with_newline, size_t* end) {
    const uint8_t sign = data_[p_];
    if (At(p_ + 1) == '{' && Has(p_ + 1)) {
      size_t te = p_ + 2 + (At(p_ + 2) == '~' && Has(p_ + 2) ? 1 : 0);
      BeginTemplateSeq(sign == '$' ? TokenKind::kTemplateInterp : TokenKind::kTemplateControl,
                       p_, te);
      return SignForm::kIntroducer;
    }
    if (!Has(p_ + 1)) return SignForm::kAtEnd;
    if (At(p_ + 1) == sign && At(p_ + 2) == '{' && Has(p_ + 2)) {
      *end = p_ + 3 + (At(p_ + 3) == '~' && Has(p_ + 3) ? 1 : 0);
      return SignForm::kEscape;
    }
    if (with_newline && Has(p_ + 2) && (data_[p_ + 2] == '\n' || data_[p_ + 2] == '\r')) {
      *end = p_ + 2;
      // A "\n" right after completes the pattern with the newline (which is given back); after
      // "\r" the scanner falls back to the shorter, mid-line match of the same bytes.
      return data_[p_ + 2] == '\n' ? SignForm::kLiteralEol : SignForm::kLiteral;
    }
    *end = p_ + 1;
    return SignForm::kLiteral;
  }

  /// Length of the longest run of heredoc/bare-template literal characters at `i`: valid UTF-8
  /// other than '$', '%', '\r' and '\n'.
  size_t TemplateRunEnd(size_t i) const {
    while (i < n_) {
      uint8_t c = data_[i];
      if (c < 0x80) {
        if (c == '$' || c == '%' || c == '\r' || c == '\n') break;
        ++i;
        continue;
      }
      int len = AnyUtf8Len(data_ + i, data_ + n_);
      if (len == 0) break;
      i += len;
    }
    return i;
  }

  // ---- the main scanner ----

  void LexMain() {
    const size_t ts = p_;
    const uint8_t c = data_[ts];
    switch (c) {
      case ' ':
      case '\t': {
        size_t i = ts + 1;
        while (i < n_ && (data_[i] == ' ' || data_[i] == '\t')) ++i;
        p_ = i;
        return;
      }
      case '\n': return Single(TokenKind::kNewline, ts, 1);
      case '\r':
        if (At(ts + 1) == '\n' && Has(ts + 1)) return Single(TokenKind::kNewline, ts, 2);
        return Single(TokenKind::kInvalid, ts, 1);
      case '0': case '1': case '2': case '3': case '4':
      case '5': case '6': case '7': case '8': case '9':
        return Flat(TokenKind::kNumberLit, ts, NumberLen(ts));
      case '#': return Single(TokenKind::kComment, ts, LineCommentLen(ts));
      case '/':
        if (At(ts + 1) == '/' && Has(ts + 1)) {
          return Single(TokenKind::kComment, ts, LineCommentLen(ts));
        }
        if (At(ts + 1) == '*' && Has(ts + 1)) {
          // "/*" any* :>> "*/": up to the first "*/". Without one, the longest complete match
          // is the "/" alone.
          const void* close = ts + 2 < n_ ? memmem(data_ + ts + 2, n_ - ts - 2, "*/", 2) : nullptr;
          if (close != nullptr) {
            size_t te = static_cast<const uint8_t*>(close) - data_ + 2;
            return Single(TokenKind::kComment, ts, te - ts);
          }
        }
        return Flat(TokenKind::kSlash, ts, 1);
      case '=':
        if (At(ts + 1) == '=' && Has(ts + 1)) return Flat(TokenKind::kEqualOp, ts, 2);
        if (At(ts + 1) == '>' && Has(ts + 1)) return Flat(TokenKind::kFatArrow, ts, 2);
        return Flat(TokenKind::kEqual, ts, 1);
      case '!':
        if (At(ts + 1) == '=' && Has(ts + 1)) return Flat(TokenKind::kNotEqual, ts, 2);
        return Flat(TokenKind::kBang, ts, 1);
      case '>':
        if (At(ts + 1) == '=' && Has(ts + 1)) return Flat(TokenKind::kGreaterThanEq, ts, 2);
        return Flat(TokenKind::kGreaterThan, ts, 1);
      case '<':
        if (At(ts + 1) == '=' && Has(ts + 1)) return Flat(TokenKind::kLessThanEq, ts, 2);
        if (At(ts + 1) == '<' && Has(ts + 1) && TryHeredoc(ts)) return;
        return Flat(TokenKind::kLessThan, ts, 1);
      case '&':
        if (At(ts + 1) == '&' && Has(ts + 1)) return Flat(TokenKind::kAnd, ts, 2);
        return Flat(TokenKind::kBitwiseAnd, ts, 1);
      case '|':
        if (At(ts + 1) == '|' && Has(ts + 1)) return Flat(TokenKind::kOr, ts, 2);
        return Flat(TokenKind::kBitwiseOr, ts, 1);
      case ':':
        if (At(ts + 1) == ':' && Has(ts + 1)) return Flat(TokenKind::kDoubleColon, ts, 2);
        return Flat(TokenKind::kColon, ts, 1);
      case '.':
        if (At(ts + 1) == '.' && At(ts + 2) == '.' && Has(ts + 2)) {
          return Flat(TokenKind::kEllipsis, ts, 3);
        }
        return Flat(TokenKind::kDot, ts, 1);
      case '[': return Flat(TokenKind::kOBrack, ts, 1);
      case ']': return Flat(TokenKind::kCBrack, ts, 1);
      case '(': return Flat(TokenKind::kOParen, ts, 1);
      case ')': return Flat(TokenKind::kCParen, ts, 1);
      case ',': return Flat(TokenKind::kComma, ts, 1);
      case '*': return Flat(TokenKind::kStar, ts, 1);
      case '%': return Flat(TokenKind::kPercent, ts, 1);
      case '+': return Flat(TokenKind::kPlus, ts, 1);
      case '-': return Flat(TokenKind::kMinus, ts, 1);
      case '?': return Flat(TokenKind::kQuestion, ts, 1);
      case '^': return Flat(TokenKind::kBitwiseXor, ts, 1);
      case ';': return Flat(TokenKind::kSemicolon, ts, 1);
      case '`': return Flat(TokenKind::kBacktick, ts, 1);
      case '\'': return Flat(TokenKind::kApostrophe, ts, 1);
      case '~':
        if (At(ts + 1) == '}' && Has(ts + 1)) return CloseBrace(ts, 2);
        return Flat(TokenKind::kBitwiseNot, ts, 1);
      case '{':
        Flat(TokenKind::kOBrace, ts, 1);
        ++braces_;
        return;
      case '}': return CloseBrace(ts, 1);
      case '"':
        Flat(TokenKind::kOQuote, ts, 1);
        stack_.push_back(Scanner::kString);
        return;
      default: break;
    }
    if (Is(c, kClsIdentStart)) {
      size_t i = ts + 1;
      while (i < n_ && Is(data_[i], kClsIdentCont)) ++i;
      if (i == n_ || data_[i] < 0x80) return Flat(TokenKind::kIdent, ts, i - ts);
    }
    if (size_t len = IdentLen(ts)) return Single(TokenKind::kIdent, ts, len);
    if (c < 0x80) return Single(TokenKind::kInvalid, ts, 1);
    int len = AnyUtf8Len(data_ + ts, data_ + n_);
    if (len == 0) return Single(TokenKind::kBadUTF8, ts, 1);
    return Single(TokenKind::kInvalid, ts, len);
  }

  /// Emit for a token of printable ASCII bytes (one column each, no line break).
  void Flat(TokenKind kind, size_t ts, size_t len) {
    Token tok;
    tok.kind = kind;
    tok.start.line = pos_.line;
    tok.start.column = pos_.column + static_cast<int32_t>(int64_t(ts) + start_byte_ - pos_.byte);
    tok.start.byte = int64_t(ts) + start_byte_;
    tok.end.line = tok.start.line;
    tok.end.column = tok.start.column + static_cast<int32_t>(len);
    tok.end.byte = tok.start.byte + static_cast<int64_t>(len);
    pos_ = tok.end;
    tokens_.push_back(tok);
    p_ = ts + len;
  }

  void Single(TokenKind kind, size_t ts, size_t len) {
    Emit(kind, ts, ts + len);
    p_ = ts + len;
  }

  /// NumberLit = digit ("" | (NumberLitContinue - '.') | (NumberLitContinue* (NumberLitContinue
  /// - '.'))) with NumberLitContinue = digit | '.' | [eE] [+-]? digit: the longest run of
  /// continuations that does not end in '.'.
  size_t NumberLen(size_t ts) const {
    size_t i = ts + 1;
    size_t best = i;
    while (i < n_) {
      uint8_t c = data_[i];
      if (Is(c, kClsDigit)) {
        best = ++i;
      } else if (c == '.') {
        ++i;
      } else if (c == 'e' || c == 'E') {
        size_t j = i + 1;
        if (At(j) == '+' || At(j) == '-') ++j;
        if (Has(j) && Is(At(j), kClsDigit)) {
          i = j + 1;
          best = i;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    return best - ts;
  }

  /// A '#' or '//' comment: up to and including the first "\n" (so "\r\n" too), or to the end.
  size_t LineCommentLen(size_t ts) const {
    const void* nl = memchr(data_ + ts, '\n', n_ - ts);
    size_t te = nl ? static_cast<const uint8_t*>(nl) - data_ + 1 : n_;
    return te - ts;
  }

  /// BeginHeredocTmpl = '<<' '-'? Ident Newline. On a match emits OHeredoc and enters the
  /// heredoc scanner.
  bool TryHeredoc(size_t ts) {
    size_t i = ts + 2;
    if (At(i) == '-' && Has(i)) ++i;
    size_t ident = IdentLen(i);
    if (ident == 0) return false;
    size_t nl = NewlineLen(i + ident);
    if (nl == 0) return false;
    size_t te = i + ident + nl;
    Emit(TokenKind::kOHeredoc, ts, te);
    heredocs_.push_back({std::string_view(reinterpret_cast<const char*>(data_ + i), ident), true});
    stack_.push_back(Scanner::kHeredoc);
    p_ = te;
    return true;
  }

  /// `}` (len 1) or `~}` (len 2). Closes the innermost interpolation or directive when the
  /// brace depth is the one recorded at its opening; otherwise `}` is an ordinary CBrace and
  /// `~}` still a TemplateSeqEnd (for the parser to reject), as hclsyntax does.
  void CloseBrace(size_t ts, size_t len) {
    if (!ret_braces_.empty() && ret_braces_.back() == braces_) {
      Emit(TokenKind::kTemplateSeqEnd, ts, ts + len);
      --braces_;
      ret_braces_.pop_back();
      stack_.pop_back();
    } else {
      Emit(len == 1 ? TokenKind::kCBrace : TokenKind::kTemplateSeqEnd, ts, ts + len);
      --braces_;
    }
    p_ = ts + len;
  }

  // ---- the quoted template scanner ----

  void LexString() {
    const size_t ts = p_;
    const uint8_t c = data_[ts];
    if (c == '"') {
      Flat(TokenKind::kCQuote, ts, 1);
      stack_.pop_back();
      return;
    }
    if (c == '$' || c == '%') {
      size_t lit_end = 0;
      switch (LexSign(/*with_newline=*/false, &lit_end)) {
        case SignForm::kIntroducer: return;
        case SignForm::kAtEnd: return Single(TokenKind::kInvalid, ts, 1);  // only AnyUTF8 fits
        case SignForm::kEscape:
        case SignForm::kLiteral:
        case SignForm::kLiteralEol: return Single(TokenKind::kQuotedLit, ts, lit_end - ts);
      }
      return;
    }
    if (c == '\r' || c == '\n') {
      size_t i = ts + 1;
      while (i < n_ && (data_[i] == '\r' || data_[i] == '\n')) ++i;
      return Single(TokenKind::kQuotedNewline, ts, i - ts);
    }
    // (('\\' StringLiteralChars) | (StringLiteralChars - ("$" | '%' | '"' | "\\")))+
    size_t i = ts;
    while (i < n_) {
      uint8_t b = data_[i];
      if (Is(b, kClsPlainLit)) {
        ++i;
        continue;
      }
      if (b == '\\') {
        if (i + 1 >= n_) break;
        uint8_t e = data_[i + 1];
        if (e == '\r' || e == '\n') break;
        int len = AnyUtf8Len(data_ + i + 1, data_ + n_);
        if (len == 0) break;
        i += 1 + len;
        continue;
      }
      if (b < 0x80) break;  // $ % " \r \n
      int len = AnyUtf8Len(data_ + i, data_ + n_);
      if (len == 0) break;
      i += len;
    }
    if (i > ts) return Single(TokenKind::kQuotedLit, ts, i - ts);
    // Nothing but a backslash that escapes nothing (AnyUTF8 => Invalid) or a broken byte.
    if (c == '\\') return Single(TokenKind::kInvalid, ts, 1);
    return Single(TokenKind::kBadUTF8, ts, 1);
  }

  // ---- the heredoc template scanner ----

  void LexHeredoc() {
    const size_t ts = p_;
    const uint8_t c = data_[ts];
    if (c == '$' || c == '%') {
      size_t lit_end = 0;
      switch (LexSign(/*with_newline=*/true, &lit_end)) {
        case SignForm::kIntroducer: return;
        case SignForm::kAtEnd: return EmitRestAndStop(ts);
        case SignForm::kLiteral:
          heredocs_.back().start_of_line = false;
          return Single(TokenKind::kStringLit, ts, lit_end - ts);
        case SignForm::kLiteralEol:
          heredocs_.back().start_of_line = true;
          return Single(TokenKind::kStringLit, ts, lit_end - ts);
        case SignForm::kEscape: {
          // "HeredocStringLiteral EndOfLine": the line's newline joins the token when it
          // follows at once. Such a line can never be the closing marker.
          size_t nl = NewlineLen(lit_end);
          heredocs_.back().start_of_line = nl != 0;
          return Single(TokenKind::kStringLit, ts, lit_end + nl - ts);
        }
      }
      return;
    }
    size_t run_end = TemplateRunEnd(ts);
    size_t nl = NewlineLen(run_end);
    if (nl != 0) {
      size_t te = run_end + nl;
      HeredocInProgress& doc = heredocs_.back();
      if (doc.start_of_line && TrimSpaceEquals(ts, te, doc.marker)) {
        // The closing marker line: CHeredoc without the newline, then the newline itself.
        Emit(TokenKind::kCHeredoc, ts, run_end);
        Emit(TokenKind::kNewline, run_end, te);
        heredocs_.pop_back();
        stack_.pop_back();
        p_ = te;
        return;
      }
      doc.start_of_line = true;
      return Single(TokenKind::kStringLit, ts, te - ts);
    }
    if (run_end > ts) {
      heredocs_.back().start_of_line = false;
      return Single(TokenKind::kStringLit, ts, run_end - ts);
    }
    if (c == '\r') return EmitRestAndStop(ts);  // a CR without LF matches no heredoc pattern
    return Single(TokenKind::kBadUTF8, ts, 1);
  }

  /// Whether bytes [ts, te) with Unicode white space trimmed from both ends (Go's
  /// bytes.TrimSpace) equal `marker`.
  bool TrimSpaceEquals(size_t ts, size_t te, std::string_view marker) const {
    while (ts < te) {
      size_t len = SpaceLenAt(ts, te);
      if (len == 0) break;
      ts += len;
    }
    while (te > ts) {
      size_t len = SpaceLenBefore(ts, te);
      if (len == 0) break;
      te -= len;
    }
    return te - ts == marker.size() &&
           memcmp(data_ + ts, marker.data(), marker.size()) == 0;
  }
  static bool IsUnicodeSpace(char32_t cp) {
    switch (cp) {
      case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
      case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
      case 0x205F: case 0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }
  size_t SpaceLenAt(size_t i, size_t te) const {
    uint8_t c = data_[i];
    if (c < 0x80) return IsUnicodeSpace(c) ? 1 : 0;
    char32_t cp;
    int len = DecodeStrict(data_ + i, data_ + te, &cp);
    return len != 0 && IsUnicodeSpace(cp) ? len : 0;
  }
  size_t SpaceLenBefore(size_t ts, size_t te) const {
    uint8_t c = data_[te - 1];
    if (c < 0x80) return IsUnicodeSpace(c) ? 1 : 0;
    size_t s = te - 1;
    while (s > ts && te - s < 4 && IsCont(data_[s])) --s;
    char32_t cp;
    int len = DecodeStrict(data_ + s, data_ + te, &cp);
    return len != 0 && s + len == te && IsUnicodeSpace(cp) ? len : 0;
  }

  // ---- the bare template scanner ----

  void LexBare() {
    const size_t ts = p_;
    const uint8_t c = data_[ts];
    if (c == '$' || c == '%') {
      size_t lit_end = 0;
      switch (LexSign(/*with_newline=*/true, &lit_end)) {
        case SignForm::kIntroducer: return;
        case SignForm::kAtEnd: return EmitRestAndStop(ts);
        case SignForm::kLiteral:
        case SignForm::kLiteralEol: return Single(TokenKind::kStringLit, ts, lit_end - ts);
        case SignForm::kEscape:  // BareStringLiteral = (...) Newline?
          return Single(TokenKind::kStringLit, ts, lit_end + NewlineLen(lit_end) - ts);
      }
      return;
    }
    // BareStringLiteral = (... | (StringLiteralChars - ("$" | '%'))*) Newline?
    size_t run_end = TemplateRunEnd(ts);
    size_t te = run_end + NewlineLen(run_end);
    if (te > ts) return Single(TokenKind::kStringLit, ts, te - ts);
    if (c == '\r') return EmitRestAndStop(ts);
    return Single(TokenKind::kBadUTF8, ts, 1);
  }

  LexMode mode_;
  const uint8_t* data_;
  size_t n_;
  size_t p_ = 0;
  Pos pos_;
  int64_t start_byte_ = 0;
  std::vector<Scanner> stack_;
  int braces_ = 0;
  std::vector<int> ret_braces_;
  std::vector<HeredocInProgress> heredocs_;
  std::vector<Token> tokens_;
};

/// hclsyntax's checkInvalidTokens: diagnostics for tokens that are never valid, limiting
/// repetition the same way.
Diagnostics CheckInvalidTokens(const std::vector<Token>& tokens, FileName file) {
  Diagnostics diags;
  int told_bitwise = 0, told_exponent = 0, told_backtick = 0, told_apostrophe = 0;
  int told_semicolon = 0, told_tabs = 0, told_bad_utf8 = 0;
  auto add = [&](const Token& tok, const char* summary, std::string detail) {
    diags.Error(summary, std::move(detail), Range{file, tok.start, tok.end});
  };
  for (const Token& tok : tokens) {
    switch (tok.kind) {
      case TokenKind::kBitwiseAnd:
      case TokenKind::kBitwiseOr:
      case TokenKind::kBitwiseXor:
      case TokenKind::kBitwiseNot:
        if (told_bitwise < 4) {
          const char* suggestion = "";
          if (tok.kind == TokenKind::kBitwiseAnd) {
            suggestion = " Did you mean boolean AND (\"&&\")?";
          } else if (tok.kind == TokenKind::kBitwiseOr) {
            suggestion = " Did you mean boolean OR (\"||\")?";
          } else if (tok.kind == TokenKind::kBitwiseNot) {
            suggestion = " Did you mean boolean NOT (\"!\")?";
          }
          add(tok, "Unsupported operator",
              std::string("Bitwise operators are not supported.") + suggestion);
          ++told_bitwise;
        }
        break;
      case TokenKind::kStarStar:
        if (told_exponent < 1) {
          add(tok, "Unsupported operator",
              "\"**\" is not a supported operator. Exponentiation is not supported as an "
              "operator.");
          ++told_exponent;
        }
        break;
      case TokenKind::kBacktick:
        // Only every other one, so the two ends of one backtick-quoted string give one error.
        if (told_backtick % 2 == 0) {
          add(tok, "Invalid character",
              "The \"`\" character is not valid. To create a multi-line string, use the "
              "\"heredoc\" syntax, like \"<<EOT\".");
        }
        if (told_backtick <= 2) ++told_backtick;
        break;
      case TokenKind::kApostrophe:
        if (told_apostrophe % 2 == 0) {
          add(tok, "Invalid character",
              "Single quotes are not valid. Use double quotes (\") to enclose strings.");
        }
        if (told_apostrophe <= 2) ++told_apostrophe;
        break;
      case TokenKind::kSemicolon:
        if (told_semicolon < 1) {
          add(tok, "Invalid character",
              "The \";\" character is not valid. Use newlines to separate arguments and "
              "blocks, and commas to separate items in collection values.");
          ++told_semicolon;
        }
        break;
      case TokenKind::kTabs:
        if (told_tabs < 1) {
          add(tok, "Invalid character",
              "Tab characters may not be used. The recommended indentation style is two "
              "spaces per indent.");
          ++told_tabs;
        }
        break;
      case TokenKind::kBadUTF8:
        if (told_bad_utf8 < 1) {
          add(tok, "Invalid character encoding",
              "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected "
              "in your editor.");
          ++told_bad_utf8;
        }
        break;
      case TokenKind::kQuotedNewline:
        add(tok, "Invalid multi-line string",
            "Quoted strings may not be split over multiple lines. To produce a multi-line "
            "string, either use the \\n escape to represent a newline character or use the "
            "\"heredoc\" multi-line template syntax.");
        break;
      case TokenKind::kInvalid:
        add(tok, "Invalid character", "This character is not used within the language.");
        break;
      default:
        break;
    }
  }
  return diags;
}

}  // namespace

LexResult Lex(std::string_view source, std::string_view filename, LexMode mode, Pos start) {
  LexResult result;
  result.tokens = Lexer(source, mode, start).Run();
  result.diagnostics = CheckInvalidTokens(result.tokens, FileName::Intern(filename));
  return result;
}

}  // namespace cairn::syntax
