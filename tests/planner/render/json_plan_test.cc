// RenderJsonPlan and RenderJsonPlanMessages against what Terraform printed for the same
// plans (tests/tools/record_json_plan_goldens.sh: `terraform show -json` of a saved plan and
// `terraform plan -json`). The Plan objects are built here by hand to match the scenarios in
// scenarios/; the configuration is loaded from the same directories.

#include "planner/render/json_plan.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "lang/base/go_json.h"
#include "lang/config/config_tree.h"
#include "tests/planner/render/plan_fixtures.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using namespace render_test;  // NOLINT: test fixtures

const fs::path kDir = fs::path(CAIRN_SOURCE_DIR) / "tests/planner/render";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Removes what differs from run to run (versions, timestamps) and sorts what Terraform
/// orders by a map walk (relevant_attributes).
Json Normalize(Json j) {
  j.erase("terraform_version");
  j.erase("timestamp");
  if (j.contains("prior_state")) j["prior_state"].erase("terraform_version");
  if (j.contains("relevant_attributes")) {
    std::vector<std::string> items;
    for (const Json& a : j["relevant_attributes"]) items.push_back(a.dump());
    std::sort(items.begin(), items.end());
    Json sorted = Json::array();
    for (const std::string& s : items) sorted.push_back(Json::parse(s));
    j["relevant_attributes"] = sorted;
  }
  return j;
}

/// Compares two JSON documents key by key (order included), reporting the first paths that
/// differ.
void ExpectSameJson(const Json& want, const Json& got, const std::string& path = "") {
  if (want.is_object() && got.is_object()) {
    std::vector<std::string> wk, gk;
    for (auto it = want.begin(); it != want.end(); ++it) wk.push_back(it.key());
    for (auto it = got.begin(); it != got.end(); ++it) gk.push_back(it.key());
    EXPECT_EQ(wk, gk) << "keys at " << path;
    for (auto it = want.begin(); it != want.end(); ++it) {
      if (got.contains(it.key())) ExpectSameJson(it.value(), got[it.key()], path + "/" + it.key());
    }
    return;
  }
  if (want.is_array() && got.is_array()) {
    EXPECT_EQ(want.size(), got.size()) << "length at " << path;
    for (size_t i = 0; i < std::min(want.size(), got.size()); i++) {
      ExpectSameJson(want[i], got[i], path + "/" + std::to_string(i));
    }
    return;
  }
  EXPECT_EQ(want.dump(), got.dump()) << "at " << path;
}

/// The configuration section of a plan without changes.
Json ConfigurationOnly(const ConfigView& view) {
  return RenderJsonPlan(Plan{}, TerraformSchemas(), view, JsonPlanOptions{})["configuration"];
}

struct LoadedConfig {
  config::ConfigResult result;
  ConfigView view;
};

ConfigView MakeView(const config::Config& c) {
  ConfigView v;
  v.module = &c.module;
  for (const auto& child : c.children) {
    std::string name = child->path.substr(child->path.rfind('.') + 1);
    v.children.emplace(name, MakeView(*child));
  }
  return v;
}

std::unique_ptr<LoadedConfig> Load(const std::string& scenario) {
  auto loaded = std::make_unique<LoadedConfig>();
  loaded->result = config::LoadConfig((kDir / "scenarios" / scenario).string());
  EXPECT_FALSE(loaded->result.diagnostics.HasErrors());
  loaded->view = MakeView(loaded->result.root);
  return loaded;
}

TEST(JsonPlanTest, CreateMatchesTerraform) {
  auto config = Load("create");
  JsonPlanOptions o;
  o.show_sensitive = true;
  Json got = RenderJsonPlan(CreatePlan(), TerraformSchemas(), config->view, o);
  Json want = Json::parse(Slurp(kDir / "testdata/create.show.json"));
  ExpectSameJson(Normalize(want), Normalize(got));
}

