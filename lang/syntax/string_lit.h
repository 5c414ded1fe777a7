#pragma once
/// Decoding the literal text of templates, as hclsyntax's ParseStringLiteralToken does.

#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"

namespace cairn::syntax {

/// Decodes the text of a quoted-string literal token (`quoted`: backslash escapes `\n \r \t \"
/// \\ \uNNNN \UNNNNNNNN`, plus `$${` and `%%{`) or of a heredoc line (only `$${` and `%%{`).
/// `range` is the token's range: invalid escapes are reported against their own sub-range with
/// hclsyntax's wording. Appends the decoded UTF-8 to `out`.
void DecodeStringLit(std::string_view text, bool quoted, const Range& range, std::string* out,
                     Diagnostics* diags);

/// Formats a range as hcl.Range.String() does: "main.tf:1,3-5" or "main.tf:1,3-2,1".
std::string RangeString(const Range& range);

}  // namespace cairn::syntax
