#include "lang/base/go_quote.h"

#include <cstdint>

#include "lang/base/utf8.h"

namespace cairn {

namespace {

const char kHex[] = "0123456789abcdef";

bool IsPrintRune(int32_t r) {
  if (r < 0x20 || r == 0x7f) return false;
  if (r < 0x7f) return true;
  if (r >= 0x80 && r <= 0xa0) return false;  // C1 controls and NO-BREAK SPACE
  if (r == 0xad || r == 0x34f || r == 0x61c || r == 0x1680 || r == 0x180e) return false;
  if (r >= 0x2000 && r <= 0x200f) return false;  // spaces, zero-width, direction marks
  if (r >= 0x2028 && r <= 0x202f) return false;  // separators, embedding controls, NNBSP
  if (r >= 0x205f && r <= 0x206f) return false;
  if (r == 0x3000 || r == 0xfeff) return false;
  if (r >= 0xd800 && r <= 0xdfff) return false;
  if (r >= 0xe000 && r <= 0xf8ff) return false;  // private use
  if (r >= 0xfff9 && r <= 0xfffb) return false;
  if ((r & 0xfffe) == 0xfffe) return false;  // noncharacters U+xFFFE/U+xFFFF
  if (r >= 0xe0000 && r <= 0xe007f) return false;  // tags
  if (r >= 0xf0000) return false;  // private use planes
  return true;
}

void AppendHex(std::string& out, uint32_t v, int digits) {
  for (int i = digits - 1; i >= 0; i--) out.push_back(kHex[(v >> (i * 4)) & 15]);
}

}  // namespace

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
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
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
