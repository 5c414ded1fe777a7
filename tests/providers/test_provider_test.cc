#include "providers/test_provider.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "lang/base/typed_json.h"
#include "lang/base/value_json.h"
#include "providers/object_values.h"
#include "tests/providers/provider_test_support.h"

namespace cairn::providers {
namespace {

const Type& ObjectType() {
  static const Type type =
      TestProviderSchema().resource_types.find("test_object")->second.block.ImpliedType();
  return type;
}

const Type& RuleType() {
  return ObjectType().Attributes()[ObjectType().AttributeIndex("rule")].second;
}

Value Rule(int port, std::string protocol) {
  return Value::Object(
      {{"port", Value::Int(port)}, {"protocol", Value::String(std::move(protocol))}});
}

/// A configuration of test_object: computed attributes null.
Value Config(std::string name, std::optional<int> size = {}) {
  return Value::Object({{"computed_value", Value::Null(Type::String())},
                        {"id", Value::Null(Type::String())},
                        {"name", Value::String(std::move(name))},
                        {"rule", Value::List(RuleType().ElementType(), {Rule(443, "tcp")})},
                        {"secret", Value::String("hunter2")},
                        {"size", size ? Value::Int(*size) : Value::Null(Type::Number())},
                        {"tags", Value::Map(Type::String(), {{"env", Value::String("dev")}})}});
}

/// `object` with attribute `name` set to `value`.
Value With(const Value& object, std::string_view name, Value value) {
  auto attrs = AttributesOf(object);
  SetAttr(attrs, name, std::move(value));
  return Value::Object(std::move(attrs));
}

PlanResourceChangeResponse Plan(TestProvider& p, const Value& prior, const Value& proposed) {
  PlanResourceChangeRequest req;
  req.type_name = "test_object";
  req.prior_state = prior;
  req.proposed_new_state = proposed;
  req.config = proposed;
  return p.PlanResourceChange(req);
}

ApplyResourceChangeResponse Apply(TestProvider& p, const Value& prior, const Value& planned) {
  ApplyResourceChangeRequest req;
  req.type_name = "test_object";
  req.prior_state = prior;
  req.planned_state = planned;
  return p.ApplyResourceChange(req);
}

TEST(TestProviderTest, Schema) {
  TestProvider p;
  const ProviderSchema& s = p.GetProviderSchema();
  EXPECT_EQ(EncodeTypeJson(ObjectType()),
            R"(["object",{"computed_value":"string","id":"string","name":"string",)"
            R"("rule":["list",["object",{"port":"number","protocol":"string"}]],)"
            R"("secret":"string","size":"number","tags":["map","string"]}])");
  const Block& block = s.resource_types.find("test_object")->second.block;
  EXPECT_TRUE(block.FindAttribute("name")->required);
  EXPECT_TRUE(block.FindAttribute("name")->requires_replace);
  EXPECT_TRUE(block.FindAttribute("secret")->sensitive);
  EXPECT_TRUE(block.FindAttribute("id")->computed);
  EXPECT_FALSE(block.FindAttribute("id")->optional);
  ASSERT_NE(block.FindBlock("rule"), nullptr);
  EXPECT_EQ(block.FindBlock("rule")->nesting, NestingMode::kList);
  EXPECT_EQ(EncodeTypeJson(s.data_sources.find("test_echo")->second.block.ImpliedType()),
            R"(["object",{"input":"dynamic","output":"dynamic"}])");
}

TEST(TestProviderTest, CreateThenApply) {
  TestProvider p;
  PlanResourceChangeResponse plan = Plan(p, Value::Null(ObjectType()), Config("a", 3));
  ASSERT_TRUE(plan.diagnostics.empty());
  EXPECT_TRUE(plan.requires_replace.empty());
  Value planned = With(With(Config("a", 3), "id", Value::Unknown(Type::String())), "computed_value",
                       Value::Unknown(Type::String()));
  EXPECT_VALUE_EQ(plan.planned_state, planned);

  ApplyResourceChangeResponse applied = Apply(p, Value::Null(ObjectType()), plan.planned_state);
  ASSERT_TRUE(applied.diagnostics.empty());
  EXPECT_EQ(EncodeTypedJson(applied.new_state, ObjectType()).json,
            R"({"computed_value":"computed-a","id":"test-a","name":"a",)"
            R"("rule":[{"port":443,"protocol":"tcp"}],"secret":"hunter2","size":3,)"
            R"("tags":{"env":"dev"}})");
  EXPECT_EQ(p.apply_count(), 1);
}

TEST(TestProviderTest, InPlaceUpdateKeepsComputedValues) {
  TestProvider p;
  Value prior = With(With(Config("a", 3), "id", Value::String("test-a")), "computed_value",
                     Value::String("computed-a"));
  Value proposed = With(prior, "size", Value::Int(4));
  PlanResourceChangeResponse plan = Plan(p, prior, proposed);
  EXPECT_TRUE(plan.requires_replace.empty());
  EXPECT_VALUE_EQ(plan.planned_state, proposed);
  EXPECT_VALUE_EQ(Apply(p, prior, plan.planned_state).new_state, proposed);
}

TEST(TestProviderTest, NameChangeRequiresReplacement) {
  TestProvider p;
  Value prior = With(With(Config("a"), "id", Value::String("test-a")), "computed_value",
                     Value::String("computed-a"));
  Value proposed = With(prior, "name", Value::String("b"));
  PlanResourceChangeResponse plan = Plan(p, prior, proposed);
  ASSERT_EQ(plan.requires_replace.size(), 1u);
  ASSERT_EQ(plan.requires_replace[0].size(), 1u);
  EXPECT_EQ(plan.requires_replace[0][0].name, "name");
  EXPECT_VALUE_EQ(GetAttr(plan.planned_state, "id"), Value::Unknown(Type::String()));
  EXPECT_VALUE_EQ(GetAttr(plan.planned_state, "computed_value"), Value::Unknown(Type::String()));
  Value applied = Apply(p, Value::Null(ObjectType()), plan.planned_state).new_state;
  EXPECT_VALUE_EQ(GetAttr(applied, "id"), Value::String("test-b"));
}

TEST(TestProviderTest, UnknownNameRequiresReplacement) {
  TestProvider p;
  Value prior = With(With(Config("a"), "id", Value::String("test-a")), "computed_value",
                     Value::String("computed-a"));
  PlanResourceChangeResponse plan =
      Plan(p, prior, With(prior, "name", Value::Unknown(Type::String())));
  EXPECT_EQ(plan.requires_replace.size(), 1u);
}

TEST(TestProviderTest, DestroyPlansAndAppliesNull) {
  TestProvider p;
  Value prior = With(Config("a"), "id", Value::String("test-a"));
  EXPECT_VALUE_EQ(Plan(p, prior, Value::Null(ObjectType())).planned_state,
                  Value::Null(ObjectType()));
  EXPECT_VALUE_EQ(Apply(p, prior, Value::Null(ObjectType())).new_state, Value::Null(ObjectType()));
}

TEST(TestProviderTest, ValidateRejectsNegativeSize) {
  TestProvider p;
  Diagnostics d = p.ValidateResourceConfig({"test_object", Config("a", -2)});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].summary, "Invalid size");
  EXPECT_EQ(d[0].detail, "The size of a test_object must be zero or more, not -2.");
  EXPECT_TRUE(p.ValidateResourceConfig({"test_object", Config("a", 0)}).empty());
  EXPECT_TRUE(p.ValidateResourceConfig(
                   {"test_object", With(Config("a"), "size", Value::Unknown(Type::Number()))})
                  .empty());
  Diagnostics unknown = p.ValidateResourceConfig({"test_thing", Config("a")});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].detail, "The test provider has no resource type named \"test_thing\".");
}

