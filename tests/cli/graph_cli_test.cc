/// `cairn graph` beyond the goldens recorded from terraform (tests/cli/testdata/graph): the
/// cycle error (Terraform lists a cycle's vertices in an order that varies from run to run;
/// Cairn sorts them), the summary with -draw-cycles, and -plan=FILE.

#include <gtest/gtest.h>

#include <string>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

constexpr const char* kCycle =
    "resource \"terraform_data\" \"a\" {\n  input = terraform_data.b.id\n}\n\n"
    "resource \"terraform_data\" \"b\" {\n  input = terraform_data.a.id\n}\n\n"
    "resource \"terraform_data\" \"c\" {\n}\n";

TEST(GraphCliTest, CycleIsAnErrorNamingItsVertices) {
  ScratchDir dir;
  dir.Write("main.tf", kCycle);
  for (const char* type : {"", "-type=plan"}) {
    std::vector<std::string> args{"graph", "-no-color"};
    if (*type) args.push_back(type);
    CliResult r = RunCairn(dir.path(), args);
    EXPECT_EQ(r.exit_code, 1) << type;
    EXPECT_EQ(r.out, "") << type;
    EXPECT_EQ(r.err, "\nError: Cycle: terraform_data.a (expand), terraform_data.b (expand)\n\n\n")
        << type;
  }
}

TEST(GraphCliTest, DrawCyclesOnTheSummaryKeepsEveryEdgeOfTheCycle) {
  ScratchDir dir;
  dir.Write("main.tf", kCycle);
  CliResult r = RunCairn(dir.path(), {"graph", "-no-color", "-draw-cycles"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "digraph G {\n"
            "  rankdir = \"RL\";\n"
            "  node [shape = rect, fontname = \"sans-serif\"];\n"
            "  \"terraform_data.a\" [label=\"terraform_data.a\"];\n"
            "  \"terraform_data.b\" [label=\"terraform_data.b\"];\n"
            "  \"terraform_data.c\" [label=\"terraform_data.c\"];\n"
            "  \"terraform_data.a\" -> \"terraform_data.b\";\n"
            "  \"terraform_data.b\" -> \"terraform_data.a\";\n"
            "}\n");
}

TEST(GraphCliTest, SavedPlanShowsTheApplyGraph) {
  ScratchDir dir;
  dir.Write("main.tf",
            "resource \"terraform_data\" \"a\" {\n}\n\n"
            "output \"o\" {\n  value = terraform_data.a.id\n}\n");
  ASSERT_EQ(RunCairn(dir.path(), {"plan", "-no-color", "-out=p.plan"}).exit_code, 0);
  CliResult with_plan = RunCairn(dir.path(), {"graph", "-no-color", "-plan=p.plan"});
  CliResult apply = RunCairn(dir.path(), {"graph", "-no-color", "-type=apply"});
  EXPECT_EQ(with_plan.exit_code, 0) << with_plan.err;
  EXPECT_EQ(with_plan.out, apply.out);
  EXPECT_EQ(with_plan.out,
            "digraph {\n"
            "\tcompound = \"true\"\n"
            "\tnewrank = \"true\"\n"
            "\tsubgraph \"root\" {\n"
            "\t\t\"[root] provider[\\\"terraform.io/builtin/terraform\\\"]\" [label = "
            "\"provider[\\\"terraform.io/builtin/terraform\\\"]\", shape = \"diamond\"]\n"
            "\t\t\"[root] terraform_data.a (expand)\" [label = \"terraform_data.a\", shape = "
            "\"box\"]\n"
            "\t\t\"[root] output.o (expand)\" -> \"[root] terraform_data.a (expand)\"\n"
            "\t\t\"[root] provider[\\\"terraform.io/builtin/terraform\\\"] (close)\" -> "
            "\"[root] terraform_data.a (expand)\"\n"
            "\t\t\"[root] root\" -> \"[root] output.o (expand)\"\n"
            "\t\t\"[root] root\" -> \"[root] provider[\\\"terraform.io/builtin/terraform\\\"] "
            "(close)\"\n"
            "\t\t\"[root] terraform_data.a (expand)\" -> \"[root] "
            "provider[\\\"terraform.io/builtin/terraform\\\"]\"\n"
            "\t}\n"
            "}\n");
  CliResult not_a_plan = RunCairn(dir.path(), {"graph", "-no-color", "-plan=main.tf"});
  EXPECT_EQ(not_a_plan.exit_code, 1);
  EXPECT_EQ(not_a_plan.out, "");
}

}  // namespace
}  // namespace cairn::testing
