#include <gtest/gtest.h>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

/// Not on a terminal, every line is evaluated and every result printed in order (Terraform
/// prints only the last); an error does not stop the rest but makes the exit code 1.
TEST(ConsoleCliTest, EveryLineIsEvaluatedInOrder) {
  ScratchDir dir;
  dir.Write("main.tf", "locals {\n  n = 2\n}\n");
  CliResult r = RunCairn(dir.path(), {"console", "-no-color"}, "local.n\nlocal.m\n\nlocal.n * 3\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "2\n\n6\n");
  EXPECT_EQ(r.err,
            "\nError: Reference to undeclared local value\n\n"
            "  on <console-input> line 1:\n  (source code not available)\n\n"
            "A local value with the name \"m\" has not been declared. Did you mean \"n\"?\n\n");
}

TEST(ConsoleCliTest, ExitStopsReading) {
  ScratchDir dir;
  dir.Write("main.tf", "");
  CliResult r = RunCairn(dir.path(), {"console"}, "1\nexit\n2\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "1\n");
}

TEST(ConsoleCliTest, UnsetRequiredVariableIsUnknown) {
  ScratchDir dir;
  dir.Write("main.tf", "variable \"x\" {\n  type = string\n}\n");
  CliResult r = RunCairn(dir.path(), {"console"}, "var.x\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "(known after apply)\n");
}

}  // namespace
}  // namespace cairn::testing
