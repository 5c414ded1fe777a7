// Terraform's collection functions (first part): compact, element, keys, length, reverse,
// values.

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <string>
#include <vector>

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

}  // namespace

void RegisterCollectionFunctions(BuiltinFunctions& r) {
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
