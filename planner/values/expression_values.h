#pragma once
/// The "values" hints Terraform shows under a diagnostic about an expression
/// (`var.port is 70000`): what each traversal the expression refers to evaluated to, in the
/// scope it was evaluated in (Terraform's views/json/diagnostic.go).

#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/eval/scope.h"
#include "lang/syntax/ast.h"

namespace cairn::planner {

/// For each traversal in `expr` (outside names bound by `for`), the longest prefix of at
/// least one step that resolves without error in `scope`, once per rendering, sorted by
/// traversal text. Statements: `is "a"`, `is 5`, `is true`, `is null`, `is list of string
/// with 2 elements`, `is object with 1 attribute "a"`, ...; a sensitive value is left out
/// unless `include_sensitive` ("has a sensitive value"); an unknown one is `is a string`
/// (or, with `include_unknown`, `is a string, known only after apply`; an unknown of unknown
/// type only with `include_unknown`: `will be known only after apply`).
/// With `within`, only traversals overlapping that range count (those inside the
/// sub-expression a diagnostic is about, or the traversal an index error is inside).
std::vector<ExpressionValue> ExpressionValues(const ast::Expr& expr, const eval::Scope& scope,
                                              bool include_unknown = false,
                                              bool include_sensitive = false,
                                              const Range* within = nullptr);

/// Terraform's compactValueStr: the short description of a (non-sensitive, known) value.
std::string CompactValueString(const Value& v);

}  // namespace cairn::planner
