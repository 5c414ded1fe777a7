/// What the goldens of testdata/plan and testdata/apply cannot show: Cairn's own refusal of
/// configurations with resources (Terraform would plan them) and values only known at apply
/// time (the time of day).

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

TEST(PlanApplyCliTest, ResourcesDataSourcesAndModuleCallsAreRefusedWhereDeclared) {
  ScratchDir dir;
  dir.Write("main.tf",
            "output \"a\" {\n  value = 1\n}\n\n"
            "resource \"terraform_data\" \"x\" {\n}\n\n"
            "data \"external\" \"y\" {\n}\n\n"
            "module \"m\" {\n  source = \"./m\"\n}\n");
  for (const char* command : {"plan", "apply"}) {
    SCOPED_TRACE(command);
    CliResult r = RunCairn(dir.path(), {command, "-no-color"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("Error: Resources cannot be planned yet\n\n  on main.tf line 5:\n"
                         "   5: resource \"terraform_data\" \"x\" {\n\nCairn cannot plan "
                         "resource \"terraform_data.x\" yet"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("on main.tf line 8:"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("data source \"data.external.y\""), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("module call \"module.m\""), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "terraform.tfstate"));
  }
}

TEST(PlanApplyCliTest, ApplyRecordsTheTimeThePlanLeftUnknown) {
  ScratchDir dir;
  dir.Write("main.tf", "output \"when\" {\n  value = timestamp()\n}\n");
  CliResult plan = RunCairn(dir.path(), {"plan", "-no-color"});
  EXPECT_NE(plan.out.find("  + when = (known after apply)\n"), std::string::npos) << plan.out;
  CliResult apply = RunCairn(dir.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(apply.exit_code, 0) << apply.err;
  EXPECT_NE(apply.out.find("  + when = (known after apply)\n"), std::string::npos);
  std::regex time("when = \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\"\n$");
  EXPECT_TRUE(std::regex_search(apply.out, time)) << apply.out;
  CliResult raw = RunCairn(dir.path(), {"output", "-raw", "when"});
  EXPECT_TRUE(std::regex_match(raw.out, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")))
      << raw.out;
  // The recorded time is in the state; a new plan shows it changing to an unknown value.
  CliResult again = RunCairn(dir.path(), {"plan", "-no-color", "-detailed-exitcode"});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.out.find("  ~ when = \"" + raw.out + "\" -> (known after apply)\n"),
            std::string::npos)
      << again.out;
}

TEST(PlanApplyCliTest, ApplyWritesNoStateWhenCancelled) {
  ScratchDir dir;
  dir.Write("main.tf", "output \"a\" {\n  value = 1\n}\n");
  CliResult r = RunCairn(dir.path(), {"apply", "-no-color"}, "yes please\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("  Enter a value: \nApply cancelled.\n"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "terraform.tfstate"));
}

}  // namespace
}  // namespace cairn::testing
