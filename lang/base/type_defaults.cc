#include "lang/base/type_defaults.h"

#include <vector>

#include "lang/base/convert.h"

namespace cairn {

namespace {

const TypeDefaults* Child(const TypeDefaults& d, const std::string& key) {
  const Type& t = d.type;
  std::string k = (t.IsMap() || t.IsSet() || t.IsList()) ? "" : key;
  if (!(t.IsMap() || t.IsSet() || t.IsList() || t.IsTuple() || t.IsObject())) return nullptr;
  auto it = d.children.find(k);
  return it == d.children.end() ? nullptr : it->second.get();
}

/// Converts every value to their unified type; false when there is none (or one fails).
bool UnifyValues(std::vector<Value>& values) {
  std::vector<Type> types;
  types.reserve(values.size());
  for (const Value& v : values) types.push_back(v.type());
  auto unified = UnifyTypes(types, true);
  if (!unified) return false;
  for (Value& v : values) {
    if (v.type() == *unified) continue;
    ConvertResult r = Convert(v, *unified);
    if (!r.ok()) return false;
    v = std::move(r.value);
  }
  return true;
}

}  // namespace

Value TypeDefaults::Apply(const Value& in) const {
  if (!in.IsKnown() || in.IsNull() || empty()) return in;
  Marks marks = in.marks();
  Value v = in.Unmarked();
  const Type& t = v.type();
  if (t.IsSet() || t.IsList() || t.IsTuple()) {
    std::vector<Value> values;
    values.reserve(v.Length());
    for (size_t i = 0; i < v.Length(); i++) {
      const TypeDefaults* c = Child(*this, std::to_string(i));
      values.push_back(c ? c->Apply(v[i]) : v[i]);
    }
    if (t.IsSet() || t.IsList()) {
      if (values.empty()) return v.WithMarks(marks);
      std::vector<Value> unified = values;
      if (UnifyValues(unified)) {
        Type et = unified[0].type();
        Value out =
            t.IsSet() ? Value::Set(et, std::move(unified)) : Value::List(et, std::move(unified));
        return out.WithMarks(marks);
      }
    }
    return Value::Tuple(std::move(values)).WithMarks(marks);
  }
  if (t.IsObject() || t.IsMap()) {
    std::map<std::string, Value> values;
    for (size_t i = 0; i < v.Length(); i++) {
      const std::string& key = v.Keys()[i];
      const TypeDefaults* c = Child(*this, key);
      values[key] = c ? c->Apply(v[i]) : v[i];
    }
    for (const auto& [key, def] : this->values) {
      auto it = values.find(key);
      if (it != values.end() && !it->second.IsNull()) continue;
      auto child = children.find(key);
      values[key] = child != children.end() ? child->second->Apply(def) : def;
    }
    if (t.IsMap()) {
      if (values.empty()) return v.WithMarks(marks);
      std::vector<Value> elems;
      for (const auto& [k, e] : values) elems.push_back(e);
      if (UnifyValues(elems)) {
        std::vector<std::pair<std::string, Value>> entries;
        size_t i = 0;
        for (const auto& [k, e] : values) entries.emplace_back(k, elems[i++]);
        Type et = entries[0].second.type();
        return Value::Map(et, std::move(entries)).WithMarks(marks);
      }
    }
    std::vector<std::pair<std::string, Value>> attrs(values.begin(), values.end());
    return Value::Object(std::move(attrs)).WithMarks(marks);
  }
  return v.WithMarks(marks);
}

}  // namespace cairn
