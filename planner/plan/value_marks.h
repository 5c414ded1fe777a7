#pragma once
/// Sensitive marks as paths: what crosses the provider interface unmarked and is marked again
/// afterwards, and what the state's `sensitive_attributes` records.

#include <string>
#include <string_view>
#include <vector>

#include "lang/base/value.h"
#include "lang/base/value_path.h"
#include "providers/schema.h"

namespace cairn::planner {

/// Paths of every sensitive-marked value inside `v` (a marked value's own path, not its
/// children's), in depth-first order.
std::vector<ValuePath> SensitivePaths(const Value& v);

/// `v` with the value at each of `paths` marked sensitive (paths that do not exist in `v`
/// are ignored; an unknown or null value on the way takes the mark itself).
Value MarkSensitivePaths(const Value& v, const std::vector<ValuePath>& paths);

/// `v` (an object of schema.ImpliedType()) with every attribute the schema declares
/// sensitive marked, in nested blocks too.
Value MarkSchemaSensitive(const Value& v, const providers::Block& schema);

/// The value at `path` in `v`, or nullptr when there is none.
const Value* ValueAt(const Value& v, const ValuePath& path);

/// Terraform's state JSON of paths: `[[{"type":"get_attr","value":"a"},{"type":"index",
/// "value":{"value":0,"type":"number"}}]]`.
std::string EncodePathsJson(const std::vector<ValuePath>& paths);
/// The inverse; malformed input gives no paths.
std::vector<ValuePath> DecodePathsJson(std::string_view json);

}  // namespace cairn::planner
