// Terraform's collection functions (first part): alltrue, anytrue, compact, contains,
// distinct, element, keys, length, range, reverse, sort, sum, values.

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/value_console.h"

#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr char kWholeNumber[] =
    "value must be a whole number, between -9223372036854775808 and 9223372036854775807";

/// The number of extended grapheme clusters in `s` (cty's string length).
int64_t GraphemeCount(const std::string& s) {
  if (s.empty()) return 0;
  UErrorCode status = U_ZERO_ERROR;
  UText* text = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  UBreakIterator* it = ubrk_open(UBRK_CHARACTER, nullptr, nullptr, 0, &status);
  int64_t n = 0;
  if (U_SUCCESS(status)) {
    ubrk_setUText(it, text, &status);
    ubrk_first(it);
    while (ubrk_next(it) != UBRK_DONE) ++n;
  }
  if (it) ubrk_close(it);
  if (text) utext_close(text);
  return n;
}

BodyResult Ok(Value v) { return {std::move(v), std::nullopt}; }

BodyResult Length(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (t.IsDynamic()) return Ok(Value::Unknown(Type::Number()).RefineNotNull());
  if (!(t.IsString() || t.IsCollection() || t.IsTuple() || t.IsObject())) {
    return CallError("argument must be a string, a collection type, or a structural type");
  }
  if (!v.IsKnown()) return Ok(Value::Unknown(Type::Number()).RefineNotNull());
  if (t.IsString()) return Ok(Value::Int(GraphemeCount(v.AsString())));
  return Ok(Value::Int(static_cast<int64_t>(v.Length())));
}

Type KeysType(const std::vector<Value>& a) {
  const Type& t = a[0].type();
  if (t.IsObject()) return Type::Tuple(std::vector<Type>(t.Attributes().size(), Type::String()));
  if (t.IsMap()) return Type::List(Type::String());
  return Type::Dynamic();
}

BodyResult Keys(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (!(t.IsMap() || t.IsObject() || t.IsDynamic())) {
    return ArgError(0, "must have map or object type");
  }
  if (!v.IsKnown()) return Ok(Value::Unknown(KeysType(a)).RefineNotNull());
  std::vector<Value> keys;
  keys.reserve(v.Keys().size());
  for (const std::string& k : v.Keys()) keys.push_back(Value::String(k));
  if (t.IsObject()) return Ok(Value::Tuple(std::move(keys)));
  return Ok(Value::List(Type::String(), std::move(keys)));
}

Type ValuesType(const std::vector<Value>& a) {
  const Type& t = a[0].type();
  if (t.IsMap()) return Type::List(t.ElementType());
  if (t.IsObject()) {
    std::vector<Type> types;
    for (const auto& [name, type] : t.Attributes()) types.push_back(type);
    return Type::Tuple(std::move(types));
  }
  return Type::Dynamic();
}

BodyResult Values(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (t.IsMap()) return Ok(Value::List(t.ElementType(), v.Elements()));
  if (t.IsObject()) return Ok(Value::Tuple(v.Elements()));
  return CallError("values() requires a map as the first argument");
}

BodyResult Reverse(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (!(t.IsList() || t.IsSet() || t.IsTuple())) {
    return ArgError(0, "can only reverse list or tuple values, not " + t.FriendlyName());
  }
  std::vector<Value> out(v.Elements().rbegin(), v.Elements().rend());
  if (t.IsTuple()) return Ok(Value::Tuple(std::move(out)));
  return Ok(Value::List(t.ElementType(), std::move(out)));
}

BodyResult Compact(const std::vector<Value>& a) {
  std::vector<Value> out;
  for (const Value& e : a[0].Elements()) {
    if (e.IsNull() || e.AsString().empty()) continue;
    out.push_back(e);
  }
  return Ok(Value::List(Type::String(), std::move(out)));
}

BodyResult Element(const std::vector<Value>& a) {
  const Value& list = a[0];
  const Type& t = list.type();
  if (!(t.IsList() || t.IsTuple())) return CallError("cannot read elements from " + t.FriendlyName());
  std::optional<int64_t> index = a[1].AsNumber().ToInt64();
  if (!index) return CallError(std::string("invalid index: ") + kWholeNumber);
  if (list.Length() == 0) return CallError("cannot use element function with an empty list");
  if (*index < 0) return CallError("cannot use element function with a negative index");
  return Ok(list.Elements()[static_cast<size_t>(*index) % list.Length()]);
}

BodyResult AllTrue(const std::vector<Value>& a, bool all) {
  for (const Value& e : a[0].Elements()) {
    bool t = !e.IsNull() && e.AsBool();
    if (all && !t) return Ok(Value::False());
    if (!all && t) return Ok(Value::True());
  }
  return Ok(Value::Bool(all));
}

BodyResult Sum(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (!(t.IsList() || t.IsSet() || t.IsTuple())) {
    return ArgError(0, "argument must be list, set, or tuple. Received " + t.FriendlyName());
  }
  if (v.Length() == 0) return ArgError(0, "cannot sum an empty list");
  constexpr char kNumbers[] = "argument must be list, set, or tuple of number values";
  std::optional<Number> total;
  for (const Value& e : v.Elements()) {
    if (e.IsNull()) return ArgError(0, kNumbers);
    ConvertResult c = Convert(e, Type::Number());
    if (!c.ok()) return ArgError(0, kNumbers);
    if (!total) {
      total = c.value.AsNumber();
      continue;
    }
    std::optional<Number> next = total->Add(c.value.AsNumber());
    if (!next) return CallError("can't compute sum of opposing infinities");
    total = next;
  }
  return Ok(Value::Num(*total));
}

