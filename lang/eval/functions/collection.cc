// Terraform's collection functions (first part): alltrue, anytrue, compact, contains,
// distinct, element, keys, length, range, reverse, sort, sum, values; coalesce, concat,
// chunklist, coalescelist, flatten, index, lookup, merge, one, slice, zipmap; transpose,
// matchkeys; the removed list and map. The set functions are in sets.cc.

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/go_quote.h"
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
  if (t.IsObject()) {
    // The attribute names come from the type, so they are known even when the object is not.
    std::vector<Value> names;
    names.reserve(t.Attributes().size());
    for (const auto& [name, type] : t.Attributes()) names.push_back(Value::String(name));
    return Ok(Value::Tuple(std::move(names)));
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
  if (!a[0].IsKnown()) return Ok(Value::Unknown(Type::List(Type::String())).RefineNotNull());
  const std::vector<Value>& elems = a[0].Elements();
  if (!a[0].IsWhollyKnown()) {
    // The order is not known yet, the length is (as cty refines it).
    std::vector<Value> unknowns(elems.size(), Value::Unknown(Type::String()));
    return Ok(Value::List(Type::String(), std::move(unknowns)));
  }
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

bool IsSeq(const Type& t) { return t.IsList() || t.IsSet() || t.IsTuple(); }

BodyResult Concat(const std::vector<Value>& a) {
  if (a.empty()) return CallError("at least one argument is required");
  bool all_lists = true;
  for (size_t i = 0; i < a.size(); ++i) {
    const Type& t = a[i].type();
    if (!(t.IsList() || t.IsTuple())) {
      return ArgError(i, "all arguments must be lists or tuples; got " + t.FriendlyName());
    }
    if (!t.IsList() || !(t.ElementType() == a[0].type().ElementType())) all_lists = false;
  }
  std::vector<Value> out;
  for (const Value& v : a) {
    if (v.IsNull()) continue;
    out.insert(out.end(), v.Elements().begin(), v.Elements().end());
  }
  if (all_lists) return Ok(Value::List(a[0].type().ElementType(), std::move(out)));
  return Ok(Value::Tuple(std::move(out)));
}

BodyResult Coalesce(const std::vector<Value>& a) {
  std::vector<Type> types;
  for (const Value& v : a) types.push_back(v.type());
  std::optional<Type> unified = a.empty() ? std::nullopt : UnifyTypes(types, true);
  if (!unified) return CallError("all arguments must have the same type");
  for (const Value& v : a) {
    if (!v.IsKnown()) return Ok(Value::Unknown(*unified).RefineNotNull());
    if (v.IsNull()) continue;
    ConvertResult c = Convert(v, *unified);
    if (!c.ok()) return CallError("all arguments must have the same type");
    if (unified->IsString() && c.value.AsString().empty()) continue;
    return Ok(c.value);
  }
  return CallError("no non-null, non-empty-string arguments");
}

bool FlattenInto(const Value& v, std::vector<Value>& out) {
  for (const Value& e : v.Elements()) {
    if (!e.IsKnown()) return false;
    if (IsSeq(e.type()) && !e.IsNull()) {
      if (!FlattenInto(e, out)) return false;
    } else {
      out.push_back(e);
    }
  }
  return true;
}

BodyResult Flatten(const std::vector<Value>& a) {
  if (!IsSeq(a[0].type())) return CallError("can only flatten lists, sets and tuples");
  std::vector<Value> out;
  if (!FlattenInto(a[0], out)) return Ok(Value::DynamicUnknown());
  return Ok(Value::Tuple(std::move(out)));
}

BodyResult Index(const std::vector<Value>& a) {
  const Type& t = a[0].type();
  if (!(t.IsList() || t.IsTuple())) return CallError("argument must be a list or tuple");
  const std::vector<Value>& elems = a[0].Elements();
  for (size_t i = 0; i < elems.size(); ++i) {
    Value eq = elems[i].Equals(a[1]);
    if (!eq.IsKnown()) return Ok(Value::Unknown(Type::Number()).RefineNotNull());
    if (eq.AsBool()) return Ok(Value::Int(static_cast<int64_t>(i)));
  }
  return CallError("item not found");
}

BodyResult Merge(const std::vector<Value>& a) {
  bool all_maps = true;
  std::optional<Type> element;
  for (const Value& v : a) {
    if (v.IsNull()) continue;
    const Type& t = v.type();
    if (!(t.IsMap() || t.IsObject())) {
      std::string name = t.FriendlyName();
      return CallError("arguments must be maps or objects, got \"" + name + "\"");
    }
    if (!t.IsMap() || (element && !(t.ElementType() == *element))) all_maps = false;
    if (t.IsMap() && !element) element = t.ElementType();
  }
  std::map<std::string, Value, std::less<>> merged;
  for (const Value& v : a) {
    if (v.IsNull()) continue;
    const std::vector<std::string>& keys = v.Keys();
    for (size_t i = 0; i < keys.size(); ++i) merged.insert_or_assign(keys[i], v.Elements()[i]);
  }
  std::vector<std::pair<std::string, Value>> entries(merged.begin(), merged.end());
  if (all_maps && element) return Ok(Value::Map(*element, std::move(entries)));
  return Ok(Value::Object(std::move(entries)));
}

BodyResult One(const std::vector<Value>& a) {
  const Value& v = a[0];
  const Type& t = v.type();
  if (!IsSeq(t) || v.Length() > 1) {
    return ArgError(0, "must be a list, set, or tuple value with either zero or one elements");
  }
  if (v.Length() == 1) return Ok(v.Elements()[0]);
  return Ok(Value::Null(t.IsTuple() ? Type::Dynamic() : t.ElementType()));
}

BodyResult Slice(const std::vector<Value>& a) {
  const Value& list = a[0];
  const Type& t = list.type();
  if (!(t.IsList() || t.IsTuple())) return CallError("cannot slice a " + t.FriendlyName());
  std::optional<int64_t> start = a[1].AsNumber().ToInt64();
  std::optional<int64_t> end = a[2].AsNumber().ToInt64();
  if (!start) return ArgError(1, kWholeNumber);
  if (!end) return ArgError(2, kWholeNumber);
  if (*start < 0) return ArgError(1, "start index must not be less than zero");
  if (*end > static_cast<int64_t>(list.Length())) {
    return ArgError(2, "end index must not be greater than the length of the list");
  }
  if (*start > *end) return ArgError(1, "start index must not be greater than end index");
  std::vector<Value> out(list.Elements().begin() + *start, list.Elements().begin() + *end);
  if (t.IsTuple()) return Ok(Value::Tuple(std::move(out)));
  return Ok(Value::List(t.ElementType(), std::move(out)));
}

BodyResult Zipmap(const std::vector<Value>& a) {
  const std::vector<Value>& keys = a[0].Elements();
  const Value& values = a[1];
  const Type& t = values.type();
  if (!(t.IsList() || t.IsTuple())) {
    return ArgError(1, "values must be a list or tuple, not " + t.FriendlyName());
  }
  if (keys.size() != values.Length()) {
    return CallError("number of keys (" + std::to_string(keys.size()) +
                     ") does not match number of values (" + std::to_string(values.Length()) +
                     ")");
  }
  std::map<std::string, Value, std::less<>> entries;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].IsNull()) return ArgError(0, "keys list has null value at index " + std::to_string(i));
    entries.insert_or_assign(keys[i].AsString(), values.Elements()[i]);
  }
  std::vector<std::pair<std::string, Value>> out(entries.begin(), entries.end());
  if (t.IsList()) return Ok(Value::Map(t.ElementType(), std::move(out)));
  return Ok(Value::Object(std::move(out)));
}

