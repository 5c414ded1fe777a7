// Table-driven evaluation tests: every expression of eval_cases.txt against what Terraform
// 1.11 printed for it (eval_golden.jsonl, recorded by tests/tools/record_eval_goldens.py) in
// the scope of eval_scope.txt.

#include "lang/eval/evaluate.h"
#include "tests/lang/eval/eval_golden_support.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/value_console.h"
#include "lang/base/value_json.h"
#include "lang/base/wordwrap.h"
#include "lang/syntax/parser.h"

namespace cairn::eval {
namespace {

using testing::GoldenCase;
using testing::Lines;

const std::string& kDir = testing::GoldenDir();

/// A registry with one function, Terraform's `max` over numbers (enough to test calls and
/// the expansion of a final `...` argument), that names all of Terraform's functions.
class TestFunctions : public FunctionRegistry {
 public:
  bool Has(std::string_view name) const override { return name == "max"; }
  /// Terraform's function names (terraform_function_names.txt), for its suggestions.
  std::vector<std::string> Names() const override {
    static const std::vector<std::string> names = Lines(kDir + "terraform_function_names.txt");
    return names;
  }
  FunctionResult Call(std::string_view name, const std::vector<FunctionArg>& args,
                      const ast::FunctionCallData& call, const Range& call_range) const override {
    FunctionResult out;
    if (args.empty()) {
      out.diagnostics.Error("Error in function call",
                            "Call to function \"max\" failed: must pass at least one number.",
                            Range{call.name_range.filename, call.name_range.start,
                                  call.open_paren_range.end},
                            call_range);
      out.value = Value::Unknown(Type::Number());
      return out;
    }
    std::optional<Number> best;
    for (const FunctionArg& arg : args) {
      ConvertResult n = Convert(arg.value, Type::Number());
      EXPECT_TRUE(n.ok());
      if (!n.value.IsKnown()) {
        out.value = Value::Unknown(Type::Number()).RefineNotNull();
        return out;
      }
      Number v = n.value.AsNumber();
      if (!best || v.Compare(*best) > 0) best = v;
    }
    out.value = Value::Num(*best);
    return out;
  }
};

const TestFunctions& Functions() {
  static const TestFunctions functions;
  return functions;
}

EvalResult EvalText(const std::string& text, const Scope& scope) {
  return testing::EvalText(text, scope, Functions());
}

const MapScope& TestScope() { return testing::GoldenScope(Functions()); }

const std::vector<GoldenCase>& LoadCases() {
  static const std::vector<GoldenCase> cases = testing::LoadCases("eval_golden.jsonl");
  return cases;
}

class EvalGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(EvalGoldenTest, MatchesTerraform) {
  const GoldenCase& c = GetParam();
  testing::ExpectMatchesTerraform(c, EvalText(c.expr, TestScope()));
}

INSTANTIATE_TEST_SUITE_P(Terraform, EvalGoldenTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) {
                           return "case" + std::to_string(info.index);
                         });

/// Multi-line expressions (heredocs, strip markers) against `terraform output -json`.
TEST(EvalTest, MultiLineExpressionsMatchTerraformOutputs) {
  std::vector<std::string> lines = Lines(kDir + "eval_template_golden.jsonl");
  EXPECT_GE(lines.size(), 15u);
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    std::string expr = j["expr"].get<std::string>();
    // In the configuration Terraform read, a newline follows (a heredoc needs one).
    EvalResult r = EvalText(expr + "\n", TestScope());
    for (const Diagnostic& d : r.diagnostics) {
      ADD_FAILURE() << expr << ": unexpected " << d.summary << ": " << d.detail;
    }
    JsonEncodeResult json = EncodeJson(r.value);
    ASSERT_TRUE(json.ok()) << expr;
    EXPECT_EQ(nlohmann::json::parse(json.json), j["json"]) << expr;
  }
}

TEST(EvalTest, GoldenTableIsBroad) { EXPECT_GE(LoadCases().size(), 150u); }

/// The subject of an error is the offending sub-expression.
TEST(EvalTest, SubjectRanges) {
  struct Case {
    std::string text;
    int start_col;
    int end_col;
  };
  const Case cases[] = {
      {"1 + \"a\"", 5, 8},        // the right operand
      {"var.o.nope", 6, 11},      // the `.nope` step
      {"[1][5]", 4, 7},           // the `[5]` step
      {"\"x${null}\"", 5, 9},     // the interpolated part
      {"nosuchfunc(1)", 1, 11},   // the function name
      {"null ? 1 : 2", 1, 5},     // the condition
  };
  for (const Case& c : cases) {
    EvalResult r = EvalText(c.text, TestScope());
    ASSERT_TRUE(r.diagnostics.HasErrors()) << c.text;
    ASSERT_TRUE(r.diagnostics[0].subject.has_value()) << c.text;
    EXPECT_EQ(r.diagnostics[0].subject->start.column, c.start_col) << c.text;
    EXPECT_EQ(r.diagnostics[0].subject->end.column, c.end_col) << c.text;
  }
}

/// Unknowns keep their type where Terraform's do.
TEST(EvalTest, UnknownTypes) {
  EXPECT_TRUE(EvalText("local.us == \"a\"", TestScope())
                  .value.RawEquals(Value::Unknown(Type::Bool()).RefineNotNull()));
  EXPECT_TRUE(EvalText("\"a${local.us}\"", TestScope())
                  .value.RawEquals(Value::Unknown(Type::String()).RefineNotNull()));
  EXPECT_EQ(EvalText("var.l[local.us]", TestScope()).value.type(), Type::Number());
}

/// A value that failed to parse is unknown and reports nothing more: its syntax error is the
/// only diagnostic (hclsyntax's ExprSyntaxError).
TEST(EvalTest, UnparsedValueIsUnknownWithoutFollowOnErrors) {
  syntax::ParseResult parsed = syntax::ParseFile("a = 1 +\n", "main.tf");
  ASSERT_EQ(parsed.diagnostics.size(), 1u);
  const ast::Attribute* a = parsed.file->body.FindAttribute("a");
  ASSERT_NE(a, nullptr);
  EvalResult r = Evaluate(*a->expr, TestScope());
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.value.RawEquals(Value::DynamicUnknown()));
}

}  // namespace
}  // namespace cairn::eval