BodyResult Sort(const std::vector<Value>& a) {
  const std::vector<Value>& elems = a[0].Elements();
  std::vector<std::string> strings;
  strings.reserve(elems.size());
  for (size_t i = 0; i < elems.size(); ++i) {
    if (elems[i].IsNull()) {
      return CallError("given list element " + std::to_string(i) +
                       " is null; a null string cannot be sorted");
    }
    strings.push_back(elems[i].AsString());
  }
  std::sort(strings.begin(), strings.end());
  std::vector<Value> out;
  out.reserve(strings.size());
  for (std::string& s : strings) out.push_back(Value::String(std::move(s)));
  return Ok(Value::List(Type::String(), std::move(out)));
}

BodyResult Distinct(const std::vector<Value>& a) {
  const Value& list = a[0];
  std::set<std::string, std::less<>> seen;  // console notation identifies values of one type
  std::vector<Value> out;
  for (const Value& e : list.Elements()) {
    if (seen.insert(FormatConsoleValue(e)).second) out.push_back(e);
  }
  return Ok(Value::List(list.type().ElementType(), std::move(out)));
}

BodyResult Contains(const std::vector<Value>& a) {
  const Type& t = a[0].type();
  if (!(t.IsList() || t.IsSet() || t.IsTuple())) {
    return CallError("argument must be list, tuple, or set");
  }
  for (const Value& e : a[0].Elements()) {
    Value eq = e.Equals(a[1]);
    if (!eq.IsKnown()) return Ok(Value::Unknown(Type::Bool()).RefineNotNull());
    if (eq.AsBool()) return Ok(Value::True());
  }
  return Ok(Value::False());
}

BodyResult Range(const std::vector<Value>& a) {
  const Number zero = Number::FromInt64(0);
  Number start = zero, end = zero, step = Number::FromInt64(1);
  switch (a.size()) {
    case 1:
      end = a[0].AsNumber();
      if (end.Compare(zero) < 0) step = Number::FromInt64(-1);
      break;
    case 2:
      start = a[0].AsNumber();
      end = a[1].AsNumber();
      if (end.Compare(start) < 0) step = Number::FromInt64(-1);
      break;
    case 3:
      start = a[0].AsNumber();
      end = a[1].AsNumber();
      step = a[2].AsNumber();
      break;
    default:
      return CallError("must have one, two, or three arguments");
  }
  // Like cty, a zero step is not rejected up front (its check never matches): it runs into
  // the 1024-value limit.
  bool down = step.Compare(zero) < 0;
  if (down && end.Compare(start) > 0) {
    return ArgError(1, "end must be less than start when step is negative");
  }
  if (!down && end.Compare(start) < 0) {
    return ArgError(1, "end must be greater than start when step is positive");
  }
  std::vector<Value> vals;
  Number num = start;
  for (;;) {
    int cmp = num.Compare(end);
    if (down ? cmp <= 0 : cmp >= 0) break;
    if (vals.size() >= 1024) {
      return CallError(
          "more than 1024 values were generated; either decrease the difference between start "
          "and end or use a smaller step");
    }
    vals.push_back(Value::Num(num));
    std::optional<Number> next = num.Add(step);
    if (!next) return CallError("can't compute sum of opposing infinities");
    num = *next;
  }
  return Ok(Value::List(Type::Number(), std::move(vals)));
}

}  // namespace

void RegisterCollectionFunctions(BuiltinFunctions& r) {
  const Param bools{"list", Type::List(Type::Bool())};
  r.Add({"alltrue", {bools}, std::nullopt, Type::Bool(), nullptr,
         [](const std::vector<Value>& a) { return AllTrue(a, true); }});
  r.Add({"anytrue", {bools}, std::nullopt, Type::Bool(), nullptr,
         [](const std::vector<Value>& a) { return AllTrue(a, false); }});
  r.Add({"contains", {Param{"list", Type::Dynamic()}, Param{"value", Type::Dynamic()}},
         std::nullopt, Type::Bool(), nullptr, Contains});
  r.Add({"distinct", {Param{"list", Type::List(Type::Dynamic())}}, std::nullopt,
         Type::Dynamic(), [](const std::vector<Value>& a) { return a[0].type(); }, Distinct});
  r.Add({"range", {}, Param{"params", Type::Number()}, Type::List(Type::Number()), nullptr,
         Range});
  r.Add({"sort", {Param{"list", Type::List(Type::String())}}, std::nullopt,
         Type::List(Type::String()), nullptr, Sort});
  r.Add({"sum", {Param{"list", Type::Dynamic()}}, std::nullopt, Type::Number(), nullptr, Sum});
  r.Add({"compact", {Param{"list", Type::List(Type::String()), /*allow_null=*/false}},
         std::nullopt, Type::List(Type::String()), nullptr, Compact});
  r.Add({"element", {Param{"list", Type::Dynamic()}, Param{"index", Type::Number()}},
         std::nullopt, Type::Dynamic(), nullptr, Element});
  r.Add({"keys", {Param{"inputMap", Type::Dynamic(), false, /*allow_unknown=*/true}},
         std::nullopt, Type::Dynamic(), KeysType, Keys});
  r.Add({"length", {Param{"value", Type::Dynamic(), false, /*allow_unknown=*/true}},
         std::nullopt, Type::Number(), nullptr, Length});
  r.Add({"reverse", {Param{"list", Type::Dynamic()}}, std::nullopt, Type::Dynamic(), nullptr,
         Reverse});
  r.Add({"values", {Param{"mapping", Type::Dynamic()}}, std::nullopt, Type::Dynamic(),
         ValuesType, Values});
}

}  // namespace cairn::eval::functions
