// JSON encoding and decoding: json_golden.txt holds what `terraform console` prints for
// jsonencode/jsondecode expressions.
#include "lang/base/value_json.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "lang/base/value_console.h"
#include "tests/lang/base/value_test_support.h"

namespace cairn {
namespace {

using testing::BuildValue;
using testing::ReadGolden;

TEST(ValueJsonTest, MatchesTerraformGolden) {
  auto records = ReadGolden("json");
  ASSERT_GT(records.size(), 30u);
  for (const auto& r : records) {
    SCOPED_TRACE(r.input);
    auto built = BuildValue(r.input);
    const std::string kDecodeError =
        "error: Error in function call | Call to function \"jsondecode\" failed: ";
    if (r.expected.rfind(kDecodeError, 0) == 0) {
      // The decoder's message is what Terraform shows after "failed: ".
      EXPECT_EQ(built.error + ".", r.expected.substr(kDecodeError.size()));
      continue;
    }
    ASSERT_EQ(built.error, "");
    EXPECT_EQ(FormatConsoleValue(built.value), r.expected);
  }
}

// output_json_golden.txt: `terraform output -json` for the outputs in output_json_cases.txt.
TEST(ValueJsonTest, OutputJsonMatchesTerraform) {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/tests/lang/base/output_json_cases.txt");
  std::map<std::string, std::pair<bool, Value>> outputs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t eq = line.find(" = ");
    ASSERT_NE(eq, std::string::npos) << line;
    std::string decl = line.substr(0, eq);
    bool sensitive = decl.rfind("sensitive ", 0) == 0;
    std::string name = sensitive ? decl.substr(10) : decl;
    auto built = BuildValue(line.substr(eq + 3));
    ASSERT_EQ(built.error, "") << line;
    outputs[name] = {sensitive, built.value};
  }
  ASSERT_GT(outputs.size(), 10u);
  std::string compact = "{";
  for (const auto& [name, out] : outputs) {
    if (compact.size() > 1) compact += ",";
    JsonEncodeResult value = EncodeJson(out.second);
    ASSERT_TRUE(value.ok()) << name;
    compact += "\"" + name + "\":{\"sensitive\":" + (out.first ? "true" : "false") +
               ",\"type\":" + EncodeTypeJson(out.second.type()) + ",\"value\":" + value.json + "}";
  }
  compact += "}";
  auto records = ReadGolden("output_json");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(IndentJson(compact), records[0].expected);
}

TEST(ValueJsonTest, UnknownCannotBeEncoded) {
  Value v = Value::Tuple({Value::Int(1), Value::Unknown(Type::Number())});
  JsonEncodeResult r = EncodeJson(v);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error, "value is not known");
}

TEST(ValueJsonTest, NumbersKeepFullPrecision) {
  JsonDecodeResult r = DecodeJson("[0.1, 123456789012345678901234567890.123456789, 1e400, -3]");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(EncodeJson(r.value).json,
            "[0.1,123456789012345678901234567890.123456789,1" + std::string(400, '0') + ",-3]");
}

TEST(ValueJsonTest, DecodeErrors) {
  EXPECT_FALSE(DecodeJson("[1, 2").ok());
  EXPECT_FALSE(DecodeJson("").ok());
  EXPECT_FALSE(DecodeJson("{\"a\" 1}").ok());
  EXPECT_FALSE(DecodeJson("[1] x").ok());
  EXPECT_FALSE(DecodeJson(std::string(20000, '[') + std::string(20000, ']')).ok());
}

TEST(ValueJsonTest, TypeJson) {
  EXPECT_EQ(EncodeTypeJson(Type::String()), "\"string\"");
  EXPECT_EQ(EncodeTypeJson(Type::Dynamic()), "\"dynamic\"");
  EXPECT_EQ(EncodeTypeJson(Type::List(Type::Map(Type::Bool()))), "[\"list\",[\"map\",\"bool\"]]");
  Type obj = Type::Object({{"b", Type::Number()}, {"a", Type::Tuple({Type::Number()})}});
  EXPECT_EQ(EncodeTypeJson(obj), "[\"object\",{\"a\":[\"tuple\",[\"number\"]],\"b\":\"number\"}]");
  Type opt = Type::Object({{"a", Type::String()}}, {"a"});
  EXPECT_EQ(EncodeTypeJson(opt), "[\"object\",{\"a\":\"string\"},[\"a\"]]");
  for (const Type& t : {Type::String(), obj, opt, Type::Set(Type::Dynamic()), Type::Tuple({})}) {
    auto back = DecodeTypeJson(EncodeTypeJson(t));
    ASSERT_TRUE(back.has_value());
    EXPECT_TRUE(*back == t) << EncodeTypeJson(t);
  }
  EXPECT_FALSE(DecodeTypeJson("[\"list\"]").has_value());
  EXPECT_FALSE(DecodeTypeJson("\"strin\"").has_value());
}

// `terraform output -json` for `output "b" { value = tomap({x = 1}) }` and an object, as
// Terraform 1.11 printed them (indented by Go's json.MarshalIndent).
TEST(ValueJsonTest, IndentLikeOutputJson) {
  Value map = Value::Map(Type::Number(), {{"x", Value::Int(1)}});
  std::string compact = "{\"b\":{\"sensitive\":false,\"type\":" + EncodeTypeJson(map.type()) +
                        ",\"value\":" + EncodeJson(map).json + "}}";
  EXPECT_EQ(IndentJson(compact),
            "{\n"
            "  \"b\": {\n"
            "    \"sensitive\": false,\n"
            "    \"type\": [\n"
            "      \"map\",\n"
            "      \"number\"\n"
            "    ],\n"
            "    \"value\": {\n"
            "      \"x\": 1\n"
            "    }\n"
            "  }\n"
            "}");
  EXPECT_EQ(IndentJson("{\"a\":[],\"b\":{},\"c\":\"x,:{\\\"\"}"),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": \"x,:{\\\"\"\n}");
}

}  // namespace
}  // namespace cairn