TEST(JsonPlanTest, ChangeMatchesTerraform) {
  auto config = Load("change_after");
  JsonPlanOptions o;
  o.show_sensitive = true;
  Json got = RenderJsonPlan(ChangePlan(), TerraformSchemas(), config->view, o);
  Json want = Json::parse(Slurp(kDir / "testdata/change.show.json"));
  ExpectSameJson(Normalize(want), Normalize(got));
}

TEST(JsonPlanTest, ReasonsMatchTerraform) {
  auto config = Load("reasons");
  JsonPlanOptions o;
  o.show_sensitive = true;
  Json got = RenderJsonPlan(ReasonsPlan(), TerraformSchemas(), config->view, o);
  Json want = Json::parse(Slurp(kDir / "testdata/reasons.show.json"));
  ExpectSameJson(Normalize(want), Normalize(got));
}

TEST(JsonPlanTest, DestroyMatchesTerraform) {
  auto config = Load("change_before");
  JsonPlanOptions o;
  o.show_sensitive = true;
  Json got = RenderJsonPlan(DestroyPlan(), TerraformSchemas(), config->view, o);
  Json want = Json::parse(Slurp(kDir / "testdata/destroy.show.json"));
  ExpectSameJson(Normalize(want), Normalize(got));
}

TEST(JsonPlanTest, ProvisionersInConfiguration) {
  auto config = Load("provisioners");
  Json got = ConfigurationOnly(config->view);
  Json want = Json::parse(Slurp(kDir / "testdata/provisioners.show.json"))["configuration"];
  ExpectSameJson(want, got);
}

TEST(JsonPlanTest, VersionAndTimestamp) {
  JsonPlanOptions o;
  o.terraform_version = "9.9.9";
  Plan plan = CreatePlan();
  plan.timestamp = std::chrono::system_clock::time_point(std::chrono::seconds(1795305600));
  Json got = RenderJsonPlan(plan, TerraformSchemas(), ConfigView{}, o);
  EXPECT_EQ(got["terraform_version"], "9.9.9");
  EXPECT_EQ(got["prior_state"]["terraform_version"], "9.9.9");
  EXPECT_EQ(got["timestamp"], "2026-11-22T00:00:00Z");
  EXPECT_FALSE(got.contains("configuration"));
}

TEST(JsonPlanTest, SensitiveValuesAreRedactedByDefault) {
  auto config = Load("change_after");
  Json got = RenderJsonPlan(ChangePlan(), TerraformSchemas(), config->view, JsonPlanOptions{});
  const char* hidden = "(sensitive value)";
  EXPECT_EQ(got["variables"]["secret"]["value"], hidden);
  EXPECT_EQ(got["variables"]["name"]["value"], "n1");
  const Json* sens = nullptr;
  for (const Json& rc : got["resource_changes"]) {
    if (rc["address"] == "terraform_data.sens") sens = &rc;
  }
  ASSERT_NE(sens, nullptr);
  EXPECT_EQ((*sens)["change"]["before"]["input"]["secret"], hidden);
  EXPECT_EQ((*sens)["change"]["before"]["input"]["plain"], "p");
  EXPECT_EQ((*sens)["change"]["after"]["input"]["secret"], hidden);
  EXPECT_EQ((*sens)["change"]["after_sensitive"]["input"]["secret"], true);
  EXPECT_EQ(got["output_changes"]["secret"]["before"], hidden);
  EXPECT_EQ(got["output_changes"]["secret"]["after"], hidden);
  EXPECT_EQ(got["output_changes"]["changes"]["after"], "two");
  EXPECT_EQ(got["planned_values"]["outputs"]["secret"]["value"], hidden);
  EXPECT_EQ(got["prior_state"]["values"]["outputs"]["secret"]["value"], hidden);
  for (const Json& r : got["prior_state"]["values"]["root_module"]["resources"]) {
    if (r["address"] == "terraform_data.sens") {
      EXPECT_EQ(r["values"]["input"]["secret"], hidden);
      EXPECT_EQ(r["values"]["input"]["plain"], "p");
    }
  }
  // The secret remains only where Terraform does not mark it: terraform_data's `output`
  // echoes `input` without its marks (before_sensitive {"output": {}}), in the change and in
  // the prior state.
  std::string text = GoJsonMarshal(got);
  size_t first = text.find("s3cr3t");
  ASSERT_NE(first, std::string::npos);
  size_t second = text.find("s3cr3t", first + 1);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(text.find("s3cr3t", second + 1), std::string::npos);
  EXPECT_EQ(text.find("\"changed\""), std::string::npos);
}

