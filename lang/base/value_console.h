#pragma once
/// Terraform's console notation for values (what `terraform console` and the human form of
/// `terraform output` print).

#include <string>

#include "lang/base/value.h"

namespace cairn {

/// Terraform's repl.FormatValue(v, indent): `[`/`{` blocks with two-space indentation, a
/// trailing comma after each sequence element, `"key" = value` for maps and objects,
/// `tolist(...)`, `toset(...)`, `tomap(...)` around collections, strings quoted as Go does
/// (a string with a newline becomes a heredoc: `<<EOT` at top level, `<<-EOT` nested),
/// `(sensitive value)` for a sensitive value, `(known after apply)` for an unknown one, and
/// typed nulls as `tostring(null)`, `tolist(null) /* of string */`, `null /* object */`.
std::string FormatConsoleValue(const Value& v, int indent = 0);

}  // namespace cairn
