/// `cairn init` end to end: built-in providers, a plugin in .cairn/plugins recorded in
/// .cairn.lock.hcl (and checked against it on the next init), local modules, and the errors
/// for a provider that is not installed, a version constraint the plugin does not meet, a
/// changed plugin and module sources Cairn cannot fetch. The built-in-only texts are
/// Terraform 1.11's with Cairn's name (tests/cli/testdata/init holds what terraform printed).

#include <openssl/evp.h>
#include <sys/stat.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSuccess =
    "\n"
    "Cairn has been successfully initialized!\n"
    "\n"
    "You may now begin working with Cairn. Try running \"cairn plan\" to see\n"
    "any changes that are required for your infrastructure. All Cairn commands\n"
    "should now work.\n"
    "\n"
    "If you ever set or change modules or backend configuration for Cairn,\n"
    "rerun this command to reinitialize your working directory. If you forget, other\n"
    "commands will detect it and remind you to do so if necessary.\n";

constexpr const char* kLockCreated =
    "Cairn has created a lock file .cairn.lock.hcl to record the provider\n"
    "selections it made above. Include this file in your version control repository\n"
    "so that Cairn can guarantee to make the same selections by default when\n"
    "you run \"cairn init\" in the future.\n";

constexpr const char* kLockChanged =
    "Cairn has made some changes to the provider dependency selections recorded\n"
    "in the .cairn.lock.hcl file. Review those changes and commit them to your\n"
    "version control system if they represent changes you intended to make.\n";

/// dirhash's h1 of a package holding `content` as the file `name`.
std::string H1(const std::string& name, const std::string& content) {
  unsigned char d[32];
  unsigned int n = 0;
  EVP_Digest(content.data(), content.size(), d, &n, EVP_sha256(), nullptr);
  std::string summary;
  static const char kHex[] = "0123456789abcdef";
  for (unsigned i = 0; i < n; ++i) {
    summary += kHex[d[i] >> 4];
    summary += kHex[d[i] & 15];
  }
  summary += "  " + name + "\n";
  EVP_Digest(summary.data(), summary.size(), d, &n, EVP_sha256(), nullptr);
  std::string b64(64, '\0');
  int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), d, static_cast<int>(n));
  b64.resize(static_cast<size_t>(len));
  return "h1:" + b64;
}

void InstallTestPlugin(const ScratchDir& dir, const std::string& extra = "") {
  std::string script = "#!/bin/sh\n" + extra + "exec '" + std::string(CAIRN_TEST_PLUGIN) + "' \"$@\"\n";
  dir.Write(".cairn/plugins/cairn-provider-test", script);
  chmod((dir.path() / ".cairn/plugins/cairn-provider-test").c_str(), 0755);
}

TEST(InitCliTest, BuiltinProviderOnlyWritesNoLockFile) {
  ScratchDir dir;
  dir.Write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
  CliResult r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, std::string("Initializing the backend...\n"
                               "Initializing provider plugins...\n"
                               "- terraform.io/builtin/terraform is built in to Cairn\n") +
                       kSuccess);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir.path() / ".cairn.lock.hcl"));
}

TEST(InitCliTest, RemoteModuleIsALocatedError) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n");
  CliResult r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.out, "Initializing the backend...\nInitializing modules...\n");
  EXPECT_EQ(r.err,
            "\n"
            "Error: Module source not supported\n"
            "\n"
            "  on main.tf line 2, in module \"vpc\":\n"
            "   2:   source = \"terraform-aws-modules/vpc/aws\"\n"
            "\n"
            "Cairn does not download modules: the module \"vpc\" comes from\n"
            "\"terraform-aws-modules/vpc/aws\". Put the module in a local directory and\n"
            "refer to it with a path such as \"./modules/vpc\".\n");
  EXPECT_EQ(r.exit_code, 1);
}

