// moved blocks (planner/plan/moves.cc): moves inside child modules, of whole modules, into
// and out of modules, and Terraform 1.11's errors for bad moves (texts recorded from
// terraform; see also the moved_modules plan scenario).

#include "planner/plan/moves.h"

#include "tests/planner/plan/plan_harness.h"

namespace cairn::planner::testing {
namespace {

class MovesTest : public PlanHarness {};

TEST_F(MovesTest, MovesInsideEveryInstanceOfAModule) {
  Write("main.tf", "module \"m\" {\n  source = \"./m\"\n  count  = 2\n}\n");
  Write("m/main.tf", "resource \"test_object\" \"old\" {\n  name = \"a\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("m/main.tf", R"(
resource "test_object" "new" {
  name = "a"
}
moved {
  from = test_object.old
  to   = test_object.new
}
)");
  PlanResult p = PlanConfig(applied);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Actions(p.plan),
            "module.m[0].test_object.new no-op (from module.m[0].test_object.old)\n"
            "module.m[1].test_object.new no-op (from module.m[1].test_object.old)\n");
  // Applying records the objects at their new addresses.
  ApplyResult a = ApplyConfig(p);
  EXPECT_EQ(Summaries(a.diagnostics), "");
  EXPECT_NE(a.state.FindCurrent(*addrs::ParseAbsResourceInstance(
                "module.m[1].test_object.new").addr),
            nullptr);
  EXPECT_EQ(a.state.FindCurrent(*addrs::ParseAbsResourceInstance(
                "module.m[1].test_object.old").addr),
            nullptr);
}

TEST_F(MovesTest, MovesWholeModulesAndResourcesAcrossModules) {
  Write("main.tf", R"(
resource "test_object" "top" {
  name = "top"
}
module "a" {
  source = "./m"
}
module "b" {
  source = "./m"
}
)");
  Write("m/main.tf", "resource \"test_object\" \"x\" {\n  name = \"x\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("main.tf", R"(
module "renamed" {
  source = "./m"
}
moved {
  from = module.a
  to   = module.renamed
}
module "b" {
  source = "./n"
}
moved {
  from = test_object.top
  to   = module.b.test_object.top
}
resource "test_object" "out" {
  name = "x"
}
moved {
  from = module.b.test_object.x
  to   = test_object.out
}
)");
  Write("n/main.tf", "resource \"test_object\" \"top\" {\n  name = \"top\"\n}\n");
  PlanResult p = PlanConfig(applied);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Actions(p.plan),
            "test_object.out no-op (from module.b.test_object.x)\n"
            "module.b.test_object.top no-op (from test_object.top)\n"
            "module.renamed.test_object.x no-op (from module.a.test_object.x)\n");
}

TEST_F(MovesTest, ChainedMovesEndAtTheLastAddress) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("main.tf", R"(
resource "test_object" "c" {
  name = "a"
}
moved {
  from = test_object.b
  to   = test_object.c
}
moved {
  from = test_object.a
  to   = test_object.b
}
)");
  PlanResult p = PlanConfig(applied);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Actions(p.plan), "test_object.c no-op (from test_object.a)\n");
}

TEST_F(MovesTest, AddingCountToAModuleCallMovesItsInstance) {
  Write("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n");
  Write("m/main.tf", "resource \"test_object\" \"x\" {\n  name = \"x\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("main.tf", R"(
module "m" {
  source = "./m"
  count  = 1
}
moved {
  from = module.m
  to   = module.m[0]
}
)");
  PlanResult p = PlanConfig(applied);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Actions(p.plan), "module.m[0].test_object.x no-op (from module.m.test_object.x)\n");
}

TEST_F(MovesTest, ImpliedMovesInChildModules) {
  Write("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n");
  Write("m/main.tf", "resource \"test_object\" \"x\" {\n  name = \"x\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("m/main.tf", "resource \"test_object\" \"x\" {\n  count = 1\n  name  = \"x\"\n}\n");
  PlanResult p = PlanConfig(applied);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Actions(p.plan), "module.m.test_object.x[0] no-op (from module.m.test_object.x)\n");
}

