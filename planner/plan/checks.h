#pragma once
/// `check` blocks (Terraform's nodeCheckAssert): their assertions are evaluated in each
/// instance of their module once everything they refer to is planned (or applied). A failed
/// or not-yet-known assertion is a WARNING, never an error; a condition that cannot be
/// evaluated at all stays an error, as in Terraform.

#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/config/module.h"
#include "lang/eval/functions/registry.h"
#include "lang/eval/scope.h"
#include "planner/plan/plan.h"

namespace cairn::planner {

/// Evaluates `check`'s `assert` rules in `scope`. With `validating` (Terraform's validate
/// walk, every input unknown) only errors are kept. Warnings ("Check block assertion
/// failed" with the error message, "Check block assertion known after apply") and errors
/// (an invalid condition) go to `diagnostics`, located at the condition with the values it
/// refers to. The result's status and failure messages are set (the caller names it).
CheckBlockResult EvaluateCheckAssertions(const config::Check& check,
                                    const eval::Scope& scope,
                                    const eval::functions::BuiltinFunctions& functions,
                                    bool validating, Diagnostics& diagnostics);

/// Turns the errors of a check block's scoped data source into warnings (Terraform reports
/// them without failing the plan); returns whether there were any.
bool DemoteScopedDataErrors(Diagnostics& diagnostics, size_t first);

/// The check block whose scoped data source is `data.<type>.<name>` in `module`, or null.
const config::Check* CheckScopingData(const config::Module& module, std::string_view type,
                                      std::string_view name);

/// Terraform's state `check_results` for `results` (one entry per check block, in the order
/// first seen, with its instances as objects), as compact JSON.
std::string CheckResultsStateJson(const std::vector<CheckBlockResult>& results);

/// Terraform's `checks.Status` spelling: "pass", "fail", "error", "unknown".
std::string_view CheckStatusName(CheckStatus status);

/// Terraform's AggregateCheckStatus: error, else fail, else unknown, else pass (unknown
/// when there are none).
CheckStatus AggregateCheckStatus(const std::vector<CheckStatus>& statuses);

/// Sorts `diagnostics[first..]` as Terraform's views show them: by file, then position.
void SortByLocation(Diagnostics& diagnostics, size_t first);

}  // namespace cairn::planner
