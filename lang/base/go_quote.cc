#include "lang/base/go_quote.h"

#include <unicode/uchar.h>

#include <cstdint>

#include "lang/base/utf8.h"

namespace cairn {

namespace {

const char kHex[] = "0123456789abcdef";

/// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols (categories L, M, N,
/// P, S) and the ASCII space; ICU supplies the categories (same Unicode version as Go's).
bool IsPrintRune(int32_t r) {
  if (r < 0x80) return r >= 0x20 && r != 0x7f;
  switch (u_charType(r)) {
    case U_UNASSIGNED:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return false;
    default:
      return true;
  }
}

void AppendHex(std::string& out, uint32_t v, int digits) {
  for (int i = digits - 1; i >= 0; i--) out.push_back(kHex[(v >> (i * 4)) & 15]);
}

}  // namespace

bool IsGoPrint(char32_t r) { return r <= 0x10FFFF && IsPrintRune(static_cast<int32_t>(r)); }

void AppendGoQuoted(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    auto r = static_cast<int32_t>(d.rune);
    size_t len = d.size;
    if (d.rune == utf8::kRuneError && d.size == 1) {
      out += "\\x";
      AppendHex(out, static_cast<unsigned char>(s[i]), 2);
      i += 1;
      continue;
    }
    if (r == '"' || r == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(r));
    } else if (IsPrintRune(r)) {
      out.append(s.substr(i, len));
    } else {
      switch (r) {
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          if (r < 0x20 || r == 0x7f) {
            out += "\\x";
            AppendHex(out, r, 2);
          } else if (r < 0x10000) {
            out += "\\u";
            AppendHex(out, r, 4);
          } else {
            out += "\\U";
            AppendHex(out, r, 8);
          }
      }
    }
    i += len;
  }
  out.push_back('"');
}

}  // namespace cairn
