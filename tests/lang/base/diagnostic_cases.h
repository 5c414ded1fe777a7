#pragma once
/// The diagnostic golden cases shared by diagnostic_text_test and diagnostic_json_test: each
/// case is a directory under testdata/diagnostics holding a main.tf and what Terraform 1.11
/// printed for it (recorded by tests/tools/record_diagnostic_goldens.sh). Here each case gets
/// the Diagnostics Terraform reported, built by hand with the same ranges.

#include <map>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source_index.h"

namespace cairn::testing {

/// Reads a whole file; fails the current test if it cannot.
std::string ReadTestFile(const std::string& path);

/// Directory of the case `name`.
std::string CaseDir(const std::string& name);

/// Source files for tests. Context strings come from a simplistic scan for top-level blocks:
/// a block starts on a line that begins with a letter and holds " {", and ends at the next line
/// that is just
/// "}"; its header is the start line up to " {" (fixtures are formatted so this holds).
class FakeSources final : public SourceIndex {
 public:
  void Add(FileName file, std::string source) {
    files_[std::string(file.str())] = std::move(source);
  }
  std::optional<std::string_view> Source(FileName file) const override;
  std::string ContextString(FileName file, int64_t byte) const override;

 private:
  std::map<std::string, std::string> files_;
};

/// Position of byte offset `byte` in `src` (columns count UTF-8 characters).
Pos PosAt(std::string_view src, int64_t byte);
/// Range of the `nth` (0-based) occurrence of `needle` in `src`.
Range Span(std::string_view src, FileName file, std::string_view needle, int nth = 0);
/// Range of bytes [start, end).
Range Bytes(std::string_view src, FileName file, int64_t start, int64_t end);

struct DiagnosticCase {
  std::string name;
  FakeSources sources;
  Diagnostics diagnostics;
};

/// All cases, in directory order.
std::vector<std::string> CaseNames();
/// Builds case `name` (reads its main.tf).
DiagnosticCase BuildCase(const std::string& name);

}  // namespace cairn::testing
