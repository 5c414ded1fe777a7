#pragma once
/// JSON text exactly as Go's encoding/json writes it (what Terraform's -json outputs are):
/// keys in the order of the ordered_json, `<`, `>`, `&`, U+2028 and U+2029 escaped as \u003c
/// etc., other non-ASCII text kept as UTF-8, invalid UTF-8 as \ufffd, control characters as
/// \n \r \t \b \f or \u00XX, floats in Go's shortest form.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace cairn {

/// json.Marshal: no whitespace at all.
std::string GoJsonMarshal(const nlohmann::ordered_json& value);

/// json.MarshalIndent(value, "", indent): one member per line, `"key": value`, empty arrays
/// and objects as `[]` and `{}`. No trailing newline.
std::string GoJsonMarshalIndent(const nlohmann::ordered_json& value, std::string_view indent);

/// Appends `s` as a Go JSON string literal (with quotes).
void AppendGoJsonString(std::string& out, std::string_view s);

}  // namespace cairn
