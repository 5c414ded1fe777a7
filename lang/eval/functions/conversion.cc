// Terraform's type conversion functions: tobool, tolist, tomap, tonumber, toset, tostring
// (Terraform's MakeToFunc: unsafe conversions allowed, its own error texts); sensitive,
// nonsensitive, issensitive, ephemeralasnull.

#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/go_quote.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

BodyResult ConvertTo(const Value& arg, const Type& want) {
  const Type& got = arg.type();
  if (!CanConvert(got, want, /*unsafe=*/true)) {
    if (got.IsTuple() && want.IsTuple()) {
      return ArgError(0, "incompatible tuple type for conversion: " + MismatchMessage(got, want));
    }
    if (got.IsObject() && want.IsObject()) {
      return ArgError(0,
                      "incompatible object type for conversion: " + MismatchMessage(got, want));
    }
    return ArgError(0, "cannot convert " + got.FriendlyName() + " to " +
                           want.FriendlyNameForConstraint());
  }
  ConvertResult c = Convert(arg, want);
  if (c.ok()) {
    if (!c.value.IsKnown()) return {c.value.RefineNotNull(), std::nullopt};
    return {c.value, std::nullopt};
  }
  Value val = arg.UnmarkedDeep();
  if (arg.DeepMarks().sensitive()) {
    return ArgError(0, "cannot convert this sensitive " + val.type().FriendlyName() + " to " +
                           want.FriendlyNameForConstraint());
  }
  if (val.type().IsString() && (want.IsBool() || want.IsNumber())) {
    std::string what = val.IsNull() ? "string" : GoQuote(val.AsString());
    if (want.IsBool()) {
      return ArgError(0, "cannot convert " + what +
                             " to bool; only the strings \"true\" or \"false\" are allowed");
    }
    return ArgError(0, "cannot convert " + what +
                           " to number; given string must be a decimal representation of a "
                           "number");
  }
  return ArgError(0, "cannot convert " + val.type().FriendlyName() + " to " +
                         want.FriendlyNameForConstraint());
}

void AddTo(BuiltinFunctions& r, std::string name, Type want) {
  Param v{"v", Type::Dynamic(), /*allow_null=*/true, /*allow_unknown=*/true,
          /*allow_marked=*/true};
  r.Add({std::move(name), {v}, std::nullopt, want, nullptr,
         [want](const std::vector<Value>& a) { return ConvertTo(a[0], want); }});
}

/// Terraform's ephemeralasnull: `v` with every ephemeral value (at any depth) replaced by a
/// null of its type; other marks stay.
Value EphemeralAsNull(const Value& v) {
  if (!v.DeepMarks().ephemeral()) return v;
  Marks own = v.marks();
  if (own.ephemeral()) {
    Value n = Value::Null(v.type());
    Marks rest(own.bits() & static_cast<uint8_t>(~Marks::kEphemeral));
    return rest.empty() ? n : n.WithMarks(rest);
  }
  Value u = v.Unmarked();
  if (!u.IsKnown() || u.IsNull()) return v;
  const Type& t = u.type();
  std::vector<Value> elems;
  elems.reserve(u.Length());
  for (const Value& e : u.Elements()) elems.push_back(EphemeralAsNull(e));
  Value out;
  if (t.IsList() || t.IsSet() || t.IsTuple()) {
    out = t.IsList()  ? Value::List(t.ElementType(), std::move(elems))
          : t.IsSet() ? Value::Set(t.ElementType(), std::move(elems))
                      : Value::Tuple(std::move(elems));
  } else if (t.IsMap() || t.IsObject()) {
    std::vector<std::pair<std::string, Value>> entries;
    entries.reserve(elems.size());
    for (size_t i = 0; i < elems.size(); ++i) entries.emplace_back(u.Keys()[i], elems[i]);
    out = t.IsMap() ? Value::Map(t.ElementType(), std::move(entries))
                    : Value::Object(std::move(entries));
  } else {
    return v;
  }
  return own.empty() ? out : out.WithMarks(own);
}

}  // namespace

void RegisterConversionFunctions(BuiltinFunctions& r) {
  AddTo(r, "tobool", Type::Bool());
  AddTo(r, "tolist", Type::List(Type::Dynamic()));
  AddTo(r, "tomap", Type::Map(Type::Dynamic()));
  AddTo(r, "tonumber", Type::Number());
  AddTo(r, "toset", Type::Set(Type::Dynamic()));
  AddTo(r, "tostring", Type::String());
  const Param value{"value", Type::Dynamic(), /*allow_null=*/true, /*allow_unknown=*/true,
                    /*allow_marked=*/true};
  r.Add({"sensitive", {value}, std::nullopt, Type::Dynamic(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {a[0].WithMarks(a[0].marks() | Marks::Sensitive()), std::nullopt};
         }});
  r.Add({"nonsensitive", {value}, std::nullopt, Type::Dynamic(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           Marks rest(a[0].DeepMarks().bits() & static_cast<uint8_t>(~Marks::kSensitive));
           Value v = a[0].UnmarkedDeep();
           return {rest.empty() ? v : v.WithMarks(rest), std::nullopt};
         }});
  r.Add({"issensitive", {value}, std::nullopt, Type::Bool(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           if (!a[0].IsKnown() && !a[0].IsSensitive()) {
             return {Value::Unknown(Type::Bool()).RefineNotNull(), std::nullopt};
           }
           return {Value::Bool(a[0].IsSensitive()), std::nullopt};
         }});
  r.Add({"ephemeralasnull", {value}, std::nullopt, Type::Dynamic(),
         [](const std::vector<Value>& a) { return a[0].type(); },
         [](const std::vector<Value>& a) -> BodyResult {
           return {EphemeralAsNull(a[0]), std::nullopt};
         }});
}

}  // namespace cairn::eval::functions
