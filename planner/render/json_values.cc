#include "planner/render/json_values.h"

#include <utility>
#include <vector>

namespace cairn::planner::json_values {

Json NumberJson(const Number& n) {
  if (n.IsInteger()) {
    if (std::optional<int64_t> i = n.ToInt64()) return *i;
  }
  return n.ToDouble();
}

std::optional<Json> KnownJson(const Value& v, bool redact) {
  if (!v.IsKnown()) return std::nullopt;
  if (v.IsNull()) return Json(nullptr);
  if (redact && v.IsSensitive()) return Json(kSensitiveText);
  const Type& t = v.type();
  switch (t.kind()) {
    case Type::Kind::kBool:
      return Json(v.AsBool());
    case Type::Kind::kNumber:
      return NumberJson(v.AsNumber());
    case Type::Kind::kString:
      return Json(v.AsString());
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      Json out = Json::array();
      for (const Value& e : v.Elements()) {
        std::optional<Json> j = KnownJson(e, redact);
        out.push_back(j ? std::move(*j) : Json(nullptr));
      }
      return out;
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      Json out = Json::object();
      const auto& keys = v.Keys();
      const auto& elements = v.Elements();
      for (size_t i = 0; i < elements.size(); i++) {
        if (std::optional<Json> j = KnownJson(elements[i], redact)) out[keys[i]] = std::move(*j);
      }
      return out;
    }
    case Type::Kind::kDynamic:
      break;
  }
  return Json(nullptr);
}

Json UnknownAsBool(const Value& v) {
  if (v.IsNull() && v.IsKnown()) return false;
  if (!v.IsKnown()) return true;
  const Type& t = v.type();
  if (t.IsList() || t.IsSet() || t.IsTuple()) {
    Json out = Json::array();
    for (const Value& e : v.Elements()) out.push_back(UnknownAsBool(e));
    return out;
  }
  if (t.IsMap() || t.IsObject()) {
    Json out = Json::object();
    const auto& keys = v.Keys();
    const auto& elements = v.Elements();
    for (size_t i = 0; i < elements.size(); i++) {
      Json j = UnknownAsBool(elements[i]);
      if (j.is_boolean() && !j.get<bool>()) continue;
      out[keys[i]] = std::move(j);
    }
    return out;
  }
  return false;
}

Json SensitiveAsBool(const Value& v) {
  if (v.IsSensitive()) return true;
  const Type& t = v.type();
  if ((v.IsKnown() && v.IsNull()) || t.IsPrimitive() || t.IsDynamic()) return false;
  if (t.IsList() || t.IsSet() || t.IsTuple()) {
    Json out = Json::array();
    if (!v.IsKnown()) return out;
    for (const Value& e : v.Elements()) out.push_back(SensitiveAsBool(e));
    return out;
  }
  Json out = Json::object();
  if (!v.IsKnown()) return out;
  const auto& keys = v.Keys();
  const auto& elements = v.Elements();
  for (size_t i = 0; i < elements.size(); i++) {
    Json j = SensitiveAsBool(elements[i]);
    if (j.is_boolean() && !j.get<bool>()) continue;
    out[keys[i]] = std::move(j);
  }
  return out;
}

namespace {

bool HasSensitive(const providers::Block& block) {
  for (const auto& a : block.attributes) {
    if (a.sensitive) return true;
  }
  for (const auto& b : block.blocks) {
    if (HasSensitive(b.block)) return true;
  }
  return false;
}

Value MarkObject(const Value& v, const providers::Block& block);

/// A nested block's value: one object, or a list/set/map of them.
Value MarkNested(const Value& v, const providers::NestedBlock& nested) {
  if (!v.IsKnown() || v.IsNull()) return v;
  const Type& t = v.type();
  if (t.IsObject()) return MarkObject(v, nested.block);
  if (t.IsList() || t.IsSet() || t.IsTuple()) {
    std::vector<Value> elements;
    elements.reserve(v.Length());
    for (const Value& e : v.Elements()) elements.push_back(MarkObject(e, nested.block));
    Value out = t.IsTuple()  ? Value::Tuple(std::move(elements))
                : t.IsList() ? Value::List(t.ElementType(), std::move(elements))
                             : Value::Set(t.ElementType(), std::move(elements));
    return out.WithMarks(v.marks());
  }
  if (t.IsMap()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (size_t i = 0; i < v.Length(); i++) {
      entries.emplace_back(v.Keys()[i], MarkObject(v[i], nested.block));
    }
    return Value::Map(t.ElementType(), std::move(entries)).WithMarks(v.marks());
  }
  return v;
}

Value MarkObject(const Value& v, const providers::Block& block) {
  if (!v.IsKnown() || v.IsNull() || !v.type().IsObject()) return v;
  std::vector<std::pair<std::string, Value>> entries;
  entries.reserve(v.Length());
  for (size_t i = 0; i < v.Length(); i++) {
    const std::string& name = v.Keys()[i];
    Value e = v[i];
    if (const providers::Attribute* a = block.FindAttribute(name)) {
      if (a->sensitive && !e.IsSensitive()) e = e.WithMarks(Marks::Sensitive());
    } else if (const providers::NestedBlock* nb = block.FindBlock(name)) {
      e = MarkNested(e, *nb);
    }
    entries.emplace_back(name, std::move(e));
  }
  return Value::Object(std::move(entries)).WithMarks(v.marks());
}

}  // namespace

Value MarkSchemaSensitive(const Value& v, const providers::Block& block) {
  if (!HasSensitive(block)) return v;
  return MarkObject(v, block);
}

}  // namespace cairn::planner::json_values
