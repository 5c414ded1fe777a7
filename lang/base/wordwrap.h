#pragma once
/// Word wrapping exactly as Terraform's CLI does it.

#include <cstddef>
#include <string>
#include <string_view>

namespace cairn {

/// mitchellh/go-wordwrap v1.0.1 `WrapString`: breaks lines at whitespace so they fit in
/// `limit` characters (runes) where possible. Existing newlines are kept; a word longer than
/// the limit is never split; the whitespace at a break is dropped; U+00A0 is not a break.
/// Invalid UTF-8 bytes come out as U+FFFD (as Go's rune iteration does).
std::string WrapString(std::string_view s, size_t limit);

/// Terraform's `format.WordWrap`: wraps each line of `text` at `width - 1` with WrapString,
/// except lines starting with a space (literal text such as commands), which stay unbroken.
/// `width <= 1` returns the text unchanged.
std::string WordWrap(std::string_view text, int width);

}  // namespace cairn
