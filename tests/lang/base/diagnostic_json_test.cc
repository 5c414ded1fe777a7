#include "lang/base/diagnostic_json.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "diagnostic_cases.h"
#include "lang/base/go_json.h"

namespace cairn {
namespace {

using testing::BuildCase;
using testing::CaseDir;
using testing::CaseNames;
using testing::ReadTestFile;

class DiagnosticJsonGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DiagnosticJsonGoldenTest, MatchesTerraformValidateJson) {
  const testing::DiagnosticCase c = BuildCase(GetParam());
  EXPECT_EQ(RenderValidateJson(c.diagnostics, c.sources),
            ReadTestFile(CaseDir(c.name) + "/validate.json"));
}

// `terraform plan -json` reports the same diagnostics as UI log lines (in an order that can
// vary between runs when Terraform evaluates concurrently, so lines are compared as a set).
TEST_P(DiagnosticJsonGoldenTest, MatchesTerraformPlanJsonLogLines) {
  testing::DiagnosticCase c = BuildCase(GetParam());
  if (c.name == "no_subject") {
    // Without `terraform init`, plan stops at the lock file check instead.
    c.diagnostics = Diagnostics();
    c.diagnostics.Error(
        "Inconsistent dependency lock file",
        "The following dependency selections recorded in the lock file are inconsistent with "
        "the current configuration:\n  - provider registry.terraform.io/hashicorp/aws: "
        "required by this configuration but no version is selected\n\nTo make the initial "
        "dependency selections that will initialize the dependency lock file, run:\n  "
        "terraform init");
  }
  std::multiset<std::string> got;
  for (const Diagnostic& d : c.diagnostics) {
    got.insert(GoJsonMarshal(
        DiagnosticLogMessage(MakeDiagnosticDisplay(d, c.sources), "2000-01-01T00:00:00.000000Z")));
  }
  std::multiset<std::string> want;
  std::istringstream lines(ReadTestFile(CaseDir(c.name) + "/plan_diagnostics.jsonl"));
  for (std::string line; std::getline(lines, line);) want.insert(line);
  EXPECT_EQ(got, want);
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagnosticJsonGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

TEST(DiagnosticJsonTest, NoDiagnosticsIsValidWithEmptyArray) {
  EXPECT_EQ(RenderValidateJson(Diagnostics(), EmptySourceIndex()),
            "{\n"
            "  \"format_version\": \"1.0\",\n"
            "  \"valid\": true,\n"
            "  \"error_count\": 0,\n"
            "  \"warning_count\": 0,\n"
            "  \"diagnostics\": []\n"
            "}\n");
}

TEST(DiagnosticJsonTest, OneObjectForOtherViews) {
  const FileName f = FileName::Intern("main.tf");
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.summary = "S";
  d.detail = "a < b && c > d";
  d.address = "terraform_data.x";
  d.subject = Range{f, {1, 1, 0}, {1, 2, 1}};
  EXPECT_EQ(GoJsonMarshal(DiagnosticToJson(d, EmptySourceIndex())),
            R"({"severity":"warning","summary":"S","detail":"a \u003c b \u0026\u0026 c \u003e d",)"
            R"("address":"terraform_data.x","range":{"filename":"main.tf",)"
            R"("start":{"line":1,"column":1,"byte":0},"end":{"line":1,"column":2,"byte":1}}})");
}

TEST(GoJsonTest, StringEscapingMatchesGo) {
  static constexpr char kInput[] =
      "q\" b\\ \b\f\n\r\t \x01\x1f\x7f <>& \xe2\x80\xa8\xe2\x80\xa9 é 🙂 \xff\xc3";
  std::string out;
  AppendGoJsonString(out, std::string_view(kInput, sizeof kInput - 1));
  EXPECT_EQ(out,
            "\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001\\u001f\x7f \\u003c\\u003e\\u0026 "
            "\\u2028\\u2029 é 🙂 \\ufffd\\ufffd\"");
}

TEST(GoJsonTest, NumbersAndNesting) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["z"] = 1.5;
  j["a"] = -3;
  j["big"] = 1e21;
  j["small"] = 0.0000001;
  j["whole"] = 100.0;
  j["u"] = 18446744073709551615ull;
  j["empty_obj"] = nlohmann::ordered_json::object();
  j["list"] = {true, nullptr, "x"};
  EXPECT_EQ(GoJsonMarshal(j),
            R"({"z":1.5,"a":-3,"big":1e+21,"small":1e-7,"whole":100,"u":18446744073709551615,)"
            R"("empty_obj":{},"list":[true,null,"x"]})");
  EXPECT_EQ(GoJsonMarshalIndent(nlohmann::ordered_json::parse(R"({"a":[1,{"b":[]}]})"), "  "),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ]\n}");
}

}  // namespace
}  // namespace cairn
