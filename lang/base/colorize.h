#pragma once
/// Terraform's colour markup (mitchellh/colorstring with DefaultColors and Reset): `[bold]`,
/// `[red]`, `[reset]`, ... become ANSI escape sequences, or vanish when colour is off.

#include <string>
#include <string_view>

namespace cairn {

/// Replaces every `[name]` tag whose name is a known colour or attribute with its escape
/// sequence (`\x1b[<code>m`) when `enabled`, or with nothing otherwise. Unknown tags (including
/// differently-cased names) stay as written. When enabled and at least one tag was replaced, a
/// final `\x1b[0m` is appended, exactly as colorstring's Reset option does.
std::string Colorize(std::string_view markup, bool enabled);

}  // namespace cairn
