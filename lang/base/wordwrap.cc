#include "lang/base/wordwrap.h"

#include "lang/base/utf8.h"

namespace cairn {

std::string WrapString(std::string_view s, size_t limit) {
  std::string out;
  out.reserve(s.size());
  size_t current = 0;
  std::string word, space;  // pending word and the whitespace before it
  size_t word_len = 0, space_len = 0;

  auto flush_space = [&] {
    out += space;
    space.clear();
    space_len = 0;
  };
  auto flush_word = [&] {
    out += word;
    word.clear();
    word_len = 0;
  };

  for (size_t i = 0; i < s.size();) {
    const utf8::Decoded d = utf8::Decode(s, i);
    i += d.size;
    const char32_t c = d.rune;
    if (c == '\n') {
      if (word.empty()) {
        if (current + space_len <= limit) out += space;
        space.clear();
        space_len = 0;
      } else {
        flush_space();
        flush_word();
      }
      out.push_back('\n');
      current = 0;
    } else if (utf8::IsSpace(c) && c != 0xA0) {
      if (space.empty() || !word.empty()) {
        current += space_len + word_len;
        flush_space();
        flush_word();
      }
      utf8::Append(space, c);
      ++space_len;
    } else {
      utf8::Append(word, c);
      ++word_len;
      if (current + space_len + word_len > limit && word_len < limit) {
        out.push_back('\n');
        current = 0;
        space.clear();
        space_len = 0;
      }
    }
  }

  if (word.empty()) {
    if (current + space_len <= limit) out += space;
  } else {
    out += space;
    out += word;
  }
  return out;
}

std::string WordWrap(std::string_view text, int width) {
  if (width <= 1) return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  size_t start = 0;
  while (true) {
    const size_t nl = text.find('\n', start);
    const std::string_view line =
        text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (start > 0) out.push_back('\n');
    if (!line.empty() && line[0] == ' ') {
      out += line;
    } else {
      out += WrapString(line, static_cast<size_t>(width - 1));
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace cairn
