#pragma once
/// `import` blocks (Terraform 1.5+): the resource instance an `import` block's `to` names and
/// Terraform's checks of its `id` once evaluated. The planner imports while planning
/// (planner.cc); this file only reads the blocks.

#include <optional>
#include <string>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/syntax/ast.h"

namespace cairn::planner {

/// What an import block's `to` says without evaluating anything: module calls (with their
/// literal keys), the resource, and its instance key, a literal (`x.y["k"]`, in `key`) or an
/// expression (`x.y[each.key]`, in `key_expr`).
struct ImportTo {
  addrs::ModuleInstance module;
  addrs::Resource resource;
  addrs::InstanceKey key;
  const ast::Expr* key_expr = nullptr;

  /// The address with `key` (for `key_expr`, the key it evaluated to).
  addrs::AbsResourceInstance Instance(const addrs::InstanceKey& k) const {
    return {module, resource, k};
  }
};

/// The parts of `to`; nullopt when it is not a managed resource (instance) address (the
/// configuration loader reported why).
std::optional<ImportTo> ParseImportTo(const ast::Expr& to);

/// The import ID `value` (of the expression `expr`) gives, as Terraform's
/// evaluateImportIdExpression checks it: not null ("The import ID cannot be null."), known
/// (while validating an unknown ID is no error, and nullopt comes back without one), a
/// string, not empty. Errors ("Invalid import id argument") go to `diags`.
std::optional<std::string> ImportId(const Value& value, const ast::Expr& expr, bool validating,
                                    Diagnostics& diags);

}  // namespace cairn::planner
