#pragma once
/// Shared by the evaluation golden tests (eval_test, functions_test): the scope Terraform saw
/// (eval_scope.txt), the recorded cases (*.jsonl from tests/tools/record_eval_goldens.py), and
/// the comparison of one evaluation with what Terraform printed.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "lang/eval/evaluate.h"
#include "lang/eval/scope.h"

namespace cairn::eval::testing {

/// tests/lang/eval/ in the source tree.
const std::string& GoldenDir();

/// The lines of a file (empty when missing).
std::vector<std::string> Lines(const std::string& path);

/// Parses and evaluates `text`; a syntax error (which Terraform reports the same way) becomes
/// the result's diagnostics.
EvalResult EvalText(const std::string& text, const Scope& scope,
                    const FunctionRegistry& functions);

/// The scope of eval_scope.txt (variables, sensitive variables, unknown locals), built once per
/// process; values are evaluated with `functions`.
const MapScope& GoldenScope(const FunctionRegistry& functions);

struct GoldenCase {
  std::string expr;
  nlohmann::json expected;  // {"value": console text} or {"error": {summary, detail}, "subject"}
};

/// The cases of GoldenDir()/`file` (one JSON object per line).
std::vector<GoldenCase> LoadCases(const std::string& file);

/// Expects `r` to be what Terraform printed for `c`: the console text of the value with no
/// diagnostics, or the first error's summary, its detail wrapped at 78 columns (as Terraform
/// wraps it when output is not a terminal) and, where recorded, its subject's byte offsets.
void ExpectMatchesTerraform(const GoldenCase& c, const EvalResult& r);

}  // namespace cairn::eval::testing
