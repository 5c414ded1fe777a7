#pragma once
/// Terraform's rewrites on top of hclwrite's layout (`terraform fmt`'s formatBody):
///   - block labels are re-emitted in the quoted form (`resource aws_instance x` gets quotes,
///     escapes are normalised; comments before or between labels are dropped),
///   - an attribute value that is a lone interpolation `"${expr}"` becomes `expr` (wrapped in
///     parentheses when it spans lines),
///   - in a top-level `variable` block, `type = "string"`/`"list"`/`"map"` become `string`,
///     `list(string)`, `map(string)` and a bare `list`/`map`/`set` becomes `list(any)`, etc.

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/source.h"
#include "lang/format/fmt_token.h"
#include "lang/format/quoted_literal.h"
#include "lang/syntax/token.h"

namespace cairn::format {

struct RewriteResult {
  /// The tokens to lay out, without the EOF token; `spaces_before` is not yet set.
  FmtTokens tokens;
  /// Bytes between the last token and the end of the file (kept verbatim, as hclwrite does).
  int32_t eof_spaces = 0;
  /// Storage for rewritten token text; `tokens` point into it.
  std::deque<std::string> arena;
  /// False when the token stream is not a well-formed body (never for input that passed the
  /// syntax check); `error_at` then locates the first token that did not fit.
  bool ok = true;
  Pos error_at;
};

/// Walks the body structure of `lexed` (a whole file's tokens ending in EOF, positions relative
/// to `source`) and returns the rewritten token sequence. Linear in the number of tokens.
RewriteResult ApplyRewrites(std::string_view source, const std::vector<syntax::Token>& lexed);

}  // namespace cairn::format
