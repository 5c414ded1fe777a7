#include "lang/base/go_json_syntax.h"

#include <cstdint>
#include <cstring>

#include "lang/base/utf8.h"

namespace cairn {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// A recursive-descent checker that fails at the first byte no valid document could have
/// there, which is where Go's byte-at-a-time scanner fails too.
class SyntaxChecker {
 public:
  static constexpr int kMaxDepth = 10000;  // Go's scanner nesting limit

  explicit SyntaxChecker(std::string_view s) : s_(s) {}

  std::optional<JsonSyntaxError> Run() {
    SkipSpace();
    if (!Value(0)) return error_;
    SkipSpace();
    if (pos_ < s_.size()) {
      Fail("invalid character after top-level value");
      return error_;
    }
    return std::nullopt;
  }

 private:
  bool Fail(const char* message) {
    if (pos_ >= s_.size()) {
      error_ = JsonSyntaxError{"unexpected end of JSON input", s_.size()};
    } else {
      error_ = JsonSyntaxError{message, pos_ + 1};
    }
    return false;
  }
  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }

  bool Value(int depth) {
    if (pos_ >= s_.size()) return Fail("");
    switch (s_[pos_]) {
      case '{':
        return Object(depth + 1);
      case '[':
        return Array(depth + 1);
      case '"':
        return String();
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        if (s_[pos_] == '-' || IsDigit(s_[pos_])) return Number();
        return Fail("invalid character looking for beginning of value");
    }
  }
  bool Literal(std::string_view word) {
    for (char c : word) {
      if (pos_ >= s_.size() || s_[pos_] != c) return Fail("invalid character in literal");
      ++pos_;
    }
    return true;
  }
  bool Number() {
    if (Peek('-')) ++pos_;
    if (Peek('0')) {
      ++pos_;
    } else if (pos_ < s_.size() && IsDigit(s_[pos_])) {
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    } else {
      return Fail("invalid character in numeric literal");
    }
    if (Peek('.')) {
      ++pos_;
      if (!(pos_ < s_.size() && IsDigit(s_[pos_]))) {
        return Fail("invalid character after decimal point in numeric literal");
      }
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      if (!(pos_ < s_.size() && IsDigit(s_[pos_]))) {
        return Fail("invalid character in exponent of numeric literal");
      }
      while (pos_ < s_.size() && IsDigit(s_[pos_])) ++pos_;
    }
    return true;
  }
  bool String() {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return Fail("invalid character in string literal");
      if (c == '\\') {
        ++pos_;
        if (pos_ >= s_.size()) return Fail("");
        char e = s_[pos_];
        if (e == 'u') {
          ++pos_;
          for (int i = 0; i < 4; ++i) {
            if (!(pos_ < s_.size() && IsHex(s_[pos_]))) {
              return Fail("invalid character in \\u hexadecimal character escape");
            }
            ++pos_;
          }
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
            e != 't') {
          return Fail("invalid character in string escape code");
        }
        ++pos_;
        continue;
      }
      ++pos_;
    }
    return Fail("");
  }
  bool Array(int depth) {
    if (depth > kMaxDepth) return Fail("exceeded max depth");
    ++pos_;
    SkipSpace();
    if (Peek(']')) {
      ++pos_;
      return true;
    }
    for (;;) {
      if (!Value(depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (Peek(']')) {
        ++pos_;
        return true;
      }
      return Fail("invalid character after array element");
    }
  }
  bool Object(int depth) {
    if (depth > kMaxDepth) return Fail("exceeded max depth");
    ++pos_;
    SkipSpace();
    if (Peek('}')) {
      ++pos_;
      return true;
    }
    for (;;) {
      if (!Peek('"')) return Fail("invalid character looking for beginning of object key string");
      if (!String()) return false;
      SkipSpace();
      if (!Peek(':')) return Fail("invalid character after object key");
      ++pos_;
      SkipSpace();
      if (!Value(depth)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (Peek('}')) {
        ++pos_;
        return true;
      }
      return Fail("invalid character after object key:value pair");
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  JsonSyntaxError error_;
};

/// The end of the string starting at s[pos] (its opening quote) in a valid document.
size_t SkipString(std::string_view s, size_t pos) {
  ++pos;
  for (;;) {
    const void* q = std::memchr(s.data() + pos, '"', s.size() - pos);
    size_t quote = static_cast<size_t>(static_cast<const char*>(q) - s.data());
    // The quote closes the string unless an odd number of backslashes precede it.
    size_t backslashes = 0;
    while (quote - backslashes > pos && s[quote - backslashes - 1] == '\\') ++backslashes;
    pos = quote + 1;
    if (backslashes % 2 == 0) return pos;
  }
}

/// Walks a valid document: the end of the value starting at `pos`.
size_t SkipValue(std::string_view s, size_t pos) {
  char c = s[pos];
  if (c == '"') return SkipString(s, pos);
  if (c == '{' || c == '[') {
    int depth = 0;
    while (pos < s.size()) {
      char d = s[pos];
      if (d == '"') {
        pos = SkipString(s, pos);
        continue;
      }
      ++pos;
      if (d == '{' || d == '[') {
        ++depth;
      } else if ((d == '}' || d == ']') && --depth == 0) {
        return pos;
      }
    }
    return pos;
  }
  while (pos < s.size() && !IsSpace(s[pos]) && s[pos] != ',' && s[pos] != '}' && s[pos] != ']' &&
         s[pos] != ':') {
    ++pos;
  }
  return pos;
}

size_t SkipSpaceAt(std::string_view s, size_t pos) {
  while (pos < s.size() && IsSpace(s[pos])) ++pos;
  return pos;
}

/// The kind of the value whose first byte is `c`.
JsonKind KindAt(char c) {
  switch (c) {
    case '{':
      return JsonKind::kObject;
    case '[':
      return JsonKind::kArray;
    case '"':
      return JsonKind::kString;
    case 't':
    case 'f':
      return JsonKind::kBool;
    case 'n':
      return JsonKind::kNull;
    default:
      return JsonKind::kNumber;
  }
}

JsonSpan SpanAt(std::string_view s, size_t pos) {
  size_t end = SkipValue(s, pos);
  return JsonSpan{KindAt(s[pos]), s.substr(pos, end - pos)};
}

unsigned HexValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

}  // namespace

std::optional<JsonSyntaxError> CheckJsonSyntax(std::string_view text) {
  return SyntaxChecker(text).Run();
}

JsonSpan JsonValueOf(std::string_view text) {
  // The text is one valid value: it spans everything but the surrounding whitespace (no walk
  // over a document of hundreds of megabytes).
  size_t begin = SkipSpaceAt(text, 0);
  size_t end = text.size();
  while (end > begin && IsSpace(text[end - 1])) --end;
  return JsonSpan{KindAt(text[begin]), text.substr(begin, end - begin)};
}

std::vector<std::pair<std::string, JsonSpan>> JsonObjectMembers(const JsonSpan& object) {
  std::vector<std::pair<std::string, JsonSpan>> members;
  std::string_view s = object.text;
  size_t pos = SkipSpaceAt(s, 1);
  while (pos < s.size() && s[pos] != '}') {
    JsonSpan key = SpanAt(s, pos);
    pos = SkipSpaceAt(s, pos + key.text.size());
    pos = SkipSpaceAt(s, pos + 1);  // ':'
    JsonSpan value = SpanAt(s, pos);
    members.emplace_back(JsonStringValue(key), value);
    pos = SkipSpaceAt(s, pos + value.text.size());
    if (pos < s.size() && s[pos] == ',') pos = SkipSpaceAt(s, pos + 1);
  }
  return members;
}

std::vector<JsonSpan> JsonArrayElements(const JsonSpan& array) {
  std::vector<JsonSpan> elements;
  std::string_view s = array.text;
  size_t pos = SkipSpaceAt(s, 1);
  while (pos < s.size() && s[pos] != ']') {
    JsonSpan value = SpanAt(s, pos);
    elements.push_back(value);
    pos = SkipSpaceAt(s, pos + value.text.size());
    if (pos < s.size() && s[pos] == ',') pos = SkipSpaceAt(s, pos + 1);
  }
  return elements;
}

std::string JsonStringValue(const JsonSpan& span) {
  std::string out;
  std::string_view s = span.text.substr(1, span.text.size() - 2);
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'u': {
        uint32_t cp = 0;
        for (int k = 0; k < 4; ++k) cp = cp * 16 + HexValue(s[i + 1 + k]);
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < s.size() && s[i + 1] == '\\' &&
            s[i + 2] == 'u') {
          uint32_t lo = 0;
          for (int k = 0; k < 4; ++k) lo = lo * 16 + HexValue(s[i + 3 + k]);
          if (lo >= 0xDC00 && lo < 0xE000) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 6;
          } else {
            cp = 0xFFFD;
          }
        } else if (cp >= 0xD800 && cp < 0xE000) {
          cp = 0xFFFD;
        }
        utf8::Append(out, cp);
        break;
      }
      default:
        out.push_back(e);
    }
  }
  return out;
}

std::string CompactJson(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (IsSpace(c)) continue;
    if (c != '"') {
      out.push_back(c);
      continue;
    }
    out.push_back('"');
    for (++i; i < s.size(); ++i) {
      char d = s[i];
      if (d == '\\') {
        out.push_back(d);
        out.push_back(s[++i]);
        continue;
      }
      if (d == '"') break;
      if (d == '<') {
        out += "\\u003c";
      } else if (d == '>') {
        out += "\\u003e";
      } else if (d == '&') {
        out += "\\u0026";
      } else if (d == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
                 (s[i + 2] == '\xA8' || s[i + 2] == '\xA9')) {
        out += s[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
        i += 2;
      } else {
        out.push_back(d);
      }
    }
    out.push_back('"');
  }
  return out;
}

const char* JsonKindWord(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull:
      return "null";
    case JsonKind::kBool:
      return "bool";
    case JsonKind::kNumber:
      return "number";
    case JsonKind::kString:
      return "string";
    case JsonKind::kArray:
      return "array";
    case JsonKind::kObject:
      return "object";
  }
  return "value";
}

}  // namespace cairn
