// Console notation: every record of console_golden.txt (recorded from `terraform console`)
// must print byte for byte the same.
#include "lang/base/value_console.h"

#include <gtest/gtest.h>

#include "tests/lang/base/value_test_support.h"

namespace cairn {
namespace {

using testing::BuildValue;
using testing::ReadGolden;

TEST(ValueConsoleTest, MatchesTerraformConsoleGolden) {
  auto records = ReadGolden("console");
  ASSERT_GT(records.size(), 50u);
  for (const auto& r : records) {
    SCOPED_TRACE(r.input);
    auto built = BuildValue(r.input);
    if (r.expected.rfind("error: ", 0) == 0) {
      // A conversion Terraform refuses (its function words the error; lang/eval's job).
      EXPECT_NE(built.error, "");
      continue;
    }
    ASSERT_EQ(built.error, "");
    std::string got = built.type ? built.type->ConsoleString() : FormatConsoleValue(built.value);
    EXPECT_EQ(got, r.expected);
  }
}

// unknown_golden.txt: values containing unknowns, recorded with an unapplied resource.
TEST(ValueConsoleTest, MatchesTerraformUnknownGolden) {
  auto records = ReadGolden("unknown");
  ASSERT_GT(records.size(), 20u);
  for (const auto& r : records) {
    SCOPED_TRACE(r.input);
    auto built = BuildValue(r.input);
    ASSERT_EQ(built.error, "");
    std::string got = built.type ? built.type->ConsoleString() : FormatConsoleValue(built.value);
    EXPECT_EQ(got, r.expected);
  }
}

TEST(ValueConsoleTest, UnknownValues) {
  EXPECT_EQ(FormatConsoleValue(Value::DynamicUnknown()), "(known after apply)");
  EXPECT_EQ(FormatConsoleValue(Value::Unknown(Type::String())), "(known after apply)");
  Value t = Value::Tuple({Value::Int(1), Value::Unknown(Type::Number())});
  EXPECT_EQ(FormatConsoleValue(t), "[\n  1,\n  (known after apply),\n]");
  // Unknown takes precedence over sensitive, as in Terraform.
  EXPECT_EQ(FormatConsoleValue(Value::Unknown(Type::String()).WithMarks(Marks::Sensitive())),
            "(known after apply)");
}

TEST(ValueConsoleTest, TypedNulls) {
  EXPECT_EQ(FormatConsoleValue(Value::Null(Type::List(Type::String()))),
            "tolist(null) /* of string */");
  EXPECT_EQ(FormatConsoleValue(Value::Null(Type::Set(Type::Number()))),
            "toset(null) /* of number */");
  EXPECT_EQ(FormatConsoleValue(Value::Null(Type::Map(Type::List(Type::Bool())))),
            "tomap(null) /* of list of bool */");
  EXPECT_EQ(FormatConsoleValue(Value::Null(Type::Object({{"a", Type::String()}}))),
            "null /* object */");
  EXPECT_EQ(FormatConsoleValue(Value::Null(Type::Tuple({}))), "null /* tuple */");
}

TEST(ValueConsoleTest, SensitiveNeverShown) {
  Value secret = Value::String("hunter2").WithMarks(Marks::Sensitive());
  Value v = Value::Object({{"list", Value::List(Type::String(), {secret})},
                           {"map", Value::Map(Type::String(), {{"k", secret}})},
                           {"s", secret}});
  std::string text = FormatConsoleValue(v);
  EXPECT_EQ(text.find("hunter2"), std::string::npos) << text;
}

}  // namespace
}  // namespace cairn
