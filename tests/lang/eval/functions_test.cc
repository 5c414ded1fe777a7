// Built-in functions against what Terraform 1.11 printed: every call of each case file (e.g.
// functions_cases.txt -> functions_golden.jsonl, recorded by `tests/tools/record_eval_goldens.py
// functions_cases.txt functions_golden.jsonl`; the pairs are listed in kPairs) in the scope of
// eval_scope.txt. Cases whose outermost function is
// not implemented yet are skipped (and counted by FunctionsCovered).

#include "lang/eval/functions/registry.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
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

/// One recorded case/golden pair, and how the functions are set up for it (as Terraform ran
/// them: `terraform console -plan`, so impure functions are unknown, unless a case says
/// "planning": false).
struct GoldenPair {
  const char* golden;
  /// The working directory while evaluating (relative to GoldenDir(); empty: unchanged) and
  /// HOME (for pathexpand), as tests/tools/record_eval_goldens.py --fixture/--home set them.
  const char* work_dir;
  const char* home;
};

constexpr GoldenPair kPairs[] = {
    {"functions_golden.jsonl", "", ""},
    {"functions_encoding_golden.jsonl", "", ""},
    // tests/tools/record_eval_goldens.py functions_fs_cases.txt functions_fs_golden.jsonl
    //   --fixture testdata/fs --home /home/cairn
    {"functions_fs_golden.jsonl", "testdata", "/home/cairn"},
    // tests/tools/record_eval_goldens.py functions_time_net_cases.txt
    //   functions_time_net_golden.jsonl
    {"functions_time_net_golden.jsonl", "", ""},
    // tests/tools/record_eval_goldens.py functions_yaml_cases.txt functions_yaml_golden.jsonl
    {"functions_yaml_golden.jsonl", "", ""},
    // tests/tools/record_eval_goldens.py functions_empty_string_cases.txt
    //   functions_empty_string_golden.jsonl
    {"functions_empty_string_golden.jsonl", "", ""},
    // tests/tools/record_eval_goldens.py functions_regex_cases.txt functions_regex_golden.jsonl
    {"functions_regex_golden.jsonl", "", ""},
    // tests/tools/record_eval_goldens.py marks_cases.txt marks_golden.jsonl
    {"marks_golden.jsonl", "", ""},
};

struct PairCase {
  size_t pair;
  GoldenCase c;
};

const std::vector<PairCase>& LoadCases() {
  static const std::vector<PairCase> cases = [] {
    std::vector<PairCase> out;
    for (size_t i = 0; i < std::size(kPairs); ++i) {
      for (GoldenCase& c : testing::LoadCases(kPairs[i].golden)) out.push_back({i, std::move(c)});
    }
    return out;
  }();
  return cases;
}

const functions::BuiltinFunctions& PlanningBuiltins() {
  static const functions::BuiltinFunctions* registry = [] {
    functions::FunctionOptions options;
    options.planning = true;
    return functions::MakeBuiltins(options).release();
  }();
  return *registry;
}

/// Runs `f` in `dir` (when not empty) with HOME set to `home` (when not empty).
template <typename F>
auto InEnvironment(const std::string& dir, const std::string& home, F f) {
  std::string old_cwd(4096, '\0');
  EXPECT_NE(::getcwd(old_cwd.data(), old_cwd.size()), nullptr);
  const char* old_home_env = std::getenv("HOME");
  std::string old_home = old_home_env ? old_home_env : "";
  if (!dir.empty()) EXPECT_EQ(::chdir(dir.c_str()), 0) << dir;
  if (!home.empty()) ::setenv("HOME", home.c_str(), 1);
  auto result = f();
  if (!dir.empty()) EXPECT_EQ(::chdir(old_cwd.c_str()), 0);
  if (!home.empty()) ::setenv("HOME", old_home.c_str(), 1);
  return result;
}

EvalResult EvalText(const std::string& text, const FunctionRegistry& functions) {
  return testing::EvalText(text, testing::GoldenScope(functions), functions);
}


class FunctionsGoldenTest : public ::testing::TestWithParam<PairCase> {};

TEST_P(FunctionsGoldenTest, MatchesTerraform) {
  const PairCase& pc = GetParam();
  const GoldenCase& c = pc.c;
  const GoldenPair& pair = kPairs[pc.pair];
  std::string dir = *pair.work_dir ? testing::GoldenDir() + pair.work_dir : "";
  // Cases recorded without -plan ("planning": false) run the impure functions.
  const functions::BuiltinFunctions& registry =
      c.expected.value("planning", true) ? PlanningBuiltins() : functions::Builtins();
  EvalResult r = InEnvironment(dir, pair.home, [&] { return EvalText(c.expr, registry); });
  testing::ExpectMatchesTerraform(c, r);
}

INSTANTIATE_TEST_SUITE_P(Terraform, FunctionsGoldenTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<PairCase>& info) {
                           return "case" + std::to_string(info.index);
                         });

/// Every function `terraform metadata functions -json` lists (terraform_function_names.txt)
/// is registered, with and without the `core::` prefix the evaluator strips.
TEST(FunctionsTest, EveryTerraformFunctionIsRegistered) {
  std::ifstream in(testing::GoldenDir() + "terraform_function_names.txt");
  ASSERT_TRUE(in) << "terraform_function_names.txt";
  size_t count = 0;
  for (std::string name; std::getline(in, name);) {
    if (name.empty()) continue;
    if (name.rfind("core::", 0) == 0) name = name.substr(6);
    EXPECT_TRUE(functions::Builtins().Has(name)) << name;
    ++count;
  }
  EXPECT_EQ(count, 238u);
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


/// Every function's parameters (names and types, and the variadic one) are the ones
/// `terraform metadata functions -json` describes; diagnostics show them ("while calling
/// upper(str)") and `-json` prints them. terraform_function_signatures.json keeps those
/// fields of Terraform's output. Return types are compared where Terraform's is static: cty
/// computes the described one from the parameter types, which is "dynamic" for a dynamic
/// parameter that does not allow the dynamic type, a distinction our registry does not keep.
TEST(FunctionsTest, SignaturesAreTerraforms) {
  std::ifstream in(testing::GoldenDir() + "terraform_function_signatures.json");
  ASSERT_TRUE(in);
  nlohmann::json expected = nlohmann::json::parse(in);
  for (const auto& [name, want] : expected.items()) {
    ASSERT_TRUE(functions::Builtins().Has(name)) << name;
    FunctionCallInfo::Signature sig = functions::Builtins().Signature(name);
    nlohmann::json got = nlohmann::json::object();
    got["parameters"] = nlohmann::json::array();
    for (const FunctionParamInfo& p : sig.params) {
      got["parameters"].push_back({{"name", p.name}, {"type", nlohmann::json::parse(p.type_json)}});
    }
    got["return_type"] = want["return_type"] == "dynamic" ||
                                 nlohmann::json::parse(sig.return_type_json) == "dynamic"
                             ? want["return_type"]
                             : nlohmann::json::parse(sig.return_type_json);
    if (sig.variadic_param) {
      got["variadic_parameter"] = {{"name", sig.variadic_param->name},
                                   {"type", nlohmann::json::parse(sig.variadic_param->type_json)}};
    }
    EXPECT_EQ(got, want) << name;
  }
}

}  // namespace
}  // namespace cairn::eval
