#pragma once
/// JSON syntax as Go's encoding/json checks it, for reading files Terraform wrote: the byte
/// offset Go reports for a syntax error, and a view of a valid document's values by span.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn {

/// A syntax error as Go's json.SyntaxError: `offset` counts the bytes read up to and
/// including the one that made the text invalid (the length of the text at an unexpected end).
struct JsonSyntaxError {
  std::string message;
  size_t offset = 0;
};

/// Checks `text` as one JSON value with optional surrounding whitespace (Go's checkValid).
std::optional<JsonSyntaxError> CheckJsonSyntax(std::string_view text);

/// What a JSON value is, by its first byte.
enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

/// A value inside a valid document: its kind and exact text (no surrounding whitespace).
struct JsonSpan {
  JsonKind kind = JsonKind::kNull;
  std::string_view text;
};

/// The value `text` holds. Precondition: CheckJsonSyntax(text) found no error.
JsonSpan JsonValueOf(std::string_view text);
/// Members of an object in document order (keys decoded). Precondition: `object` is a valid
/// object span.
std::vector<std::pair<std::string, JsonSpan>> JsonObjectMembers(const JsonSpan& object);
/// Elements of an array. Precondition: `array` is a valid array span.
std::vector<JsonSpan> JsonArrayElements(const JsonSpan& array);
/// A string span's decoded content. Precondition: `s` is a valid string span.
std::string JsonStringValue(const JsonSpan& s);

/// Go's json.Compact with HTML escaping (what json.Marshal does to a RawMessage): whitespace
/// outside strings removed; `<`, `>`, `&`, U+2028 and U+2029 inside strings escaped as
/// `\u003c` etc. Precondition: valid JSON.
std::string CompactJson(std::string_view text);

/// The word Go's UnmarshalTypeError uses for a value of this kind ("string", "number",
/// "bool", "array", "object").
const char* JsonKindWord(JsonKind kind);

}  // namespace cairn
