#pragma once
/// UTF-8 decoding with Go's semantics (what Terraform's output depends on): an invalid or
/// truncated sequence decodes as U+FFFD consuming exactly one byte.

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn::utf8 {

inline constexpr char32_t kRuneError = 0xFFFD;

/// One decoded rune and the number of bytes it occupied (>= 1 unless at the end).
struct Decoded {
  char32_t rune;
  size_t size;
};

/// Decodes the rune starting at s[i] (i < s.size()), like Go's utf8.DecodeRuneInString.
Decoded Decode(std::string_view s, size_t i);

/// Appends the UTF-8 encoding of `r` (U+FFFD for surrogates and values past U+10FFFF).
void Append(std::string& out, char32_t r);

/// Go's unicode.IsSpace.
bool IsSpace(char32_t r);

}  // namespace cairn::utf8