BodyResult CoalesceList(const std::vector<Value>& a) {
  for (size_t i = 0; i < a.size(); ++i) {
    const Value& v = a[i];
    if (!(v.type().IsList() || v.type().IsTuple() || v.type().IsDynamic())) {
      return ArgError(i, "coalescelist arguments must be lists or tuples, got " +
                             v.type().FriendlyName());
    }
    if (!v.IsKnown()) return Ok(Value::DynamicUnknown());
    if (!v.IsNull() && v.Length() > 0) return Ok(v);
  }
  return CallError("no non-null arguments");
}

BodyResult Lookup(const std::vector<Value>& a) {
  if (a.size() > 3) {
    return CallError("lookup() takes two or three arguments, got " + std::to_string(a.size()));
  }
  const Value& map = a[0];
  const Type& t = map.type();
  const std::string& key = a[1].AsString();
  bool has_default = a.size() == 3;
  Type result = Type::Dynamic();
  if (t.IsObject()) {
    if (t.HasAttribute(key)) return Ok(*map.Find(key));
    if (!has_default) return ArgError(0, "the given object has no attribute " + GoQuote(key));
    result = a[2].type();
  } else if (t.IsMap()) {
    result = t.ElementType();
    if (has_default && !Convert(a[2], result).ok()) {
      return ArgError(2, "the default value must have the same type as the map elements");
    }
    if (const Value* found = map.Find(key)) return Ok(*found);
  } else {
    return ArgError(0, "lookup() requires a map as the first argument");
  }
  if (!has_default) return CallError("lookup failed to find key " + GoQuote(key));
  ConvertResult c = Convert(a[2], result);
  if (!c.ok()) return ArgError(2, c.error->message);
  return Ok(c.value);
}

