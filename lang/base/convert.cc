#include "lang/base/convert.h"

#include <functional>
#include <map>

#include "lang/base/go_quote.h"

namespace cairn {

namespace {

using Conv = std::function<ConvertResult(const Value&, const ValuePath&)>;

ConvertResult Ok(Value v) { return ConvertResult{std::move(v), std::nullopt}; }
ConvertResult Fail(const ValuePath& path, std::string message) {
  return ConvertResult{Value(), ConvertError{path, std::move(message)}};
}

ValuePath WithIndex(const ValuePath& path, Value key) {
  ValuePath p = path;
  p.push_back(PathStep{PathStep::Kind::kIndex, "", std::move(key)});
  return p;
}
ValuePath WithAttr(const ValuePath& path, const std::string& name) {
  ValuePath p = path;
  p.push_back(PathStep{PathStep::Kind::kAttr, name, Value()});
  return p;
}

Conv GetConversion(const Type& in, const Type& out, bool unsafe);

std::optional<Type> Unify(const std::vector<Type>& types, bool unsafe);

/// cty's dynamicReplace: `out` with dynamic parts replaced by the corresponding parts of `in`.
Type DynamicReplace(const Type& in, const Type& out) {
  if (in.IsDynamic()) return out;
  switch (out.kind()) {
    case Type::Kind::kDynamic:
      return in;
    case Type::Kind::kBool:
    case Type::Kind::kNumber:
    case Type::Kind::kString:
      return out;
    case Type::Kind::kMap:
      if (in.IsMap()) return Type::Map(DynamicReplace(in.ElementType(), out.ElementType()));
      if (in.IsObject()) {
        std::vector<Type> types;
        for (const auto& [n, t] : in.Attributes()) types.push_back(t);
        auto u = Unify(types, true);
        return Type::Map(DynamicReplace(u ? *u : Type::Dynamic(), out.ElementType()));
      }
      return out;
    case Type::Kind::kObject: {
      std::vector<std::pair<std::string, Type>> attrs;
      for (const auto& [name, t] : out.Attributes()) {
        if (in.IsMap()) {
          attrs.emplace_back(name, DynamicReplace(in.ElementType(), t));
        } else if (in.IsObject()) {
          int idx = in.AttributeIndex(name);
          attrs.emplace_back(name, idx < 0 ? t : DynamicReplace(in.Attributes()[idx].second, t));
        }
      }
      return Type::Object(std::move(attrs));
    }
    case Type::Kind::kSet:
    case Type::Kind::kList: {
      auto make = [&](Type e) { return out.IsSet() ? Type::Set(e) : Type::List(e); };
      if (in.IsSet() || in.IsList())
        return make(DynamicReplace(in.ElementType(), out.ElementType()));
      if (in.IsTuple()) {
        auto u = Unify(in.TupleElements(), true);
        return make(DynamicReplace(u ? *u : Type::Dynamic(), out.ElementType()));
      }
      return out;
    }
    case Type::Kind::kTuple: {
      if (!in.IsTuple() || in.TupleElements().size() != out.TupleElements().size()) return out;
      std::vector<Type> types;
      for (size_t i = 0; i < out.TupleElements().size(); i++) {
        types.push_back(DynamicReplace(in.TupleElements()[i], out.TupleElements()[i]));
      }
      return Type::Tuple(std::move(types));
    }
  }
  return out;
}

/// cty's prepareUnknownResult: an unknown of the wanted type that keeps the source's
/// not-null refinement (length refinements are not modelled).
Value UnknownResult(const Value& in, const Type& out) {
  Value r = Value::Unknown(DynamicReplace(in.type(), WithoutOptionalAttributes(out)));
  return in.DefinitelyNotNull() ? r.RefineNotNull() : r;
}

/// Wraps a conversion with cty's standard handling of marks, unknowns and nulls.
Conv Wrap(Conv conv, Type out) {
  return [conv = std::move(conv), out = std::move(out)](const Value& in,
                                                        const ValuePath& path) -> ConvertResult {
    if (in.IsMarked()) {
      ConvertResult r = [&] {
        Value bare = in.Unmarked();
        if (out.IsDynamic()) return Ok(bare);
        if (!bare.IsKnown()) return Ok(UnknownResult(bare, out));
        if (bare.IsNull())
          return Ok(Value::Null(DynamicReplace(bare.type(), WithoutOptionalAttributes(out))));
        return conv(bare, path);
      }();
      if (r.ok()) r.value = r.value.WithMarks(in.marks());
      return r;
    }
    if (out.IsDynamic()) return Ok(in);
    if (!in.IsKnown()) return Ok(UnknownResult(in, out));
    if (in.IsNull())
      return Ok(Value::Null(DynamicReplace(in.type(), WithoutOptionalAttributes(out))));
    return conv(in, path);
  };
}

ConvertResult ConvertUnsafeAt(const Value& in, const Type& want, const ValuePath& path);

Conv PrimitiveConversion(const Type& in, const Type& out, bool unsafe) {
  if (in == out) return [](const Value& v, const ValuePath&) { return Ok(v); };
  if (out.IsString()) {
    if (in.IsNumber()) {
      return [](const Value& v, const ValuePath&) {
        return Ok(Value::String(v.AsNumber().ToString()));
      };
    }
    if (in.IsBool()) {
      return [](const Value& v, const ValuePath&) {
        return Ok(Value::String(v.AsBool() ? "true" : "false"));
      };
    }
  }
  if (!unsafe || !in.IsString()) return nullptr;
  if (out.IsNumber()) {
    return [](const Value& v, const ValuePath& path) {
      auto n = Number::Parse(v.AsString());
      if (!n) return Fail(path, "a number is required");
      return Ok(Value::Num(*n));
    };
  }
  if (out.IsBool()) {
    return [](const Value& v, const ValuePath& path) {
      const std::string& s = v.AsString();
      if (s == "true" || s == "1") return Ok(Value::True());
      if (s == "false" || s == "0") return Ok(Value::False());
      std::string lower;
      for (char c : s)
        lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      if (lower == "true") {
        return Fail(path, "a bool is required; to convert from string, use lowercase \"true\"");
      }
      if (lower == "false") {
        return Fail(path, "a bool is required; to convert from string, use lowercase \"false\"");
      }
      return Fail(path, "a bool is required");
    };
  }
  return nullptr;
}

Value NullWithoutOptional(const Value& v) {
  if (v.IsNull()) return Value::Null(WithoutOptionalAttributes(v.type())).WithMarks(v.marks());
  return v;
}

/// Whether every value has the same type (cty's CanListVal and friends).
bool SameTypes(const std::vector<Value>& elems) {
  for (size_t i = 1; i < elems.size(); i++) {
    if (!(elems[i].type() == elems[0].type())) return false;
  }
  return true;
}

/// cty's conversionUnifyListElements: converts all elements to their unified type.
ConvertResult UnifyListElements(std::vector<Value>& elems, const ValuePath& path, bool unsafe) {
  std::vector<Type> types;
  types.reserve(elems.size());
  for (const Value& e : elems) types.push_back(e.type());
  auto unified = Unify(types, unsafe);
  if (!unified) return Fail(path, "cannot find a common base type for all elements");
  for (size_t i = 0; i < elems.size(); i++) {
    if (elems[i].type() == *unified) continue;
    Conv conv = GetConversion(elems[i].type(), *unified, unsafe);
    if (!conv) return Fail(path, "cannot find a common base type for all elements");
    ConvertResult r = conv(elems[i], WithIndex(path, Value::Int(static_cast<int64_t>(i))));
    if (!r.ok()) return r;
    elems[i] = std::move(r.value);
  }
  return Ok(Value());
}

ConvertResult UnifyMapElements(std::vector<std::pair<std::string, Value>>& elems,
                               const ValuePath& path, bool unsafe) {
  std::vector<Type> types;
  for (const auto& [k, e] : elems) types.push_back(e.type());
  auto unified = Unify(types, unsafe);
  if (!unified) return Fail(path, "cannot find a common base type for all elements");
  for (auto& [k, e] : elems) {
    if (e.type() == *unified) continue;
    Conv conv = GetConversion(e.type(), *unified, unsafe);
    if (!conv) return Fail(path, "cannot find a common base type for all elements");
    ConvertResult r = conv(e, WithIndex(path, Value::String(k)));
    if (!r.ok()) return r;
    e = std::move(r.value);
  }
  return Ok(Value());
}

/// list(T) or set(T) from any collection: each element converted, then the target built.
Conv CollectionToListOrSet(Type ety, Conv conv, bool to_set) {
  return [ety, conv, to_set](const Value& val, const ValuePath& path) -> ConvertResult {
    auto make = [to_set](Type t, std::vector<Value> elems) {
      return to_set ? Value::Set(t, std::move(elems)) : Value::List(t, std::move(elems));
    };
    std::vector<Value> elems;
    elems.reserve(val.Length());
    for (size_t i = 0; i < val.Length(); i++) {
      Value e = val[i];
      if (conv) {
        ConvertResult r = conv(e, WithIndex(path, Value::Int(static_cast<int64_t>(i))));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      elems.push_back(NullWithoutOptional(e));
    }
    if (elems.empty()) {
      if (ety.IsDynamic()) return Ok(make(val.type().ElementType(), {}));
      return Ok(make(WithoutOptionalAttributes(ety), {}));
    }
    if (!SameTypes(elems)) {
      return Fail(path, to_set ? "element types must all match for conversion to set"
                               : "element types must all match for conversion to list");
    }
    Type t = elems[0].type();
    return Ok(make(t, std::move(elems)));
  };
}

Conv CollectionToList(Type ety, Conv conv) { return CollectionToListOrSet(ety, conv, false); }

Conv CollectionToSet(Type ety, Conv conv) { return CollectionToListOrSet(ety, conv, true); }

Conv CollectionToMap(Type ety, Conv conv) {
  return [ety, conv](const Value& val, const ValuePath& path) -> ConvertResult {
    std::vector<std::pair<std::string, Value>> elems;
    for (size_t i = 0; i < val.Length(); i++) {
      const std::string& key = val.Keys()[i];
      Value e = val[i];
      if (conv) {
        ConvertResult r = conv(e, WithIndex(path, Value::String(key)));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      elems.emplace_back(key, std::move(e));
    }
    if (elems.empty()) {
      if (ety.IsDynamic()) return Ok(Value::Map(val.type().ElementType(), {}));
      return Ok(Value::Map(ety, {}));
    }
    if (ety.IsCollection() || ety.IsObject()) {
      ConvertResult r = UnifyMapElements(elems, path, false);
      if (!r.ok()) return r;
    }
    std::vector<Value> check;
    for (const auto& [k, e] : elems) check.push_back(e);
    if (!SameTypes(check)) return Fail(path, "element types must all match for conversion to map");
    Type t = elems[0].second.type();
    return Ok(Value::Map(t, std::move(elems)));
  };
}

Conv TupleToListOrSet(const Type& tuple_type, Type ety, bool unsafe, bool to_set) {
  const auto& etys = tuple_type.TupleElements();
  if (etys.empty()) {
    Type t = WithoutOptionalAttributes(ety);
    return [t, to_set](const Value&, const ValuePath&) {
      return Ok(to_set ? Value::Set(t, {}) : Value::List(t, {}));
    };
  }
  if (ety.IsDynamic()) {
    auto u = Unify(etys, unsafe);
    if (!u) return nullptr;
    ety = *u;
    if (ety.IsDynamic()) {
      for (const Type& t : etys) {
        if (!t.IsDynamic()) return nullptr;
      }
    }
  }
  std::vector<Conv> convs(etys.size());
  for (size_t i = 0; i < etys.size(); i++) {
    if (etys[i] == ety) continue;
    convs[i] = GetConversion(etys[i], ety, unsafe);
    if (!convs[i]) return nullptr;
  }
  return [convs, unsafe, to_set](const Value& val, const ValuePath& path) -> ConvertResult {
    std::vector<Value> elems;
    elems.reserve(val.Length());
    for (size_t i = 0; i < val.Length(); i++) {
      Value e = val[i];
      if (convs[i]) {
        ConvertResult r = convs[i](e, WithIndex(path, Value::Int(static_cast<int64_t>(i))));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      if (to_set) e = NullWithoutOptional(e);
      elems.push_back(std::move(e));
    }
    if (!to_set) {
      // cty reports unification failures here with the path of the last element.
      ValuePath last = WithIndex(path, Value::Int(static_cast<int64_t>(elems.size()) - 1));
      ConvertResult r = UnifyListElements(elems, last, unsafe);
      if (!r.ok()) return r;
    }
    if (!SameTypes(elems)) {
      return Fail(path, to_set ? "element types must all match for conversion to set"
                               : "element types must all match for conversion to list");
    }
    Type t = elems[0].type();
    return Ok(to_set ? Value::Set(t, std::move(elems)) : Value::List(t, std::move(elems)));
  };
}

Conv ObjectToMap(const Type& object_type, Type ety, bool unsafe) {
  const auto& atys = object_type.Attributes();
  if (atys.empty()) {
    Type t = WithoutOptionalAttributes(ety);
    return [t](const Value&, const ValuePath&) { return Ok(Value::Map(t, {})); };
  }
  if (ety.IsDynamic()) {
    std::vector<Type> types;
    for (const auto& [n, t] : atys) types.push_back(t);
    auto u = Unify(types, unsafe);
    if (!u) return nullptr;
    ety = *u;
  }
  std::vector<Conv> convs(atys.size());
  for (size_t i = 0; i < atys.size(); i++) {
    if (atys[i].second == ety) continue;
    convs[i] = GetConversion(atys[i].second, ety, unsafe);
    if (!convs[i]) return nullptr;
  }
  return [convs, ety, unsafe](const Value& val, const ValuePath& path) -> ConvertResult {
    std::vector<std::pair<std::string, Value>> elems;
    for (size_t i = 0; i < val.Length(); i++) {
      const std::string& key = val.Keys()[i];
      Value e = val[i];
      if (convs[i]) {
        ConvertResult r = convs[i](e, WithIndex(path, Value::String(key)));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      elems.emplace_back(key, std::move(e));
    }
    if (ety.IsCollection() || ety.IsObject()) {
      ConvertResult r = UnifyMapElements(elems, path, unsafe);
      if (!r.ok()) return r;
    }
    std::vector<Value> check;
    for (const auto& [k, e] : elems) check.push_back(e);
    if (!SameTypes(check))
      return Fail(path, "attribute types must all match for conversion to map");
    Type t = elems[0].second.type();
    return Ok(Value::Map(t, std::move(elems)));
  };
}

Conv MapToObject(const Type& map_type, const Type& obj_type, bool unsafe) {
  const Type& mety = map_type.ElementType();
  const auto& atys = obj_type.Attributes();
  std::vector<Conv> convs(atys.size());
  std::vector<bool> impossible(atys.size(), false);
  for (size_t i = 0; i < atys.size(); i++) {
    if (atys[i].second == mety) continue;
    convs[i] = GetConversion(mety, atys[i].second, unsafe);
    if (!convs[i]) {
      if (obj_type.IsOptionalAttribute(atys[i].first) && unsafe) {
        impossible[i] = true;
        continue;
      }
      return nullptr;
    }
  }
  return [convs, impossible, obj_type](const Value& val, const ValuePath& path) -> ConvertResult {
    const auto& atys = obj_type.Attributes();
    std::vector<std::pair<std::string, Value>> attrs;
    for (size_t i = 0; i < val.Length(); i++) {
      const std::string& key = val.Keys()[i];
      int idx = obj_type.AttributeIndex(key);
      if (idx < 0) continue;
      Value e = val[i];
      if (convs[idx]) {
        ConvertResult r = convs[idx](e, WithIndex(path, Value::String(key)));
        if (!r.ok()) return r;
        e = std::move(r.value);
      } else if (impossible[idx]) {
        return Fail(path, "map element type is incompatible with attribute " + GoQuote(key) + ": " +
                              MismatchMessage(e.type(), atys[idx].second));
      }
      attrs.emplace_back(key, NullWithoutOptional(e));
    }
    for (const auto& [name, t] : atys) {
      if (val.Find(name) != nullptr) continue;
      if (obj_type.IsOptionalAttribute(name)) {
        attrs.emplace_back(name, Value::Null(t));
      } else {
        return Fail(path, "map has no element for required attribute " + GoQuote(name));
      }
    }
    return Ok(Value::Object(std::move(attrs)));
  };
}

Conv ObjectToObject(const Type& in, const Type& out, bool unsafe) {
  const auto& out_atys = out.Attributes();
  std::map<std::string, Conv> convs;  // presence means the attribute is kept
  for (const auto& [name, out_t] : out_atys) {
    int idx = in.AttributeIndex(name);
    if (idx < 0) {
      if (out.IsOptionalAttribute(name)) continue;
      return nullptr;
    }
    const Type& in_t = in.Attributes()[idx].second;
    if (in_t == out_t) {
      convs[name] = nullptr;
      continue;
    }
    Conv c = GetConversion(in_t, out_t, unsafe);
    if (!c) return nullptr;
    convs[name] = std::move(c);
  }
  return [convs, out](const Value& val, const ValuePath& path) -> ConvertResult {
    std::vector<std::pair<std::string, Value>> attrs;
    for (size_t i = 0; i < val.Length(); i++) {
      const std::string& name = val.Keys()[i];
      auto it = convs.find(name);
      if (it == convs.end()) continue;
      Value e = val[i];
      if (it->second) {
        ConvertResult r = it->second(e, WithAttr(path, name));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      attrs.emplace_back(name, NullWithoutOptional(e));
    }
    for (const std::string& name : out.OptionalAttributes()) {
      if (val.Find(name) != nullptr) continue;
      int idx = out.AttributeIndex(name);
      if (idx < 0) continue;
      attrs.emplace_back(name,
                         Value::Null(WithoutOptionalAttributes(out.Attributes()[idx].second)));
    }
    return Ok(Value::Object(std::move(attrs)));
  };
}

Conv TupleToTuple(const Type& in, const Type& out, bool unsafe) {
  const auto& in_e = in.TupleElements();
  const auto& out_e = out.TupleElements();
  if (in_e.size() != out_e.size()) return nullptr;
  std::vector<Conv> convs(in_e.size());
  for (size_t i = 0; i < in_e.size(); i++) {
    if (in_e[i] == out_e[i]) continue;
    convs[i] = GetConversion(in_e[i], out_e[i], unsafe);
    if (!convs[i]) return nullptr;
  }
  return [convs](const Value& val, const ValuePath& path) -> ConvertResult {
    std::vector<Value> elems;
    elems.reserve(val.Length());
    for (size_t i = 0; i < val.Length(); i++) {
      Value e = val[i];
      if (convs[i]) {
        ConvertResult r = convs[i](e, WithIndex(path, Value::Int(static_cast<int64_t>(i))));
        if (!r.ok()) return r;
        e = std::move(r.value);
      }
      elems.push_back(std::move(e));
    }
    return Ok(Value::Tuple(std::move(elems)));
  };
}

Conv GetConversionKnown(const Type& in, const Type& out, bool unsafe) {
  if (out.IsDynamic()) return [](const Value& v, const ValuePath&) { return Ok(v); };
  if (unsafe && in.IsDynamic()) {
    Type want = out;
    return [want](const Value& v, const ValuePath& path) { return ConvertUnsafeAt(v, want, path); };
  }
  if (in.IsPrimitive() && out.IsPrimitive()) return PrimitiveConversion(in, out, unsafe);
  if (out.IsObject() && in.IsObject()) return ObjectToObject(in, out, unsafe);
  if (out.IsTuple() && in.IsTuple()) return TupleToTuple(in, out, unsafe);
  if (out.IsList() && (in.IsList() || in.IsSet())) {
    if (in.ElementType() == out.ElementType()) return CollectionToList(out.ElementType(), nullptr);
    Conv c = GetConversion(in.ElementType(), out.ElementType(), unsafe);
    if (!c) return nullptr;
    return CollectionToList(out.ElementType(), std::move(c));
  }
  if (out.IsSet() && (in.IsList() || in.IsSet())) {
    if (in.IsList() && !unsafe) return nullptr;
    if (in.ElementType() == out.ElementType()) return CollectionToSet(out.ElementType(), nullptr);
    Conv c = GetConversion(in.ElementType(), out.ElementType(), unsafe);
    if (!c) return nullptr;
    return CollectionToSet(out.ElementType(), std::move(c));
  }
  if (out.IsMap() && in.IsMap()) {
    Conv c = GetConversion(in.ElementType(), out.ElementType(), unsafe);
    if (!c) return nullptr;
    return CollectionToMap(out.ElementType(), std::move(c));
  }
  if (out.IsList() && in.IsTuple()) return TupleToListOrSet(in, out.ElementType(), unsafe, false);
  if (out.IsSet() && in.IsTuple()) return TupleToListOrSet(in, out.ElementType(), unsafe, true);
  if (out.IsMap() && in.IsObject()) return ObjectToMap(in, out.ElementType(), unsafe);
  if (out.IsObject() && in.IsMap()) {
    if (!unsafe) return nullptr;
    return MapToObject(in, out, unsafe);
  }
  return nullptr;
}

Conv GetConversion(const Type& in, const Type& out, bool unsafe) {
  Conv conv = GetConversionKnown(in, out, unsafe);
  if (!conv) return nullptr;
  return Wrap(std::move(conv), out);
}

ConvertResult ConvertUnsafeAt(const Value& in, const Type& want, const ValuePath& path) {
  if (in.type() == want) return Ok(in);
  Conv conv = GetConversion(in.type(), want, true);
  if (!conv) return Fail(path, MismatchMessage(in.type(), want));
  return conv(in, path);
}

// --- unification -------------------------------------------------------------------------

int CompareTypes(Type a, Type b) {
  // The dynamic pseudo-type has the lowest preference: anything converts to it, and the
  // dynamic parts are assumed to converge on their neighbours' types.
  if (a.IsDynamic() || b.IsDynamic()) {
    if (!a.IsDynamic()) return -1;
    if (!b.IsDynamic()) return 1;
    return 0;
  }
  if (a.IsPrimitive() && b.IsPrimitive()) {
    if (a.IsString() || b.IsString()) {
      if (!a.IsString()) return 1;
      if (!b.IsString()) return -1;
      return 0;
    }
  }
  if ((a.IsList() && b.IsList()) || (a.IsSet() && b.IsSet()) || (a.IsMap() && b.IsMap())) {
    return CompareTypes(a.ElementType(), b.ElementType());
  }
  int swap = 1;
  if ((a.IsTuple() && b.IsList()) || (a.IsObject() && b.IsMap()) || (a.IsSet() && b.IsTuple()) ||
      (a.IsSet() && b.IsList())) {
    std::swap(a, b);
    swap = -1;
  }
  if (b.IsSet() && (a.IsTuple() || a.IsList())) return -1 * swap;
  if (a.IsList() && b.IsTuple()) return -1 * swap;
  if (a.IsMap() && b.IsObject()) return -1 * swap;
  if (a.IsObject() && b.IsObject()) {
    const auto& aa = a.Attributes();
    const auto& ba = b.Attributes();
    if (aa.size() != ba.size()) return 0;
    bool a_super = false, b_super = false;
    for (size_t i = 0; i < aa.size(); i++) {
      int idx = b.AttributeIndex(aa[i].first);
      if (idx < 0) return 0;
      int c = CompareTypes(aa[i].second, ba[idx].second);
      if (c < 0) a_super = true;
      if (c > 0) b_super = true;
    }
    if (a_super && b_super) return 0;
    if (a_super) return -1 * swap;
    if (b_super) return 1 * swap;
    return 0;
  }
  if (a.IsTuple() && b.IsTuple()) {
    const auto& ae = a.TupleElements();
    const auto& be = b.TupleElements();
    if (ae.size() != be.size()) return 0;
    bool a_super = false, b_super = false;
    for (size_t i = 0; i < ae.size(); i++) {
      int c = CompareTypes(ae[i], be[i]);
      if (c < 0) a_super = true;
      if (c > 0) b_super = true;
    }
    if (a_super && b_super) return 0;
    if (a_super) return -1 * swap;
    if (b_super) return 1 * swap;
    return 0;
  }
  return 0;
}

std::vector<size_t> SortTypes(const std::vector<Type>& tys) {
  size_t l = tys.size();
  std::vector<std::vector<size_t>> edges(l);
  for (size_t i = 0; i + 1 < l; i++) {
    for (size_t j = i + 1; j < l; j++) {
      int c = CompareTypes(tys[i], tys[j]);
      if (c < 0) edges[i].push_back(j);
      if (c > 0) edges[j].push_back(i);
    }
  }
  std::vector<int> in_degree(l, 0);
  for (const auto& outs : edges) {
    for (size_t j : outs) in_degree[j]++;
  }
  std::vector<size_t> result;
  result.reserve(l);
  for (size_t i = 0; i < l; i++) {
    if (in_degree[i] == 0) result.push_back(i);
  }
  for (size_t q = 0; q < result.size(); q++) {
    for (size_t j : edges[result[q]]) {
      if (--in_degree[j] == 0) result.push_back(j);
    }
  }
  // Go leaves never-visited slots (cycles) as index 0.
  while (result.size() < l) result.push_back(0);
  return result;
}

bool AllConvertible(const std::vector<Type>& types, const Type& to, bool unsafe) {
  for (const Type& t : types) {
    if (t == to) continue;
    if (!GetConversion(t, to, unsafe)) return false;
  }
  return true;
}

std::optional<Type> UnifyTupleTypesToList(const std::vector<Type>& types, bool unsafe) {
  std::vector<Type> etys;
  for (const Type& t : types) {
    for (const Type& e : t.TupleElements()) etys.push_back(e);
  }
  auto ety = Unify(etys, unsafe);
  if (!ety) return std::nullopt;
  Type ret = Type::List(*ety);
  if (!AllConvertible(types, ret, unsafe)) return std::nullopt;
  return ret;
}

std::optional<Type> UnifyObjectTypesToMap(const std::vector<Type>& types, bool unsafe) {
  std::vector<Type> atys;
  for (const Type& t : types) {
    for (const auto& [n, a] : t.Attributes()) atys.push_back(a);
  }
  auto ety = Unify(atys, unsafe);
  if (!ety) return std::nullopt;
  Type ret = Type::Map(*ety);
  if (!AllConvertible(types, ret, unsafe)) return std::nullopt;
  return ret;
}

std::optional<Type> UnifyCollectionTypes(Type::Kind kind, const std::vector<Type>& types,
                                         bool unsafe, bool has_dynamic) {
  if (has_dynamic) return Type::Dynamic();
  std::vector<Type> etys;
  for (const Type& t : types) etys.push_back(t.ElementType());
  auto ety = Unify(etys, unsafe);
  if (!ety) return std::nullopt;
  Type ret = kind == Type::Kind::kMap    ? Type::Map(*ety)
             : kind == Type::Kind::kList ? Type::List(*ety)
                                         : Type::Set(*ety);
  if (!AllConvertible(types, ret, unsafe)) return std::nullopt;
  return ret;
}

std::optional<Type> UnifyObjectTypes(const std::vector<Type>& types, bool unsafe,
                                     bool has_dynamic) {
  if (has_dynamic) return Type::Dynamic();
  const auto& first = types[0].Attributes();
  for (size_t i = 1; i < types.size(); i++) {
    const auto& attrs = types[i].Attributes();
    if (attrs.size() != first.size()) return UnifyObjectTypesToMap(types, unsafe);
    for (size_t k = 0; k < attrs.size(); k++) {
      if (attrs[k].first != first[k].first) return UnifyObjectTypesToMap(types, unsafe);
    }
  }
  std::vector<std::pair<std::string, Type>> ret_attrs;
  for (size_t k = 0; k < first.size(); k++) {
    std::vector<Type> across;
    for (const Type& t : types) across.push_back(t.Attributes()[k].second);
    auto u = Unify(across, unsafe);
    if (!u) return std::nullopt;
    ret_attrs.emplace_back(first[k].first, *u);
  }
  Type ret = Type::Object(std::move(ret_attrs));
  if (!AllConvertible(types, ret, unsafe)) return UnifyObjectTypesToMap(types, unsafe);
  return ret;
}

std::optional<Type> UnifyTupleTypes(const std::vector<Type>& types, bool unsafe, bool has_dynamic) {
  if (has_dynamic) return Type::Dynamic();
  size_t n = types[0].TupleElements().size();
  for (size_t i = 1; i < types.size(); i++) {
    if (types[i].TupleElements().size() != n) return UnifyTupleTypesToList(types, unsafe);
  }
  std::vector<Type> ret_elems;
  for (size_t k = 0; k < n; k++) {
    std::vector<Type> across;
    for (const Type& t : types) across.push_back(t.TupleElements()[k]);
    auto u = Unify(across, unsafe);
    if (!u) return std::nullopt;
    ret_elems.push_back(*u);
  }
  Type ret = Type::Tuple(std::move(ret_elems));
  if (!AllConvertible(types, ret, unsafe)) return UnifyTupleTypesToList(types, unsafe);
  return ret;
}

std::optional<Type> UnifyDistinct(const std::vector<Type>& types, bool unsafe);

/// cty's unify. Fast paths (not in cty, same results): all types equal gives that type;
/// repeated types are considered once (their first occurrence), so a 1M-element tuple of a
/// few distinct types unifies in linear time instead of cty's quadratic type sort.
std::optional<Type> Unify(const std::vector<Type>& types, bool unsafe) {
  if (types.empty()) return std::nullopt;
  bool all_equal = true;
  for (size_t i = 1; i < types.size() && all_equal; i++) all_equal = types[i] == types[0];
  if (all_equal) return types[0];
  if (types.size() <= 16) return UnifyDistinct(types, unsafe);
  std::vector<Type> distinct;
  for (const Type& t : types) {
    bool dup = false;
    for (const Type& d : distinct) {
      if (d == t) {
        dup = true;
        break;
      }
    }
    if (!dup) distinct.push_back(t);
    if (distinct.size() > 64) return UnifyDistinct(types, unsafe);
  }
  return UnifyDistinct(distinct, unsafe);
}

std::optional<Type> UnifyDistinct(const std::vector<Type>& types, bool unsafe) {
  size_t map_ct = 0, list_ct = 0, set_ct = 0, object_ct = 0, tuple_ct = 0, dynamic_ct = 0;
  for (const Type& t : types) {
    switch (t.kind()) {
      case Type::Kind::kMap:
        map_ct++;
        break;
      case Type::Kind::kList:
        list_ct++;
        break;
      case Type::Kind::kSet:
        set_ct++;
        break;
      case Type::Kind::kObject:
        object_ct++;
        break;
      case Type::Kind::kTuple:
        tuple_ct++;
        break;
      case Type::Kind::kDynamic:
        dynamic_ct++;
        break;
      default:
        break;
    }
  }
  const size_t n = types.size();
  if (map_ct > 0 && map_ct + dynamic_ct == n) {
    return UnifyCollectionTypes(Type::Kind::kMap, types, unsafe, dynamic_ct > 0);
  } else if (map_ct > 0 && map_ct + object_ct + dynamic_ct == n) {
    std::vector<Type> objs;
    for (const Type& t : types) {
      if (t.IsObject()) objs.push_back(t);
    }
    auto m = UnifyObjectTypesToMap(objs, unsafe);
    if (m) {
      std::vector<Type> mapped = types;
      for (Type& t : mapped) {
        if (t.IsObject()) t = *m;
      }
      auto r = Unify(mapped, unsafe);
      if (r && r->IsMap()) return r;
    }
  } else if (list_ct > 0 && list_ct + dynamic_ct == n) {
    return UnifyCollectionTypes(Type::Kind::kList, types, unsafe, dynamic_ct > 0);
  } else if (list_ct > 0 && list_ct + tuple_ct + dynamic_ct == n) {
    std::vector<Type> tuples;
    for (const Type& t : types) {
      if (t.IsTuple()) tuples.push_back(t);
    }
    auto l = UnifyTupleTypesToList(tuples, unsafe);
    if (l) {
      std::vector<Type> listed = types;
      for (Type& t : listed) {
        if (t.IsTuple()) t = *l;
      }
      auto r = Unify(listed, unsafe);
      if (r && r->IsList()) return r;
    }
  } else if (set_ct > 0 && set_ct + dynamic_ct == n) {
    return UnifyCollectionTypes(Type::Kind::kSet, types, unsafe, dynamic_ct > 0);
  } else if (object_ct > 0 && object_ct + dynamic_ct == n) {
    return UnifyObjectTypes(types, unsafe, dynamic_ct > 0);
  } else if (tuple_ct > 0 && tuple_ct + dynamic_ct == n) {
    return UnifyTupleTypes(types, unsafe, dynamic_ct > 0);
  } else if (object_ct > 0 && tuple_ct > 0) {
    return std::nullopt;
  }
  for (size_t want_idx : SortTypes(types)) {
    const Type& want = types[want_idx];
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
      if (i == want_idx || types[i] == want) continue;
      if (!GetConversion(types[i], want, unsafe)) ok = false;
    }
    if (ok) return want;
  }
  return std::nullopt;
}

// --- mismatch messages ---------------------------------------------------------------------

std::string MismatchObjects(const Type& got, const Type& want) {
  std::vector<std::string> missing;
  std::string unsafe_mismatch;
  std::string safe_mismatch;
  for (const auto& [name, want_t] : want.Attributes()) {
    int idx = got.AttributeIndex(name);
    if (idx < 0) {
      if (!want.IsOptionalAttribute(name)) missing.push_back(name);
      continue;
    }
    const Type& got_t = got.Attributes()[idx].second;
    if (got_t == want_t) continue;
    if (!unsafe_mismatch.empty()) continue;
    if (!GetConversion(got_t, want_t, true)) {
      unsafe_mismatch = "attribute " + GoQuote(name) + ": " + MismatchMessage(got_t, want_t);
    }
    if (!safe_mismatch.empty()) continue;
    if (!GetConversion(got_t, want_t, false)) {
      safe_mismatch = "attribute " + GoQuote(name) + ": " + MismatchMessage(got_t, want_t);
    }
  }
  if (!missing.empty()) {
    if (missing.size() == 1) return "attribute " + GoQuote(missing[0]) + " is required";
    if (missing.size() == 2) {
      return "attributes " + GoQuote(missing[0]) + " and " + GoQuote(missing[1]) + " are required";
    }
    std::string buf;
    for (size_t i = 0; i + 1 < missing.size(); i++) buf += GoQuote(missing[i]) + ", ";
    buf += "and " + GoQuote(missing.back());
    return "attributes " + buf + " are required";
  }
  if (!unsafe_mismatch.empty()) return unsafe_mismatch;
  if (!safe_mismatch.empty()) return safe_mismatch;
  return "incorrect object attributes";
}

std::string MismatchCollectionsFromStructural(const Type& got, const Type& want) {
  std::string required = want.FriendlyNameForConstraint() + " required";
  if (want.IsList() && !got.IsTuple()) return required;
  if (want.IsSet() && !got.IsTuple()) return required;
  if (want.IsMap() && !got.IsObject()) return required;
  const Type& wety = want.ElementType();
  if (got.IsTuple()) {
    const auto& etys = got.TupleElements();
    for (size_t i = 0; i < etys.size(); i++) {
      if (etys[i] == wety) continue;
      if (GetConversion(etys[i], wety, true)) continue;
      return "element " + std::to_string(i) + ": " + MismatchMessage(etys[i], wety);
    }
    return "all elements must be " + wety.FriendlyNameForConstraint();
  }
  if (got.IsObject()) {
    for (const auto& [name, t] : got.Attributes()) {
      if (t == wety) continue;
      if (GetConversion(t, wety, true)) continue;
      return "element " + GoQuote(name) + ": " + MismatchMessage(t, wety);
    }
    return "all elements must be " + wety.FriendlyNameForConstraint();
  }
  return required;
}

std::string MismatchCollectionsFromCollections(const Type& got, const Type& want) {
  std::string required = want.FriendlyNameForConstraint() + " required";
  if (want.IsList() && !(got.IsList() || got.IsSet())) return required;
  if (want.IsSet() && !(got.IsList() || got.IsSet())) return required;
  if (want.IsMap() && !got.IsMap()) return required;
  std::string noun = want.IsList()  ? "list element type"
                     : want.IsSet() ? "set element type"
                                    : "map element type";
  return "incorrect " + noun + ": " + MismatchMessage(got.ElementType(), want.ElementType());
}

}  // namespace

std::string MismatchMessage(const Type& got, const Type& want) {
  if (got.IsObject() && want.IsObject()) return MismatchObjects(got, want);
  if (got.IsTuple() && want.IsList() && want.ElementType().IsDynamic()) {
    return "all list elements must have the same type";
  }
  if (got.IsTuple() && want.IsSet() && want.ElementType().IsDynamic()) {
    return "all set elements must have the same type";
  }
  if (got.IsObject() && want.IsMap() && want.ElementType().IsDynamic()) {
    return "all map elements must have the same type";
  }
  if ((got.IsTuple() || got.IsObject()) && want.IsCollection()) {
    return MismatchCollectionsFromStructural(got, want);
  }
  if (got.IsCollection() && want.IsCollection())
    return MismatchCollectionsFromCollections(got, want);
  return want.FriendlyNameForConstraint() + " required";
}

std::string FormatValuePath(const ValuePath& path) {
  std::string out;
  for (const PathStep& step : path) {
    if (step.kind == PathStep::Kind::kAttr) {
      out += "." + step.name;
      continue;
    }
    out.push_back('[');
    const Value& key = step.key;
    if (key.IsNull()) {
      out += "null";
    } else if (!key.IsKnown()) {
      out += "(not yet known)";
    } else if (key.type().IsNumber()) {
      out += key.AsNumber().ToString();
    } else if (key.type().IsString()) {
      AppendGoQuoted(out, key.AsString());
    } else {
      out += "...";
    }
    out.push_back(']');
  }
  return out;
}

std::string ConvertError::Format() const {
  if (path.empty()) return message;
  return FormatValuePath(path) + ": " + message;
}

ConvertResult Convert(const Value& in, const Type& want) { return ConvertUnsafeAt(in, want, {}); }

bool CanConvert(const Type& in, const Type& want, bool unsafe) {
  return in == want || GetConversion(in, want, unsafe) != nullptr;
}

std::optional<Type> UnifyTypes(const std::vector<Type>& types, bool unsafe) {
  return Unify(types, unsafe);
}

Type WithoutOptionalAttributes(const Type& t) {
  switch (t.kind()) {
    case Type::Kind::kList:
      return Type::List(WithoutOptionalAttributes(t.ElementType()));
    case Type::Kind::kSet:
      return Type::Set(WithoutOptionalAttributes(t.ElementType()));
    case Type::Kind::kMap:
      return Type::Map(WithoutOptionalAttributes(t.ElementType()));
    case Type::Kind::kObject: {
      if (!t.HasDynamic() && t.OptionalAttributes().empty()) {
        bool nested = false;
        for (const auto& [n, a] : t.Attributes())
          nested = nested || a.IsObject() || a.IsCollection() || a.IsTuple();
        if (!nested) return t;
      }
      std::vector<std::pair<std::string, Type>> attrs;
      for (const auto& [n, a] : t.Attributes()) attrs.emplace_back(n, WithoutOptionalAttributes(a));
      return Type::Object(std::move(attrs));
    }
    case Type::Kind::kTuple: {
      std::vector<Type> elems;
      for (const Type& e : t.TupleElements()) elems.push_back(WithoutOptionalAttributes(e));
      return Type::Tuple(std::move(elems));
    }
    default:
      return t;
  }
}

}  // namespace cairn
