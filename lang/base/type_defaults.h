#pragma once
/// Default values of optional object attributes (`optional(type, default)`) at any depth of a
/// type constraint, and applying them to a value before conversion (hcl's typeexpr.Defaults,
/// which Terraform applies to variable values).

#include <map>
#include <memory>
#include <string>

#include "lang/base/type.h"
#include "lang/base/value.h"

namespace cairn {

/// A tree mirroring a type constraint. `values` holds the defaults of this object node's
/// optional attributes (already converted to the attribute types); `children` the subtrees
/// that have defaults: key "" for a collection's element type, "0", "1"... for tuple
/// elements, the attribute name for object attributes.
struct TypeDefaults {
  Type type;
  std::map<std::string, Value> values;
  std::map<std::string, std::shared_ptr<const TypeDefaults>> children;

  bool empty() const { return values.empty() && children.empty(); }

  /// hcl's Defaults.Apply: fills null or missing optional attributes with their defaults,
  /// recursing through collections, tuples and objects; null and unknown values are left
  /// alone; marks are kept. The result may still need Convert to the constraint's type.
  Value Apply(const Value& v) const;
};

}  // namespace cairn
