#include "planner/plan/planner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "lang/base/typed_json.h"
#include "lang/config/loader.h"
#include "providers/builtin.h"
#include "providers/test_provider.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

/// Built-in providers plus the test provider, one instance each.
class Resolver : public ProviderResolver {
 public:
  providers::Provider* Resolve(std::string_view source) override {
    if (source == providers::kTestProviderSource) return &test;
    if (!terraform) terraform = providers::MakeBuiltinProvider("terraform.io/builtin/terraform");
    return providers::CanonicalBuiltinSource(source).empty() ? nullptr : terraform.get();
  }
  providers::TestProvider test;
  std::unique_ptr<providers::Provider> terraform;
};

class PlannerTest : public ::testing::Test {
 protected:
  PlannerTest() {
    dir_ = fs::temp_directory_path() /
           ("cairn_planner_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  ~PlannerTest() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << "terraform {\n  required_providers {\n    test = {\n"
                                  "      source = \"cairn.dev/test/test\"\n    }\n  }\n}\n"
                               << text;
  }

  /// Plans the configuration in the directory against `prior`.
  PlanResult PlanConfig(const state::State& prior, PlanOptions options = {}) {
    loaded_ = std::make_unique<config::LoadResult>(config::LoadModule(dir_.string()));
    EXPECT_FALSE(loaded_->diagnostics.HasErrors());
    LoadModuleTreeResult tree = LoadModuleTree(loaded_->module);
    EXPECT_FALSE(tree.diagnostics.HasErrors());
    tree_ = std::move(tree.tree);
    return MakePlan(*tree_, prior, {}, resolver_, options);
  }

  /// The state after applying `plan` (which must have no errors).
  state::State Apply(const PlanResult& planned) {
    struct NoHooks : ApplyHooks {
      void PreApply(const addrs::AbsResourceInstance&, Action, const Value&) override {}
      void PostApply(const addrs::AbsResourceInstance&, Action, const Value&, bool,
                     std::chrono::steady_clock::duration) override {}
    } hooks;
    ApplyResult r = ApplyPlan(*tree_, planned.plan, {}, resolver_, hooks);
    EXPECT_FALSE(r.diagnostics.HasErrors()) << (r.diagnostics.empty() ? "" : r.diagnostics.begin()->detail);
    return r.state;
  }

  static std::string Actions(const planner::Plan& plan) {
    std::string out;
    for (const ResourceInstanceChange& c : plan.changes) {
      out += c.addr.ToString() + " " + std::string(ActionJsonNames(c.action).front());
      if (ActionJsonNames(c.action).size() > 1) {
        out += "," + std::string(ActionJsonNames(c.action)[1]);
      }
      if (c.reason != ActionReason::kNone) out += " " + std::string(ReasonJsonName(c.reason));
      out += "\n";
    }
    return out;
  }

  fs::path dir_;
  Resolver resolver_;
  std::unique_ptr<config::LoadResult> loaded_;
  std::unique_ptr<ModuleTree> tree_;
};

TEST_F(PlannerTest, CreatesThenHasNothingToDo) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
resource "test_object" "b" {
  name = test_object.a.id
}
)");
  PlanResult first = PlanConfig(state::State());
  ASSERT_FALSE(first.diagnostics.HasErrors());
  EXPECT_EQ(Actions(first.plan), "test_object.a create\ntest_object.b create\n");
  // b's name is a's id, which is not known before apply.
  EXPECT_FALSE(first.plan.changes[1].after.Find("name")->IsKnown());
  state::State applied = Apply(first);
  EXPECT_EQ(applied.InstanceCount(), 2u);
  const state::ObjectState* b = applied.FindCurrent(
      {{}, {addrs::ResourceMode::kManaged, "test_object", "b"}, {}});
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->dependencies, std::vector<std::string>{"test_object.a"});
  PlanResult second = PlanConfig(applied);
  ASSERT_FALSE(second.diagnostics.HasErrors());
  EXPECT_EQ(Actions(second.plan), "test_object.a no-op\ntest_object.b no-op\n");
  EXPECT_FALSE(second.plan.Applyable());
}

TEST_F(PlannerTest, ChangingARequiresReplaceAttributeReplaces) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n  size = 1\n}\n");
  state::State applied = Apply(PlanConfig(state::State()));
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n  size = 2\n}\n");
  EXPECT_EQ(Actions(PlanConfig(applied).plan), "test_object.a update\n");
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"b\"\n  size = 1\n}\n");
  PlanResult replace = PlanConfig(applied);
  EXPECT_EQ(Actions(replace.plan),
            "test_object.a delete,create replace_because_cannot_update\n");
  ASSERT_EQ(replace.plan.changes[0].required_replace.size(), 1u);
  EXPECT_EQ(replace.plan.changes[0].required_replace[0][0].name, "name");
  Write("main.tf",
        "resource \"test_object\" \"a\" {\n  name = \"b\"\n  size = 1\n"
        "  lifecycle {\n    create_before_destroy = true\n  }\n}\n");
  EXPECT_EQ(Actions(PlanConfig(applied).plan),
            "test_object.a create,delete replace_because_cannot_update\n");
}

