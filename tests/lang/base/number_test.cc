// Numbers: number_golden.txt holds what `terraform console` printed for literals and
// arithmetic; every record must give exactly the same text.
#include "lang/base/number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "lang/base/value.h"
#include "tests/lang/base/value_test_support.h"

namespace cairn {
namespace {

using testing::ReadGolden;

/// HCL's unary minus applied to a literal: `-x` is the negation of `x`.
std::optional<Number> Operand(const std::string& text) {
  if (!text.empty() && text[0] == '-') {
    auto n = Number::Parse(text.substr(1));
    if (!n) return std::nullopt;
    return n->Neg();
  }
  return Number::Parse(text);
}

/// What Terraform prints for `a op b` (the error text when the operation fails).
std::string Evaluate(const Number& a, const std::string& op, const Number& b) {
  auto fail = [](const char* msg) {
    return std::string("error: Operation failed | Error during operation: ") + msg + ".";
  };
  std::optional<Number> r;
  if (op == "+") {
    r = a.Add(b);
    if (!r) return fail("can't compute sum of opposing infinities");
  } else if (op == "-") {
    r = a.Sub(b);
    if (!r) return fail("can't subtract infinity from itself");
  } else if (op == "*") {
    r = a.Mul(b);
    if (!r) return fail("can't multiply zero by infinity");
  } else if (op == "/") {
    r = a.Div(b);
    if (!r) return fail("can't divide zero by zero or infinity by infinity");
  } else if (op == "%") {
    r = a.Mod(b);
    if (!r) return fail("can't use modulo with zero and infinity");
  } else if (op == "==") {
    return a.EqualsCty(b) ? "true" : "false";
  } else if (op == "!=") {
    return a.EqualsCty(b) ? "false" : "true";
  } else if (op == "<") {
    return a.Compare(b) < 0 ? "true" : "false";
  } else if (op == "<=") {
    return a.Compare(b) <= 0 ? "true" : "false";
  } else if (op == ">") {
    return a.Compare(b) > 0 ? "true" : "false";
  } else if (op == ">=") {
    return a.Compare(b) >= 0 ? "true" : "false";
  } else {
    return "bad operator " + op;
  }
  return r->ToString();
}

TEST(NumberTest, MatchesTerraformConsoleGolden) {
  auto records = ReadGolden("number");
  ASSERT_GT(records.size(), 70u);
  for (const auto& r : records) {
    SCOPED_TRACE(r.input);
    std::istringstream in(r.input);
    std::string a, op, b;
    in >> a >> op >> b;
    auto x = Operand(a);
    ASSERT_TRUE(x.has_value());
    if (op.empty()) {
      EXPECT_EQ(x->ToString(), r.expected);
      continue;
    }
    auto y = Operand(b);
    ASSERT_TRUE(y.has_value());
    EXPECT_EQ(Evaluate(*x, op, *y), r.expected);
  }
}

TEST(NumberTest, ParseAcceptsWhatGoAccepts) {
  for (const char* ok :
       {"1", "+1", "-1", ".5", "5.", "1e3", "1E+3", "1e-3", "Inf", "-inf", "1p4", "007"}) {
    EXPECT_TRUE(Number::Parse(ok).has_value()) << ok;
  }
  for (const char* bad :
       {"", " 1", "1 ", "1_000", "0x10", "1e", "e3", ".", "-", "abc", "1..2", "NaN", "1e+"}) {
    EXPECT_FALSE(Number::Parse(bad).has_value()) << bad;
  }
  EXPECT_EQ(Number::Parse(".5")->ToString(), "0.5");
  EXPECT_EQ(Number::Parse("5.")->ToString(), "5");
  EXPECT_EQ(Number::Parse("1p4")->ToString(), "16");
  EXPECT_EQ(Number::Parse("Inf")->ToString(), "+Inf");
}

TEST(NumberTest, PrecisionTravelsWithTheNumber) {
  EXPECT_EQ(Number::FromInt64(7).precision(), 64);
  EXPECT_EQ(Number::Parse("7")->precision(), 512);
  EXPECT_EQ(Number::FromDouble(0.1).precision(), 53);
  // A float64 0.1 prints with the digits that round-trip at 53 bits, like Go's %v.
  EXPECT_EQ(Number::FromDouble(0.1).ToString(), "0.1");
  EXPECT_EQ(Number::FromDouble(std::pow(2.0, 0.5)).ToString(), "1.4142135623730951");
  // 0.1 as a float64 equals 0.1 parsed at 512 bits: cty compares non-integers by their
  // shortest decimal text, and both print as 0.1 (their Compare differs).
  EXPECT_TRUE(Number::FromDouble(0.1).EqualsCty(*Number::Parse("0.1")));
  EXPECT_NE(Number::FromDouble(0.1).Compare(*Number::Parse("0.1")), 0);
  // A 53-bit operand with a 512-bit one computes at 512 bits.
  EXPECT_EQ(Number::FromDouble(0.5).Add(*Number::Parse("0.1"))->precision(), 512);
  // Terraform prints pow(2, 60) (a float64) as 1152921504606847000 and pow(10, 23) as 1e23.
  EXPECT_EQ(Number::FromDouble(std::ldexp(1.0, 60)).ToString(),
            "1152921504606847000");  // pow(2, 60)
  EXPECT_EQ(Number::FromDouble(1e23).ToString(), "100000000000000000000000");
  EXPECT_EQ(Number::FromDouble(5e-324).ToString().substr(0, 6), "0.0000");
}

TEST(NumberTest, IntegerFastPathAgreesWithBigPath) {
  // Products and sums that overflow int64 continue exactly in MPFR.
  Number big = Number::FromInt64(INT64_MAX);
  EXPECT_EQ(big.Add(Number::FromInt64(1))->ToString(), "9223372036854775808");
  // At 64 bits (NumberIntVal) the product is rounded to 64 bits, as Go's big.Float does;
  // with 512-bit literals it is exact (see the golden).
  EXPECT_EQ(big.Mul(big)->ToString(), "85070591730234615847000000000000000000");
  EXPECT_EQ(Number::Parse("9223372036854775807")->Mul(big)->ToString(),
            "85070591730234615847396907784232501249");
  // At 64 bits the product is rounded, as Go's big.Float with precision 64 does.
  EXPECT_EQ(Number::FromInt64(INT64_MAX).Mul(Number::FromInt64(3))->precision(), 64);
  EXPECT_EQ(Number::FromInt64(INT64_MAX).Mul(Number::FromInt64(3))->ToString(),
            "27670116110564327420");
  EXPECT_EQ(Number::FromInt64(INT64_MIN).Neg().ToString(), "9223372036854775808");
  EXPECT_EQ(Number::FromInt64(-6).Div(Number::FromInt64(3))->ToString(), "-2");
  EXPECT_EQ(Number::FromInt64(0).Neg().ToString(), "-0");
  EXPECT_TRUE(Number::FromInt64(0).Neg().IsNegativeZero());
  EXPECT_EQ(Number::FromInt64(-7).Mod(Number::FromInt64(-1))->ToString(), "0");
  EXPECT_EQ(*Number::Parse("1e18")->ToInt64(), 1000000000000000000);
  EXPECT_FALSE(Number::Parse("1e19")->ToInt64().has_value());
  EXPECT_FALSE(Number::Parse("1.5")->ToInt64().has_value());
}

TEST(NumberTest, InfinityRules) {
  Number inf = Number::Infinity(false);
  Number one = Number::FromInt64(1);
  EXPECT_FALSE(inf.Sub(inf).has_value());
  EXPECT_FALSE(inf.Add(inf.Neg()).has_value());
  EXPECT_FALSE(inf.Mul(Number()).has_value());
  EXPECT_FALSE(inf.Div(inf).has_value());
  EXPECT_FALSE(one.Mod(inf).has_value());
  EXPECT_FALSE(inf.Mod(one).has_value());  // Terraform 1.11 crashes here; we report an error.
  EXPECT_EQ(inf.Mod(Number())->ToString(), "+Inf");
  EXPECT_EQ(inf.Neg().ToString(), "-Inf");
  EXPECT_EQ(inf.Compare(one), 1);
}

TEST(NumberTest, GoGStringForSetOrdering) {
  EXPECT_EQ(Number::FromInt64(1).ToGoGString(), "1");
  EXPECT_EQ(Number::Parse("1.5")->ToGoGString(), "1.5");
  EXPECT_EQ(Number::Parse("1e30")->ToGoGString(), "1e+30");
  EXPECT_EQ(Number::Parse("1234567890123")->ToGoGString(), "1.23456789e+12");
  EXPECT_EQ(Number::Parse("0.00001")->ToGoGString(), "1e-05");
  EXPECT_EQ(Number::Parse("0.0001")->ToGoGString(), "0.0001");
  EXPECT_EQ(Number::Parse("123456")->ToGoGString(), "123456");
  EXPECT_EQ(Number().ToGoGString(), "0");
}

}  // namespace
}  // namespace cairn
