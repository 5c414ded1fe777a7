#include "lang/syntax/navigation.h"

#include "lang/base/utf8.h"

namespace cairn::syntax {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendHexEscape(std::string& out, char kind, uint32_t v, int digits) {
  out.push_back('\\');
  out.push_back(kind);
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out.push_back(kHex[(v >> shift) & 0xF]);
}

}  // namespace

std::string GoQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    const utf8::Decoded d = utf8::Decode(s, i);
    const char32_t r = d.rune;
    if (r == utf8::kRuneError && d.size == 1) {
      AppendHexEscape(out, 'x', static_cast<unsigned char>(s[i]), 2);
    } else if (r == '"' || r == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(r));
    } else if (r < 0x80) {
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
          if (r < 0x20 || r == 0x7F) {
            AppendHexEscape(out, 'x', r, 2);
          } else {
            out.push_back(static_cast<char>(r));
          }
      }
    } else if ((r >= 0x80 && r <= 0x9F) || r == 0xAD || r == 0x2028 || r == 0x2029 || r == 0xFEFF) {
      // Non-printable characters (a subset of Go's unicode.IsPrint exceptions).
      AppendHexEscape(out, 'u', r, 4);
    } else {
      out.append(s.substr(i, d.size));
    }
    i += d.size;
  }
  out.push_back('"');
  return out;
}

std::string ContextString(const ast::File& file, int64_t byte) {
  for (const ast::Block& block : file.body.blocks) {
    if (byte >= block.range.start.byte && byte < block.range.end.byte) {
      std::string out = block.type;
      for (const std::string& label : block.labels) {
        out.push_back(' ');
        out += GoQuote(label);
      }
      return out;
    }
  }
  return {};
}

void ParsedSources::Add(const ast::File& file) { files_[file.filename.str()] = &file; }

std::optional<std::string_view> ParsedSources::Source(FileName file) const {
  const auto it = files_.find(file.str());
  if (it == files_.end()) return std::nullopt;
  return std::string_view(it->second->source);
}

std::string ParsedSources::ContextString(FileName file, int64_t byte) const {
  const auto it = files_.find(file.str());
  if (it == files_.end()) return {};
  return syntax::ContextString(*it->second, byte);
}

}  // namespace cairn::syntax
