// Runs every configuration under tests/planner/values/testdata/ through LoadModule,
// CollectInputValues and EvaluateRootModule (as `cairn apply` would) and compares the
// diagnostics and the outputs with what Terraform 1.11 gave for it (expected.json, recorded by
// tests/tools/record_values_goldens.py).

#include "planner/values/module_values.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lang/base/diagnostic_text.h"
#include "lang/base/value_json.h"
#include "lang/config/loader.h"
#include "planner/values/input_values.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kCases = fs::path(CAIRN_SOURCE_DIR) / "tests/planner/values/testdata";

std::vector<std::string> ReadLines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

json PosJson(const Pos& p) { return {{"line", p.line}, {"column", p.column}, {"byte", p.byte}}; }

/// A cycle's members in Terraform's message come in map order: compare them sorted.
std::string NormalizeSummary(std::string s) {
  if (s.rfind("Cycle: ", 0) != 0) return s;
  std::vector<std::string> parts;
  std::stringstream ss(s.substr(7));
  for (std::string p; std::getline(ss, p, ',');) {
    if (!p.empty() && p[0] == ' ') p.erase(0, 1);
    parts.push_back(p);
  }
  std::sort(parts.begin(), parts.end());
  std::string out = "Cycle: ";
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

/// The warnings for undeclared variables in files name two of them, picked in Go's map
/// order: compare them without the name.
std::string NormalizeDetail(const std::string& summary, std::string detail) {
  if (summary != "Value for undeclared variable") return detail;
  size_t a = detail.find("named \"");
  size_t b = a == std::string::npos ? a : detail.find('"', a + 7);
  if (b != std::string::npos) detail.replace(a + 7, b - a - 7, "*");
  return detail;
}

json DiagnosticJson(const Diagnostic& d) {
  json j = {{"severity", d.severity == Severity::kError ? "error" : "warning"},
            {"summary", NormalizeSummary(d.summary)},
            {"detail", d.detail}};
  if (d.subject) {
    // Terraform's JSON view widens an empty range to one character, as the CLI's does.
    Range r = *d.subject;
    if (r.Empty()) ++r.end.byte, ++r.end.column;
    j["range"] = {{"filename", std::string(r.filename.str())},
                  {"start", PosJson(r.start)},
                  {"end", PosJson(r.end)}};
  }
  if (!d.values.empty()) {
    json values = json::array();
    for (const ExpressionValue& v : d.values) {
      values.push_back({{"traversal", v.traversal}, {"statement", v.statement}});
    }
    j["values"] = values;
  }
  return j;
}

/// Sorted as Terraform's views sort them, then by text (Terraform's walk is concurrent).
json SortedDiagnostics(const json& list) {
  std::vector<json> items(list.begin(), list.end());
  for (json& d : items) {
    d["summary"] = NormalizeSummary(d["summary"].get<std::string>());
    d["detail"] = NormalizeDetail(d["summary"], d["detail"].get<std::string>());
  }
  std::sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return a.dump() < b.dump();
  });
  return json(items);
}

struct Outcome {
  json diagnostics = json::array();
  json outputs;  // null when there were errors
};

/// What `cairn apply` does with the case in the current directory.
Outcome RunCase(const fs::path& dir) {
  Outcome out;
  config::LoadResult loaded = config::LoadModule(".");
  Diagnostics diags = loaded.diagnostics;
  if (!diags.HasErrors()) {
    std::vector<std::string> environ = ReadLines(dir / "env.txt");
    std::vector<VarArgument> args;
    for (const std::string& a : ReadLines(dir / "args.txt")) {
      if (a.rfind("-var-file=", 0) == 0) {
        args.push_back({true, a.substr(10)});
      } else if (a.rfind("-var=", 0) == 0) {
        args.push_back({false, a.substr(5)});
      } else {
        ADD_FAILURE() << "unsupported argument " << a;
      }
    }
    CollectInputsResult inputs = CollectInputValues(loaded.module, ".", environ, args);
    diags.Append(inputs.diagnostics);
    if (!inputs.diagnostics.HasErrors()) {
      EvaluateOptions options;
      options.planning = false;
      ModuleValuesResult values = EvaluateRootModule(loaded.module, inputs.values, options);
      diags.Append(values.diagnostics);
      if (!diags.HasErrors()) {
        out.outputs = json::object();
        for (const auto& [name, o] : values.values.outputs) {
          Value v = o.value.UnmarkedDeep();
          if (v.IsNull()) continue;  // Terraform does not keep null outputs in the state
          JsonEncodeResult enc = EncodeJson(v);
          EXPECT_TRUE(enc.ok()) << name << ": " << enc.error;
          out.outputs[name] = {{"sensitive", o.sensitive},
                               {"type", json::parse(EncodeTypeJson(v.type()))},
                               {"value", json::parse(enc.ok() ? enc.json : "null")}};
        }
      }
    }
  }
  for (const Diagnostic& d : diags) out.diagnostics.push_back(DiagnosticJson(d));
  return out;
}

class ValuesGoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(ValuesGoldenTest, MatchesTerraform) {
  fs::path dir = kCases / GetParam();
  std::ifstream in(dir / "expected.json");
  ASSERT_TRUE(in) << "missing " << (dir / "expected.json");
  json expected = json::parse(in);
  fs::path saved = fs::current_path();
  fs::current_path(dir);
  Outcome got = RunCase(dir);
  fs::current_path(saved);

  EXPECT_EQ(SortedDiagnostics(got.diagnostics).dump(2),
            SortedDiagnostics(expected["diagnostics"]).dump(2));
  if (expected["exit_code"] == 0) {
    EXPECT_EQ(got.outputs.dump(2), expected["outputs"].dump(2));
  } else {
    EXPECT_TRUE(got.outputs.is_null()) << "expected errors, got outputs " << got.outputs.dump();
  }
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kCases)) {
    if (e.is_directory()) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cases, ValuesGoldenTest, testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::planner
