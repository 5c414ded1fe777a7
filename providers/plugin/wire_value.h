#pragma once
/// Values on the wire (docs/PROVIDER_PROTOCOL.md, "Values"). A JSON document is held as a
/// cairn::Value of DecodeJson's shape (objects, tuples for arrays, exact numbers, strings,
/// bools, the dynamic null), so numbers keep every digit in both directions.
///
/// A value of a known schema type travels as a *wire value*:
///   {"value": <cty JSON of the value, an unknown part written as null>,
///    "unknown": [<path>, ...], "not_null": [<path>, ...], "sensitive": [<path>, ...]}
/// `not_null` lists the unknown values refined as "not null" (cty's refinement); each list is
/// left out when empty. A path is an array of steps: a string
/// is an object attribute or a map key, an integer is a list, tuple or set position (a set's
/// position in the order its elements are written). Where the type is the dynamic
/// pseudo-type, a non-null value is written `{"value": ..., "type": <cty type JSON>}` (cty's
/// typed JSON); paths address the value inside, never the wrapper.

#include <optional>
#include <string>
#include <string_view>

#include "lang/base/type.h"
#include "lang/base/value.h"
#include "lang/base/value_path.h"

namespace cairn::providers::plugin {

/// `v` (whose type conforms to `type`) as a wire value object. Unknown parts are listed in
/// `unknown`, sensitive-marked parts in `sensitive`; other marks are dropped.
Value EncodeWireValue(const Value& v, const Type& type);

struct WireDecodeResult {
  Value value;
  /// What is wrong and where, e.g. "planned_state.rule[0].port: a number is required";
  /// empty on success.
  std::string error;
  bool ok() const { return error.empty(); }
};

/// The value a wire value object `json` holds, of type `type`. `name` prefixes error
/// locations (the parameter's name). Missing object attributes decode as nulls; an
/// attribute the type lacks, a JSON kind the type does not allow, or a malformed path is an
/// error. Paths that lead to no value are ignored.
WireDecodeResult DecodeWireValue(const Value& json, const Type& type, std::string_view name);

/// A path as a JSON array of steps (attribute names and string keys as strings, numeric
/// indexes as integers).
Value EncodeWirePath(const ValuePath& path);

/// A path read against `type` (a string step is an attribute of an object type or a key of a
/// map; an integer indexes a list or tuple). Nothing (and `error` set) when it does not fit.
std::optional<ValuePath> DecodeWirePath(const Value& json, const Type& type, std::string* error);

/// Field `key` of JSON object `object`, or nullptr (also when `object` is not an object).
const Value* JsonField(const Value& object, std::string_view key);

/// A short JSON kind name for messages: "an object", "an array", "a string", "null", ...
std::string JsonKind(const Value& json);

}  // namespace cairn::providers::plugin
