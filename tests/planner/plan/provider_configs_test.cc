// Provider configurations (planner/plan/provider_configs.cc): `provider` blocks evaluated
// with variables and locals and passed to ConfigureProvider, aliases, `provider = x.y` on
// resources and data sources, `providers` maps of module calls, and Terraform's error for a
// configuration nobody declares.

#include "planner/plan/provider_configs.h"

#include "tests/planner/plan/plan_harness.h"

namespace cairn::planner::testing {
namespace {

class ProviderConfigsTest : public PlanHarness {
 protected:
  std::string ComputedValue(const state::State& st, const std::string& addr) {
    auto parsed = addrs::ParseAbsResourceInstance(addr);
    const state::ObjectState* obj = st.FindCurrent(*parsed.addr);
    if (!obj) return "<none>";
    return obj->attributes_json;
  }
  std::string ProviderOf(const state::State& st, const std::string& addr) {
    auto parsed = addrs::ParseAbsResourceInstance(addr);
    const state::ResourceState* rs = st.FindResource(parsed.addr->ContainingResource());
    return rs ? rs->provider : "<none>";
  }
};

TEST_F(ProviderConfigsTest, DefaultAliasedAndModuleConfigurations) {
  Write("main.tf", R"(
variable "suffix" {
  default = "v"
}
locals {
  west = "west-${var.suffix}"
}
provider "test" {
  label = "default"
}
provider "test" {
  alias = "west"
  label = local.west
}
resource "test_object" "a" {
  name = "a"
}
resource "test_object" "b" {
  provider = test.west
  name     = "b"
}
data "test_echo" "e" {
  provider = test.west
  input    = "e"
}
module "inherits" {
  source = "./m"
}
module "passed" {
  source = "./m"
  providers = {
    test = test.west
  }
}
module "own" {
  source = "./own"
}
)");
  Write("m/main.tf", "resource \"test_object\" \"c\" {\n  name = \"c\"\n}\n");
  Write("own/main.tf", R"(
provider "test" {
  label = "own"
}
resource "test_object" "d" {
  name = "d"
}
)");
  PlanResult p = PlanConfig(state::State());
  ASSERT_EQ(Summaries(p.diagnostics), "");
  std::string providers;
  for (const ResourceInstanceChange& c : p.plan.changes) {
    providers += c.addr.ToString() + " " + c.provider + "\n";
  }
  EXPECT_EQ(providers,
            "test_object.a provider[\"cairn.dev/test/test\"]\n"
            "test_object.b provider[\"cairn.dev/test/test\"].west\n"
            "module.inherits.test_object.c provider[\"cairn.dev/test/test\"]\n"
            "module.own.test_object.d module.own.provider[\"cairn.dev/test/test\"]\n"
            "module.passed.test_object.c provider[\"cairn.dev/test/test\"].west\n");
  ApplyResult a = ApplyConfig(p);
  ASSERT_EQ(Summaries(a.diagnostics), "");
  auto computed = [&](const std::string& addr) {
    std::string json = ComputedValue(a.state, addr);
    size_t at = json.find("\"computed_value\":\"");
    if (at == std::string::npos) return json;
    at += 18;
    return json.substr(at, json.find('"', at) - at);
  };
  EXPECT_EQ(computed("test_object.a"), "default:computed-a");
  EXPECT_EQ(computed("test_object.b"), "west-v:computed-b");
  EXPECT_EQ(computed("module.inherits.test_object.c"), "default:computed-c");
  EXPECT_EQ(computed("module.passed.test_object.c"), "west-v:computed-c");
  EXPECT_EQ(computed("module.own.test_object.d"), "own:computed-d");
  EXPECT_EQ(ProviderOf(a.state, "test_object.b"), "provider[\"cairn.dev/test/test\"].west");
  EXPECT_EQ(ProviderOf(a.state, "module.own.test_object.d"),
            "module.own.provider[\"cairn.dev/test/test\"]");
}

TEST_F(ProviderConfigsTest, AnUndeclaredAliasIsNotPresent) {
  Write("main.tf", R"(
resource "test_object" "a" {
  provider = test.nope
  name     = "a"
}
module "m" {
  source = "./m"
}
)");
  Write("m/main.tf", R"(
resource "test_object" "c" {
  provider = test.other
  name     = "c"
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Provider configuration not present: To work with test_object.a its original "
            "provider configuration at provider[\"cairn.dev/test/test\"].nope is required, but "
            "it has been removed. This occurs when a provider configuration is removed while "
            "objects created by that provider still exist in the state. Re-add the provider "
            "configuration to destroy test_object.a, after which you can remove the provider "
            "configuration again.\n"
            "error: Provider configuration not present: To work with module.m.test_object.c its "
            "original provider configuration at module.m.provider[\"cairn.dev/test/test\"].other "
            "is required, but it has been removed. This occurs when a provider configuration is "
            "removed while objects created by that provider still exist in the state. Re-add "
            "the provider configuration to destroy module.m.test_object.c, after which you can "
            "remove the provider configuration again.\n");
}

TEST_F(ProviderConfigsTest, ConfigurationErrorsAreReported) {
  Write("main.tf", R"(
provider "test" {
  label = "invalid"
}
resource "test_object" "a" {
  name = "a"
}
)");
  PlanResult p = PlanConfig(state::State());
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid provider configuration: The test provider's label must not be "
            "\"invalid\".\n");
  ASSERT_TRUE(p.diagnostics[0].subject.has_value());
  EXPECT_EQ(p.diagnostics[0].subject->start.line, 9);

  Write("main.tf", R"(
provider "test" {
  colour = "red"
}
resource "test_object" "a" {
  name = "a"
}
)");
  p = PlanConfig(state::State());
  EXPECT_TRUE(p.validation_failed);
  ASSERT_FALSE(p.diagnostics.empty());
  EXPECT_EQ(p.diagnostics[0].summary, "Unsupported argument");
  EXPECT_EQ(p.diagnostics[0].detail, "An argument named \"colour\" is not expected here.");
}

TEST_F(ProviderConfigsTest, ResolvesThroughNestedProvidersMaps) {
  Write("main.tf", R"(
provider "test" {
  alias = "x"
}
module "outer" {
  source = "./outer"
  providers = {
    test.inner = test.x
  }
}
)");
  Write("outer/main.tf", R"(
module "inner" {
  source = "../m"
  providers = {
    test = test.inner
  }
}
)");
  Write("m/main.tf", "resource \"test_object\" \"c\" {\n  name = \"c\"\n}\n");
  PlanResult p = PlanConfig(state::State());
  ASSERT_EQ(Summaries(p.diagnostics), "");
  ASSERT_EQ(p.plan.changes.size(), 1u);
  EXPECT_EQ(p.plan.changes[0].provider, "provider[\"cairn.dev/test/test\"].x");
}

}  // namespace
}  // namespace cairn::planner::testing
