#pragma once
/// The line/cell model of hclwrite: the token stream cut into lines, each line into up to three
/// cells (lead, assign, comment) whose first tokens are aligned with neighbouring lines.

#include <cstdint>
#include <vector>

#include "lang/format/fmt_token.h"

namespace cairn::format {

/// One line of tokens, as half-open index ranges into the token vector:
///   lead    [begin, assign)   always present (empty only for a final empty line)
///   assign  [assign, comment) from the `=` of an attribute whose value closes on this line
///   comment [comment, end)    a trailing `#`/`//` comment after other tokens
/// Invariant: begin <= assign <= comment <= end; a cell is absent when its range is empty.
struct FormatLine {
  uint32_t begin = 0;
  uint32_t assign = 0;
  uint32_t comment = 0;
  uint32_t end = 0;

  bool HasAssign() const { return assign < comment; }
  bool HasComment() const { return comment < end; }
  bool Empty() const { return begin == end; }
};

/// Cuts `tokens` (no EOF token) into lines at newline tokens and line comments, then picks off
/// each line's trailing comment and attribute assignment. Text inside a heredoc is one token per
/// line with its newline inside, so a heredoc stays within the line that opened it.
std::vector<FormatLine> SplitLines(const FmtTokens& tokens);

}  // namespace cairn::format
