#include "providers/plugin/wire_value.h"

#include <gtest/gtest.h>

#include "lang/base/value_json.h"
#include "providers/plugin/rpc.h"
#include "providers/plugin/wire_schema.h"
#include "providers/terraform_provider.h"
#include "providers/test_provider.h"
#include "tests/providers/provider_test_support.h"

namespace cairn::providers::plugin {
namespace {

std::string Text(const Value& json) { return EncodeJson(json).json; }

Value Json(std::string_view text) {
  JsonDecodeResult r = DecodeJson(text);
  EXPECT_TRUE(r.ok()) << r.error;
  return r.value;
}

Value RoundTrip(const Value& v, const Type& type) {
  // Through the bytes, as on the wire.
  WireDecodeResult r = DecodeWireValue(Json(Text(EncodeWireValue(v, type))), type, "x");
  EXPECT_TRUE(r.ok()) << r.error;
  return r.value;
}

const Type& ObjectType() {
  static const Type t = TestProviderSchema().resource_types.at("test_object").block.ImpliedType();
  return t;
}

Value Rule(Value port, Value protocol) {
  return Value::Object({{"port", std::move(port)}, {"protocol", std::move(protocol)}});
}

Value TestObject(Value id, Value secret, Value rules) {
  return Value::Object({{"computed_value", Value::Unknown(Type::String())},
                        {"id", std::move(id)},
                        {"name", Value::String("a")},
                        {"rule", std::move(rules)},
                        {"secret", std::move(secret)},
                        {"size", Value::Num(Number::FromInt64(3))},
                        {"tags", Value::Map(Type::String(), {{"k", Value::String("v")}})}});
}

TEST(WireValueTest, UnknownAndSensitivePathsAreListedBesideTheJson) {
  const Type& rule_type = ObjectType().Attributes()[ObjectType().AttributeIndex("rule")].second;
  Value v = TestObject(
      Value::Unknown(Type::String()), Value::String("hush").WithMarks(Marks::Sensitive()),
      Value::List(rule_type.ElementType(),
                  {Rule(Value::Int(80), Value::String("tcp")),
                   Rule(Value::Unknown(Type::Number()), Value::Null(Type::String()))}));
  EXPECT_EQ(Text(EncodeWireValue(v, ObjectType())),
            R"({"sensitive":[["secret"]],"unknown":[["computed_value"],["id"],["rule",1,"port"]],)"
            R"("value":{"computed_value":null,"id":null,"name":"a","rule":[{"port":80,)"
            R"("protocol":"tcp"},{"port":null,"protocol":null}],"secret":"hush","size":3,)"
            R"("tags":{"k":"v"}}})");
  EXPECT_VALUE_EQ(RoundTrip(v, ObjectType()), v);
}

TEST(WireValueTest, RoundTripsEveryKind) {
  Type dyn = Type::Dynamic();
  std::vector<std::pair<Value, Type>> cases = {
      {Value::Null(ObjectType()), ObjectType()},
      {Value::Unknown(ObjectType()), ObjectType()},
      {Value::Unknown(ObjectType()).WithMarks(Marks::Sensitive()), ObjectType()},
      {Value::Unknown(ObjectType()).RefineNotNull(), ObjectType()},
      {Value::Tuple({Value::Unknown(Type::String()).RefineNotNull(), Value::DynamicUnknown()}),
       Type::Tuple({Type::String(), Type::Dynamic()})},
      {Value::DynamicUnknown().RefineNotNull(), dyn},
      {Value::True(), Type::Bool()},
      {Json("3.14159265358979323846264338327950288419716939937510"), Type::Number()},
      {Json("123456789012345678901234567890"), Type::Number()},
      {Value::String("é\u2028\"\\\n<&>"), Type::String()},
      {Value::Set(Type::String(), {Value::String("b"), Value::Unknown(Type::String()),
                                   Value::String("a")}),
       Type::Set(Type::String())},
      {Value::Map(Type::Number(), {{"x", Value::Int(1).WithMarks(Marks::Sensitive())},
                                   {"y", Value::Unknown(Type::Number())}}),
       Type::Map(Type::Number())},
      {Value::Tuple({Value::Int(1), Value::String("s")}),
       Type::Tuple({Type::Number(), Type::String()})},
      // The dynamic pseudo-type: typed JSON inside, paths address the value.
      {Value(), dyn},
      {Value::DynamicUnknown(), dyn},
      {Value::Null(Type::String()), dyn},
      {Value::Unknown(Type::List(Type::String())), dyn},
      {Value::Object({{"a", Value::Unknown(Type::Bool())},
                      {"b", Value::String("s").WithMarks(Marks::Sensitive())}}),
       dyn},
      {Value::Object({{"input", Value::Tuple({Value::Int(1), Value::DynamicUnknown()})},
                      {"output", Value()}}),
       Type::Object({{"input", dyn}, {"output", dyn}})},
  };
  for (const auto& [v, type] : cases) {
    SCOPED_TRACE(Text(EncodeWireValue(v, type)));
    EXPECT_VALUE_EQ(RoundTrip(v, type), v);
  }
}

TEST(WireValueTest, NotNullRefinementsAreListed) {
  Value v = Value::Object({{"a", Value::Unknown(Type::Number()).RefineNotNull()},
                           {"b", Value::Unknown(Type::Number())}});
  EXPECT_EQ(Text(EncodeWireValue(v, v.type())),
            R"({"not_null":[["a"]],"unknown":[["a"],["b"]],"value":{"a":null,"b":null}})");
}

TEST(WireValueTest, DynamicValuesCarryTheirType) {
  Value v = Value::Object({{"a", Value::Unknown(Type::Bool())}});
  EXPECT_EQ(Text(EncodeWireValue(v, Type::Dynamic())),
            R"({"unknown":[["a"]],"value":{"type":["object",{"a":"bool"}],"value":{"a":null}}})");
}

TEST(WireValueTest, MissingAttributesAreNull) {
  WireDecodeResult r = DecodeWireValue(Json(R"({"value":{"name":"n"}})"), ObjectType(), "state");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_VALUE_EQ(*r.value.Find("id"), Value::Null(Type::String()));
  EXPECT_VALUE_EQ(*r.value.Find("name"), Value::String("n"));
}

struct BadWire {
  std::string json;
  std::string error;
};

class BadWireValueTest : public ::testing::TestWithParam<BadWire> {};

TEST_P(BadWireValueTest, IsRejectedWithItsLocation) {
  WireDecodeResult r = DecodeWireValue(Json(GetParam().json), ObjectType(), "result.new_state");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, GetParam().error);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadWireValueTest,
    ::testing::Values(
        BadWire{R"([1])", "result.new_state: a wire value {\"value\": ...} is required, not an array"},
        BadWire{R"({"value":{},"extra":1})",
                "result.new_state: unsupported field \"extra\" of a wire value"},
        BadWire{R"({"value":{"name":7}})", "result.new_state.name: a string is required, not a number"},
        BadWire{R"({"value":{"nope":7}})", "result.new_state: unsupported attribute \"nope\""},
        BadWire{R"({"value":{"rule":[{"port":"80"}]}})",
                "result.new_state.rule[0].port: a number is required, not a string"},
        BadWire{R"({"value":{"tags":{"k":true}}})",
                "result.new_state.tags[\"k\"]: a string is required, not a bool"},
        BadWire{R"({"value":{"rule":{}}})", "result.new_state.rule: an array is required, not an object"},
        BadWire{R"({"value":{},"unknown":"id"})",
                "result.new_state: unknown must be an array of paths, not a string"},
        BadWire{R"({"value":{},"unknown":[["id",-1]]})",
                "result.new_state: a step of a path in unknown must be a string or a non-negative "
                "integer, not a number"},
        BadWire{R"({"value":{},"sensitive":[{"a":1}]})",
                "result.new_state: sensitive must be an array of paths (arrays), not of an object"}));

TEST(WirePathTest, StepsFollowTheType) {
  ValuePath p = {PathStep::Attr("tags"), PathStep::Index(Value::String("k"))};
  EXPECT_EQ(Text(EncodeWirePath(p)), R"(["tags","k"])");
  std::string error;
  std::optional<ValuePath> back = DecodeWirePath(EncodeWirePath(p), ObjectType(), &error);
  ASSERT_TRUE(back) << error;
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].kind, PathStep::Kind::kAttr);
  EXPECT_EQ((*back)[1].kind, PathStep::Kind::kIndex);
  EXPECT_VALUE_EQ((*back)[1].key, Value::String("k"));
  back = DecodeWirePath(Json(R"(["rule",0,"port"])"), ObjectType(), &error);
  ASSERT_TRUE(back) << error;
  EXPECT_VALUE_EQ((*back)[1].key, Value::Int(0));
  EXPECT_FALSE(DecodeWirePath(Json(R"(["nope"])"), ObjectType(), &error));
  EXPECT_EQ(error, "the path step \"nope\" names no attribute");
  EXPECT_FALSE(DecodeWirePath(Json(R"(["name",0])"), ObjectType(), &error));
  EXPECT_EQ(error, "the path step a number does not fit a value of type string");
}

