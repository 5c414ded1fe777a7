#include "providers/terraform_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lang/base/typed_json.h"
#include "lang/base/value_json.h"
#include "providers/builtin.h"
#include "providers/object_values.h"
#include "tests/providers/provider_test_support.h"

namespace cairn::providers {
namespace {

const Type& DataType() {
  static const Type type =
      TerraformProviderSchema().resource_types.find("terraform_data")->second.block.ImpliedType();
  return type;
}

/// A terraform_data object from the JSON of its state `attributes`.
Value Data(std::string_view json) { return testing::FromStateJson(json, DataType()); }

/// The configuration value the planner passes: computed attributes null.
Value Config(const Value& input, const Value& triggers_replace) {
  return Value::Object({{"id", Value::Null(Type::String())},
                        {"input", input},
                        {"output", Value::Null(Type::Dynamic())},
                        {"triggers_replace", triggers_replace}});
}

PlanResourceChangeResponse Plan(TerraformProvider& p, const Value& prior, const Value& proposed) {
  PlanResourceChangeRequest req;
  req.type_name = "terraform_data";
  req.prior_state = prior;
  req.proposed_new_state = proposed;
  req.config = proposed;
  return p.PlanResourceChange(req);
}

std::string PathsText(const std::vector<ValuePath>& paths) {
  std::string out;
  for (const ValuePath& path : paths) {
    out += "[";
    for (const PathStep& step : path)
      out += step.kind == PathStep::Kind::kAttr ? "." + step.name : "[]";
    out += "]";
  }
  return out;
}

TEST(TerraformProviderTest, SchemaIsTerraformData) {
  TerraformProvider p;
  const ProviderSchema& schema = p.GetProviderSchema();
  ASSERT_EQ(schema.resource_types.size(), 1u);
  EXPECT_EQ(
      EncodeTypeJson(DataType()),
      R"(["object",{"id":"string","input":"dynamic","output":"dynamic","triggers_replace":"dynamic"}])");
  const Schema& data = schema.resource_types.begin()->second;
  EXPECT_EQ(data.version, 0);
  const Attribute* id = data.block.FindAttribute("id");
  ASSERT_NE(id, nullptr);
  EXPECT_TRUE(id->computed);
  EXPECT_FALSE(id->optional);
  EXPECT_TRUE(data.block.FindAttribute("input")->optional);
  EXPECT_TRUE(data.block.FindAttribute("output")->computed);
  EXPECT_TRUE(data.block.FindAttribute("triggers_replace")->optional);
  ASSERT_EQ(schema.data_sources.size(), 1u);
  EXPECT_EQ(schema.data_sources.begin()->first, "terraform_remote_state");
  EXPECT_EQ(
      EncodeTypeJson(schema.data_sources.begin()->second.block.ImpliedType()),
      R"(["object",{"backend":"string","config":"dynamic","defaults":"dynamic","outputs":"dynamic","workspace":"string"}])");
  EXPECT_EQ(schema.functions.size(), 3u);
}

TEST(TerraformProviderTest, PlanCreateLeavesIdAndOutputUnknown) {
  TerraformProvider p;
  PlanResourceChangeResponse r =
      Plan(p, Value::Null(DataType()), Config(Value::String("x"), Value()));
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_VALUE_EQ(r.planned_state, Value::Object({{"id", Value::Unknown(Type::String())},
                                                  {"input", Value::String("x")},
                                                  {"output", Value::Unknown(Type::String())},
                                                  {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, PlanCreateOutputHasTheInputsType) {
  TerraformProvider p;
  Value input = Value::Object({{"a", Value::Int(1)}, {"b", Value::Tuple({Value::String("x")})}});
  PlanResourceChangeResponse r = Plan(p, Value::Null(DataType()), Config(input, Value()));
  EXPECT_VALUE_EQ(GetAttr(r.planned_state, "output"), Value::Unknown(input.type()));
  EXPECT_EQ(EncodeTypeJson(GetAttr(r.planned_state, "output").type()),
            R"(["object",{"a":"number","b":["tuple",["string"]]}])");
}

TEST(TerraformProviderTest, PlanCreateWithoutInputPlansNullOutput) {
  TerraformProvider p;
  PlanResourceChangeResponse r = Plan(p, Value::Null(DataType()), Config(Value(), Value()));
  // Terraform's plan JSON: "after": {"input": null, "output": null, ...}, only id unknown.
  EXPECT_VALUE_EQ(r.planned_state, Value::Object({{"id", Value::Unknown(Type::String())},
                                                  {"input", Value()},
                                                  {"output", Value()},
                                                  {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, PlanCreateWithUnknownInput) {
  TerraformProvider p;
  PlanResourceChangeResponse r =
      Plan(p, Value::Null(DataType()), Config(Value::DynamicUnknown(), Value()));
  EXPECT_VALUE_EQ(GetAttr(r.planned_state, "output"), Value::DynamicUnknown());
}

TEST(TerraformProviderTest, PlanWithoutChangesKeepsThePriorObject) {
  TerraformProvider p;
  Value prior =
      Data(R"({"id":"d391edfc-9ea3-0d3d-577e-a1dfdb80da14","input":{"value":"x","type":"string"},)"
           R"("output":{"value":"x","type":"string"},"triggers_replace":null})");
  PlanResourceChangeResponse r = Plan(p, prior, prior);
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_VALUE_EQ(r.planned_state, prior);
}

TEST(TerraformProviderTest, PlanInputChangeRecomputesOutputOnly) {
  TerraformProvider p;
  Value prior = Data(R"({"id":"abc","input":{"value":"x","type":"string"},)"
                     R"("output":{"value":"x","type":"string"},"triggers_replace":null})");
  // ProposedNew: the configuration with the prior computed values.
  Value proposed = Value::Object({{"id", Value::String("abc")},
                                  {"input", Value::Int(5)},
                                  {"output", Value::String("x")},
                                  {"triggers_replace", Value()}});
  PlanResourceChangeResponse r = Plan(p, prior, proposed);
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_VALUE_EQ(r.planned_state, Value::Object({{"id", Value::String("abc")},
                                                  {"input", Value::Int(5)},
                                                  {"output", Value::Unknown(Type::Number())},
                                                  {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, PlanInputBecomingNullMakesOutputUnknown) {
  TerraformProvider p;
  Value prior = Data(R"({"id":"abc","input":{"value":"x","type":"string"},)"
                     R"("output":{"value":"x","type":"string"},"triggers_replace":null})");
  Value proposed = Value::Object({{"id", Value::String("abc")},
                                  {"input", Value()},
                                  {"output", Value::String("x")},
                                  {"triggers_replace", Value()}});
  PlanResourceChangeResponse r = Plan(p, prior, proposed);
  EXPECT_VALUE_EQ(GetAttr(r.planned_state, "output"), Value::DynamicUnknown());
}

TEST(TerraformProviderTest, PlanTriggersChangeRequiresReplacement) {
  TerraformProvider p;
  Value prior = Data(
      R"({"id":"abc","input":{"value":"x","type":"string"},"output":{"value":"x","type":"string"},)"
      R"("triggers_replace":{"value":[1],"type":["tuple",["number"]]}})");
  Value proposed = Value::Object({{"id", Value::String("abc")},
                                  {"input", Value::String("x")},
                                  {"output", Value::String("x")},
                                  {"triggers_replace", Value::Tuple({Value::Int(2)})}});
  PlanResourceChangeResponse r = Plan(p, prior, proposed);
  EXPECT_EQ(PathsText(r.requires_replace), "[.triggers_replace]");
  EXPECT_VALUE_EQ(r.planned_state,
                  Value::Object({{"id", Value::Unknown(Type::String())},
                                 {"input", Value::String("x")},
                                 {"output", Value::Unknown(Type::String())},
                                 {"triggers_replace", Value::Tuple({Value::Int(2)})}}));
}

TEST(TerraformProviderTest, PlanTriggersOfAnotherTypeRequireReplacement) {
  // RawEquals, not Equals: a list(number) [1] is not the tuple [1].
  TerraformProvider p;
  Value prior = Data(R"({"id":"abc","input":null,"output":null,)"
                     R"("triggers_replace":{"value":[1],"type":["tuple",["number"]]}})");
  Value proposed =
      Value::Object({{"id", Value::String("abc")},
                     {"input", Value()},
                     {"output", Value()},
                     {"triggers_replace", Value::List(Type::Number(), {Value::Int(1)})}});
  PlanResourceChangeResponse r = Plan(p, prior, proposed);
  EXPECT_EQ(PathsText(r.requires_replace), "[.triggers_replace]");
  EXPECT_VALUE_EQ(GetAttr(r.planned_state, "output"), Value());
}

TEST(TerraformProviderTest, PlanDestroyIsNull) {
  TerraformProvider p;
  Value prior = Data(R"({"id":"abc","input":null,"output":null,"triggers_replace":null})");
  PlanResourceChangeResponse r = Plan(p, prior, Value::Null(DataType()));
  EXPECT_VALUE_EQ(r.planned_state, Value::Null(DataType()));
}

TEST(TerraformProviderTest, ApplyCreateCopiesInputAndMakesAnId) {
  TerraformProvider p([] { return std::string("11111111-2222-3333-4444-555555555555"); });
  Value planned =
      Plan(p, Value::Null(DataType()), Config(Value::String("x"), Value())).planned_state;
  ApplyResourceChangeRequest req;
  req.type_name = "terraform_data";
  req.prior_state = Value::Null(DataType());
  req.planned_state = planned;
  req.config = Config(Value::String("x"), Value());
  ApplyResourceChangeResponse r = p.ApplyResourceChange(req);
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_VALUE_EQ(r.new_state,
                  Value::Object({{"id", Value::String("11111111-2222-3333-4444-555555555555")},
                                 {"input", Value::String("x")},
                                 {"output", Value::String("x")},
                                 {"triggers_replace", Value()}}));
  // Written to the state exactly as Terraform writes it.
  EXPECT_EQ(EncodeTypedJson(r.new_state, DataType()).json,
            R"({"id":"11111111-2222-3333-4444-555555555555","input":{"value":"x","type":"string"},)"
            R"("output":{"value":"x","type":"string"},"triggers_replace":null})");
}

TEST(TerraformProviderTest, ApplyUpdateKeepsTheId) {
  TerraformProvider p([] { return std::string("unused"); });
  ApplyResourceChangeRequest req;
  req.type_name = "terraform_data";
  req.planned_state = Value::Object({{"id", Value::String("abc")},
                                     {"input", Value::Int(5)},
                                     {"output", Value::Unknown(Type::Number())},
                                     {"triggers_replace", Value()}});
  ApplyResourceChangeResponse r = p.ApplyResourceChange(req);
  EXPECT_VALUE_EQ(r.new_state, Value::Object({{"id", Value::String("abc")},
                                              {"input", Value::Int(5)},
                                              {"output", Value::Int(5)},
                                              {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, ApplyDestroyGivesNull) {
  TerraformProvider p;
  ApplyResourceChangeRequest req;
  req.type_name = "terraform_data";
  req.prior_state = Data(R"({"id":"abc","input":null,"output":null,"triggers_replace":null})");
  req.planned_state = Value::Null(DataType());
  ApplyResourceChangeResponse r = p.ApplyResourceChange(req);
  EXPECT_VALUE_EQ(r.new_state, Value::Null(DataType()));
}

TEST(TerraformProviderTest, GeneratedIdsAreUuidShapedAndDistinct) {
  std::regex shape("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string id = GenerateUuid();
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(TerraformProviderTest, ApplyFromManyThreadsAtOnce) {
  TerraformProvider p;
  Value planned =
      Plan(p, Value::Null(DataType()), Config(Value::String("x"), Value())).planned_state;
  std::vector<std::vector<std::string>> ids(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        ApplyResourceChangeRequest req;
        req.type_name = "terraform_data";
        req.planned_state = planned;
        ApplyResourceChangeResponse r = p.ApplyResourceChange(req);
        ids[t].push_back(GetAttr(r.new_state, "id").AsString());
      }
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<std::string> all;
  for (const auto& v : ids) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 800u);
}

TEST(TerraformProviderTest, UpgradeDecodesTerraformsStateAttributes) {
  TerraformProvider p;
  UpgradeResourceStateRequest req;
  req.type_name = "terraform_data";
  // What terraform 1.11 wrote for input = { a = 1, b = ["x"] }, triggers_replace = [1].
  req.raw_json =
      R"({"id":"7bcea277-8d56-b0bf-243b-c38b218c0101","input":{"value":{"a":1,"b":["x"]},)"
      R"("type":["object",{"a":"number","b":["tuple",["string"]]}]},"output":{"value":{"a":1,)"
      R"("b":["x"]},"type":["object",{"a":"number","b":["tuple",["string"]]}]},)"
      R"("triggers_replace":{"value":[1],"type":["tuple",["number"]]}})";
  UpgradeResourceStateResponse r = p.UpgradeResourceState(req);
  ASSERT_TRUE(r.diagnostics.empty());
  Value input = Value::Object({{"a", Value::Int(1)}, {"b", Value::Tuple({Value::String("x")})}});
  EXPECT_VALUE_EQ(r.upgraded_state,
                  Value::Object({{"id", Value::String("7bcea277-8d56-b0bf-243b-c38b218c0101")},
                                 {"input", input},
                                 {"output", input},
                                 {"triggers_replace", Value::Tuple({Value::Int(1)})}}));
  EXPECT_EQ(EncodeTypedJson(r.upgraded_state, DataType()).json, req.raw_json);
}

TEST(TerraformProviderTest, UpgradeOfNullAttributes) {
  TerraformProvider p;
  UpgradeResourceStateRequest req;
  req.type_name = "terraform_data";
  req.raw_json =
      R"({"id":"35105a64-626c-c94a-23ac-0bd6eb6b844b","input":null,"output":null,"triggers_replace":null})";
  UpgradeResourceStateResponse r = p.UpgradeResourceState(req);
  EXPECT_VALUE_EQ(r.upgraded_state,
                  Value::Object({{"id", Value::String("35105a64-626c-c94a-23ac-0bd6eb6b844b")},
                                 {"input", Value()},
                                 {"output", Value()},
                                 {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, UpgradeReportsInvalidJson) {
  TerraformProvider p;
  UpgradeResourceStateRequest req;
  req.type_name = "terraform_data";
  req.raw_json = R"({"id":"x","input":"not dynamic"})";
  UpgradeResourceStateResponse r = p.UpgradeResourceState(req);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "need JSON object for dynamically-typed value");
  req.raw_json = R"({"id":"x","colour":null})";
  r = p.UpgradeResourceState(req);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "unsupported attribute \"colour\"");
}

TEST(TerraformProviderTest, ImportKnowsOnlyTheId) {
  TerraformProvider p;
  ImportResourceStateResponse r = p.ImportResourceState({"terraform_data", "abc"});
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.imported.size(), 1u);
  EXPECT_EQ(r.imported[0].type_name, "terraform_data");
  EXPECT_VALUE_EQ(r.imported[0].state, Value::Object({{"id", Value::String("abc")},
                                                      {"input", Value()},
                                                      {"output", Value()},
                                                      {"triggers_replace", Value()}}));
}

TEST(TerraformProviderTest, ReadReturnsTheStateUnchanged) {
  TerraformProvider p;
  Value state = Data(
      R"({"id":"abc","input":{"value":true,"type":"bool"},"output":{"value":true,"type":"bool"},"triggers_replace":null})");
  ReadResourceResponse r = p.ReadResource({"terraform_data", state, "cHJpdg=="});
  EXPECT_VALUE_EQ(r.new_state, state);
  EXPECT_EQ(r.private_data, "cHJpdg==");
}

TEST(TerraformProviderTest, ValidateRejectsComputedAttributes) {
  TerraformProvider p;
  Value config = Value::Object({{"id", Value::String("mine")},
                                {"input", Value()},
                                {"output", Value::Int(1)},
                                {"triggers_replace", Value()}});
  Diagnostics d = p.ValidateResourceConfig({"terraform_data", config});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].summary, "\"id\" attribute is read-only");
  EXPECT_EQ(d[1].summary, "\"output\" attribute is read-only");
  EXPECT_TRUE(p.ValidateResourceConfig({"terraform_data", Config(Value::Int(1), Value())}).empty());
  EXPECT_TRUE(p.ValidateResourceConfig({"terraform_data", Value::Null(DataType())}).empty());
}

TEST(TerraformProviderTest, ValidateRemoteStateTypes) {
  TerraformProvider p;
  Value config = Value::Object({{"backend", Value::String("local")},
                                {"config", Value::String("path")},
                                {"defaults", Value::Int(1)},
                                {"outputs", Value()},
                                {"workspace", Value::Null(Type::String())}});
  Diagnostics d = p.ValidateResourceConfig({"terraform_remote_state", config});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].summary, "Invalid backend configuration");
  EXPECT_EQ(d[0].detail, "The configuration must be an object value.");
  EXPECT_EQ(d[1].summary, "Invalid default values");
  EXPECT_EQ(d[1].detail, "Defaults must be given in an object value.");
}

TEST(TerraformProviderTest, UnknownTypesAreErrors) {
  TerraformProvider p;
  PlanResourceChangeRequest req;
  req.type_name = "terraform_thing";
  EXPECT_EQ(p.PlanResourceChange(req).diagnostics[0].summary,
            "unsupported resource type \"terraform_thing\"");
  EXPECT_EQ(p.ReadDataSource({"terraform_data", Value()}).diagnostics[0].summary,
            "Error: unsupported data source terraform_data");
}

TEST(BuiltinProvidersTest, MakesTheTerraformProviderBySource) {
  EXPECT_NE(MakeBuiltinProvider("terraform.io/builtin/terraform"), nullptr);
  EXPECT_NE(MakeBuiltinProvider("terraform"), nullptr);
  EXPECT_EQ(MakeBuiltinProvider("registry.terraform.io/hashicorp/null"), nullptr);
  EXPECT_EQ(MakeBuiltinProvider(""), nullptr);
  EXPECT_EQ(CanonicalBuiltinSource("terraform"), "terraform.io/builtin/terraform");
  ASSERT_EQ(BuiltinProviderSources().size(), 1u);
  EXPECT_EQ(BuiltinProviderSources()[0], "terraform.io/builtin/terraform");
  std::unique_ptr<Provider> p = MakeBuiltinProvider("terraform");
  EXPECT_EQ(p->GetProviderSchema().resource_types.count("terraform_data"), 1u);
}

}  // namespace
}  // namespace cairn::providers
