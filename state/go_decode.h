#pragma once
/// What Go does with the values of a state file that Terraform's messages show: json's
/// uint64 and base64 decoding, fmt's %#v of a decoded interface{} value.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "lang/base/go_json_syntax.h"

namespace cairn::state {

/// A JSON number as Go decodes it into a uint64, or nullopt.
std::optional<uint64_t> ParseUint64(std::string_view text);

/// Go's base64.StdEncoding.Decode error for `s` ("illegal base64 data at input byte N"), or
/// nullopt when it decodes. Newlines are skipped, as Go skips them.
std::optional<std::string> Base64Error(std::string_view s);

/// Go's %#v of a value json.Unmarshal put into an interface{} (`true`, `"x"`, `1e+21`,
/// `map[string]interface {}{"a":1}`, `[]interface {}{1, interface {}(nil)}`).
std::string GoSharpV(const JsonSpan& v);

}  // namespace cairn::state
