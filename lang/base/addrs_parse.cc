// Parsing of addresses (`-target`, `-replace`, `state` commands, the state file's `module` and
// `dependencies`): hclsyntax.ParseTraversalAbs's lexing and parsing of an absolute traversal,
// then Terraform's interpretation of the traversal (internal/addrs parse_target.go and
// module_instance.go), with their diagnostics word for word.
//
// lang/base is the bottom layer, so this is a small hand-written lexer for the part of HCL's
// token vocabulary a traversal can meet, not lang/syntax's. Known difference: columns count
// code points, where hcl counts grapheme clusters (only matters after combining marks).

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "lang/base/addrs.h"
#include "lang/base/go_quote.h"
#include "lang/base/number.h"
#include "lang/base/utf8.h"

namespace cairn::addrs {
namespace {

struct CodePointRange {
  char32_t lo;
  char32_t hi;
};

// Identifier character tables (data only; lang/syntax's lexer includes the same file).
#include "lang/syntax/unicode_tables.inc"

template <size_t N>
bool InRanges(const CodePointRange (&table)[N], char32_t cp) {
  const CodePointRange* it = std::upper_bound(
      table, table + N, cp, [](char32_t c, const CodePointRange& r) { return c < r.lo; });
  return it != table && cp <= (it - 1)->hi;
}

enum class Tok {
  kIdent,
  kNumber,
  kDot,
  kOBrack,
  kCBrack,
  kStar,
  kString,  ///< a whole quoted string: `"..."` (possibly unterminated)
  kEOF,
  kOther,  ///< any other token (operators, braces, invalid characters...)
};

struct Token {
  Tok kind = Tok::kOther;
  Range range;
  std::string text;  ///< identifier name, number literal, or decoded string value
  /// For kString: the diagnostics hcl's parser gives while reading the string (escape errors,
  /// template sequences, unterminated), in order.
  Diagnostics string_diags;
  /// hcl lexes a string as several tokens; where one is not expected, the error is about its
  /// first, the opening quote. This is that token's range (`range` for other tokens).
  Range first;
};

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsAsciiIdentCont(char c) { return IsAsciiIdentStart(c) || IsDigit(c) || c == '-'; }

/// Decodes one valid UTF-8 sequence at s[i]; size 0 when invalid.
utf8::Decoded DecodeStrict(std::string_view s, size_t i) {
  utf8::Decoded d = utf8::Decode(s, i);
  if (d.rune == utf8::kRuneError && d.size <= 1) return {d.rune, 0};
  return d;
}

/// hclsyntax's scanner (normal mode) plus checkInvalidTokens, for one line of text.
class Lexer {
 public:
  Lexer(std::string_view text, FileName file) : s_(text), file_(file) {}

