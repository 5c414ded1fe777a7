// Built-in functions against what Terraform 1.11 printed: every call of functions_cases.txt
// (functions_golden.jsonl, recorded by `tests/tools/record_eval_goldens.py functions_cases.txt
// functions_golden.jsonl`) in the scope of eval_scope.txt. Cases whose outermost function is
// not implemented yet are skipped (and counted by FunctionsCovered).

#include "lang/eval/functions/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/value_console.h"
#include "lang/base/wordwrap.h"
#include "lang/eval/evaluate.h"
#include "tests/lang/eval/eval_golden_support.h"
#include "lang/syntax/parser.h"

namespace cairn::eval {
namespace {

using testing::GoldenCase;

/// Every golden file of recorded function calls (one per case file).
const std::vector<GoldenCase>& LoadCases() {
  static const std::vector<GoldenCase> cases = [] {
    std::vector<GoldenCase> all;
    for (const char* file : {"functions_golden.jsonl", "functions_encoding_golden.jsonl"}) {
      std::vector<GoldenCase> some = testing::LoadCases(file);
      all.insert(all.end(), some.begin(), some.end());
    }
    return all;
  }();
  return cases;
}

/// Cases are recorded with `terraform console -plan` (impure functions unknown) unless marked
/// "planning": false.
EvalResult EvalText(const GoldenCase& c) {
  static const functions::BuiltinFunctions* planning = [] {
    functions::FunctionOptions options;
    options.planning = true;
    return functions::MakeBuiltins(options).release();
  }();
  const FunctionRegistry& functions =
      c.expected.value("planning", true) ? static_cast<const FunctionRegistry&>(*planning)
                                         : functions::Builtins();
  return testing::EvalText(c.expr, testing::GoldenScope(functions), functions);
}

std::string OuterFunction(const std::string& expr) { return expr.substr(0, expr.find('(')); }

class FunctionsGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(FunctionsGoldenTest, MatchesTerraform) {
  const GoldenCase& c = GetParam();
  if (!functions::Builtins().Has(OuterFunction(c.expr))) {
    GTEST_SKIP() << OuterFunction(c.expr) << " is not implemented yet";
  }
  testing::ExpectMatchesTerraform(c, EvalText(c));
}

INSTANTIATE_TEST_SUITE_P(Terraform, FunctionsGoldenTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           return "case" + std::to_string(info.index);
                         });

/// Every recorded case runs, except those of the functions listed as pending here.
TEST(FunctionsTest, FunctionsCovered) {
  const std::set<std::string> pending = {};
  for (const GoldenCase& c : LoadCases()) {
    std::string name = OuterFunction(c.expr);
    if (!functions::Builtins().Has(name)) EXPECT_TRUE(pending.count(name)) << c.expr;
  }
  for (const char* name :
       {"abs", "ceil", "floor", "log", "max", "min", "parseint", "pow", "signum"}) {
    EXPECT_TRUE(functions::Builtins().Has(name)) << name;
  }
}

TEST(FunctionsTest, MakeBuiltinsHasEveryFunction) {
  functions::FunctionOptions options;
  options.base_dir = "/nonexistent";
  options.planning = true;
  options.plan_time = std::chrono::system_clock::time_point{};
  std::unique_ptr<functions::BuiltinFunctions> made = functions::MakeBuiltins(options);
  EXPECT_EQ(made->Names(), functions::Builtins().Names());
}

TEST(FunctionsTest, NamesAreSorted) {
  std::vector<std::string> names = functions::Builtins().Names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_FALSE(names.empty());
}

}  // namespace
}  // namespace cairn::eval
