#pragma once
/// A path into a value (cty.Path): attribute names and collection keys/indexes, used for
/// "which attributes force replacement", `ignore_changes`, and the state's
/// `sensitive_attributes`.

#include <string>
#include <vector>

#include "lang/base/value.h"

namespace cairn {

struct PathStep {
  enum class Kind : uint8_t { kAttr, kIndex };
  Kind kind = Kind::kAttr;
  std::string name;  ///< kAttr
  Value key;         ///< kIndex: a number (list/tuple) or a string (map) key

  static PathStep Attr(std::string n) { return {Kind::kAttr, std::move(n), Value()}; }
  static PathStep Index(Value k) { return {Kind::kIndex, "", std::move(k)}; }
};

using ValuePath = std::vector<PathStep>;

}  // namespace cairn