BodyResult ChunkList(const std::vector<Value>& a) {
  const Value& list = a[0];
  std::optional<int64_t> size = a[1].AsNumber().ToInt64();
  if (!size) return CallError(kWholeNumber);
  if (*size < 0) return CallError("the size argument must be positive");
  const Type& element = list.type().ElementType();
  const std::vector<Value>& elems = list.Elements();
  std::vector<Value> chunks;
  size_t step = *size == 0 ? elems.size() : static_cast<size_t>(*size);
  for (size_t i = 0; i < elems.size(); i += step) {
    size_t end = std::min(elems.size(), i + step);
    chunks.push_back(Value::List(element, std::vector<Value>(elems.begin() + i, elems.begin() + end)));
  }
  return Ok(Value::List(Type::List(element), std::move(chunks)));
}

/// Terraform's transpose: a map of lists of strings with keys and values swapped (each list
/// in the order of the input map's keys).
BodyResult Transpose(const std::vector<Value>& a) {
  std::map<std::string, std::vector<Value>> out;
  const Value& in = a[0];
  for (size_t i = 0; i < in.Length(); ++i) {
    const Value& list = in.Elements()[i];
    if (list.IsNull()) return CallError("input must not contain null list");
    for (const Value& v : list.Elements()) {
      if (v.IsNull()) return CallError("input list must not contain null string");
      out[v.AsString()].push_back(Value::String(in.Keys()[i]));
    }
  }
  std::vector<std::pair<std::string, Value>> entries;
  entries.reserve(out.size());
  for (auto& [key, keys] : out) {
    entries.emplace_back(key, Value::List(Type::String(), std::move(keys)));
  }
  return Ok(Value::Map(Type::List(Type::String()), std::move(entries)));
}

/// Terraform's matchkeys. Its parameters take unknowns because Terraform decides on an
/// unknown result only after its type and length checks, and an unknown element of the
/// search set makes the result empty.
BodyResult Matchkeys(const std::vector<Value>& a) {
  std::optional<Type> ty = UnifyTypes({a[1].type(), a[2].type()});
  if (!ty) return CallError("keys and searchset must be of the same type");
  const Type& element = a[0].type().ElementType();
  for (const Value& v : a) {
    if (!v.IsKnown()) return Ok(Value::Unknown(Type::List(element)).RefineNotNull());
  }
  if (a[0].Length() != a[1].Length()) return CallError("length of keys and values should be equal");
  Value keys = Convert(a[1], *ty).value;
  Value searchset = Convert(a[2], *ty).value;
  if (searchset.Length() == 0) return Ok(Value::List(element, {}));
  if (!a[0].IsWhollyKnown() || !keys.IsWhollyKnown()) {
    return Ok(Value::Unknown(a[0].type()).RefineNotNull());
  }
  std::vector<Value> out;
  for (size_t i = 0; i < keys.Length(); ++i) {
    for (const Value& search : searchset.Elements()) {
      Value eq = keys[i].Equals(search);
      if (!eq.IsKnown()) return Ok(Value::List(element, {}));
      if (eq.Unmarked().AsBool()) {
        out.push_back(a[0][i]);
        break;
      }
    }
  }
  return Ok(Value::List(element, std::move(out)));
}

}  // namespace

