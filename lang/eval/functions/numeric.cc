// Terraform's numeric functions: abs, ceil, floor, log, max, min, parseint, pow, signum.

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr char kWholeNumber[] =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

Param Num(std::string name) { return Param{std::move(name), Type::Number()}; }

/// cty's NumberFloatVal, which panics on NaN (Terraform then reports the panic).
BodyResult FloatResult(double v) {
  if (std::isnan(v)) return CallError("the result is not a number (NaN)");
  return {Value::Num(Number::FromDouble(v)), std::nullopt};
}

/// The integer `x` rounds to toward minus (`up` false) or plus infinity; +0 for zero.
Number RoundToInteger(const Number& x, bool up) {
  if (x.IsInf()) return x;
  Number t = x.Trunc();
  int cmp = t.Compare(x);
  if (up && cmp < 0) t = *t.Add(Number::FromInt64(1));
  if (!up && cmp > 0) t = *t.Sub(Number::FromInt64(1));
  if (t.Sign() == 0) return Number::FromInt64(0);
  return t;
}

BodyResult Extremum(const std::vector<Value>& args, bool want_max) {
  if (args.empty()) return CallError("must pass at least one number");
  const Value* best = &args[0];
  for (const Value& v : args) {
    int cmp = v.AsNumber().Compare(best->AsNumber());
    if (want_max ? cmp > 0 : cmp < 0) best = &v;
  }
  return {*best, std::nullopt};
}

/// The value of digit `c` in Go's big.Int.SetString for `base`: case-insensitive letters up to
/// base 36, then `a`-`z` are 10..35 and `A`-`Z` 36..61; -1 for anything else.
int DigitValue(char c, int base) {
  int d = -1;
  if (c >= '0' && c <= '9') {
    d = c - '0';
  } else if (c >= 'a' && c <= 'z') {
    d = c - 'a' + 10;
  } else if (c >= 'A' && c <= 'Z') {
    d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
  }
  return d < base ? d : -1;
}

/// `digits` (a valid non-empty digit string) in `base` as decimal text, via base-1e9 limbs.
std::string ToDecimal(std::string_view digits, int base) {
  std::vector<uint32_t> limbs;  // little-endian, base 1e9
  for (char c : digits) {
    uint64_t carry = static_cast<uint64_t>(DigitValue(c, base));
    for (uint32_t& limb : limbs) {
      uint64_t v = static_cast<uint64_t>(limb) * static_cast<uint64_t>(base) + carry;
      limb = static_cast<uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    while (carry != 0) {
      limbs.push_back(static_cast<uint32_t>(carry % 1000000000u));
      carry /= 1000000000u;
    }
  }
  if (limbs.empty()) return "0";
  std::string out = std::to_string(limbs.back());
  for (size_t i = limbs.size() - 1; i-- > 0;) {
    std::string part = std::to_string(limbs[i]);
    out.append(9 - part.size(), '0');
    out += part;
  }
  return out;
}

BodyResult ParseInt(const std::vector<Value>& args) {
  if (!args[0].type().IsString()) {
    return ArgError(0, "first argument must be a string, not " + args[0].type().FriendlyName());
  }
  std::optional<int64_t> base = args[1].AsNumber().ToInt64();
  if (!base || *base < 2 || *base > 62) {
    return ArgError(1, "base must be a whole number between 2 and 62 inclusive");
  }
  const std::string& text = args[0].AsString();
  int b = static_cast<int>(*base);
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  bool ok = !digits.empty();
  for (char c : digits) ok = ok && DigitValue(c, b) >= 0;
  if (!ok) {
    return ArgError(0, "cannot parse " + GoQuote(text) + " as a base " + std::to_string(b) +
                           " integer");
  }
  std::string decimal = ToDecimal(digits, b);
  if (negative && decimal != "0") decimal.insert(0, "-");
  std::optional<Number> n = Number::Parse(decimal);
  if (!n) return CallError("cannot represent " + decimal);
  return {Value::Num(*n), std::nullopt};
}

}  // namespace

void RegisterNumericFunctions(BuiltinFunctions& r) {
  r.Add({"abs", {Num("num")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::Num(a[0].AsNumber().Abs()), std::nullopt};
         }});
  r.Add({"ceil", {Num("num")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::Num(RoundToInteger(a[0].AsNumber(), true)), std::nullopt};
         }});
  r.Add({"floor", {Num("num")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::Num(RoundToInteger(a[0].AsNumber(), false)), std::nullopt};
         }});
  r.Add({"log", {Num("num"), Num("base")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return FloatResult(std::log(a[0].AsNumber().ToDouble()) /
                              std::log(a[1].AsNumber().ToDouble()));
         }});
  r.Add({"max", {}, Num("numbers"), Type::Number(), nullptr,
         [](const std::vector<Value>& a) { return Extremum(a, true); }});
  r.Add({"min", {}, Num("numbers"), Type::Number(), nullptr,
         [](const std::vector<Value>& a) { return Extremum(a, false); }});
  r.Add({"parseint", {Param{"number", Type::Dynamic()}, Num("base")}, std::nullopt,
         Type::Number(), nullptr, ParseInt});
  r.Add({"pow", {Num("num"), Num("power")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return FloatResult(std::pow(a[0].AsNumber().ToDouble(), a[1].AsNumber().ToDouble()));
         }});
  r.Add({"signum", {Num("num")}, std::nullopt, Type::Number(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           std::optional<int64_t> n = a[0].AsNumber().ToInt64();
           if (!n) return CallError(kWholeNumber);
           return {Value::Int(*n < 0 ? -1 : (*n > 0 ? 1 : 0)), std::nullopt};
         }});
}

}  // namespace cairn::eval::functions
