#pragma once
/// Small helpers for the object values that cross the provider interface (a resource's
/// object is a cty object of the schema's implied type).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/value.h"

namespace cairn::providers {

/// Attribute `name` of `object`, or a null of the dynamic pseudo-type when `object` is null,
/// unknown or lacks it.
const Value& GetAttr(const Value& object, std::string_view name);

/// `object`'s attributes (name, value) in name order; empty for a null or unknown object.
std::vector<std::pair<std::string, Value>> AttributesOf(const Value& object);

/// Replaces (or adds) attribute `name` in `attributes` (kept in name order).
void SetAttr(std::vector<std::pair<std::string, Value>>& attributes, std::string_view name,
             Value value);

}  // namespace cairn::providers
