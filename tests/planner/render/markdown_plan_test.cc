#include "planner/render/markdown_plan.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/planner/render/plan_fixtures.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;
using render_test::ChangePlan;
using render_test::CreatePlan;
using render_test::TerraformSchemas;

const fs::path kDir = fs::path(CAIRN_SOURCE_DIR) / "tests/planner/render/testdata";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The expected markdown lives in testdata/*.md (reviewed by hand; the pull-request view of
/// the same scenarios as the JSON goldens). CAIRN_UPDATE_GOLDENS=1 rewrites them.
void ExpectGolden(const std::string& got, const std::string& name) {
  if (std::getenv("CAIRN_UPDATE_GOLDENS") != nullptr) {
    std::ofstream(kDir / name, std::ios::binary) << got;
  }
  EXPECT_EQ(got, Slurp(kDir / name));
}

TEST(MarkdownPlanTest, Change) {
  ExpectGolden(RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), {}), "change.md");
}

TEST(MarkdownPlanTest, Create) {
  ExpectGolden(RenderMarkdownPlan(CreatePlan(), TerraformSchemas(), {}), "create.md");
}

TEST(MarkdownPlanTest, NoChanges) {
  Plan plan;
  EXPECT_EQ(RenderMarkdownPlan(plan, TerraformSchemas(), {}),
            "### Cairn plan: no changes\n\nYour infrastructure matches the configuration.\n");
}

TEST(MarkdownPlanTest, SensitiveValuesNeverAppear) {
  // Only terraform_data's `output`, which Terraform does not mark, shows the old secret.
  std::string md = RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), {});
  EXPECT_EQ(md.find("\"changed\""), std::string::npos);
  EXPECT_NE(md.find("~ input  = { plain = \"p\", secret = (sensitive value) } "
                    "# sensitive parts changed\n"),
            std::string::npos);
  EXPECT_EQ(md.find("s3cr3t"), md.rfind("s3cr3t"));
  EXPECT_NE(md.find("~ secret  = (sensitive value)\n"), std::string::npos);
}

TEST(MarkdownPlanTest, CutUnderMaxChars) {
  std::string full = RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), {});
  for (size_t max : {full.size() / 3, full.size() / 2, full.size() - 200, full.size() - 1}) {
    MarkdownPlanOptions o;
    o.max_chars = max;
    std::string md = RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), o);
    EXPECT_LE(md.size(), max) << max;
    EXPECT_NE(md.find("not shown: run `cairn show PLANFILE` for the whole plan._\n"),
              std::string::npos)
        << md;
    // What is shown is a prefix of the whole, up to whole sections.
    size_t note = md.rfind("\n_");
    ASSERT_NE(note, std::string::npos);
    EXPECT_EQ(full.substr(0, note + 1), md.substr(0, note + 1)) << max;
  }
  MarkdownPlanOptions o;
  o.max_chars = full.size();
  EXPECT_EQ(RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), o), full);
}

TEST(MarkdownPlanTest, CutNoteCountsWhatIsLeftOut) {
  std::string full = RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), {});
  MarkdownPlanOptions o;
  o.max_chars = full.find("<details>") + 200;  // the head, no entry fits with the note
  std::string md = RenderMarkdownPlan(ChangePlan(), TerraformSchemas(), o);
  EXPECT_TRUE(md.ends_with(
      "_9 more resource changes and the output changes not shown: run `cairn show PLANFILE` "
      "for the whole plan._\n"))
      << md;
}

TEST(MarkdownPlanTest, FencesOutgrowBackticksInValues) {
  Plan plan = CreatePlan();
  plan.changes.resize(1);
  plan.outputs.clear();
  ResourceInstanceChange& c = plan.changes[0];
  c.after = Value::Object({{"id", Value::Unknown(Type::String())},
                           {"input", Value::String("```\n</details>")},
                           {"output", Value::Unknown(Type::String())},
                           {"triggers_replace", Value::Null(Type::Dynamic())}});
  std::string md = RenderMarkdownPlan(plan, TerraformSchemas(), {});
  EXPECT_NE(md.find("````diff\n+ id     = (known after apply)\n"
                    "+ input  = \"```\\n</details>\"\n"
                    "+ output = (known after apply)\n````\n"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace cairn::planner
