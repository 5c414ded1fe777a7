#include <vector>

#include "lang/format/layout.h"

namespace cairn::format {

using syntax::TokenKind;

void FormatIndent(FmtTokens& tokens, const std::vector<FormatLine>& lines) {
  // Each entry is the number of brackets a line opened; a closing line pops entries until it has
  // accounted for all the brackets it closed.
  std::vector<int> indents;
  indents.reserve(16);
  for (const FormatLine& line : lines) {
    if (line.begin == line.assign) continue;  // empty lead
    FmtToken& first = tokens[line.begin];
    if (first.kind == TokenKind::kNewline) {
      first.spaces_before = 0;
      continue;
    }
    int net = 0;
    for (uint32_t i = line.begin; i < line.assign; ++i) {
      net += BracketChange(tokens[i].kind);
      if (tokens[i].kind == TokenKind::kOHeredoc) break;
    }
    for (uint32_t i = line.assign; i < line.comment; ++i) net += BracketChange(tokens[i].kind);

    if (net > 0) {
      first.spaces_before = 2 * static_cast<int>(indents.size());
      indents.push_back(net);
    } else {
      int closed = -net;
      while (closed > 0 && !indents.empty()) {
        int& top = indents.back();
        if (closed > top) {
          closed -= top;
          indents.pop_back();
        } else if (closed < top) {
          top -= closed;
          closed = 0;
        } else {
          indents.pop_back();
          closed = 0;
        }
      }
      first.spaces_before = 2 * static_cast<int>(indents.size());
    }
  }
}

}  // namespace cairn::format