  std::vector<Token> Run(Diagnostics& lex_diags) {
    std::vector<Token> tokens;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      const size_t ts = i_;
      const Pos start = pos_;
      auto simple = [&](Tok kind, size_t len) {
        Advance(len);
        Token t;
        t.kind = kind;
        t.range = Range{file_, start, pos_};
        t.first = t.range;
        t.text = std::string(s_.substr(ts, len));
        tokens.push_back(std::move(t));
      };
      auto lex_error = [&](size_t len, const char* summary, std::string detail) {
        simple(Tok::kOther, len);
        lex_diags.Error(summary, std::move(detail), tokens.back().range);
      };
      switch (c) {
        case ' ':
        case '\t':
          Advance(1);
          continue;
        case '\n':
          NewLine(1);
          continue;
        case '\r':
          if (ts + 1 < s_.size() && s_[ts + 1] == '\n') {
            NewLine(2);
            continue;
          }
          lex_error(1, "Invalid character", "This character is not used within the language.");
          continue;
        case '#':
          SkipLineComment();
          continue;
        case '/':
          if (ts + 1 < s_.size() && s_[ts + 1] == '/') {
            SkipLineComment();
            continue;
          }
          if (ts + 1 < s_.size() && s_[ts + 1] == '*') {
            size_t close = s_.find("*/", ts + 2);
            if (close != std::string_view::npos) {
              Advance(close + 2 - ts);
              continue;
            }
          }
          simple(Tok::kOther, 1);
          continue;
        case '.':
          if (s_.substr(ts, 3) == "...") {
            simple(Tok::kOther, 3);
          } else {
            simple(Tok::kDot, 1);
          }
          continue;
        case '[':
          simple(Tok::kOBrack, 1);
          continue;
        case ']':
          simple(Tok::kCBrack, 1);
          continue;
        case '*':
          simple(Tok::kStar, 1);
          continue;
        case '"':
          tokens.push_back(LexString(lex_diags));
          continue;
        case '&':
        case '|':
          if (ts + 1 < s_.size() && s_[ts + 1] == c) {
            simple(Tok::kOther, 2);
            continue;
          }
          [[fallthrough]];
        case '^':
        case '~':
          if (c == '~' && ts + 1 < s_.size() && s_[ts + 1] == '}') {
            simple(Tok::kOther, 2);
            continue;
          }
          if (told_bitwise_ < 4) {
            ++told_bitwise_;
            std::string detail = "Bitwise operators are not supported.";
            if (c == '&') detail += " Did you mean boolean AND (\"&&\")?";
            if (c == '|') detail += " Did you mean boolean OR (\"||\")?";
            if (c == '~') detail += " Did you mean boolean NOT (\"!\")?";
            lex_error(1, "Unsupported operator", detail);
          } else {
            simple(Tok::kOther, 1);
          }
          continue;
        case '`':
          if (told_backtick_ % 2 == 0) {
            lex_error(1, "Invalid character",
                      "The \"`\" character is not valid. To create a multi-line string, use the "
                      "\"heredoc\" syntax, like \"<<EOT\".");
          } else {
            simple(Tok::kOther, 1);
          }
          if (told_backtick_ <= 2) ++told_backtick_;
          continue;
        case '\'':
          if (told_apostrophe_ % 2 == 0) {
            lex_error(1, "Invalid character",
                      "Single quotes are not valid. Use double quotes (\") to enclose strings.");
          } else {
            simple(Tok::kOther, 1);
          }
          if (told_apostrophe_ <= 2) ++told_apostrophe_;
          continue;
        case ';':
          if (!told_semicolon_) {
            told_semicolon_ = true;
            lex_error(1, "Invalid character",
                      "The \";\" character is not valid. Use newlines to separate arguments and "
                      "blocks, and commas to separate items in collection values.");
          } else {
            simple(Tok::kOther, 1);
          }
          continue;
        case '=':
        case '!':
        case '<':
        case '>':
          if (ts + 1 < s_.size() && (s_[ts + 1] == '=' || (c == '=' && s_[ts + 1] == '>'))) {
            simple(Tok::kOther, 2);
          } else {
            simple(Tok::kOther, 1);
          }
          continue;
        case ':':
          simple(Tok::kOther, ts + 1 < s_.size() && s_[ts + 1] == ':' ? 2 : 1);
          continue;
        case '(':
        case ')':
        case '{':
        case '}':
        case ',':
        case '%':
        case '+':
        case '-':
        case '?':
          simple(Tok::kOther, 1);
          continue;
        default:
          break;
      }
      if (IsDigit(c)) {
        simple(Tok::kNumber, NumberLen(ts));
        continue;
      }
      if (size_t len = IdentLen(ts)) {
        simple(Tok::kIdent, len);
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x80) {
        lex_error(1, "Invalid character", "This character is not used within the language.");
        continue;
      }
      utf8::Decoded d = DecodeStrict(s_, ts);
      if (d.size == 0) {
        if (!told_bad_utf8_) {
          told_bad_utf8_ = true;
          lex_error(1, "Invalid character encoding",
                    "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is "
                    "selected in your editor.");
        } else {
          simple(Tok::kOther, 1);
        }
        continue;
      }
      lex_error(d.size, "Invalid character", "This character is not used within the language.");
    }
    Token eof;
    eof.kind = Tok::kEOF;
    eof.range = Range{file_, pos_, pos_};
    eof.first = eof.range;
    tokens.push_back(std::move(eof));
    return tokens;
  }

