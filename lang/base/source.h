#pragma once
/// Source positions and ranges, as hashicorp/hcl defines them.

#include <cstdint>
#include <string>
#include <string_view>

namespace cairn {

/// A source file's name, interned: cheap to copy (one pointer) and compare.
/// Invariant: the text lives until the process ends (file names are few).
class FileName {
 public:
  FileName() = default;
  /// Returns the interned name for `name` (thread-safe).
  static FileName Intern(std::string_view name);
  std::string_view str() const { return text_ ? std::string_view(*text_) : std::string_view(); }
  friend bool operator==(FileName a, FileName b) { return a.text_ == b.text_ || a.str() == b.str(); }

 private:
  explicit FileName(const std::string* text) : text_(text) {}
  const std::string* text_ = nullptr;
};

/// A position in a source file. `line` and `column` are 1-based; `column` counts characters
/// (grapheme clusters, as hcl does) from the start of the line; `byte` is the 0-based offset.
struct Pos {
  int32_t line = 1;
  int32_t column = 1;
  int64_t byte = 0;

  friend bool operator==(const Pos&, const Pos&) = default;
};

/// A half-open range [start, end) of bytes in one named file.
/// Invariant: start.byte <= end.byte.
struct Range {
  FileName filename;
  Pos start;
  Pos end;

  friend bool operator==(const Range&, const Range&) = default;
  bool Empty() const { return start.byte == end.byte; }
};

/// Returns the smallest range covering both `a` and `b` (which must share a file).
Range Cover(const Range& a, const Range& b);

}  // namespace cairn
