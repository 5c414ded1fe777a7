/// `cairn apply` with check blocks (the check_blocks plan scenario, whose apply outputs were
/// recorded from terraform): with a prompt the plan's check warnings come before it; with
/// -auto-approve only the checks evaluated after applying are shown.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kScenario =
    fs::path(CAIRN_SOURCE_DIR) / "tests" / "planner" / "render" / "testdata" / "check_blocks";

class CheckApplyCliTest : public ::testing::Test {
 protected:
  CheckApplyCliTest() {
    dir_.Write("main.tf", ReadFile(kScenario / "b.tf"));
    dir_.Write("terraform.tfstate", ReadFile(kScenario / "state.tfstate"));
  }
  ScratchDir dir_;
};

TEST_F(CheckApplyCliTest, AutoApproveShowsTheChecksAfterApplying) {
  CliResult r = RunCairn(dir_.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(SortLeadingRefreshLines(r.out),
            SortLeadingRefreshLines(ReadFile(kScenario / "apply_auto.txt")));
}

TEST_F(CheckApplyCliTest, ThePromptComesAfterThePlansCheckWarnings) {
  CliResult r = RunCairn(dir_.path(), {"apply", "-no-color"}, "yes\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(SortLeadingRefreshLines(r.out),
            SortLeadingRefreshLines(ReadFile(kScenario / "apply_prompt.txt")));
}

/// Terraform's `checks` of `show -json PLANFILE` (checks.plan.json, recorded from terraform).
TEST_F(CheckApplyCliTest, SavedPlanJsonHasTheChecks) {
  CliResult plan = RunCairn(dir_.path(), {"plan", "-no-color", "-out=p.plan"});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  CliResult show = RunCairn(dir_.path(), {"show", "-json", "p.plan"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  nlohmann::json got = nlohmann::json::parse(show.out);
  nlohmann::json want = nlohmann::json::parse(ReadFile(kScenario / "checks.plan.json"));
  EXPECT_EQ(got["checks"], want) << got["checks"].dump(2);
}

/// The state's `check_results` after applying: terraform's (check_results.state.json), whose
/// order terraform does not keep from run to run, so compared by config_addr.
TEST_F(CheckApplyCliTest, ApplyRecordsTheCheckResultsInTheState) {
  CliResult r = RunCairn(dir_.path(), {"apply", "-no-color", "-auto-approve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto by_addr = [](nlohmann::json list) {
    std::map<std::string, nlohmann::json> out;
    for (auto& c : list) out[c["config_addr"].get<std::string>()] = c;
    return out;
  };
  nlohmann::json state = nlohmann::json::parse(dir_.Read("terraform.tfstate"));
  EXPECT_EQ(by_addr(state["check_results"]),
            by_addr(nlohmann::json::parse(ReadFile(kScenario / "check_results.state.json"))))
      << state["check_results"].dump(2);
}

}  // namespace
}  // namespace cairn::testing