 private:
  /// Moves over `n` bytes of one line: one column per code point.
  void Advance(size_t n) {
    for (size_t end = i_ + n; i_ < end;) {
      utf8::Decoded d = utf8::Decode(s_, i_);
      i_ += std::max<size_t>(d.size, 1);
      ++pos_.column;
    }
    pos_.byte = static_cast<int64_t>(i_);
  }
  void NewLine(size_t n) {
    i_ += n;
    pos_.byte = static_cast<int64_t>(i_);
    ++pos_.line;
    pos_.column = 1;
  }
  void SkipLineComment() {
    size_t end = s_.find('\n', i_);
    if (end == std::string_view::npos) end = s_.size();
    if (end > i_ && s_[end - 1] == '\r' && end < s_.size()) --end;
    Advance(end - i_);
  }
  size_t NumberLen(size_t i) const {
    size_t j = i;
    while (j < s_.size() && IsDigit(s_[j])) ++j;
    if (j + 1 < s_.size() && s_[j] == '.' && IsDigit(s_[j + 1])) {
      ++j;
      while (j < s_.size() && IsDigit(s_[j])) ++j;
    }
    if (j < s_.size() && (s_[j] == 'e' || s_[j] == 'E')) {
      size_t k = j + 1;
      if (k < s_.size() && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (k < s_.size() && IsDigit(s_[k])) {
        while (k < s_.size() && IsDigit(s_[k])) ++k;
        j = k;
      }
    }
    return j - i;
  }
  /// Ident = (ID_Start | '_') (ID_Continue | '-')*
  size_t IdentLen(size_t i) const {
    size_t j = i;
    char c = s_[j];
    if (static_cast<unsigned char>(c) < 0x80) {
      if (!IsAsciiIdentStart(c)) return 0;
      ++j;
    } else {
      utf8::Decoded d = DecodeStrict(s_, j);
      if (d.size == 0 || !InRanges(kIdStart, d.rune)) return 0;
      j += d.size;
    }
    while (j < s_.size()) {
      c = s_[j];
      if (static_cast<unsigned char>(c) < 0x80) {
        if (!IsAsciiIdentCont(c)) break;
        ++j;
        continue;
      }
      utf8::Decoded d = DecodeStrict(s_, j);
      if (d.size == 0 || !InRanges(kIdContinue, d.rune)) break;
      j += d.size;
    }
    return j - i;
  }

  /// A quoted string, read as hcl's parseQuotedStringLiteral reads its tokens: literal runs
  /// with escapes decoded (ParseStringLiteralToken's errors), a template sequence is an error
  /// (skipped up to its closing brace), a newline or the end of the text ends it unterminated.
  Token LexString(Diagnostics& lex_diags) {
    Token tok;
    tok.kind = Tok::kString;
    const Pos open_start = pos_;
    Advance(1);
    const Range open{file_, open_start, pos_};
    Diagnostics& diags = tok.string_diags;
    for (;;) {
      if (i_ >= s_.size()) {
        Range eof{file_, pos_, pos_};
        diags.Error("Unterminated string literal",
                    "Unable to find the closing quote mark before the end of the file.", eof,
                    Cover(open, eof));
        break;
      }
      const char c = s_[i_];
      if (c == '"') {
        Advance(1);
        break;
      }
      if (c == '\n' || (c == '\r' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n')) {
        // A TokenQuotedNewline: invalid for the lexer, and not an item of a string literal.
        const Pos nl_start = pos_;
        NewLine(c == '\n' ? 1 : 2);
        Range nl{file_, nl_start, pos_};
        lex_diags.Error("Invalid multi-line string",
                        "Quoted strings may not be split over multiple lines. To produce a "
                        "multi-line string, either use the \\n escape to represent a newline "
                        "character or use the \"heredoc\" multi-line template syntax.",
                        nl);
        diags.Error("Invalid string literal", "This item is not valid in a string literal.", nl,
                    Cover(open, nl));
        // p.recover(TokenCQuote): skip to the closing quote.
        while (i_ < s_.size() && s_[i_] != '"') {
          if (s_[i_] == '\n') {
            NewLine(1);
          } else {
            Advance(1);
          }
        }
        if (i_ < s_.size()) Advance(1);
        break;
      }
      if ((c == '$' || c == '%') && i_ + 1 < s_.size() && s_[i_ + 1] == '{') {
        const Pos seq_start = pos_;
        Advance(2);
        Range seq{file_, seq_start, pos_};
        std::string which(1, c);
        diags.Error("Invalid string literal",
                    "Template sequences are not allowed in this string. To include a literal \"" +
                        which + "\", double it (as \"" + which + which + "\") to escape it.",
                    seq, Cover(open, seq));
        tok.text += which + "{ ... }";
        // p.recover(TokenTemplateSeqEnd): skip to the sequence's closing brace.
        while (i_ < s_.size() && s_[i_] != '}' && s_[i_] != '\n') Advance(1);
        if (i_ < s_.size() && s_[i_] == '}') Advance(1);
        continue;
      }
      if ((c == '$' || c == '%') && i_ + 2 < s_.size() && s_[i_ + 1] == c && s_[i_ + 2] == '{') {
        tok.text += c;
        tok.text += '{';
        Advance(3);
        continue;
      }
      if (c == '\\') {
        LexEscape(tok.text, diags);
        continue;
      }
      utf8::Decoded d = utf8::Decode(s_, i_);
      tok.text.append(s_.substr(i_, std::max<size_t>(d.size, 1)));
      Advance(std::max<size_t>(d.size, 1));
    }
    tok.range = Range{file_, open_start, pos_};
    tok.first = open;
    return tok;
  }

  void LexEscape(std::string& out, Diagnostics& diags) {
    const size_t start = i_;
    const Pos start_pos = pos_;
    auto error = [&](size_t end, std::string detail) {
      Advance(end - start);
      diags.Error("Invalid escape sequence", std::move(detail), Range{file_, start_pos, pos_});
    };
    if (i_ + 1 >= s_.size()) {
      out += '\\';
      error(i_ + 1, "Backslash must be followed by an escape sequence selector character.");
      return;
    }
    const char sel = s_[i_ + 1];
    switch (sel) {
      case 'n':
        out += '\n';
        Advance(2);
        return;
      case 'r':
        out += '\r';
        Advance(2);
        return;
      case 't':
        out += '\t';
        Advance(2);
        return;
      case '"':
        out += '"';
        Advance(2);
        return;
      case '\\':
        out += '\\';
        Advance(2);
        return;
      case 'u':
      case 'U': {
        const size_t want = sel == 'u' ? 4 : 8;
        size_t end = i_ + 2;
        while (end < s_.size() && end - (i_ + 2) < want && IsHexDigit(s_[end])) ++end;
        if (end - (i_ + 2) != want) {
          out.append(s_.substr(start, end - start));
          error(end, sel == 'u'
                         ? "The \\u escape sequence must be followed by four hexadecimal digits."
                         : "The \\U escape sequence must be followed by eight hexadecimal "
                           "digits.");
          return;
        }
        uint32_t cp = 0;
        for (size_t k = i_ + 2; k < end; ++k) {
          char h = s_[k];
          cp = cp * 16 + static_cast<uint32_t>(h <= '9'   ? h - '0'
                                               : h <= 'F' ? h - 'A' + 10
                                                          : h - 'a' + 10);
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
          out.append(s_.substr(start, end - start));
          char buf[64];
          std::snprintf(buf, sizeof buf, "Cannot encode character U+%04x in UTF-8.", cp);
          error(end, buf);
          return;
        }
        utf8::Append(out, cp);
        Advance(end - start);
        return;
      }
      default: {
        utf8::Decoded d = utf8::Decode(s_, i_ + 1);
        size_t end = std::min(s_.size(), i_ + 1 + std::max<size_t>(d.size, 1));
        std::string_view symbol = s_.substr(i_ + 1, end - (i_ + 1));
        out.append(symbol);
        error(end, "The symbol " + GoQuote(symbol) + " is not a valid escape sequence selector.");
        return;
      }
    }
  }

  std::string_view s_;
  FileName file_;
  size_t i_ = 0;
  Pos pos_;
  int told_bitwise_ = 0, told_backtick_ = 0, told_apostrophe_ = 0;
  bool told_semicolon_ = false, told_bad_utf8_ = false;
};

/// One step of an hcl.Traversal.
struct Step {
  enum class Kind : uint8_t { kRoot, kAttr, kIndex, kSplat };
  Kind kind = Kind::kRoot;
  std::string name;  ///< kRoot, kAttr
  bool key_is_string = false;
  std::string key;  ///< kIndex: the string, or the number literal's text
  Range range;
};

using Traversal = std::vector<Step>;

/// hcl's Traversal.SourceRange over steps [begin, end); nullopt when empty.
std::optional<Range> SourceRange(const Traversal& t, size_t begin, size_t end) {
  if (begin >= end) return std::nullopt;
  return Cover(t[begin].range, t[end - 1].range);
}

/// hclsyntax.ParseTraversalAbs: the traversal, and whether it had errors.
bool ParseTraversal(std::string_view text, FileName file, Traversal& out, Diagnostics& diags) {
  Diagnostics lex_diags;
  std::vector<Token> tokens = Lexer(text, file).Run(lex_diags);
  diags.Append(lex_diags);
  size_t p = 0;
  auto read = [&]() -> const Token& {
    const Token& t = tokens[p];
    if (p + 1 < tokens.size()) ++p;
    return t;
  };
  auto peek = [&]() -> const Token& { return tokens[p]; };

  const Token& var = read();
  if (var.kind != Tok::kIdent) {
    diags.Error("Variable name required", "Must begin with a variable name.", var.first);
    return false;
  }
  out.push_back(Step{Step::Kind::kRoot, var.text, false, "", var.range});
  for (;;) {
    const Token& next = peek();
    if (next.kind == Tok::kEOF) break;
    if (next.kind == Tok::kDot) {
      const Token& dot = read();
      const Token& name = read();
      if (name.kind != Tok::kIdent) {
        diags.Error("Attribute name required",
                    name.kind == Tok::kStar ? "Splat expressions (.*) may not be used here."
                                            : "Dot must be followed by attribute name.",
                    name.first, Cover(var.range, name.first));
        return false;
      }
      out.push_back(Step{Step::Kind::kAttr, name.text, false, "", Cover(dot.range, name.range)});
      continue;
    }
    if (next.kind == Tok::kOBrack) {
      const Token& open = read();
      const Token& key = peek();
      if (key.kind == Tok::kNumber || key.kind == Tok::kString) {
        read();
        diags.Append(key.string_diags);
        const Token& close = read();
        if (close.kind != Tok::kCBrack) {
          diags.Error("Unclosed index brackets", "Index key must be followed by a closing bracket.",
                      close.first, Cover(open.range, close.first));
        }
        out.push_back(Step{Step::Kind::kIndex, "", key.kind == Tok::kString, key.text,
                           Cover(open.range, close.first)});
        if (diags.HasErrors()) return false;
        continue;
      }
      if (key.kind == Tok::kStar) {
        diags.Error("Attribute name required", "Splat expressions ([*]) may not be used here.",
                    key.range, Cover(var.range, key.range));
      } else {
        diags.Error("Index value required",
                    "Index brackets must contain either a literal number or a literal string.",
                    key.range, Cover(var.range, key.range));
      }
      return false;
    }
    diags.Error("Invalid character", "Expected an attribute access or an index operator.",
                next.first, Cover(var.range, next.first));
    return false;
  }
  return !diags.HasErrors();
}

constexpr const char* kWholeNumber =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

/// An index step's key as gocty converts it to an int, or nullopt.
std::optional<int64_t> IntKeyOf(const Step& step) {
  std::optional<Number> n = Number::Parse(step.key);
  if (!n || !n->IsInteger()) return std::nullopt;
  return n->ToInt64();
}

/// Terraform's parseModuleInstancePrefix: the module path and the index of the first step
/// after it.
ModuleInstance ParseModulePrefix(const Traversal& t, size_t& pos, Diagnostics& diags) {
  ModuleInstance mi;
  while (pos < t.size()) {
    const Step& first = t[pos];
    if (first.kind != Step::Kind::kRoot && first.kind != Step::Kind::kAttr) {
      diags.Error("Invalid address operator",
                  "Module address prefix must be followed by dot and then a name.", first.range);
      break;
    }
    if (first.name != "module") break;
    const Range kw = first.range;
    ++pos;
    if (pos == t.size()) {
      diags.Error("Invalid address operator",
                  "Prefix \"module.\" must be followed by a module name.", kw);
      break;
    }
    if (t[pos].kind != Step::Kind::kAttr) {
      diags.Error("Invalid address operator",
                  "Prefix \"module.\" must be followed by a module name.", t[pos].range);
      break;
    }
    ModuleInstanceStep step{t[pos].name, InstanceKey()};
    ++pos;
    if (pos < t.size() && t[pos].kind == Step::Kind::kIndex) {
      const Step& idx = t[pos];
      ++pos;
      if (idx.key_is_string) {
        step.key = InstanceKey::String(idx.key);
      } else if (std::optional<int64_t> i = IntKeyOf(idx)) {
        step.key = InstanceKey::Int(*i);
      } else {
        diags.Error("Invalid address operator",
                    std::string("Invalid module index: ") + kWholeNumber + ".", idx.range);
      }
    }
    mi.push_back(std::move(step));
  }
  return mi;
}

/// Terraform's parseResourceInstanceUnderModule over steps [pos, end).
std::optional<AbsResourceInstance> ParseResourceUnderModule(ModuleInstance module,
                                                            const Traversal& t, size_t pos,
                                                            Diagnostics& diags) {
  ResourceMode mode = ResourceMode::kManaged;
  const std::string& root = t[pos].name;
  if (root == "data") {
    mode = ResourceMode::kData;
    ++pos;
  } else if (root == "ephemeral") {
    mode = ResourceMode::kEphemeral;
    ++pos;
  } else if (root == "resource") {
    ++pos;
  } else {
    static constexpr const char* kReserved[] = {"count",    "each", "local",     "module",
                                                "path",     "self", "terraform", "var",
                                                "template", "lazy", "arg"};
    for (const char* word : kReserved) {
      if (root == word) {
        diags.Error("Invalid address",
                    "The keyword \"" + root +
                        "\" is reserved and cannot be used to target a resource address. If you "
                        "are targeting a resource type that uses a reserved keyword, please prefix "
                        "your address with \"resource.\".",
                    SourceRange(t, pos, t.size()));
        return std::nullopt;
      }
    }
  }
  if (t.size() - pos < 2) {
    diags.Error("Invalid address", "Resource specification must include a resource type and name.",
                SourceRange(t, pos, t.size()));
    return std::nullopt;
  }
  const Step& type = t[pos];
  if (type.kind != Step::Kind::kRoot && type.kind != Step::Kind::kAttr) {
    const char* detail = mode == ResourceMode::kData        ? "A data source name is required."
                         : mode == ResourceMode::kEphemeral ? "An ephemeral resource type name is "
                                                              "required."
                                                            : "A resource type name is required.";
    diags.Error("Invalid address", detail, type.range);
    return std::nullopt;
  }
  const Step& name = t[pos + 1];
  if (name.kind != Step::Kind::kAttr) {
    diags.Error("Invalid address", "A resource name is required.", name.range);
    return std::nullopt;
  }
  AbsResourceInstance addr{std::move(module), Resource{mode, type.name, name.name}, InstanceKey()};
  pos += 2;
  if (pos == t.size()) return addr;
  if (t.size() - pos > 1) {
    diags.Error("Invalid address", "Unexpected extra operators after address.", t[pos + 1].range);
    return std::nullopt;
  }
  const Step& key = t[pos];
  if (key.kind != Step::Kind::kIndex) {
    diags.Error("Invalid address", "Resource instance key must be given in square brackets.",
                key.range);
    return std::nullopt;
  }
  if (key.key_is_string) {
    addr.key = InstanceKey::String(key.key);
  } else if (std::optional<int64_t> i = IntKeyOf(key)) {
    addr.key = InstanceKey::Int(*i);
  } else {
    diags.Error("Invalid address",
                std::string("Invalid resource instance key: ") + kWholeNumber + ".", key.range);
    return std::nullopt;
  }
  return addr;
}

/// Terraform's ParseTarget over a parsed traversal.
std::optional<Target> TargetOf(const Traversal& t, Diagnostics& diags) {
  size_t pos = 0;
  Target target;
  target.module = ParseModulePrefix(t, pos, diags);
  if (diags.HasErrors()) return std::nullopt;
  if (pos == t.size()) {
    target.kind = Target::Kind::kModule;
    return target;
  }
  std::optional<AbsResourceInstance> ri = ParseResourceUnderModule(target.module, t, pos, diags);
  if (!ri) return std::nullopt;
  target.resource = ri->resource;
  target.key = ri->key;
  target.kind = ri->key.none() ? Target::Kind::kResource : Target::Kind::kInstance;
  return target;
}

}  // namespace

ParseAddrResult<Target> ParseTarget(std::string_view text, std::string_view filename) {
  ParseAddrResult<Target> result;
  Traversal t;
  if (!ParseTraversal(text, FileName::Intern(filename), t, result.diagnostics)) return result;
  result.addr = TargetOf(t, result.diagnostics);
  return result;
}

ParseAddrResult<AbsResourceInstance> ParseAbsResourceInstance(std::string_view text,
                                                              std::string_view filename) {
  ParseAddrResult<AbsResourceInstance> result;
  Traversal t;
  if (!ParseTraversal(text, FileName::Intern(filename), t, result.diagnostics)) return result;
  std::optional<Target> target = TargetOf(t, result.diagnostics);
  if (!target) return result;
  if (target->kind == Target::Kind::kModule) {
    result.diagnostics.Error("Invalid address",
                             "A resource instance address is required here. The module path must "
                             "be followed by a resource instance specification.",
                             SourceRange(t, 0, t.size()));
    return result;
  }
  result.addr = AbsResourceInstance{std::move(target->module), target->resource, target->key};
  return result;
}

ParseAddrResult<AbsResource> ParseAbsResource(std::string_view text, std::string_view filename) {
  ParseAddrResult<AbsResource> result;
  Traversal t;
  if (!ParseTraversal(text, FileName::Intern(filename), t, result.diagnostics)) return result;
  std::optional<Target> target = TargetOf(t, result.diagnostics);
  if (!target) return result;
  if (target->kind == Target::Kind::kInstance) {
    result.diagnostics.Error("Invalid address",
                             "A resource address is required. This instance key identifies a "
                             "specific resource instance, which is not expected here.",
                             t.back().range);
    return result;
  }
  if (target->kind == Target::Kind::kModule) {
    result.diagnostics.Error("Invalid address",
                             "A resource address is required here. The module path must be "
                             "followed by a resource specification.",
                             SourceRange(t, 0, t.size()));
    return result;
  }
  result.addr = AbsResource{std::move(target->module), target->resource};
  return result;
}

ParseAddrResult<ModuleInstance> ParseModuleInstance(std::string_view text,
                                                    std::string_view filename) {
  ParseAddrResult<ModuleInstance> result;
  if (text.empty()) {
    result.addr = ModuleInstance();
    return result;
  }
  Traversal t;
  if (!ParseTraversal(text, FileName::Intern(filename), t, result.diagnostics)) return result;
  size_t pos = 0;
  ModuleInstance mi = ParseModulePrefix(t, pos, result.diagnostics);
  if (pos < t.size()) {
    result.diagnostics.Error("Invalid module instance address",
                             pos == 0 ? "A module instance address must begin with \"module.\"."
                                      : "The module instance address is followed by additional "
                                        "invalid content.",
                             SourceRange(t, pos, t.size()));
  }
  if (!result.diagnostics.HasErrors()) result.addr = std::move(mi);
  return result;
}

}  // namespace cairn::addrs
