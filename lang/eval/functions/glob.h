#pragma once
/// File name globbing as Terraform's fileset does it (github.com/bmatcuk/doublestar v1):
/// `*`, `?`, `[...]` / `[^...]` classes, `{a,b}` alternatives (not nested), `\` escapes, and
/// `**` for any number of directories.

#include <string>
#include <string_view>
#include <vector>

namespace cairn::eval::functions {

struct GlobResult {
  /// The existing paths that match, spelled as the pattern's directories joined to the
  /// entries' names (not sorted; directories and other non-regular files included).
  std::vector<std::string> matches;
  /// The pattern is malformed (doublestar's ErrBadPattern), found while matching.
  bool bad_pattern = false;
};

/// doublestar.Glob(pattern) on the real filesystem.
GlobResult DoublestarGlob(std::string_view pattern);

/// doublestar's matchComponent: whether `name` (one path element) matches `pattern` (one
/// pattern element); sets `bad` for a malformed pattern.
bool MatchGlobComponent(std::string_view pattern, std::string_view name, bool& bad);

}  // namespace cairn::eval::functions
