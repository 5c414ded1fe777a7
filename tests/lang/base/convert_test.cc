// Conversions: convert_golden.txt holds what Terraform did with a JSON value given to a
// variable with a type constraint (the converted value in console notation, or the error).
#include "lang/base/convert.h"

#include <gtest/gtest.h>

#include "lang/base/type_defaults.h"
#include "lang/base/value_console.h"
#include "lang/base/value_json.h"
#include "tests/lang/base/value_test_support.h"

namespace cairn {
namespace {

using testing::ReadGolden;

TEST(ConvertTest, MatchesTerraformVariableGolden) {
  auto records = ReadGolden("convert");
  ASSERT_GT(records.size(), 50u);
  for (const auto& r : records) {
    SCOPED_TRACE(r.input);
    size_t sep = r.input.find(" ;; ");
    ASSERT_NE(sep, std::string::npos);
    ParsedTypeConstraint tc = ParseTypeConstraint(r.input.substr(0, sep));
    if (!tc.error.empty()) {
      // An invalid default: Terraform rejects the type constraint itself.
      EXPECT_EQ("error: " + tc.error, r.expected);
      continue;
    }
    JsonDecodeResult in = DecodeJson(r.input.substr(sep + 4));
    ASSERT_TRUE(in.ok()) << in.error;
    Value given = tc.defaults ? tc.defaults->Apply(in.value) : in.value;
    ConvertResult out = Convert(given, tc.type);
    if (r.expected.rfind("error: ", 0) == 0) {
      ASSERT_FALSE(out.ok()) << FormatConsoleValue(out.value);
      // Terraform words it "...declared at main.tf:1,1-13: <message>." (no path).
      EXPECT_EQ(out.error->message + ".", r.expected.substr(7));
    } else {
      ASSERT_TRUE(out.ok()) << out.error->Format();
      EXPECT_EQ(FormatConsoleValue(out.value), r.expected);
    }
  }
}

TEST(ConvertTest, ErrorPaths) {
  JsonDecodeResult in = DecodeJson("{\"a\": [1, \"x\"]}");
  ConvertResult r = Convert(in.value, Type::Object({{"a", Type::List(Type::Number())}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->Format(), ".a[1]: a number is required");
  in = DecodeJson("{\"k\": \"x\"}");
  r = Convert(in.value, Type::Map(Type::Number()));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->Format(), "[\"k\"]: a number is required");
}

TEST(ConvertTest, UnknownNullMarks) {
  ConvertResult r = Convert(Value::Unknown(Type::String()), Type::Number());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value.IsKnown());
  EXPECT_TRUE(r.value.type() == Type::Number());
  r = Convert(Value::DynamicUnknown(), Type::List(Type::String()));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value.type() == Type::List(Type::String()));
  r = Convert(Value(), Type::Bool());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value.IsNull());
  EXPECT_TRUE(r.value.type() == Type::Bool());
  r = Convert(Value::Int(5).WithMarks(Marks::Sensitive()), Type::String());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value.AsString(), "5");
  EXPECT_TRUE(r.value.IsSensitive());
  // Marks on elements survive a tuple-to-list conversion.
  r = Convert(Value::Tuple({Value::Int(1).WithMarks(Marks::Sensitive())}),
              Type::List(Type::String()));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value[0].IsSensitive());
  EXPECT_EQ(r.value[0].AsString(), "1");
}

TEST(ConvertTest, Unify) {
  auto u = UnifyTypes({Type::Number(), Type::String()});
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->FriendlyName(), "string");
  u = UnifyTypes({Type::Number(), Type::Bool()});
  EXPECT_FALSE(u.has_value());
  u = UnifyTypes({Type::Object({{"a", Type::Number()}}), Type::Object({{"a", Type::String()}})});
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->ConstraintString(), "object({a=string})");
  u = UnifyTypes({Type::Object({{"a", Type::Number()}}), Type::Object({{"b", Type::String()}})});
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->ConstraintString(), "map(string)");
  u = UnifyTypes({Type::Tuple({Type::Number()}), Type::List(Type::String())});
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->ConstraintString(), "list(string)");
  u = UnifyTypes({Type::Dynamic(), Type::Number()});
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->ConstraintString(), "number");
  EXPECT_FALSE(UnifyTypes({}).has_value());
}

TEST(ConvertTest, MismatchMessages) {
  EXPECT_EQ(
      MismatchMessage(Type::Tuple({Type::Number(), Type::Tuple({})}), Type::List(Type::Dynamic())),
      "all list elements must have the same type");
  EXPECT_EQ(MismatchMessage(Type::List(Type::Tuple({})), Type::List(Type::Number())),
            "incorrect list element type: number required");
  EXPECT_EQ(MismatchMessage(Type::Bool(), Type::Dynamic()), "any type required");
}

}  // namespace
}  // namespace cairn
