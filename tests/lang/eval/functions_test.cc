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
#include "lang/syntax/parser.h"

namespace cairn::eval {
namespace {

const std::string kDir = std::string(CAIRN_SOURCE_DIR) + "/tests/lang/eval/";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

EvalResult EvalText(const std::string& text, const Scope& scope) {
  syntax::ExprParseResult parsed = syntax::ParseExpression(text, "<test>");
  if (parsed.diagnostics.HasErrors() || !parsed.expr) {
    return {Value::DynamicUnknown(), parsed.diagnostics};
  }
  return Evaluate(*parsed.expr, scope, functions::Builtins());
}

/// The scope Terraform saw (eval_scope.txt; resources are Terraform's way to make unknowns).
const MapScope& TestScope() {
  static const MapScope* scope = [] {
    auto* s = new MapScope();
    MapScope empty;
    for (const std::string& line : Lines(kDir + "eval_scope.txt")) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      size_t start = 0;
      for (int i = 0; i < 3; ++i) {
        size_t bar = line.find('|', start);
        f.push_back(line.substr(start, bar - start));
        start = bar + 1;
      }
      f.push_back(line.substr(start));
      const std::string& kind = f[0];
      if (kind == "resource") continue;
      if (kind == "unknown" || kind == "unknown!") {
        ParsedTypeConstraint t = ParseTypeConstraint(f[2]);
        Value u = Value::Unknown(t.type);
        if (kind == "unknown!") u = u.RefineNotNull();
        s->SetNamed("local", f[1], u);
        continue;
      }
      EvalResult v = EvalText(f[3], empty);
      EXPECT_FALSE(v.diagnostics.HasErrors()) << line;
      Value value = v.value;
      if (!f[2].empty()) {
        ConvertResult c = Convert(value, ParseTypeConstraint(f[2]).type);
        EXPECT_TRUE(c.ok()) << line;
        value = c.value;
      }
      if (kind == "svar") value = value.WithMarks(Marks::Sensitive());
      s->SetNamed("var", f[1], value);
    }
    return s;
  }();
  return *scope;
}

struct GoldenCase {
  std::string expr;
  nlohmann::json expected;
};

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> out;
  for (const std::string& line : Lines(kDir + "functions_golden.jsonl")) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    out.push_back({j["expr"].get<std::string>(), j});
  }
  return out;
}

std::string OuterFunction(const std::string& expr) { return expr.substr(0, expr.find('(')); }

class FunctionsGoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(FunctionsGoldenTest, MatchesTerraform) {
  const GoldenCase& c = GetParam();
  if (!functions::Builtins().Has(OuterFunction(c.expr))) {
    GTEST_SKIP() << OuterFunction(c.expr) << " is not implemented yet";
  }
  EvalResult r = EvalText(c.expr, TestScope());
  if (c.expected.contains("value")) {
    for (const Diagnostic& d : r.diagnostics) {
      ADD_FAILURE() << c.expr << ": unexpected " << d.summary << ": " << d.detail;
    }
    EXPECT_EQ(FormatConsoleValue(r.value), c.expected["value"].get<std::string>()) << c.expr;
  } else {
    ASSERT_TRUE(r.diagnostics.HasErrors())
        << c.expr << ": no error, value " << FormatConsoleValue(r.value);
    const Diagnostic& d = r.diagnostics[0];
    EXPECT_EQ(d.summary, c.expected["error"]["summary"].get<std::string>()) << c.expr;
    EXPECT_EQ(WordWrap(d.detail, 78), c.expected["error"]["detail"].get<std::string>())
        << c.expr;
    ASSERT_TRUE(d.subject.has_value()) << c.expr;
    if (c.expected.contains("subject")) {
      EXPECT_EQ(d.subject->start.byte, c.expected["subject"][0].get<int64_t>()) << c.expr;
      EXPECT_EQ(d.subject->end.byte, c.expected["subject"][1].get<int64_t>()) << c.expr;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Terraform, FunctionsGoldenTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
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

TEST(FunctionsTest, NamesAreSorted) {
  std::vector<std::string> names = functions::Builtins().Names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_FALSE(names.empty());
}

}  // namespace
}  // namespace cairn::eval
