/// `cairn import` beyond the goldens recorded from terraform (tests/cli/testdata/import):
/// what terraform's goldens cannot show (the usage text naming Cairn, -state-out/-backup,
/// the test provider's errors), the same results through the provider plugins, and the
/// `importing` object of an import block in `show -json` of a saved plan.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kTestProvider = R"(terraform {
  required_providers {
    test = {
      source = "cairn.dev/test/test"
    }
  }
}
)";

void InstallPlugin(const ScratchDir& work, const std::string& name, const std::string& target) {
  fs::create_directories(work.path() / ".cairn" / "plugins");
  fs::create_symlink(target, work.path() / ".cairn" / "plugins" / name);
}

constexpr const char* kImported =
    "terraform_data.x: Importing from ID \"abc\"...\n"
    "terraform_data.x: Import prepared!\n"
    "  Prepared terraform_data for import\n"
    "terraform_data.x: Refreshing state... [id=abc]\n"
    "\n"
    "Import successful!\n"
    "\n"
    "The resources that were imported are shown above. These resources are now in\n"
    "your Cairn state and will henceforth be managed by Cairn.\n"
    "\n";

TEST(ImportCliTest, ExpectsTwoArguments) {
  ScratchDir work;
  work.Write("main.tf", "resource \"terraform_data\" \"x\" {}\n");
  CliResult r = RunCairn(work.path(), {"import", "-no-color", "terraform_data.x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("The import command expects two arguments.\n"
                        "Usage: cairn [global options] import [options] ADDR ID\n\n"
                        "  Import existing infrastructure into your Cairn state.\n",
                        0),
            0u)
      << r.err;
  EXPECT_EQ(work.Read("terraform.tfstate"), "");
}

