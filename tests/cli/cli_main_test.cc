#include <gtest/gtest.h>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

TEST(CliMainTest, HelpListsCommandsAndGlobalOptions) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"-help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("Usage: cairn [global options] <subcommand> [args]\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("  -chdir=DIR    Switch to a different working directory"), std::string::npos);
  EXPECT_NE(r.out.find("  version       Show the current Cairn version\n"), std::string::npos);
}

TEST(CliMainTest, UnknownCommandSuggestsTheNearestOne) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"verson"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "Cairn has no command named \"verson\". Did you mean \"version\"?\n\n"
            "To see all of Cairn's top-level commands, run:\n  cairn -help\n\n");
}

TEST(CliMainTest, VersionAndItsAlias) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("Cairn v") + CAIRN_VERSION + "\non linux_amd64\n");
  EXPECT_EQ(RunCairn(dir.path(), {"-version"}).out, r.out);
}

TEST(CliMainTest, ChdirToAMissingDirectoryIsAnError) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"-chdir=nope", "version"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "Error handling -chdir option: chdir nope: No such file or directory\n");
}

}  // namespace
}  // namespace cairn::testing