TEST(WireSchemaTest, RoundTripsTheBuiltInSchemas) {
  TerraformProvider terraform;
  for (const ProviderSchema* s : {&TestProviderSchema(), &terraform.GetProviderSchema()}) {
    std::string text = EncodeWireSchema(*s);
    WireSchemaResult back = DecodeWireSchema(text);
    ASSERT_TRUE(back.ok()) << back.error;
    EXPECT_EQ(EncodeWireSchema(back.schema), text);
  }
  WireSchemaResult back = DecodeWireSchema(EncodeWireSchema(TestProviderSchema()));
  const Schema& object = back.schema.resource_types.at("test_object");
  EXPECT_TRUE(object.block.FindAttribute("name")->requires_replace);
  EXPECT_TRUE(object.block.FindAttribute("secret")->sensitive);
  EXPECT_TRUE(object.block.ImpliedType() == ObjectType());
}

TEST(WireSchemaTest, ErrorsSayWhere) {
  EXPECT_EQ(DecodeWireSchema("[]").error, "the schema must be a JSON object");
  EXPECT_EQ(DecodeWireSchema(R"({"resource_schemas":{"x":{"block":{"attributes":{"a":{"type":"strin"}}}}}})")
                .error,
            "resource_schemas.x.block.attributes.a.type: invalid type \"strin\"");
  EXPECT_EQ(DecodeWireSchema(R"({"resource_schemas":{"x":{"block":{"attributes":{"a":{"type":"string"}}}}}})")
                .error,
            "resource_schemas.x.block.attributes.a: exactly one of required, optional or "
            "computed must be true");
  EXPECT_EQ(DecodeWireSchema(R"({"data_source_schemas":{"x":{"block":{"block_types":{"b":{"nesting_mode":"bag","block":{}}}}}}})")
                .error,
            "data_source_schemas.x.block.block_types.b.nesting_mode: one of single, group, list, "
            "set or map is required, not \"bag\"");
}

