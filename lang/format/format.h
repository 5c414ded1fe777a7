#pragma once
/// `cairn fmt`'s formatter: the canonical layout of `terraform fmt`, byte for byte.
///
/// Like Terraform (hclwrite over hclsyntax tokens) it works on the token stream, not the AST:
/// every token and comment is kept and only the spaces between tokens change, plus Terraform's
/// few rewrites (block labels quoted, a lone `"${expr}"` unwrapped, legacy `variable` types
/// upgraded).

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/syntax/token.h"

namespace cairn::format {

struct FormatResult {
  /// The formatted text. When `diagnostics` has errors this is the input, unchanged: a file
  /// that does not parse is never rewritten.
  std::string formatted;
  Diagnostics diagnostics;
};

/// Formats one configuration file (`.tf`, `.tfvars`, `.cairn`, `.tftest.hcl`). `filename` is
/// used only in diagnostics. Linear in the size of `source`.
FormatResult Format(std::string_view source, std::string_view filename);

/// The layout part of Format for a file already known to parse: `tokens` are its tokens from
/// syntax::Lex (ending in EOF). Errors only for structure the formatter cannot follow or output
/// over 1 GiB.
FormatResult FormatTokens(std::string_view source, const std::vector<syntax::Token>& tokens,
                          std::string_view filename);

}  // namespace cairn::format