TEST(ImportCliTest, NeedsConfigurationFiles) {
  ScratchDir work;
  CliResult r = RunCairn(work.path(), {"import", "-no-color", "terraform_data.x", "abc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  // Terraform names the directory by its absolute path (so where the detail wraps varies).
  const std::string dir = fs::canonical(work.path()).string();
  std::string unwrapped = r.err;
  std::replace(unwrapped.begin(), unwrapped.end(), '\n', ' ');
  EXPECT_EQ(unwrapped, " Error: No Terraform configuration files  The directory " + dir +
                           " does not contain any Terraform configuration files (.tf or "
                           ".tf.json). To specify a different configuration directory, use the "
                           "-config=\"...\" command line option.  ");
}

TEST(ImportCliTest, ConfigurationFromAnotherDirectory) {
  ScratchDir work;
  work.Write("sub/main.tf",
             "variable \"n\" {\n  type = number\n}\nresource \"terraform_data\" \"x\" {}\n");
  CliResult r =
      RunCairn(work.path(), {"import", "-no-color", "-config=sub", "terraform_data.x", "abc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\nError: No value for required variable\n\n  on sub/main.tf line 1:\n   1: "
            "variable \"n\" {\n\nThe root module input variable \"n\" is not set, and has no "
            "default value. Use\na -var or -var-file command line argument to provide a value "
            "for this\nvariable.\n\n");
  r = RunCairn(work.path(),
               {"import", "-no-color", "-config=sub", "-var", "n=1", "terraform_data.x", "abc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The state is the working directory's.
  EXPECT_NE(work.Read("terraform.tfstate"), "");
  EXPECT_FALSE(fs::exists(work.path() / "sub" / "terraform.tfstate"));
  r = RunCairn(work.path(), {"import", "-no-color", "-config=nosuch", "terraform_data.x", "abc"});
  EXPECT_EQ(r.err,
            "\nError: No Terraform configuration files\n\nThe directory nosuch does not contain "
            "any Terraform configuration files (.tf\nor .tf.json). To specify a different "
            "configuration directory, use the\n-config=\"...\" command line option.\n\n");
}

TEST(ImportCliTest, StateOutAndBackup) {
  ScratchDir work;
  work.Write("main.tf",
             "resource \"terraform_data\" \"x\" {}\nresource \"terraform_data\" \"y\" {}\n");
  CliResult r =
      RunCairn(work.path(), {"import", "-no-color", "-state=a.tfstate", "terraform_data.x", "abc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kImported);
  // -state-out: read from a.tfstate, written to b.tfstate; a.tfstate stays as it was.
  const std::string a = work.Read("a.tfstate");
  r = RunCairn(work.path(), {"import", "-no-color", "-state=a.tfstate", "-state-out=b.tfstate",
                             "terraform_data.y", "yy"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(work.Read("a.tfstate"), a);
  r = RunCairn(work.path(), {"state", "list", "-state=b.tfstate"});
  EXPECT_EQ(r.out, "terraform_data.x\nterraform_data.y\n");
  // -backup names the copy of what was overwritten; "-" keeps none.
  r = RunCairn(work.path(),
               {"import", "-no-color", "-state=a.tfstate", "-backup=bk", "terraform_data.y", "yy"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(work.Read("bk"), a);
  EXPECT_FALSE(fs::exists(work.path() / "a.tfstate.backup"));
  work.Write("main.tf",
             "resource \"terraform_data\" \"x\" {}\nresource \"terraform_data\" \"y\" {}\n"
             "resource \"terraform_data\" \"z\" {}\n");
  r = RunCairn(work.path(),
               {"import", "-no-color", "-state=a.tfstate", "-backup=-", "terraform_data.z", "zz"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(work.path() / "a.tfstate.backup"));
  r = RunCairn(work.path(), {"state", "list", "-state=a.tfstate"});
  EXPECT_EQ(r.out, "terraform_data.x\nterraform_data.y\nterraform_data.z\n");
}

TEST(ImportCliTest, TheTerraformProviderPluginImportsAsTheBuiltInOne) {
  ScratchDir builtin, plugin;
  for (const ScratchDir* w : {&builtin, &plugin}) {
    w->Write("main.tf", "resource \"terraform_data\" \"x\" {\n  input = \"hello\"\n}\n");
  }
  InstallPlugin(plugin, "cairn-provider-terraform", CAIRN_TERRAFORM_PLUGIN);
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"import", "-no-color", "terraform_data.x", "abc"},
                                             {"state", "show", "-no-color", "terraform_data.x"},
                                             {"import", "-no-color", "terraform_data.x", "abc"}}) {
    CliResult b = RunCairn(builtin.path(), args);
    CliResult p = RunCairn(plugin.path(), args);
    EXPECT_EQ(p.out, b.out);
    EXPECT_EQ(p.err, b.err);
    EXPECT_EQ(p.exit_code, b.exit_code);
  }
  CliResult r = RunCairn(plugin.path(), {"state", "show", "-no-color", "terraform_data.x"});
  EXPECT_EQ(r.out,
            "# terraform_data.x:\nresource \"terraform_data\" \"x\" {\n    id = \"abc\"\n}\n");
}

TEST(ImportCliTest, TestProviderThroughItsPlugin) {
  ScratchDir work;
  work.Write("main.tf",
             std::string(kTestProvider) + "resource \"test_object\" \"a\" {\n  name = \"a\"\n}\n");
  InstallPlugin(work, "cairn-provider-test", CAIRN_TEST_PLUGIN);
  CliResult r = RunCairn(work.path(), {"import", "-no-color", "test_object.a", "nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "test_object.a: Importing from ID \"nope\"...\n");
  EXPECT_EQ(r.err,
            "\nError: Invalid import id\n\nThe id of a test_object is \"test-\" followed by its "
            "name, not \"nope\".\n\n");
  EXPECT_EQ(work.Read("terraform.tfstate"), "");

  r = RunCairn(work.path(), {"import", "-no-color", "test_object.a", "test-a"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("\n\n")),
            "test_object.a: Importing from ID \"test-a\"...\n"
            "test_object.a: Import prepared!\n"
            "  Prepared test_object for import\n"
            "test_object.a: Refreshing state... [id=test-a]");
  r = RunCairn(work.path(), {"plan", "-no-color"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("No changes."), std::string::npos) << r.out;
}

TEST(ImportCliTest, AliasedProviderConfiguration) {
  ScratchDir work;
  work.Write("main.tf", std::string(kTestProvider) + R"(
provider "test" {
  alias = "x"
  label = "L"
}
resource "test_object" "a" {
  provider = test.x
  name     = "a"
}
)");
  InstallPlugin(work, "cairn-provider-test", CAIRN_TEST_PLUGIN);
  CliResult r = RunCairn(work.path(), {"import", "-no-color", "test_object.a", "test-a"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      work.Read("terraform.tfstate").find(R"("provider": "provider[\"cairn.dev/test/test\"].x")"),
      std::string::npos)
      << work.Read("terraform.tfstate");
  // A provider configuration the provider rejects stops the import before it starts.
  work.Write("main.tf", std::string(kTestProvider) + R"(
provider "test" {
  alias = "x"
  label = "invalid"
}
resource "test_object" "b" {
  provider = test.x
  name     = "b"
}
)");
  r = RunCairn(work.path(), {"import", "-no-color", "test_object.b", "test-b"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("Error: Invalid provider configuration"), std::string::npos) << r.err;
}

TEST(ImportCliTest, ShowJsonOfAPlanWithAnImportBlock) {
  ScratchDir work;
  work.Write("main.tf",
             "import {\n  to = terraform_data.i\n  id = \"imported-id\"\n}\n"
             "resource \"terraform_data\" \"i\" {\n  input = \"hello\"\n}\n");
  CliResult r = RunCairn(work.path(), {"plan", "-no-color", "-out=p.bin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCairn(work.path(), {"show", "-json", "p.bin"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Terraform's resource change and prior state (terraform 1.11's show -json, unindented).
  EXPECT_NE(
      r.out.find(
          R"("change":{"actions":["update"],"before":{"id":"imported-id","input":null,"output":null,"triggers_replace":null},"after":{"id":"imported-id","input":"hello","triggers_replace":null},"after_unknown":{"output":true},"before_sensitive":{},"after_sensitive":{},"importing":{"id":"imported-id"}})"),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(R"("prior_state":{"format_version":"1.0","terraform_version":)"),
            std::string::npos);
  EXPECT_NE(
      r.out.find(
          R"("values":{"id":"imported-id","input":null,"output":null,"triggers_replace":null})"),
      std::string::npos);
  // Nothing is recorded until apply.
  EXPECT_EQ(work.Read("terraform.tfstate"), "");
}

}  // namespace
}  // namespace cairn::testing
