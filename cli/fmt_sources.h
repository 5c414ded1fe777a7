#pragma once
/// The sources of the files `fmt` refused, for their diagnostics: the source snippet, and the
/// context string (`in resource "a" "b":`) of the top-level block around each problem.

#include <map>
#include <string>
#include <vector>

#include "lang/base/source_index.h"

namespace cairn::cli {

/// A SourceIndex over files that did not parse. The context string is found from tokens,
/// not from an AST, so it does not depend on how much of a broken file a parser recovers: the
/// top-level block whose header (`type labels... {`) starts a line and whose braces enclose the
/// offset; a block left unclosed extends to the end of the file.
class FmtSources final : public SourceIndex {
 public:
  /// Registers `source` under `path` (the name the diagnostics use).
  void Add(const std::string& path, std::string source);

  std::optional<std::string_view> Source(FileName file) const override;
  std::string ContextString(FileName file, int64_t byte) const override;

 private:
  struct BlockSpan {
    int64_t start, end;  // bytes [start, end) from the type name to after the closing brace
    std::string header;  // `resource "a" "b"`
  };
  struct File {
    std::string source;
    std::vector<BlockSpan> blocks;
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace cairn::cli