TEST(RpcTest, ParsesRequestsResponsesAndErrors) {
  RpcParseResult r = ParseRpc(R"({"jsonrpc":"2.0","id":7,"method":"ReadResource","params":{}})");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.message.kind, RpcMessage::Kind::kRequest);
  EXPECT_EQ(r.message.method, "ReadResource");
  r = ParseRpc(R"({"jsonrpc":"2.0","method":"Stop"})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.message.kind, RpcMessage::Kind::kNotification);
  r = ParseRpc(R"({"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"no"}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.message.is_error);
  EXPECT_EQ(r.message.error_code, -32601);
  EXPECT_EQ(r.message.error_message, "no");
  EXPECT_EQ(EncodeRpcRequest(3, "Stop", Value::Object({})),
            R"({"id":3,"jsonrpc":"2.0","method":"Stop","params":{}})");
  EXPECT_EQ(EncodeRpcError(Value(), kParseError, "bad"),
            R"({"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"})");
}

TEST(RpcTest, MalformedMessagesAreNamed) {
  EXPECT_EQ(ParseRpc("not json").error, "invalid JSON: invalid character 'o' in literal null (expecting 'u')");
  EXPECT_EQ(ParseRpc("[]").error, "a JSON-RPC message must be an object, not an array");
  EXPECT_EQ(ParseRpc(R"({"id":1,"result":{}})").error, "the message lacks \"jsonrpc\": \"2.0\"");
  EXPECT_EQ(ParseRpc(R"({"jsonrpc":"2.0","id":[1],"result":{}})").error,
            "the message's id must be a number or a string, not an array");
  EXPECT_EQ(ParseRpc(R"({"jsonrpc":"2.0","id":1})").error,
            "a response must have exactly one of \"result\" and \"error\"");
  EXPECT_EQ(ParseRpc(R"({"jsonrpc":"2.0","result":{}})").error, "a response must have an id");
  EXPECT_EQ(ParseRpc(R"({"jsonrpc":"2.0","id":1,"error":{"code":"x"}})").error,
            "an error response must be {\"code\": <integer>, \"message\": <string>}");
}

}  // namespace
}  // namespace cairn::providers::plugin
