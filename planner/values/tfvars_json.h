#pragma once
/// Reading a `.tfvars.json` file as Terraform does (hcl's json package, evaluated without a
/// context: strings are literal, `${` is not interpolated), with hcl's JSON diagnostics.

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"
#include "lang/base/value.h"

namespace cairn::planner {

/// One top-level property.
struct JsonAttribute {
  std::string name;
  Value value;
  Range name_range;
  Range value_range;
  /// Problems hcl reports when the value is evaluated ("Duplicate object attribute" in a
  /// nested object): the value is then unusable.
  Diagnostics value_diagnostics;
};

struct JsonTfvarsResult {
  std::vector<JsonAttribute> attributes;  ///< in file order, duplicates removed
  Diagnostics diagnostics;
};

/// Parses `source` (named `filename` in ranges): the root must be an object (hcl's
/// JustAttributes rejects an array root: "Incorrect JSON value type"); a repeated property is
/// "Duplicate attribute definition"; a property named "//" is a comment and skipped. Nesting deeper than 1000 levels is an error, never a stack overflow.
JsonTfvarsResult ParseJsonTfvars(std::string_view source, std::string_view filename);

}  // namespace cairn::planner