TEST_F(MovesTest, ModuleAndResourceEndpointsDoNotMix) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
moved {
  from = module.x
  to   = test_object.a
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid \"moved\" addresses: The \"from\" and \"to\" addresses must either "
            "both refer to resources or both refer to modules.\n");
  EXPECT_EQ(p.diagnostics[0].subject->start.line, 12);
}

TEST_F(MovesTest, TerraformsValidationErrors) {
  Write("main.tf", R"(resource "test_object" "a" {
  name = "a"
}
resource "test_object" "b" {
  name = "b"
}
resource "test_object" "c" {
  count = 2
  name  = "c"
}
module "m" {
  source = "./m"
}
moved {
  from = test_object.x
  to   = test_object.a
}
moved {
  from = test_object.x
  to   = test_object.b
}
moved {
  from = test_object.y
  to   = test_object.b
}
moved {
  from = test_object.a
  to   = test_object.a
}
moved {
  from = test_object.c[0]
  to   = test_object.b
}
moved {
  from = module.m
  to   = module.n
}
)", /*require_test=*/false);
  Write("m/main.tf", "", false);
  Write("versions.tf",
        "terraform {\n  required_providers {\n    test = {\n      source = "
        "\"cairn.dev/test/test\"\n    }\n  }\n}\n",
        false);
  PlanResult p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Ambiguous move statements: A statement at main.tf:14,1 declared that "
            "test_object.x moved to test_object.a, but this statement instead declares that it "
            "moved to test_object.b.\n\nEach resource can move to only one destination "
            "resource.\n"
            "error: Ambiguous move statements: A statement at main.tf:18,1 declared that "
            "test_object.x moved to test_object.b, but this statement instead declares that "
            "test_object.y moved there.\n\nEach resource can have moved from only one source "
            "resource.\n"
            "error: Redundant move statement: This statement declares a move from test_object.a "
            "to the same address, which is the same as not declaring this move at all.\n"
            "error: Moved object still exists: This statement declares a move from "
            "test_object.c[0], but that resource instance is still declared at main.tf:8,11.\n\n"
            "Change your configuration so that this instance will be declared as test_object.b "
            "instead.\n"
            "error: Moved object still exists: This statement declares a move from module.m, but "
            "that module call is still declared at main.tf:11,1.\n\nChange your configuration so "
            "that this call will be declared as module.n instead.\n");
}

TEST_F(MovesTest, CyclesAreErrors) {
  Write("main.tf", R"(moved {
  from = test_object.p
  to   = test_object.q
}
moved {
  from = test_object.q
  to   = test_object.p
}
)", false);
  PlanResult p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Cyclic dependency in move statements: The following chained move statements "
            "form a cycle, and so there is no final location to move objects to:\n"
            "  - main.tf:1,1: test_object.p[*] \u2192 test_object.q[*]\n"
            "  - main.tf:5,1: test_object.q[*] \u2192 test_object.p[*]\n\n"
            "A chain of move statements must end with an address that doesn't appear in any "
            "other statements, and which typically also refers to an object still declared in "
            "the configuration.\n");
}

TEST_F(MovesTest, MovingAcrossResourceTypesIsUnsupported) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n}\n");
  state::State applied = PlanAndApply(state::State());
  Write("main.tf", R"(
resource "terraform_data" "a" {
}
moved {
  from = test_object.a
  to   = terraform_data.a
}
)");
  PlanResult p = PlanConfig(applied);
  EXPECT_TRUE(p.validation_failed);
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Unsupported `moved` across resource types: The provider "
            "\"terraform.io/builtin/terraform\" does not support moved operations across "
            "resource types and providers.\n");
}

}  // namespace
}  // namespace cairn::planner::testing
