/// What the goldens of testdata/plan and testdata/apply cannot show: Cairn's own refusal of
/// configurations with resources (Terraform would plan them) and values only known at apply
/// time (the time of day).

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

TEST(PlanApplyCliTest, ResourcesOfProvidersCairnDoesNotHaveAreLocatedErrors) {
  ScratchDir dir;
  dir.Write("main.tf",
            "output \"a\" {\n  value = 1\n}\n\n"
            "resource \"terraform_data\" \"x\" {\n}\n\n"
            "data \"external\" \"y\" {\n}\n");
  for (const char* command : {"plan", "apply"}) {
    SCOPED_TRACE(command);
    CliResult r = RunCairn(dir.path(), {command, "-no-color"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err,
              "\nError: Missing required provider\n\n  on main.tf line 8:\n   8: data "
              "\"external\" \"y\" {\n\nThis configuration requires provider\n"
              "registry.terraform.io/hashicorp/external, but Cairn has no built-in\n"
              "implementation of it and found no plugin for it.\n");
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "terraform.tfstate"));
  }
}

TEST(PlanApplyCliTest, ModuleSourcesMustBeLocal) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"m\" {\n  source = \"hashicorp/consul/aws\"\n}\n");
  CliResult r = RunCairn(dir.path(), {"plan", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: Module not installed\n\n  on main.tf line 2, in module \"m\":"),
            std::string::npos)
      << r.err;
}

TEST(PlanApplyCliTest, ApplyCreatesThenPlansNoChanges) {
  ScratchDir dir;
  dir.Write("main.tf",
            "resource \"terraform_data\" \"a\" {\n  input = \"x\"\n}\n"
            "resource \"terraform_data\" \"b\" {\n  count = 2\n"
            "  input = \"${terraform_data.a.output}-${count.index}\"\n}\n"
            "output \"b\" {\n  value = terraform_data.b[*].output\n}\n");
  CliResult apply = RunCairn(dir.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(apply.exit_code, 0) << apply.err;
  EXPECT_NE(apply.out.find("terraform_data.a: Creating...\nterraform_data.a: Creation complete "
                           "after 0s [id="),
            std::string::npos)
      << apply.out;
  EXPECT_NE(apply.out.find("\nApply complete! Resources: 3 added, 0 changed, 0 destroyed.\n\n"
                           "Outputs:\n\nb = [\n  \"x-0\",\n  \"x-1\",\n]\n"),
            std::string::npos)
      << apply.out;
  CliResult plan = RunCairn(dir.path(), {"plan", "-no-color", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  EXPECT_NE(plan.out.find("No changes. Your infrastructure matches the configuration."),
            std::string::npos);
  CliResult destroy = RunCairn(dir.path(), {"apply", "-no-color", "-auto-approve", "-destroy"});
  EXPECT_EQ(destroy.exit_code, 0) << destroy.err;
  EXPECT_NE(destroy.out.find("\nApply complete! Resources: 0 added, 0 changed, 3 destroyed.\n"),
            std::string::npos)
      << destroy.out;
  EXPECT_EQ(dir.Read("terraform.tfstate").find("terraform_data"), std::string::npos);
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
