/// `cairn providers schema -json`: usage errors and the cases the Terraform goldens
/// (testdata/providers) cannot cover — Terraform prints its own name in these texts and needs
/// `init` for modules.

#include <gtest/gtest.h>

#include <string>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

const char* kSchemaUsage =
    "\n"
    "Usage: cairn [global options] providers schema -json\n"
    "\n"
    "  Prints out a json representation of the schemas for all providers used \n"
    "  in the current configuration.\n";

TEST(ProvidersCliTest, SchemaRequiresJson) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"providers", "schema"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, std::string("The `cairn providers schema` command requires the `-json` "
                               "flag.\n\n") +
                       kSchemaUsage + "\n");
  EXPECT_EQ(RunCairn(dir.path(), {"providers", "schema", "-json=false"}).err, r.err);
}

TEST(ProvidersCliTest, SchemaUnknownFlag) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"providers", "schema", "-json", "-foo"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, std::string(kSchemaUsage) +
                       "\nError parsing command-line flags: flag provided but not defined: "
                       "-foo\n\n");
}

TEST(ProvidersCliTest, SchemaHelp) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"providers", "schema", "-help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string(kSchemaUsage) + "\n");
  EXPECT_EQ(r.err, "");
}

TEST(ProvidersCliTest, SchemaOfAResourceInALocalModule) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"child\" {\n  source = \"./child\"\n}\n");
  dir.Write("child/main.tf", "resource \"terraform_data\" \"c\" {}\n");
  CliResult r = RunCairn(dir.path(), {"providers", "schema", "-json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"format_version\":\"1.0\",\"provider_schemas\":{\"terraform.io/"
                        "builtin/terraform\":{\"provider\":{\"version\":0},",
                        0),
            0u)
      << r.out;
}

TEST(ProvidersCliTest, SchemaOfTheBuiltinProviderByExplicitSource) {
  ScratchDir dir;
  dir.Write("main.tf",
            "terraform {\n  required_providers {\n    tf = {\n      source = "
            "\"terraform.io/builtin/terraform\"\n    }\n  }\n}\n");
  CliResult r = RunCairn(dir.path(), {"providers", "schema", "-json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"terraform.io/builtin/terraform\""), std::string::npos) << r.out;
}

TEST(ProvidersCliTest, SchemaOfAPluginProviderIsAnError) {
  ScratchDir dir;
  dir.Write("main.tf",
            "resource \"null_resource\" \"a\" {}\nresource \"terraform_data\" \"b\" {}\n");
  CliResult r = RunCairn(dir.path(), {"providers", "schema", "-json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "\n"
            "Error: Providers not available\n"
            "\n"
            "Cairn has no built-in implementation of these providers and found no plugin\n"
            "(an executable cairn-provider-NAME) for them, so it has no schema for:\n"
            "  - provider registry.terraform.io/hashicorp/null\n"
            "\n");
}

TEST(ProvidersCliTest, ProvidersWithoutSubcommand) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"providers"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.rfind("Error: Subcommand required\n", 0), 0u) << r.err;
  CliResult help = RunCairn(dir.path(), {"providers", "-help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("    schema    Show schemas for the providers used in the "
                          "configuration\n"),
            std::string::npos)
      << help.out;
}

}  // namespace
}  // namespace cairn::testing
