// RenderStateHuman against `terraform show -no-color` of each scenario's recorded state.

#include <gtest/gtest.h>

#include "planner/render/state_human.h"
#include "state/statefile.h"
#include "tests/planner/render/render_test_support.h"

namespace cairn::planner {
namespace {

using render_test::ReadTestFile;
using render_test::TerraformSchemas;

class HumanStateTest : public testing::TestWithParam<const char*> {};

TEST_P(HumanStateTest, MatchesTerraformShow) {
  std::string dir = std::string("tests/planner/render/testdata/") + GetParam() + "/";
  std::string state_text = ReadTestFile(dir + "state.tfstate");
  state::ReadStateResult read = state::ReadStateFile(state_text);
  ASSERT_FALSE(read.diagnostics.HasErrors());
  state::State st = read.state ? *read.state : state::State();
  std::string expected = ReadTestFile(dir + "show.txt");
  if (expected == "No state.\n") GTEST_SKIP() << "no state file";
  EXPECT_EQ(RenderStateHuman(st, TerraformSchemas()), expected);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, HumanStateTest,
    testing::Values("count_shrink", "create_before_destroy", "destroy_mode", "destroy_removed",
                    "for_each_remove", "forget", "json_string", "module_removed", "moved",
                    "multiline", "no_changes", "null_transition", "outputs_only",
                    "refresh_only", "replace_request", "replace_triggers", "sensitive", "sets",
                    "tainted", "type_change", "update_input", "update_nested",
                    "wrong_repetition"));

}  // namespace
}  // namespace cairn::planner
