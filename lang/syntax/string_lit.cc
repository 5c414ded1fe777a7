#include "lang/syntax/string_lit.h"

#include "lang/base/go_quote.h"

#include <cstdio>

namespace cairn::syntax {

namespace {

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Length of the UTF-8 sequence starting with `c` (1 for invalid bytes).
size_t Utf8Len(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

/// Advances `pos` over `text` (no newlines in escapes: one column per character).
Pos Advance(Pos pos, std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8Len(static_cast<unsigned char>(text[i]));
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
    pos.byte += static_cast<int64_t>(std::min(n, text.size() - i));
    i += n;
  }
  return pos;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}


}  // namespace

std::string RangeString(const Range& r) {
  std::string s(r.filename.str());
  s += ':' + std::to_string(r.start.line) + ',' + std::to_string(r.start.column) + '-';
  if (r.start.line != r.end.line) s += std::to_string(r.end.line) + ',';
  s += std::to_string(r.end.column);
  return s;
}

void DecodeStringLit(std::string_view text, bool quoted, const Range& range, std::string* out,
                     Diagnostics* diags) {
  out->reserve(out->size() + text.size());
  size_t lit_start = 0;  // start of the pending run of plain characters
  Pos pos = range.start;  // position of text[lit_start]
  size_t i = 0;
  auto flush = [&](size_t upto) {
    if (upto > lit_start) {
      std::string_view run = text.substr(lit_start, upto - lit_start);
      out->append(run);
      pos = Advance(pos, run);
    }
  };
  auto error = [&](size_t begin, size_t end, std::string detail) {
    Range r{range.filename, pos, Advance(pos, text.substr(begin, end - begin))};
    diags->Error("Invalid escape sequence", std::move(detail), r);
  };
  while (i < text.size()) {
    char c = text[i];
    if (c == '\\' && quoted) {
      flush(i);
      size_t start = i;
      size_t end;
      if (i + 1 >= text.size()) {
        end = i + 1;
        error(start, end, "Backslash must be followed by an escape sequence selector character.");
        out->push_back('\\');
      } else {
        char sel = text[i + 1];
        if (sel == 'u' || sel == 'U') {
          size_t want = sel == 'u' ? 4 : 8;
          end = i + 2;
          while (end < text.size() && end - (i + 2) < want && IsHex(text[end])) ++end;
          if (end - (i + 2) != want) {
            error(start, end,
                  sel == 'u' ? "The \\u escape sequence must be followed by four hexadecimal digits."
                             : "The \\U escape sequence must be followed by eight hexadecimal digits.");
            out->append(text.substr(start, end - start));
          } else {
            uint32_t cp = static_cast<uint32_t>(
                std::stoul(std::string(text.substr(i + 2, want)), nullptr, 16));
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
              char buf[64];
              std::snprintf(buf, sizeof buf, "Cannot encode character U+%04x in UTF-8.", cp);
              error(start, end, buf);
              out->append(text.substr(start, end - start));
            } else {
              AppendUtf8(cp, out);
            }
          }
        } else {
          size_t n = Utf8Len(static_cast<unsigned char>(sel));
          end = std::min(text.size(), i + 1 + n);
          switch (sel) {
            case 'n': out->push_back('\n'); break;
            case 'r': out->push_back('\r'); break;
            case 't': out->push_back('\t'); break;
            case '"': out->push_back('"'); break;
            case '\\': out->push_back('\\'); break;
            default: {
              std::string_view symbol = text.substr(i + 1, end - (i + 1));
              error(start, end,
                    "The symbol " + GoQuote(symbol) + " is not a valid escape sequence selector.");
              out->append(symbol);
            }
          }
        }
      }
      pos = Advance(pos, text.substr(start, end - start));
      i = end;
      lit_start = i;
      continue;
    }
    if ((c == '$' || c == '%') && i + 2 < text.size() + 0 && i + 2 <= text.size() - 1 &&
        text[i + 1] == c && text[i + 2] == '{') {
      flush(i);
      out->push_back(c);
      out->push_back('{');
      pos = Advance(pos, text.substr(i, 3));
      i += 3;
      lit_start = i;
      continue;
    }
    ++i;
  }
  flush(text.size());
}

}  // namespace cairn::syntax
