#pragma once
/// Values and types to and from JSON, as Terraform writes them (cty's json package and Go's
/// encoding/json): `jsonencode`, `jsondecode`, `output -json`, state files.

#include <optional>
#include <string>
#include <string_view>

#include "lang/base/type.h"
#include "lang/base/value.h"

namespace cairn {

/// The outcome of encoding: compact JSON text, or an error.
struct JsonEncodeResult {
  std::string json;
  std::string error;  ///< empty on success
  bool ok() const { return error.empty(); }
};

/// cty's json.Marshal(v, v.Type()): compact JSON (no spaces); numbers in full precision
/// (Number::ToString); map keys and object attributes sorted; sets in set order; nulls as
/// `null`. Marks are ignored (the caller decides what may be shown). Fails with "value is not
/// known" when `v` has an unknown part.
JsonEncodeResult EncodeJson(const Value& v);

/// The JSON form of a type, as Terraform writes it in `output -json` and state:
/// `"string"`, `["list","number"]`, `["object",{"a":"bool"}]`, `["tuple",["string"]]`,
/// `"dynamic"`; an object type with optional attributes gets a third element listing them.
std::string EncodeTypeJson(const Type& t);

/// Re-indents compact JSON as Go's json.MarshalIndent(v, prefix, indent) does: one member
/// per line, `"key": value`, empty arrays and objects as `[]` and `{}`.
std::string IndentJson(std::string_view compact, std::string_view prefix = "",
                       std::string_view indent = "  ");

/// The outcome of decoding.
struct JsonDecodeResult {
  Value value;
  std::string error;  ///< empty on success
  bool ok() const { return error.empty(); }
};

/// Decodes JSON into the value `jsondecode` gives: objects become objects (a repeated key
/// keeps its last value), arrays become tuples, numbers keep their exact text (parsed at 512
/// bits), `null` is a null of the dynamic pseudo-type.
JsonDecodeResult DecodeJson(std::string_view text);

/// Decodes the JSON form of a type (EncodeTypeJson's inverse).
std::optional<Type> DecodeTypeJson(std::string_view text);

}  // namespace cairn
