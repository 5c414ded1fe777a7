#pragma once
/// The three layout passes of hclwrite's formatter, run in this order over the line/cell model.
/// Each pass sets only `spaces_before` of tokens; none changes which tokens there are.

#include <vector>

#include "lang/format/fmt_token.h"
#include "lang/format/lines.h"

namespace cairn::format {

/// Sets the indentation (two spaces per level) of each line's first token from the net bracket
/// change of the lines before it, with a stack that tolerates lines whose brackets do not pair up.
void FormatIndent(FmtTokens& tokens, const std::vector<FormatLine>& lines);

/// Sets the spaces between neighbouring tokens within the lead and assign cells.
void FormatSpaces(FmtTokens& tokens, const std::vector<FormatLine>& lines);

/// Aligns the `=` of consecutive lines that have an assign cell, then the trailing comments of
/// consecutive lines that have a comment cell.
void FormatCells(FmtTokens& tokens, const std::vector<FormatLine>& lines);

/// Number of columns (grapheme clusters plus leading spaces) that `tokens[begin, end)` occupies.
int Columns(const FmtTokens& tokens, uint32_t begin, uint32_t end);

/// Number of grapheme clusters in UTF-8 `text` (a close approximation of Unicode's rules: marks,
/// joiners, variation selectors, emoji modifiers and regional-indicator pairs extend a cluster;
/// CR LF is one cluster).
int GraphemeCount(std::string_view text);

}  // namespace cairn::format
