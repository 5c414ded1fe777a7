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

class PlanScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanScenarioTest, PlansAsTerraformDid) {
  const fs::path dir = ScenarioRoot() / GetParam();
  ScratchDir work;
  WriteScenario(work, dir);
  std::vector<std::string> args = {"plan", "-no-color"};
  for (const std::string& a : Words(ReadFile(dir / "args"))) args.push_back(a);
  CliResult r = RunCairn(work.path(), args);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(SortLeadingRefreshLines(r.out), SortLeadingRefreshLines(ReadFile(dir / "plan.txt")));
  EXPECT_EQ(r.exit_code, 0);
  // Planning never changes the state.
  EXPECT_EQ(work.Read("terraform.tfstate"), ReadFile(dir / "state.tfstate"));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PlanScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param; });

/// The lines of `text` sorted, with the random ids terraform_data gives new objects, the
/// random deposed keys and the durations masked: apply runs independent instances in
/// parallel (Terraform as Cairn), so the order of its progress lines varies from run to run.
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
  WriteScenario(work, dir);
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
