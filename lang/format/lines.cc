#include "lang/format/lines.h"

namespace cairn::format {

using syntax::TokenKind;

std::vector<FormatLine> SplitLines(const FmtTokens& tokens) {
  std::vector<FormatLine> lines;
  if (tokens.empty()) return lines;
  size_t count = 1;
  for (const FmtToken& t : tokens) count += EndsLine(t) ? 1 : 0;
  lines.reserve(count);

  uint32_t start = 0;
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t i = 0; i < n; ++i) {
    if (EndsLine(tokens[i])) {
      lines.push_back({start, i + 1, i + 1, i + 1});
      start = i + 1;
    }
  }
  if (start < n) lines.push_back({start, n, n, n});

  for (FormatLine& line : lines) {
    if (line.end - line.begin > 1 && tokens[line.end - 1].kind == TokenKind::kComment) {
      line.comment = line.end - 1;
      line.assign = line.comment;
    }
    for (uint32_t i = line.begin + 1; i < line.assign; ++i) {
      if (tokens[i].kind != TokenKind::kEqual) continue;
      // Only a value that closes on this line makes an alignable assignment; an opening
      // bracket left open introduces a multi-line expression.
      int net = 0;
      for (uint32_t j = i; j < line.assign; ++j) net += BracketChange(tokens[j].kind);
      if (net == 0) line.assign = i;
      break;
    }
  }
  return lines;
}

}  // namespace cairn::format
