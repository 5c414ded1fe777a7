// check blocks (planner/plan/checks.cc): assertions planned and applied, scoped data
// sources whose failures are warnings. The texts are Terraform 1.11's (see also the
// check_blocks plan scenario, recorded from terraform).

#include "planner/plan/checks.h"

#include "tests/planner/plan/plan_harness.h"

namespace cairn::planner::testing {
namespace {

class ChecksTest : public PlanHarness {};

TEST_F(ChecksTest, FailedAndUnknownAssertionsAreWarningsAfterThePlan) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
  size = 3
}
check "size" {
  assert {
    condition     = test_object.a.size > 5
    error_message = "  size is ${test_object.a.size}  "
  }
}
check "computed" {
  assert {
    condition     = test_object.a.computed_value == "x"
    error_message = "not x"
  }
}
check "fine" {
  assert {
    condition     = test_object.a.name == "a"
    error_message = "never"
  }
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_FALSE(p.plan.errored);
  // Sorted by location: "size" (line 15) before "computed" (line 21).
  EXPECT_EQ(Summaries(p.check_diagnostics),
            "warning: Check block assertion failed: size is 3\n"
            "warning: Check block assertion known after apply: The condition could not be "
            "evaluated at this time, a result will be known when this plan is applied.\n");
  ASSERT_EQ(p.check_diagnostics.size(), 2u);
  const Diagnostic& failed = p.check_diagnostics[0];
  ASSERT_TRUE(failed.subject.has_value());
  EXPECT_EQ(failed.subject->start.line, 15);
  EXPECT_EQ(failed.subject->start.column, 21);  // the condition
  ASSERT_EQ(failed.values.size(), 1u);
  EXPECT_EQ(failed.values[0].traversal, "test_object.a.size");
  EXPECT_EQ(failed.values[0].statement, "is 3");
  EXPECT_EQ(p.check_diagnostics[1].values[0].statement, "is a string");

  std::string results;
  for (const CheckBlockResult& c : p.plan.checks) {
    results += c.Address() + " " + std::string(CheckStatusName(c.status));
    for (const std::string& m : c.failure_messages) results += " [" + m + "]";
    results += "\n";
  }
  EXPECT_EQ(results, "check.size fail [size is 3]\ncheck.computed unknown\ncheck.fine pass\n");

  // Applying evaluates them again, with what is known now: both fail.
  ApplyResult a = ApplyConfig(p);
  EXPECT_EQ(Summaries(a.diagnostics),
            "warning: Check block assertion failed: size is 3\n"
            "warning: Check block assertion failed: not x\n");
  EXPECT_EQ(a.state.InstanceCount(), 1u);
  EXPECT_EQ(a.state.check_results_json,
            "[{\"object_kind\":\"check\",\"config_addr\":\"check.size\",\"status\":\"fail\","
            "\"objects\":[{\"object_addr\":\"check.size\",\"status\":\"fail\","
            "\"failure_messages\":[\"size is 3\"]}]},"
            "{\"object_kind\":\"check\",\"config_addr\":\"check.computed\",\"status\":\"fail\","
            "\"objects\":[{\"object_addr\":\"check.computed\",\"status\":\"fail\","
            "\"failure_messages\":[\"not x\"]}]},"
            "{\"object_kind\":\"check\",\"config_addr\":\"check.fine\",\"status\":\"pass\","
            "\"objects\":[{\"object_addr\":\"check.fine\",\"status\":\"pass\"}]}]");
}

TEST_F(ChecksTest, AnInvalidConditionStaysAnError) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
check "null" {
  assert {
    condition     = test_object.a.size
    error_message = "no size"
  }
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid condition result: Condition expression must return either true or "
            "false, not null.\n");
  EXPECT_TRUE(p.plan.errored);
}

TEST_F(ChecksTest, AnUndeclaredReferenceFailsValidation) {
  Write("main.tf", R"(
check "missing" {
  assert {
    condition     = test_object.nope.size > 1
    error_message = "no"
  }
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  ASSERT_FALSE(p.diagnostics.empty());
  EXPECT_EQ(p.diagnostics[0].summary, "Reference to undeclared resource");
}

TEST_F(ChecksTest, ScopedDataSourceIsReadAndItsFailureIsAWarning) {
  Write("main.tf", R"(
check "echo" {
  data "test_echo" "e" {
    input = "hello"
  }
  assert {
    condition     = data.test_echo.e.output == "bye"
    error_message = "echo said ${data.test_echo.e.output}"
  }
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Summaries(p.check_diagnostics),
            "warning: Check block assertion failed: echo said hello\n");

  Write("main.tf", R"(
check "echo" {
  data "test_echo" "e" {
    input = "error"
  }
  assert {
    condition     = data.test_echo.e.output == "bye"
    error_message = "not asserted when the data source failed"
  }
}
)");
  p = PlanConfig(state::State());
  EXPECT_FALSE(p.plan.errored);
  EXPECT_EQ(Summaries(p.diagnostics),
            "warning: Failed to read test_echo: The test provider fails to read a test_echo "
            "whose input is \"error\".\n");
  EXPECT_EQ(Summaries(p.check_diagnostics), "");
  // Terraform reports the check as failing with the data source's error.
  ASSERT_EQ(p.plan.checks.size(), 1u);
  EXPECT_EQ(p.plan.checks[0].status, CheckStatus::kFail);
  EXPECT_EQ(p.plan.checks[0].failure_messages,
            std::vector<std::string>{
                "The test provider fails to read a test_echo whose input is \"error\"."});
}

TEST_F(ChecksTest, ChecksInEveryModuleInstance) {
  Write("main.tf", R"(
module "m" {
  source = "./m"
  count  = 2
  size   = count.index
}
)");
  Write("m/main.tf", R"(
variable "size" {}
resource "test_object" "a" {
  name = "a"
  size = var.size
}
check "positive" {
  assert {
    condition     = test_object.a.size > 0
    error_message = "size ${test_object.a.size} is not positive"
  }
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Summaries(p.check_diagnostics),
            "warning: Check block assertion failed: size 0 is not positive\n");
  ASSERT_EQ(p.plan.checks.size(), 2u);
  EXPECT_EQ(p.plan.checks[0].config_addr, "module.m.check.positive");
  EXPECT_EQ(p.plan.checks[0].Address(), "module.m[0].check.positive");
  EXPECT_EQ(p.plan.checks[1].Address(), "module.m[1].check.positive");
  EXPECT_EQ(p.plan.checks[1].status, CheckStatus::kPass);
}

TEST_F(ChecksTest, DestroyPlansDoNotAssert) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
check "never" {
  assert {
    condition     = test_object.a.name == "b"
    error_message = "not b"
  }
}
)");
  state::State applied = ApplyConfig(PlanConfig(state::State())).state;
  PlanOptions destroy;
  destroy.mode = PlanMode::kDestroy;
  PlanResult p = PlanConfig(applied, destroy);
  EXPECT_EQ(Summaries(p.diagnostics), "");
  EXPECT_EQ(Summaries(p.check_diagnostics), "");
}

}  // namespace
}  // namespace cairn::planner::testing
