#include "lang/base/typed_json.h"

#include <gtest/gtest.h>

#include <string>

namespace cairn {
namespace {

Type DataType() { return Type::Object({{"id", Type::String()}, {"input", Type::Dynamic()}}); }

TEST(EncodeTypedJsonTest, DynamicAttributesCarryTheirType) {
  Value v = Value::Object(
      {{"id", Value::String("a<b")}, {"input", Value::List(Type::Number(), {Value::Int(1)})}});
  EXPECT_EQ(EncodeTypedJson(v, DataType()).json,
            R"({"id":"a\u003cb","input":{"value":[1],"type":["list","number"]}})");
}

TEST(EncodeTypedJsonTest, NullOfTheDynamicTypeIsPlainNull) {
  Value v = Value::Object({{"id", Value::String("a")}, {"input", Value()}});
  EXPECT_EQ(EncodeTypedJson(v, DataType()).json, R"({"id":"a","input":null})");
}

TEST(EncodeTypedJsonTest, TypedNullUnderTheDynamicTypeKeepsItsType) {
  Value v = Value::Object({{"id", Value::String("a")}, {"input", Value::Null(Type::String())}});
  EXPECT_EQ(EncodeTypedJson(v, DataType()).json,
            R"({"id":"a","input":{"value":null,"type":"string"}})");
}

TEST(EncodeTypedJsonTest, DynamicElementsOfCollections) {
  Value v = Value::List(Type::String(), {Value::String("x"), Value::String("y")});
  EXPECT_EQ(EncodeTypedJson(v, Type::List(Type::Dynamic())).json,
            R"([{"value":"x","type":"string"},{"value":"y","type":"string"}])");
  Value m = Value::Map(Type::Bool(), {{"k", Value::True()}});
  EXPECT_EQ(EncodeTypedJson(m, Type::Map(Type::Dynamic())).json,
            R"({"k":{"value":true,"type":"bool"}})");
}

TEST(EncodeTypedJsonTest, RoundTripsThroughDecodeTypedJson) {
  std::string json = R"({"id":"x","input":{"value":{"a":1.5,"b":["x",null]},)"
                     R"("type":["object",{"a":"number","b":["tuple",["string","dynamic"]]}]}})";
  TypedJsonResult decoded = DecodeTypedJson(json, DataType());
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  EXPECT_EQ(EncodeTypedJson(decoded.value, DataType()).json, json);
}

TEST(EncodeTypedJsonTest, UnknownValuesCannotBeEncoded) {
  Value v = Value::Object({{"id", Value::Unknown(Type::String())}, {"input", Value()}});
  TypedJsonEncodeResult r = EncodeTypedJson(v, DataType());
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "value is not known");
  EXPECT_EQ(r.json, "");
  EXPECT_FALSE(EncodeTypedJson(Value::DynamicUnknown(), Type::Dynamic()).ok());
}

}  // namespace
}  // namespace cairn
