#pragma once
/// Terraform's automatic type conversions (cty's convert package): number↔string,
/// bool↔string, tuple→list/set, object→map, list↔set, map↔object, element-type unification,
/// and the error texts Terraform shows when a conversion fails.

#include <optional>
#include <string>
#include <vector>

#include "lang/base/type.h"
#include "lang/base/value.h"
#include "lang/base/value_path.h"

namespace cairn {

/// Terraform's tfdiags.FormatCtyPath: `.name`, `[0]`, `["key"]` concatenated.
std::string FormatValuePath(const ValuePath& path);

/// Why a conversion failed: `message` as cty words it ("a number is required",
/// "element 0: string required", "attribute \"a\" is required") and the path where it
/// failed during conversion of a value (empty when the types alone made it impossible).
struct ConvertError {
  ValuePath path;
  std::string message;

  /// Terraform's tfdiags.FormatError: `message`, or `<path>: message` when there is a path,
  /// e.g. `[1]: a number is required`.
  std::string Format() const;
};

/// The outcome of a conversion: a value or an error.
struct ConvertResult {
  Value value;
  std::optional<ConvertError> error;
  bool ok() const { return !error.has_value(); }
};

/// cty's convert.Convert (the "unsafe" conversions Terraform applies everywhere): converts
/// `in` to `want`. Marks are carried to the result; unknown and null inputs give an unknown
/// or null of the wanted type; converting to the dynamic pseudo-type returns `in` unchanged;
/// optional attributes missing from an object become nulls.
ConvertResult Convert(const Value& in, const Type& want);

/// Whether a conversion from `in` to `want` exists (unsafe when `unsafe`), as cty's
/// GetConversion/GetConversionUnsafe != nil.
bool CanConvert(const Type& in, const Type& want, bool unsafe = true);

/// cty's MismatchMessage: why a value of type `got` does not fit `want`.
std::string MismatchMessage(const Type& got, const Type& want);

/// cty's convert.Unify (unsafe): the single type every type in `types` can convert to, or
/// nullopt. This is how collection constructors and conditionals pick a result type.
std::optional<Type> UnifyTypes(const std::vector<Type>& types, bool unsafe = true);

/// The type with optional-attribute markers removed at every depth.
Type WithoutOptionalAttributes(const Type& t);

}  // namespace cairn
