#pragma once
/// Finding one's way in a parsed file for diagnostics (hclsyntax's navigation.go).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "lang/base/source_index.h"
#include "lang/syntax/ast.h"

namespace cairn::syntax {

/// hcl's ContextString for native syntax: the header of the TOP-LEVEL block whose range
/// contains byte offset `byte` (nested blocks are not looked into, as in hcl): the type, then
/// each label in Go `%q` quoting, space-separated — `resource "aws_instance" "web"`, `locals`.
/// "" when no top-level block contains the offset.
std::string ContextString(const ast::File& file, int64_t byte);

/// A SourceIndex over parsed files (their `source` and AST).
class ParsedSources final : public SourceIndex {
 public:
  /// Registers `file` under its filename. `file` must outlive this index.
  void Add(const ast::File& file);

  std::optional<std::string_view> Source(FileName file) const override;
  std::string ContextString(FileName file, int64_t byte) const override;

 private:
  std::unordered_map<std::string_view, const ast::File*> files_;
};

}  // namespace cairn::syntax
