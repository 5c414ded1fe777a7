// Types and values: names as Terraform prints them, cty's equality, set order, marks and
// structural sharing.
#include "lang/base/value.h"

#include <gtest/gtest.h>

#include "lang/base/convert.h"
#include "lang/base/type.h"
#include "lang/base/value_console.h"

namespace cairn {
namespace {

Type T(std::string_view text) {
  ParsedTypeConstraint p = ParseTypeConstraint(text);
  EXPECT_EQ(p.error, "") << text;
  return p.type;
}

TEST(TypeTest, FriendlyNames) {
  struct Case {
    const char* constraint;
    const char* friendly;
    const char* for_constraint;
  } cases[] = {
      {"string", "string", "string"},
      {"number", "number", "number"},
      {"bool", "bool", "bool"},
      {"any", "dynamic", "any type"},
      {"list(string)", "list of string", "list of string"},
      {"set(number)", "set of number", "set of number"},
      {"map(list(bool))", "map of list of bool", "map of list of bool"},
      {"list(any)", "list of dynamic", "list of any single type"},
      {"map(any)", "map of dynamic", "map of any single type"},
      {"object({a=string})", "object", "object"},
      {"tuple([string])", "tuple", "tuple"},
  };
  for (const auto& c : cases) {
    Type t = T(c.constraint);
    EXPECT_EQ(t.FriendlyName(), c.friendly);
    EXPECT_EQ(t.FriendlyNameForConstraint(), c.for_constraint);
    EXPECT_EQ(t.ConstraintString(), c.constraint);
  }
}

TEST(TypeTest, ConstraintSyntax) {
  EXPECT_EQ(T("object({ b = number, a = optional(list(string)) })").ConstraintString(),
            "object({a=optional(list(string)),b=number})");
  EXPECT_EQ(T("tuple([string, map(any)])").ConstraintString(), "tuple([string,map(any)])");
  EXPECT_EQ(T("object({\"x y\" = string})").ConstraintString(), "object({\"x y\"=string})");
  EXPECT_EQ(T("tuple([])").ConstraintString(), "tuple([])");
  EXPECT_NE(ParseTypeConstraint("object({a=optional(number, )})").error, "");
  EXPECT_NE(ParseTypeConstraint("object({a=optional(number, [1)})").error, "");
  EXPECT_EQ(ParseTypeConstraint("object({a=optional(number)})").defaults, nullptr);
  ParsedTypeConstraint with_default =
      ParseTypeConstraint("list(object({a=optional(string, \"),\")}))");
  ASSERT_EQ(with_default.error, "");
  ASSERT_NE(with_default.defaults, nullptr);
  EXPECT_EQ(with_default.type.ConstraintString(), "list(object({a=optional(string)}))");
  EXPECT_NE(ParseTypeConstraint("list(strin)").error, "");
  EXPECT_NE(ParseTypeConstraint("list(string").error, "");
  EXPECT_NE(ParseTypeConstraint("string string").error, "");
  EXPECT_NE(ParseTypeConstraint(std::string(500, '[')).error, "");
  std::string deep;
  for (int i = 0; i < 200; i++) deep += "list(";
  EXPECT_NE(ParseTypeConstraint(deep).error, "");
}

TEST(TypeTest, Equality) {
  EXPECT_TRUE(T("list(string)") == Type::List(Type::String()));
  EXPECT_FALSE(T("list(string)") == Type::Set(Type::String()));
  EXPECT_TRUE(T("object({a=string,b=number})") == T("object({b=number,a=string})"));
  EXPECT_FALSE(T("object({a=string})") == T("object({a=optional(string)})"));
  EXPECT_FALSE(T("tuple([string])") == T("tuple([string,string])"));
  EXPECT_TRUE(Type::Dynamic() == T("any"));
  EXPECT_TRUE(T("map(list(any))").HasDynamic());
  EXPECT_FALSE(T("map(list(bool))").HasDynamic());
}

TEST(ValueTest, PrimitivesAndNulls) {
  Value n;
  EXPECT_TRUE(n.IsNull());
  EXPECT_TRUE(n.type().IsDynamic());
  EXPECT_TRUE(Value::Bool(true).AsBool());
  EXPECT_EQ(Value::Int(42).AsNumber().ToString(), "42");
  EXPECT_EQ(Value::String("x").AsString(), "x");
  EXPECT_TRUE(Value::Null(Type::String()).IsNull());
  EXPECT_FALSE(Value::Unknown(Type::String()).IsKnown());
  EXPECT_FALSE(Value::Unknown(Type::String()).IsNull());
}

TEST(ValueTest, MapsAndObjectsSortKeys) {
  Value m = Value::Map(Type::Number(),
                       {{"b", Value::Int(2)}, {"a", Value::Int(1)}, {"B", Value::Int(3)}});
  ASSERT_EQ(m.Length(), 3u);
  EXPECT_EQ(m.Keys()[0], "B");
  EXPECT_EQ(m.Keys()[1], "a");
  EXPECT_EQ(m.Keys()[2], "b");
  ASSERT_NE(m.Find("a"), nullptr);
  EXPECT_EQ(m.Find("a")->AsNumber().ToString(), "1");
  EXPECT_EQ(m.Find("z"), nullptr);
  Value o = Value::Object({{"z", Value::True()}, {"a", Value::String("x")}, {"z", Value::False()}});
  EXPECT_EQ(o.type().ConstraintString(), "object({a=string,z=bool})");
  EXPECT_FALSE(o.Find("z")->AsBool());  // the last duplicate wins
}

TEST(ValueTest, SetsOrderAndDeduplicateLikeCty) {
  Value s =
      Value::Set(Type::String(), {Value::String("b"), Value::String("a"), Value::String("b"),
                                  Value::Null(Type::String()), Value::Unknown(Type::String()),
                                  Value::Unknown(Type::String()), Value::Null(Type::String())});
  // Known values sorted, then the unknowns (never equal to each other), then one null.
  ASSERT_EQ(s.Length(), 5u);
  EXPECT_EQ(s[0].AsString(), "a");
  EXPECT_EQ(s[1].AsString(), "b");
  EXPECT_FALSE(s[2].IsKnown());
  EXPECT_FALSE(s[3].IsKnown());
  EXPECT_TRUE(s[4].IsNull());
  Value nums =
      Value::Set(Type::Number(), {Value::Int(10), Value::Int(-1), Value::Num(*Number::Parse("1.5")),
                                  Value::Num(*Number::Parse("10.0"))});
  EXPECT_EQ(FormatConsoleValue(nums), "toset([\n  -1,\n  1.5,\n  10,\n])");
  Value bools = Value::Set(Type::Bool(), {Value::True(), Value::False(), Value::True()});
  EXPECT_EQ(FormatConsoleValue(bools), "toset([\n  false,\n  true,\n])");
  // Marks on elements move to the set.
  Value marked = Value::Set(Type::String(), {Value::String("x").WithMarks(Marks::Sensitive())});
  EXPECT_TRUE(marked.IsSensitive());
  EXPECT_FALSE(marked[0].IsMarked());
}

TEST(ValueTest, SetHashTextMatchesCty) {
  Value obj = Value::Object({{"b", Value::String("q\"")}, {"a", Value::Int(1)}});
  EXPECT_EQ(SetHashText(obj), "<1;\"q\\\"\";>");
  Value list = Value::List(Type::Number(), {Value::Int(1), Value::Num(*Number::Parse("1e30"))});
  EXPECT_EQ(SetHashText(list), "[1;1e+30;]");
  Value map = Value::Map(Type::Bool(), {{"k", Value::True()}, {"j", Value::Null(Type::Bool())}});
  EXPECT_EQ(SetHashText(map), "{\"j\":~;\"k\":T;}");
  EXPECT_EQ(SetHashText(Value::Unknown(Type::String())), "?");
}

TEST(ValueTest, EqualsFollowsCty) {
  auto eq = [](const Value& a, const Value& b) {
    Value r = a.Equals(b);
    if (!r.IsKnown()) return std::string("unknown");
    return std::string(r.AsBool() ? "true" : "false");
  };
  EXPECT_EQ(eq(
                Value::Int(1),
                *[] {
                  static Value v = Value::Num(*Number::Parse("1.0"));
                  return &v;
                }()),
            "true");
  EXPECT_EQ(eq(Value::Int(1), Value::String("1")), "false");
  EXPECT_EQ(eq(Value(), Value::Null(Type::String())), "true");  // nulls are equal across types
  EXPECT_EQ(eq(Value(), Value::Int(1)), "false");
  EXPECT_EQ(eq(Value::Unknown(Type::Number()), Value::Int(1)), "unknown");
  EXPECT_EQ(eq(Value::Unknown(Type::Number()), Value::String("1")), "false");
  EXPECT_EQ(eq(Value::DynamicUnknown(), Value::String("1")), "unknown");
  EXPECT_EQ(eq(Value::Unknown(Type::String()), Value()), "unknown");
  Value t1 = Value::Tuple({Value::Int(1), Value::String("a")});
  Value t2 = Value::Tuple({Value::Int(1), Value::String("a")});
  Value t3 = Value::Tuple({Value::Int(2), Value::Unknown(Type::String())});
  Value t4 = Value::Tuple({Value::Int(1), Value::Unknown(Type::String())});
  EXPECT_EQ(eq(t1, t2), "true");
  EXPECT_EQ(eq(t1, t3), "false");  // the first difference decides
  EXPECT_EQ(eq(t1, t4), "unknown");
  EXPECT_EQ(eq(Value::List(Type::Number(), {Value::Int(1)}), Value::Tuple({Value::Int(1)})),
            "false");
  EXPECT_EQ(eq(Value::Tuple({Value()}), Value::Tuple({Value()})), "true");
  Value s1 = Value::Set(Type::Number(), {Value::Int(1), Value::Int(2)});
  Value s2 = Value::Set(Type::Number(), {Value::Int(2), Value::Int(1)});
  EXPECT_EQ(eq(s1, s2), "true");
  EXPECT_EQ(eq(s1, Value::Set(Type::Number(), {Value::Int(1), Value::Unknown(Type::Number())})),
            "unknown");
  // The result carries both sides' marks.
  Value r = Value::String("x").WithMarks(Marks::Sensitive()).Equals(Value::String("x"));
  EXPECT_TRUE(r.IsSensitive());
  r = Value::Tuple({Value::Int(1).WithMarks(Marks::Ephemeral())})
          .Equals(Value::Tuple({Value::Int(1)}));
  EXPECT_TRUE(r.AsBool());
  EXPECT_TRUE(r.marks().ephemeral());
}

TEST(ValueTest, NotNullRefinement) {
  auto eq = [](const Value& a, const Value& b) {
    Value r = a.Equals(b);
    if (!r.IsKnown()) return std::string(r.DefinitelyNotNull() ? "unknown-not-null" : "unknown");
    return std::string(r.AsBool() ? "true" : "false");
  };
  Value u = Value::Unknown(Type::String());
  Value nn = u.RefineNotNull();
  EXPECT_FALSE(u.DefinitelyNotNull());
  EXPECT_TRUE(nn.DefinitelyNotNull());
  EXPECT_FALSE(nn.IsKnown());
  EXPECT_EQ(eq(u, Value()), "unknown-not-null");  // cty's unknown results are refined
  EXPECT_EQ(eq(nn, Value()), "false");
  EXPECT_EQ(eq(Value::Null(Type::String()), nn), "false");
  EXPECT_EQ(eq(nn, Value::String("x")), "unknown-not-null");
  EXPECT_TRUE(Value::String("x").RefineNotNull().IsKnown());
  EXPECT_FALSE(nn.RawEquals(u));
  EXPECT_TRUE(nn.RawEquals(Value::Unknown(Type::String()).RefineNotNull()));
  // Conversions keep the refinement.
  ConvertResult r = Convert(nn, Type::Number());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value.DefinitelyNotNull());
  EXPECT_FALSE(Convert(u, Type::Number()).value.DefinitelyNotNull());
}

TEST(ValueTest, MarksAtAnyDepth) {
  Value inner = Value::String("s").WithMarks(Marks::Sensitive());
  Value v = Value::Object({{"a", Value::List(Type::String(), {inner})}, {"b", Value::Int(1)}});
  EXPECT_FALSE(v.IsMarked());
  EXPECT_TRUE(v.ContainsMarked());
  EXPECT_TRUE(v.DeepMarks().sensitive());
  EXPECT_FALSE(v.DeepMarks().ephemeral());
  Value bare = v.UnmarkedDeep();
  EXPECT_FALSE(bare.ContainsMarked());
  EXPECT_EQ(bare.Find("a")->Elements()[0].AsString(), "s");
  EXPECT_TRUE(v.ContainsMarked());  // the original is unchanged
  Value both = Value::Int(1).WithMarks(Marks::Sensitive()).WithMarks(Marks::Ephemeral());
  EXPECT_TRUE(both.marks().sensitive() && both.marks().ephemeral());
  EXPECT_FALSE(both.Unmarked().IsMarked());
}

TEST(ValueTest, WhollyKnownAndKnownType) {
  Value v = Value::Tuple({Value::Int(1), Value::Unknown(Type::String())});
  EXPECT_TRUE(v.IsKnown());
  EXPECT_FALSE(v.IsWhollyKnown());
  EXPECT_TRUE(v.HasWhollyKnownType());
  EXPECT_FALSE(Value::Tuple({Value::DynamicUnknown()}).HasWhollyKnownType());
  EXPECT_TRUE(Value::Tuple({Value()}).HasWhollyKnownType());
}

TEST(ValueTest, CopiesShareStructure) {
  std::vector<Value> elems;
  elems.reserve(1000000);
  for (int i = 0; i < 1000000; i++) elems.push_back(Value::Int(i));
  Value list = Value::List(Type::Number(), std::move(elems));
  Value copy = list;  // O(1): the element vector is shared, not copied
  EXPECT_EQ(&copy.Elements()[0], &list.Elements()[0]);
  Value marked = list.WithMarks(Marks::Sensitive());
  EXPECT_EQ(&marked.Elements()[0], &list.Elements()[0]);
  EXPECT_EQ(copy.Length(), 1000000u);
  EXPECT_EQ(copy[999999].AsNumber().ToString(), "999999");
}

TEST(ValueTest, RawEquals) {
  EXPECT_TRUE(Value::Int(1).RawEquals(Value::Int(1)));
  EXPECT_FALSE(Value::Int(1).RawEquals(Value::Int(1).WithMarks(Marks::Sensitive())));
  EXPECT_TRUE(Value::Unknown(Type::Number()).RawEquals(Value::Unknown(Type::Number())));
  EXPECT_FALSE(Value::Unknown(Type::Number()).RawEquals(Value::Null(Type::Number())));
  EXPECT_FALSE(Value::Num(Number::FromInt64(0)).RawEquals(Value::Num(Number::FromInt64(0).Neg())));
}

}  // namespace
}  // namespace cairn
