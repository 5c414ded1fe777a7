#pragma once
/// What diagnostic renderers need to know about source files: their bytes, and a short
/// description of the construct around a position (Terraform's "context string").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/base/source.h"

namespace cairn {

/// Read access to the source files diagnostics point into. Implemented by lang/syntax over
/// parsed files; tests may fake it.
class SourceIndex {
 public:
  virtual ~SourceIndex() = default;

  /// The bytes of `file`, or nullopt when the file is unknown. The view stays valid as long as
  /// the index does.
  virtual std::optional<std::string_view> Source(FileName file) const = 0;

  /// hcl's ContextString: for HCL native syntax, the header of the top-level block whose range
  /// contains byte offset `byte` (`resource "a" "b"`, `locals`); "" when there is none.
  virtual std::string ContextString(FileName file, int64_t byte) const = 0;
};

/// A SourceIndex that knows no files: every diagnostic renders without a snippet.
class EmptySourceIndex final : public SourceIndex {
 public:
  std::optional<std::string_view> Source(FileName) const override { return std::nullopt; }
  std::string ContextString(FileName, int64_t) const override { return {}; }
};

}  // namespace cairn