TEST_F(PlannerTest, OrphansAreDeletedWithTheirReasons) {
  Write("main.tf", R"(
resource "test_object" "c" {
  count = 3
  name  = "c${count.index}"
}
resource "test_object" "e" {
  for_each = toset(["x", "y"])
  name     = each.key
}
resource "test_object" "gone" {
  name = "gone"
}
)");
  state::State applied = Apply(PlanConfig(state::State()));
  Write("main.tf", R"(
resource "test_object" "c" {
  count = 1
  name  = "c${count.index}"
}
resource "test_object" "e" {
  for_each = toset(["x"])
  name     = each.key
}
)");
  EXPECT_EQ(Actions(PlanConfig(applied).plan),
            "test_object.c[0] no-op\n"
            "test_object.c[1] delete delete_because_count_index\n"
            "test_object.c[2] delete delete_because_count_index\n"
            "test_object.e[\"x\"] no-op\n"
            "test_object.e[\"y\"] delete delete_because_each_key\n"
            "test_object.gone delete delete_because_no_resource_config\n");
  PlanOptions destroy;
  destroy.mode = PlanMode::kDestroy;
  PlanResult d = PlanConfig(applied, destroy);
  EXPECT_EQ(d.plan.changes.size(), 6u);
  for (const ResourceInstanceChange& c : d.plan.changes) {
    EXPECT_EQ(c.action, Action::kDelete) << c.addr.ToString();
  }
  EXPECT_EQ(Apply(d).InstanceCount(), 0u);
}

TEST_F(PlannerTest, DriftIsFoundByRefreshAndPlannedBack) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n  size = 1\n}\n"
                   "resource \"test_object\" \"b\" {\n  name = \"b\"\n}\n");
  state::State applied = Apply(PlanConfig(state::State()));
  Value changed = Value::Null(Type::Dynamic());
  {
    const state::ObjectState* a =
        applied.FindCurrent({{}, {addrs::ResourceMode::kManaged, "test_object", "a"}, {}});
    const Type t = resolver_.test.GetProviderSchema().resource_types.at("test_object")
                       .block.ImpliedType();
    TypedJsonResult v = DecodeTypedJson(a->attributes_json, t);
    ASSERT_TRUE(v.ok());
    std::vector<std::pair<std::string, Value>> attrs;
    for (size_t i = 0; i < v.value.Length(); ++i) {
      const std::string& name = t.Attributes()[i].first;
      attrs.emplace_back(name, name == "size" ? Value::Int(5) : v.value.Elements()[i]);
    }
    changed = Value::Object(std::move(attrs));
  }
  resolver_.test.SetRemoteObject("test-a", changed);
  resolver_.test.SetRemoteObject("test-b", Value::Null(changed.type()));
  PlanResult p = PlanConfig(applied);
  ASSERT_EQ(p.plan.drift.size(), 2u);
  EXPECT_EQ(p.plan.drift[0].action, Action::kUpdate);
  EXPECT_EQ(p.plan.drift[1].action, Action::kDelete);
  EXPECT_EQ(Actions(p.plan), "test_object.a update\ntest_object.b create\n");
  PlanOptions refresh_only;
  refresh_only.mode = PlanMode::kRefreshOnly;
  PlanResult r = PlanConfig(applied, refresh_only);
  EXPECT_EQ(Actions(r.plan), "");
  EXPECT_TRUE(r.plan.Applyable());
}

TEST_F(PlannerTest, CycleNamesItsMembers) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = test_object.b.id\n}\n"
                   "resource \"test_object\" \"b\" {\n  name = test_object.a.id\n}\n");
  PlanResult p = PlanConfig(state::State());
  ASSERT_TRUE(p.diagnostics.HasErrors());
  EXPECT_EQ(p.diagnostics.begin()->summary,
            "Cycle: test_object.a, test_object.b");
}

TEST_F(PlannerTest, ModulesExpandWithCountAndForEach) {
  Write("main.tf", R"(
module "m" {
  source = "./mod"
  count  = 2
  name   = "m${count.index}"
}
module "n" {
  source   = "./mod"
  for_each = { k = "v" }
  name     = each.value
}
output "ids" {
  value = module.m[*].id
}
)");
  Write("mod/main.tf",
        "variable \"name\" {\n  type = string\n}\n"
         "resource \"test_object\" \"o\" {\n  name = var.name\n}\n"
        "output \"id\" {\n  value = test_object.o.id\n}\n");
  PlanResult p = PlanConfig(state::State());
  ASSERT_FALSE(p.diagnostics.HasErrors()) << p.diagnostics.begin()->summary;
  EXPECT_EQ(Actions(p.plan),
            "module.m[0].test_object.o create\nmodule.m[1].test_object.o create\n"
            "module.n[\"k\"].test_object.o create\n");
  EXPECT_EQ(p.plan.changes[2].after.Find("name")->AsString(), "v");
  state::State applied = Apply(p);
  ASSERT_EQ(applied.outputs.count("ids"), 1u);
  EXPECT_EQ(applied.outputs.at("ids").value.Elements()[1].AsString(), "test-m1");
}

TEST_F(PlannerTest, TargetsPlanOnlyWhatTheyNeed) {
  Write("main.tf", "resource \"test_object\" \"a\" {\n  name = \"a\"\n}\n"
                   "resource \"test_object\" \"b\" {\n  name = test_object.a.name\n}\n"
                   "resource \"test_object\" \"c\" {\n  name = \"c\"\n}\n");
  PlanOptions target;
  target.targets.push_back(*addrs::ParseTarget("test_object.b").addr);
  EXPECT_EQ(Actions(PlanConfig(state::State(), target).plan),
            "test_object.a create\ntest_object.b create\n");
  PlanOptions exclude;
  exclude.excludes.push_back(*addrs::ParseTarget("test_object.a").addr);
  EXPECT_EQ(Actions(PlanConfig(state::State(), exclude).plan), "test_object.c create\n");
}

}  // namespace
}  // namespace cairn::planner
