#pragma once
/// Values from JSON against a known type, as cty's json.Unmarshal does it (how Terraform reads
/// an output value back from the state file).

#include <string>
#include <string_view>

#include "lang/base/type.h"
#include "lang/base/value.h"

namespace cairn {

struct TypedJsonResult {
  Value value;
  std::string error;  ///< cty's message ("a number is required", "unsupported attribute
                      ///< \"k\"", "EOF" for empty input); empty on success
  bool ok() const { return error.empty(); }
};

/// Decodes `text` as a value of `type`: `null` is a typed null, numbers and bools are accepted
/// where a string is wanted (and numeric or boolean strings where a number or bool is), an
/// object lacking attributes gets nulls for them, a value of the dynamic pseudo-type is
/// `{"value": ..., "type": ...}`.
TypedJsonResult DecodeTypedJson(std::string_view text, const Type& type);

/// The outcome of EncodeTypedJson: compact JSON text, or an error.
struct TypedJsonEncodeResult {
  std::string json;
  std::string error;  ///< "value is not known" for an unknown part; empty on success
  bool ok() const { return error.empty(); }
};

/// cty's json.Marshal(v, type), DecodeTypedJson's inverse (how Terraform writes a resource
/// object's `attributes` in the state): as EncodeJson, except that where `type` has the
/// dynamic pseudo-type and `v` a real type (null included), the value is written as
/// `{"value":...,"type":...}`. Precondition: `v`'s type conforms to `type`. Marks are ignored.
TypedJsonEncodeResult EncodeTypedJson(const Value& v, const Type& type);

}  // namespace cairn
