// Decoding and re-encoding of quoted block labels (the label normalisation of `terraform fmt`).
#include <cstdio>

#include "lang/format/quoted_literal.h"

namespace cairn::format {
namespace {

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
/// Approximated by excluding controls, non-ASCII spaces, format characters, surrogates,
/// private use and noncharacters.
bool IsPrint(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return false;
  if (c == 0xA0 || c == 0xAD || c == 0x1680 || (c >= 0x2000 && c <= 0x200F) ||
      (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0xFEFF ||
      (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x061C || c == 0x180E) {
    return false;
  }
  if ((c >= 0xD800 && c <= 0xDFFF) || (c >= 0xE000 && c <= 0xF8FF) ||
      (c >= 0xF0000 && c <= 0x10FFFF) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE ||
      (c >= 0xE0000 && c <= 0xE007F)) {
    return false;
  }
  return true;
}

/// hclsyntax's ParseStringLiteralToken. Strict: false at the first bad escape. Lenient: keeps
/// going, keeping what hclsyntax keeps from a bad escape.
bool Decode(std::string_view lit, std::string& out, bool lenient) {
  out.clear();
  out.reserve(lit.size());
  for (size_t i = 0; i < lit.size();) {
    const char c = lit[i];
    if (c == '\\') {
      if (i + 1 >= lit.size()) {
        if (!lenient) return false;
        out += c;
        ++i;
        continue;
      }
      const char sel = lit[i + 1];
      switch (sel) {
        case 'n':
          out += '\n';
          i += 2;
          continue;
        case 'r':
          out += '\r';
          i += 2;
          continue;
        case 't':
          out += '\t';
          i += 2;
          continue;
        case '"':
          out += '"';
          i += 2;
          continue;
        case '\\':
          out += '\\';
          i += 2;
          continue;
        case 'u':
        case 'U': {
          const size_t digits = sel == 'u' ? 4 : 8;
          bool ok = i + 2 + digits <= lit.size();
          char32_t cp = 0;
          for (size_t k = 0; ok && k < digits; ++k) {
            const int h = HexValue(lit[i + 2 + k]);
            ok = h >= 0;
            cp = cp * 16 + static_cast<char32_t>(h);
          }
          ok = ok && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
          if (ok) {
            AppendUtf8(out, cp);
            i += 2 + digits;
          } else {
            if (!lenient) return false;
            out += lit.substr(i, 2);  // the malformed escape stays as written
            i += 2;
          }
          continue;
        }
        default:
          if (!lenient) return false;
          ++i;  // an unknown selector stands for itself
          continue;
      }
    }
    if ((c == '$' || c == '%') && i + 2 < lit.size() && lit[i + 1] == c && lit[i + 2] == '{') {
      out += c;
      out += '{';
      i += 3;
      continue;
    }
    out += c;
    ++i;
  }
  return true;
}

}  // namespace

bool DecodeQuotedLiteral(std::string_view lit, std::string& out) {
  return Decode(lit, out, /*lenient=*/false);
}

std::string DecodeQuotedLiteralLeniently(std::string_view literal) {
  std::string out;
  Decode(literal, out, /*lenient=*/true);
  return out;
}

std::string EscapeQuotedLiteral(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '$':
        case '%':
          out += static_cast<char>(b);
          if (i + 1 < s.size() && s[i + 1] == '{') out += static_cast<char>(b);
          break;
        default:
          if (IsPrint(b)) {
            out += static_cast<char>(b);
          } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(b));
            out += buf;
          }
      }
      ++i;
      continue;
    }
    // Multi-byte: decode to check printability; invalid bytes are kept as they are.
    int len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out += static_cast<char>(b);
      ++i;
      continue;
    }
    char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (IsPrint(cp)) {
      out.append(s.substr(i, len));
    } else {
      char buf[16];
      if (cp < 0x10000) {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      } else {
        std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(cp));
      }
      out += buf;
    }
    i += len;
  }
  return out;
}

}  // namespace cairn::format