TEST(TestProviderTest, ReadSeesDriftAndDeletion) {
  TestProvider p;
  Value state = With(Config("a"), "id", Value::String("test-a"));
  EXPECT_VALUE_EQ(p.ReadResource({"test_object", state, ""}).new_state, state);
  Value drifted = With(state, "size", Value::Int(9));
  p.SetRemoteObject("test-a", drifted);
  EXPECT_VALUE_EQ(p.ReadResource({"test_object", state, ""}).new_state, drifted);
  p.SetRemoteObject("test-a", Value::Null(ObjectType()));
  EXPECT_VALUE_EQ(p.ReadResource({"test_object", state, ""}).new_state, Value::Null(ObjectType()));
}

TEST(TestProviderTest, Import) {
  TestProvider p;
  ImportResourceStateResponse r = p.ImportResourceState({"test_object", "test-web"});
  ASSERT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.imported.size(), 1u);
  EXPECT_EQ(EncodeTypedJson(r.imported[0].state, ObjectType()).json,
            R"({"computed_value":"computed-web","id":"test-web","name":"web","rule":[],)"
            R"("secret":null,"size":null,"tags":null})");
  r = p.ImportResourceState({"test_object", "web"});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid import id");
  EXPECT_EQ(r.diagnostics[0].detail,
            "The id of a test_object is \"test-\" followed by its name, not \"web\".");
}

TEST(TestProviderTest, EchoDataSource) {
  TestProvider p;
  Value input = Value::Tuple({Value::String("a"), Value::Int(1)});
  ReadDataSourceResponse r =
      p.ReadDataSource({"test_echo", Value::Object({{"input", input}, {"output", Value()}})});
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_VALUE_EQ(r.state, Value::Object({{"input", input}, {"output", input}}));
}

TEST(TestProviderTest, UpgradeDecodesVersionZeroOnly) {
  TestProvider p;
  std::string json =
      R"({"computed_value":"computed-a","id":"test-a","name":"a","rule":[{"port":443,"protocol":"tcp"}],)"
      R"("secret":"hunter2","size":3,"tags":{"env":"dev"}})";
  UpgradeResourceStateResponse r = p.UpgradeResourceState({"test_object", 0, json});
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_VALUE_EQ(r.upgraded_state, With(With(Config("a", 3), "id", Value::String("test-a")),
                                         "computed_value", Value::String("computed-a")));
  r = p.UpgradeResourceState({"test_object", 2, json});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].detail,
            "The test provider knows test_object objects of schema version 0 only, not 2.");
  r = p.UpgradeResourceState({"test_object", 0, R"({"size":"big"})"});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid stored object");
  EXPECT_EQ(r.diagnostics[0].detail, "a number is required");
}

TEST(TestProviderTest, StopAndConcurrentApplies) {
  TestProvider p;
  Value planned = Plan(p, Value::Null(ObjectType()), Config("a")).planned_state;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        p.SetRemoteObject("test-" + std::to_string(i), Value::Null(ObjectType()));
        Apply(p, Value::Null(ObjectType()), planned);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(p.apply_count(), 400);
  EXPECT_FALSE(p.stopped());
  p.Stop();
  EXPECT_TRUE(p.stopped());
}

}  // namespace
}  // namespace cairn::providers
