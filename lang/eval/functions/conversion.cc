// Terraform's type conversion functions: tobool, tolist, tomap, tonumber, toset, tostring
// (Terraform's MakeToFunc: unsafe conversions allowed, its own error texts).

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

}  // namespace

void RegisterConversionFunctions(BuiltinFunctions& r) {
  AddTo(r, "tobool", Type::Bool());
  AddTo(r, "tolist", Type::List(Type::Dynamic()));
  AddTo(r, "tomap", Type::Map(Type::Dynamic()));
  AddTo(r, "tonumber", Type::Number());
  AddTo(r, "toset", Type::Set(Type::Dynamic()));
  AddTo(r, "tostring", Type::String());
}

}  // namespace cairn::eval::functions
