/// `cairn show -json` of a state against `terraform show -json` of the same state
/// (tests/cli/testdata/show/<case>: recorded by tests/tools/record_cli_goldens.sh show).
/// Terraform writes sensitive values in clear text; Cairn redacts them unless
/// -show-sensitive, so the comparison with Terraform's bytes runs with -show-sensitive and
/// the redacted form is checked separately.

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kShow = fs::path(CAIRN_SOURCE_DIR) / "tests/cli/testdata/show";

/// Runs `args` in a copy of the case (its state) and compares with step `step`'s golden.
void ExpectStep(const std::string& name, int step, std::vector<std::string> args) {
  SCOPED_TRACE(name + " step " + std::to_string(step));
  ScratchDir dir;
  if (fs::exists(kShow / name / "terraform.tfstate")) {
    fs::copy(kShow / name / "terraform.tfstate", dir.path() / "terraform.tfstate");
  }
  CliResult r = RunCairn(dir.path(), args);
  std::string n = std::to_string(step);
  EXPECT_EQ(r.out, ReadFile(kShow / name / ("expected." + n + ".out")));
  EXPECT_EQ(r.err, ReadFile(kShow / name / ("expected." + n + ".err")));
  EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(kShow / name / ("expected." + n + ".rc")));
}

TEST(ShowJsonCliTest, StateAsTerraformShowsIt) {
  ExpectStep("state_full", 1, {"show", "-json", "-show-sensitive"});
  ExpectStep("state_full", 2, {"show", "-json", "-no-color", "-show-sensitive"});
  ExpectStep("state_values", 1, {"show", "-json", "-show-sensitive"});
  ExpectStep("state_values", 2, {"show", "-no-color"});
  ExpectStep("no_state", 1, {"show", "-json"});
  ExpectStep("no_state", 2, {"show", "-no-color"});
}

/// Without -show-sensitive, every value Terraform marks sensitive (sensitive outputs,
/// sensitive_values positions) is the placeholder; the rest is Terraform's document.
TEST(ShowJsonCliTest, SensitiveValuesRedactedByDefault) {
  ScratchDir dir;
  fs::copy(kShow / "state_values/terraform.tfstate", dir.path() / "terraform.tfstate");
  CliResult r = RunCairn(dir.path(), {"show", "-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json got = nlohmann::json::parse(r.out);
  nlohmann::json want = nlohmann::json::parse(ReadFile(kShow / "state_values/expected.1.out"));
  // (terraform_data.secret's `output` holds the secret too, but the state Terraform wrote
  // does not mark it sensitive, so neither does Terraform's JSON nor Cairn's.)
  EXPECT_EQ(got["values"]["outputs"]["hidden"]["value"], "(sensitive value)");
  want["values"]["outputs"]["hidden"]["value"] = "(sensitive value)";
  // terraform_data.secret's input, partly's input.hidden and the module's secret keys.
  for (auto* module : {&want["values"]["root_module"]}) {
    for (auto& res : (*module)["resources"]) {
      if (res["name"] == "secret") res["values"]["input"] = "(sensitive value)";
      if (res["name"] == "partly") res["values"]["input"]["hidden"] = "(sensitive value)";
    }
  }
  for (auto& child : want["values"]["root_module"]["child_modules"]) {
    for (auto& res : child["resources"]) res["values"]["input"]["secret"] = "(sensitive value)";
  }
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace cairn::testing