TEST(InitCliTest, PluginIsRecordedInTheLockFileAndCheckedAgainstIt) {
  ScratchDir dir;
  dir.Write("main.tf", R"(terraform {
  required_providers {
    test = {
      source  = "cairn.dev/test/test"
      version = "~> 0.1"
    }
  }
}

resource "test_object" "a" {
  name = "a"
}

resource "terraform_data" "b" {}
)");
  InstallTestPlugin(dir);
  const std::string version = CAIRN_VERSION;
  const std::string using_line =
      "- Using plugin cairn-provider-test v" + version + " at .cairn/plugins/cairn-provider-test\n";
  CliResult r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, std::string("Initializing the backend...\n"
                               "Initializing provider plugins...\n"
                               "- Finding cairn.dev/test/test versions matching \"~> 0.1\"...\n") +
                       using_line +
                       "- terraform.io/builtin/terraform is built in to Cairn\n" + kLockCreated +
                       kSuccess);
  EXPECT_EQ(r.exit_code, 0);
  const std::string hash =
      H1("cairn-provider-test", dir.Read(".cairn/plugins/cairn-provider-test"));
  const std::string lock =
      "# This file is maintained automatically by \"cairn init\".\n"
      "# Manual edits may be lost in future updates.\n"
      "\n"
      "# terraform.io/builtin/terraform is built in to Cairn: nothing to lock.\n"
      "\n"
      "provider \"cairn.dev/test/test\" {\n"
      "  version     = \"" + version + "\"\n"
      "  constraints = \"~> 0.1\"\n"
      "  hashes = [\n"
      "    \"" + hash + "\",\n"
      "  ]\n"
      "}\n";
  EXPECT_EQ(dir.Read(".cairn.lock.hcl"), lock);

  // Again: the lock file's selection is reused, and nothing changes.
  r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, std::string("Initializing the backend...\n"
                               "Initializing provider plugins...\n"
                               "- Reusing previous version of cairn.dev/test/test from the "
                               "dependency lock file\n") +
                       using_line + "- terraform.io/builtin/terraform is built in to Cairn\n" +
                       kSuccess);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(dir.Read(".cairn.lock.hcl"), lock);

  // A changed plugin does not match the recorded checksum.
  InstallTestPlugin(dir, "# changed\n");
  r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\n"
            "Error: Failed to install provider\n"
            "\n"
            "  on main.tf line 3, in terraform:\n"
            "   3:     test = {\n"
            "   4:       source  = \"cairn.dev/test/test\"\n"
            "   5:       version = \"~> 0.1\"\n"
            "   6:     }\n"
            "\n"
            "Error while installing cairn.dev/test/test: the plugin\n"
            ".cairn/plugins/cairn-provider-test doesn't match any of the checksums\n"
            "previously recorded in the dependency lock file. If the plugin was changed on\n"
            "purpose, run \"cairn init -upgrade\" to record it.\n");
  EXPECT_EQ(dir.Read(".cairn.lock.hcl"), lock);

  // -upgrade records it anew.
  r = RunCairn(dir.path(), {"init", "-no-color", "-upgrade"});
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find(kLockChanged), std::string::npos) << r.out;
  const std::string new_hash =
      H1("cairn-provider-test", dir.Read(".cairn/plugins/cairn-provider-test"));
  EXPECT_NE(new_hash, hash);
  EXPECT_NE(dir.Read(".cairn.lock.hcl").find(new_hash), std::string::npos);
}

TEST(InitCliTest, VersionConstraintThePluginDoesNotMeet) {
  ScratchDir dir;
  dir.Write("main.tf", R"(terraform {
  required_providers {
    test = {
      source  = "cairn.dev/test/test"
      version = ">= 9.0"
    }
  }
}
)");
  InstallTestPlugin(dir);
  CliResult r = RunCairn(dir.path(), {"init", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "Initializing the backend...\n"
                   "Initializing provider plugins...\n"
                   "- Finding cairn.dev/test/test versions matching \">= 9.0\"...\n");
  EXPECT_EQ(r.err,
            "\n"
            "Error: Incompatible provider version\n"
            "\n"
            "  on main.tf line 3, in terraform:\n"
            "   3:     test = {\n"
            "   4:       source  = \"cairn.dev/test/test\"\n"
            "   5:       version = \">= 9.0\"\n"
            "   6:     }\n"
            "\n"
            "The plugin .cairn/plugins/cairn-provider-test for cairn.dev/test/test is\n"
            "version " CAIRN_VERSION ", which the version constraint \">= 9.0\" does not allow.\n");
  EXPECT_FALSE(fs::exists(dir.path() / ".cairn.lock.hcl"));
}

TEST(InitCliTest, MissingProviderNamesWhereCairnLooked) {
  ScratchDir dir;
  dir.Write("main.tf", R"(terraform {
  required_providers {
    null = {
      source = "hashicorp/null"
    }
  }
}
)");
  CliResult r = RunCairnWithEnv(dir.path(), {"init", "-no-color"},
                                {"CAIRN_PLUGIN_DIR=/nonexistent-cairn-plugins"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "Initializing the backend...\n"
                   "Initializing provider plugins...\n"
                   "- Finding latest version of registry.terraform.io/hashicorp/null...\n");
  EXPECT_EQ(r.err,
            "\n"
            "Error: Failed to find provider registry.terraform.io/hashicorp/null\n"
            "\n"
            "  on main.tf line 3, in terraform:\n"
            "   3:     null = {\n"
            "   4:       source = \"hashicorp/null\"\n"
            "   5:     }\n"
            "\n"
            "Cairn has no built-in provider registry.terraform.io/hashicorp/null and found\n"
            "no plugin for it: it looked for an executable named cairn-provider-null in\n"
            ".cairn/plugins, in /nonexistent-cairn-plugins ($CAIRN_PLUGIN_DIR) and on\n"
            "$PATH. Cairn never downloads providers: install the plugin there and run\n"
            "\"cairn init\" again.\n");
  EXPECT_FALSE(fs::exists(dir.path() / ".cairn.lock.hcl"));
}

TEST(InitCliTest, DownloadingOptionsAreRefused) {
  ScratchDir dir;
  dir.Write("main.tf", "");
  CliResult r = RunCairn(dir.path(), {"init", "-no-color", "-from-module=git::x"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\n"
            "Error: Unsupported option\n"
            "\n"
            "The -from-module option is not supported by cairn init: Cairn does not\n"
            "download modules.\n"
            "\n"
            "For more help on using this command, run:\n"
            "  cairn init -help\n");
}

}  // namespace
}  // namespace cairn::testing
