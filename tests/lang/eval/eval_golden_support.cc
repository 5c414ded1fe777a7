#include "tests/lang/eval/eval_golden_support.h"

#include <gtest/gtest.h>

#include <fstream>

#include "lang/base/convert.h"
#include "lang/base/value_console.h"
#include "lang/base/wordwrap.h"
#include "lang/syntax/parser.h"

namespace cairn::eval::testing {

const std::string& GoldenDir() {
  static const std::string dir = std::string(CAIRN_SOURCE_DIR) + "/tests/lang/eval/";
  return dir;
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

EvalResult EvalText(const std::string& text, const Scope& scope,
                    const FunctionRegistry& functions) {
  syntax::ExprParseResult parsed = syntax::ParseExpression(text, "<console-input>");
  if (parsed.diagnostics.HasErrors() || !parsed.expr) {
    return {Value::DynamicUnknown(), parsed.diagnostics};
  }
  return Evaluate(*parsed.expr, scope, functions);
}

const MapScope& GoldenScope(const FunctionRegistry& functions) {
  static const MapScope* scope = [&functions] {
    auto* s = new MapScope();
    MapScope empty;
    for (const std::string& line : Lines(GoldenDir() + "eval_scope.txt")) {
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
      EvalResult v = EvalText(f[3], empty, functions);
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

std::vector<GoldenCase> LoadCases(const std::string& file) {
  std::vector<GoldenCase> out;
  for (const std::string& line : Lines(GoldenDir() + file)) {
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line);
    out.push_back({j["expr"].get<std::string>(), j});
  }
  return out;
}

void ExpectMatchesTerraform(const GoldenCase& c, const EvalResult& r) {
  if (c.expected.contains("value")) {
    for (const Diagnostic& d : r.diagnostics) {
      ADD_FAILURE() << c.expr << ": unexpected " << d.summary << ": " << d.detail;
    }
    EXPECT_EQ(FormatConsoleValue(r.value), c.expected["value"].get<std::string>()) << c.expr;
    return;
  }
  ASSERT_TRUE(r.diagnostics.HasErrors())
      << c.expr << ": no error, value " << FormatConsoleValue(r.value);
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.summary, c.expected["error"]["summary"].get<std::string>()) << c.expr;
  EXPECT_EQ(WordWrap(d.detail, 78), c.expected["error"]["detail"].get<std::string>()) << c.expr;
  ASSERT_TRUE(d.subject.has_value()) << c.expr;
  if (c.expected.contains("subject")) {
    // Byte offsets relative to the start of the expression, as `terraform plan -json`
    // reported them: an empty subject (an empty quoted string's) widened by one byte, as
    // every diagnostic renderer (ours and Terraform's) widens it.
    const int64_t end = d.subject->end.byte + (d.subject->start == d.subject->end ? 1 : 0);
    EXPECT_EQ(d.subject->start.byte, c.expected["subject"][0].get<int64_t>()) << c.expr;
    EXPECT_EQ(end, c.expected["subject"][1].get<int64_t>()) << c.expr;
  }
}

}  // namespace cairn::eval::testing
