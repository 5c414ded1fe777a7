/// `cairn plan` end to end over the two-step scenarios recorded from the real terraform
/// (tests/planner/render/testdata/<name>: the state terraform wrote after applying a.tf, then
/// b.tf planned with the scenario's `args`); stdout must be terraform's text with Cairn's
/// product name (plan.txt).

#include <gtest/gtest.h>

#include <filesystem>
#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

fs::path ScenarioRoot() {
  return fs::path(CAIRN_SOURCE_DIR) / "tests" / "planner" / "render" / "testdata";
}

std::vector<std::string> Scenarios() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(ScenarioRoot(), ec)) {
    if (e.is_directory() && fs::exists(e.path() / "plan.txt")) {
      out.push_back(e.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// The text with its leading "Refreshing state..." lines sorted: Terraform refreshes in
/// parallel, so its order of those lines varies from run to run (Cairn prints them in the
/// order it walks the configuration).
std::string SortRefreshLines(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> refresh;
  std::string rest, line;
  bool leading = true;
  while (std::getline(in, line)) {
    if (leading && line.find(": Refreshing state...") != std::string::npos) {
      refresh.push_back(line);
      continue;
    }
    leading = false;
    rest += line + "\n";
  }
  std::sort(refresh.begin(), refresh.end());
  std::string out;
  for (const std::string& r : refresh) out += r + "\n";
  return out + rest;
}

class PlanScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanScenarioTest, PlansAsTerraformDid) {
  const fs::path dir = ScenarioRoot() / GetParam();
  ScratchDir work;
  work.Write("main.tf", ReadFile(dir / "b.tf"));
  // Module directories the configurations call (mod/, mod_a/, ...).
  for (const auto& sub : fs::directory_iterator(dir)) {
    if (!sub.is_directory()) continue;
    for (const auto& e : fs::recursive_directory_iterator(sub.path())) {
      if (!e.is_regular_file()) continue;
      work.Write(fs::relative(e.path(), dir).generic_string(), ReadFile(e.path()));
    }
  }
  work.Write("terraform.tfstate", ReadFile(dir / "state.tfstate"));
  std::vector<std::string> args = {"plan", "-no-color"};
  for (const std::string& a : Words(ReadFile(dir / "args"))) args.push_back(a);
  CliResult r = RunCairn(work.path(), args);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(SortRefreshLines(r.out), SortRefreshLines(ReadFile(dir / "plan.txt")));
  EXPECT_EQ(r.exit_code, 0);
  // Planning never changes the state.
  EXPECT_EQ(work.Read("terraform.tfstate"), ReadFile(dir / "state.tfstate"));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PlanScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param; });

/// The lines of `text` sorted, with the random ids terraform_data gives new objects, the
/// random deposed keys and the durations masked: apply runs independent instances in parallel (Terraform as Cairn), so
/// the order of its progress lines varies from run to run.
std::vector<std::string> ApplyLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(MaskRunSpecific(text));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::vector<std::string> ApplyScenarios() {
  std::vector<std::string> out;
  for (const std::string& s : Scenarios()) {
    if (fs::exists(ScenarioRoot() / s / "apply.txt")) out.push_back(s);
  }
  return out;
}

class ApplyScenarioTest : public ::testing::TestWithParam<std::string> {};

/// The scenario applied end to end: what apply prints (progress lines, summary, outputs) and
/// the outputs it records (`cairn output -json`) are terraform's (apply.txt,
/// apply_outputs.json, recorded by tests/tools/record_apply_scenarios.sh).
TEST_P(ApplyScenarioTest, AppliesAsTerraformDid) {
  const fs::path dir = ScenarioRoot() / GetParam();
  ScratchDir work;
  work.Write("main.tf", ReadFile(dir / "b.tf"));
  for (const auto& sub : fs::directory_iterator(dir)) {
    if (!sub.is_directory()) continue;
    for (const auto& e : fs::recursive_directory_iterator(sub.path())) {
      if (!e.is_regular_file()) continue;
      work.Write(fs::relative(e.path(), dir).generic_string(), ReadFile(e.path()));
    }
  }
  work.Write("terraform.tfstate", ReadFile(dir / "state.tfstate"));
  std::vector<std::string> args = {"apply", "-no-color", "-auto-approve"};
  for (const std::string& a : Words(ReadFile(dir / "args"))) args.push_back(a);
  CliResult r = RunCairn(work.path(), args);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(ApplyLines(r.out), ApplyLines(ReadFile(dir / "apply.txt")));
  CliResult outputs = RunCairn(work.path(), {"output", "-json"});
  EXPECT_EQ(ApplyLines(outputs.out), ApplyLines(ReadFile(dir / "apply_outputs.json")));
  // A plain apply leaves nothing to do.
  if (Words(ReadFile(dir / "args")).empty()) {
    CliResult again = RunCairn(work.path(), {"plan", "-no-color", "-detailed-exitcode"});
    EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ApplyScenarioTest, ::testing::ValuesIn(ApplyScenarios()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace cairn::testing
