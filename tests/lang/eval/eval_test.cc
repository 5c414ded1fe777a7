// Table-driven evaluation tests: every expression of eval_cases.txt against what Terraform
// 1.11 printed for it (eval_golden.jsonl, recorded by tests/tools/record_eval_goldens.py) in
// the scope of eval_scope.txt.

#include "lang/eval/evaluate.h"

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

const std::string kDir = std::string(CAIRN_SOURCE_DIR) + "/tests/lang/eval/";

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

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

/// Evaluates `text` in `scope`; a syntax error (which Terraform reports the same way) is the
/// result's diagnostics.
EvalResult EvalText(const std::string& text, const Scope& scope) {
  syntax::ExprParseResult parsed = syntax::ParseExpression(text, "<test>");
  if (parsed.diagnostics.HasErrors() || !parsed.expr) {
    return {Value::DynamicUnknown(), parsed.diagnostics};
  }
  static const TestFunctions kFunctions;
  return Evaluate(*parsed.expr, scope, kFunctions);
}

/// The scope Terraform saw (see eval_scope.txt).
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
      if (kind == "resource") continue;  // only Terraform needs the resources
      if (kind == "unknown" || kind == "unknown!") {
        ParsedTypeConstraint t = ParseTypeConstraint(f[2]);
        EXPECT_EQ(t.error, "") << line;
        Value u = Value::Unknown(t.type);
        if (kind == "unknown!") u = u.RefineNotNull();
        s->SetNamed("local", f[1], u);
        continue;
      }
      EvalResult v = EvalText(f[3], empty);
      EXPECT_FALSE(v.diagnostics.HasErrors()) << line;
      Value value = v.value;
      if (!f[2].empty()) {
        ParsedTypeConstraint t = ParseTypeConstraint(f[2]);
        EXPECT_EQ(t.error, "") << line;
        ConvertResult c = Convert(value, t.type);
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
  for (const std::string& line : Lines(kDir + "eval_golden.jsonl")) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    out.push_back({j["expr"].get<std::string>(), j});
  }
  return out;
}

class EvalGoldenTest : public testing::TestWithParam<GoldenCase> {};

TEST_P(EvalGoldenTest, MatchesTerraform) {
  const GoldenCase& c = GetParam();
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
    // Terraform wraps the detail for a 78-column terminal when its output is not one.
    EXPECT_EQ(WordWrap(d.detail, 78), c.expected["error"]["detail"].get<std::string>())
        << c.expr;
    ASSERT_TRUE(d.subject.has_value()) << c.expr;
    if (c.expected.contains("subject")) {
      // Byte offsets relative to the start of the expression, as `terraform plan -json`
      // reported them.
      EXPECT_EQ(d.subject->start.byte, c.expected["subject"][0].get<int64_t>()) << c.expr;
      EXPECT_EQ(d.subject->end.byte, c.expected["subject"][1].get<int64_t>()) << c.expr;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Terraform, EvalGoldenTest, testing::ValuesIn(LoadCases()),
                         [](const testing::TestParamInfo<GoldenCase>& info) {
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