void RegisterCollectionFunctions(BuiltinFunctions& r) {
  r.Add({"chunklist", {Param{"list", Type::List(Type::Dynamic())}, Param{"size", Type::Number()}},
         std::nullopt, Type::Dynamic(), nullptr, ChunkList});
  r.Add({"coalescelist", {}, Param{"vals", Type::Dynamic(), true, true}, Type::Dynamic(),
         nullptr, CoalesceList});
  r.Add({"lookup", {Param{"inputMap", Type::Dynamic()}, Param{"key", Type::String()}},
         Param{"default", Type::Dynamic(), /*allow_null=*/true}, Type::Dynamic(), nullptr,
         Lookup});
  const Param any_null{"vals", Type::Dynamic(), /*allow_null=*/true, /*allow_unknown=*/true};
  r.Add({"coalesce", {}, any_null, Type::Dynamic(), nullptr, Coalesce});
  r.Add({"concat", {}, Param{"seqs", Type::Dynamic()}, Type::Dynamic(), nullptr, Concat});
  r.Add({"flatten", {Param{"list", Type::Dynamic()}}, std::nullopt, Type::Dynamic(), nullptr,
         Flatten});
  r.Add({"index", {Param{"list", Type::Dynamic()}, Param{"value", Type::Dynamic()}},
         std::nullopt, Type::Number(), nullptr, Index});
  r.Add({"merge", {}, Param{"maps", Type::Dynamic(), /*allow_null=*/true}, Type::Dynamic(),
         nullptr, Merge});
  r.Add({"one", {Param{"list", Type::Dynamic()}}, std::nullopt, Type::Dynamic(), nullptr, One});
  r.Add({"slice",
         {Param{"list", Type::Dynamic()}, Param{"start_index", Type::Number()},
          Param{"end_index", Type::Number()}},
         std::nullopt, Type::Dynamic(), nullptr, Slice});
  r.Add({"zipmap", {Param{"keys", Type::List(Type::String())}, Param{"values", Type::Dynamic()}},
         std::nullopt, Type::Dynamic(), nullptr, Zipmap});
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
  r.Add({"sort", {Param{"list", Type::List(Type::String()), false, /*allow_unknown=*/true}},
         std::nullopt,
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
  r.Add({"transpose", {Param{"values", Type::Map(Type::List(Type::String()))}}, std::nullopt,
         Type::Map(Type::List(Type::String())), nullptr, Transpose});
  const Param any_list{"values", Type::List(Type::Dynamic()), false, /*allow_unknown=*/true};
  Param keys = any_list;
  keys.name = "keys";
  Param searchset = any_list;
  searchset.name = "searchset";
  r.Add({"matchkeys", {any_list, keys, searchset}, std::nullopt, Type::Dynamic(),
         [](const std::vector<Value>& a) { return a[0].type(); }, Matchkeys});
  // Removed in Terraform 0.12 but still registered, to say what to write instead.
  const Param anything{"vals", Type::Dynamic(), true, true, true};
  r.Add({"list", {}, anything, Type::Dynamic(), nullptr, [](const std::vector<Value>&) {
           return CallError(
               "the \"list\" function was deprecated in Terraform v0.12 and is no longer "
               "available; use tolist([ ... ]) syntax to write a literal list");
         }});
  r.Add({"map", {}, anything, Type::Dynamic(), nullptr, [](const std::vector<Value>&) {
           return CallError(
               "the \"map\" function was deprecated in Terraform v0.12 and is no longer "
               "available; use tomap({ ... }) syntax to write a literal map");
         }});
}

}  // namespace cairn::eval::functions