TEST(JsonPlanTest, SchemaSensitiveAttributesAreMarked) {
  Schemas schemas = TerraformSchemas();
  providers::Attribute& input =
      const_cast<providers::Attribute&>(*schemas["terraform.io/builtin/terraform"]
                                             .resource_types["terraform_data"]
                                             .block.FindAttribute("input"));
  input.sensitive = true;
  Json got = RenderJsonPlan(ChangePlan(), schemas, ConfigView{}, JsonPlanOptions{});
  for (const Json& rc : got["resource_changes"]) {
    if (rc["address"] != "terraform_data.upd") continue;
    EXPECT_EQ(rc["change"]["before"]["input"], "(sensitive value)");
    EXPECT_EQ(rc["change"]["before_sensitive"], Json::parse(R"({"input":true})"));
    EXPECT_EQ(rc["change"]["after_sensitive"], Json::parse(R"({"input":true})"));
  }
}

/// The planned_change, resource_drift, change_summary and outputs lines Terraform printed,
/// without the keys the CLI's stream writer adds, sorted (Terraform prints changes in the
/// order its graph walk finishes them).
std::vector<std::string> GoldenMessages(const std::string& name) {
  std::vector<std::string> out;
  std::istringstream lines(Slurp(kDir / "testdata" / name));
  std::string line;
  const std::set<std::string> kept = {"planned_change", "resource_drift", "change_summary",
                                      "outputs"};
  while (std::getline(lines, line)) {
    Json j = Json::parse(line);
    if (!kept.count(j["type"].get<std::string>())) continue;
    j.erase("@level");
    j.erase("@module");
    j.erase("@timestamp");
    out.push_back(GoJsonMarshal(j));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Messages(const Plan& plan) {
  std::vector<std::string> out;
  for (const Json& m : RenderJsonPlanMessages(plan, JsonPlanOptions{})) {
    out.push_back(GoJsonMarshal(m));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(JsonPlanMessagesTest, CreateMatchesTerraform) {
  EXPECT_EQ(Messages(CreatePlan()), GoldenMessages("create.plan_json.txt"));
}

TEST(JsonPlanMessagesTest, ChangeMatchesTerraform) {
  EXPECT_EQ(Messages(ChangePlan()), GoldenMessages("change.plan_json.txt"));
}

TEST(JsonPlanMessagesTest, ReasonsMatchTerraform) {
  EXPECT_EQ(Messages(ReasonsPlan()), GoldenMessages("reasons.plan_json.txt"));
}

TEST(JsonPlanMessagesTest, DestroyMatchesTerraform) {
  EXPECT_EQ(Messages(DestroyPlan()), GoldenMessages("destroy.plan_json.txt"));
}

TEST(JsonPlanMessagesTest, OrderIsDriftChangesSummaryOutputs) {
  std::vector<Json> messages = RenderJsonPlanMessages(ChangePlan(), JsonPlanOptions{});
  ASSERT_GE(messages.size(), 2u);
  EXPECT_EQ(messages[messages.size() - 2]["type"], "change_summary");
  EXPECT_EQ(messages.back()["type"], "outputs");
  EXPECT_EQ(messages.front()["@message"], "terraform_data.cnt[1]: Plan to delete");
}

}  // namespace
}  // namespace cairn::planner

namespace cairn::planner {
namespace {

/// Shapes Terraform's code gives for what the scenarios above cannot produce with
/// terraform_data (drift, deposed objects, imports, data sources).
Plan OddPlan() {
  Plan plan = CreatePlan();
  plan.changes.clear();
  plan.outputs.clear();
  Value object = Value::Object({{"id", Value::String("i1")},
                                {"input", Value::String("a")},
                                {"output", Value::String("a")},
                                {"triggers_replace", Value::Null(Type::Dynamic())}});
  Type type = object.type();
  ResourceInstanceChange drift;
  drift.addr = {{}, {addrs::ResourceMode::kManaged, "terraform_data", "d"}, {}};
  drift.provider = "provider[\"terraform.io/builtin/terraform\"]";
  drift.action = Action::kDelete;
  drift.before = object;
  drift.after = Value::Null(type);
  plan.drift.push_back(drift);

  ResourceInstanceChange deposed = drift;
  deposed.deposed_key = "00000001";
  deposed.reason = ActionReason::kNone;
  plan.changes.push_back(deposed);

  ResourceInstanceChange import = drift;
  import.addr.resource.name = "imported";
  import.action = Action::kNoOp;
  import.after = object;
  import.import_id = "i1";
  plan.changes.push_back(import);

  ResourceInstanceChange data = drift;
  data.addr.resource = {addrs::ResourceMode::kData, "terraform_remote_state", "r"};
  plan.changes.push_back(data);
  return plan;
}

TEST(JsonPlanTest, DriftDeposedImportAndDataSources) {
  Json got = RenderJsonPlan(OddPlan(), TerraformSchemas(), ConfigView{}, JsonPlanOptions{});
  ASSERT_EQ(got["resource_drift"].size(), 1u);
  EXPECT_EQ(got["resource_drift"][0]["change"]["actions"], Json::parse(R"(["delete"])"));
  EXPECT_EQ(got["resource_drift"][0]["change"]["after"], nullptr);
  EXPECT_EQ(got["resource_drift"][0]["change"]["after_sensitive"], false);
  // The data source's delete is an implementation detail Terraform does not show.
  ASSERT_EQ(got["resource_changes"].size(), 2u);
  const Json& deposed = got["resource_changes"][0];
  std::vector<std::string> keys;
  for (auto it = deposed.begin(); it != deposed.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"address", "mode", "type", "name", "provider_name",
                                            "deposed", "change"}));
  EXPECT_EQ(deposed["deposed"], "00000001");
  const Json& imported = got["resource_changes"][1];
  EXPECT_EQ(imported["change"]["importing"], Json::parse(R"({"id":"i1"})"));
  // Planned values leave out deletes and deposed objects.
  EXPECT_EQ(got["planned_values"]["root_module"]["resources"].size(), 1u);
  EXPECT_EQ(got["planned_values"]["root_module"]["resources"][0]["address"],
            "terraform_data.imported");
}

TEST(JsonPlanMessagesTest, DriftDeposedImportAndDataSources) {
  std::vector<std::string> got;
  for (const Json& m : RenderJsonPlanMessages(OddPlan(), JsonPlanOptions{})) {
    got.push_back(GoJsonMarshal(m));
  }
  const std::string addr_d =
      R"({"addr":"terraform_data.d","module":"","resource":"terraform_data.d",)"
      R"("implied_provider":"terraform","resource_type":"terraform_data","resource_name":"d",)"
      R"("resource_key":null})";
  const std::string addr_i =
      R"({"addr":"terraform_data.imported","module":"","resource":"terraform_data.imported",)"
      R"("implied_provider":"terraform","resource_type":"terraform_data",)"
      R"("resource_name":"imported","resource_key":null})";
  std::vector<std::string> want = {
      R"x({"@message":"terraform_data.d: Drift detected (delete)","change":{"resource":)x" +
          addr_d + R"(,"action":"delete"},"type":"resource_drift"})",
      R"({"@message":"terraform_data.d: Plan to delete","change":{"resource":)" + addr_d +
          R"(,"action":"delete"},"type":"planned_change"})",
      R"({"@message":"terraform_data.imported: Plan to import","change":{"resource":)" + addr_i +
          R"(,"action":"import","importing":{"id":"i1"}},"type":"planned_change"})",
      R"({"@message":"Plan: 1 to import, 0 to add, 0 to change, 1 to destroy.","changes":)"
      R"({"add":0,"change":0,"import":1,"remove":1,"operation":"plan"},"type":"change_summary"})",
  };
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace cairn::planner
