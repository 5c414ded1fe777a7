#pragma once
/// `count` and `for_each` values turned into instance keys, with Terraform's errors.

#include <optional>
#include <utility>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/syntax/ast.h"

namespace cairn::planner {

struct Expansion {
  enum class Mode : uint8_t { kSingle, kCount, kForEach };
  Mode mode = Mode::kSingle;
  /// Unknown: the number of instances cannot be known (the error was reported).
  bool known = true;
  /// Keys in order, with each.value for kForEach (null for kCount).
  std::vector<std::pair<addrs::InstanceKey, Value>> instances;
};

/// Expansion for `count = value` (evaluated from `expr`).
Expansion ExpandCount(const Value& value, const ast::Expr& expr, Diagnostics& diags);
/// Expansion for `for_each = value` (evaluated from `expr`); `what` is "resource" or
/// "module" for the words of errors.
Expansion ExpandForEach(const Value& value, const ast::Expr& expr, Diagnostics& diags);

}  // namespace cairn::planner
