#include "lang/base/typed_json.h"

#include <optional>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/go_json.h"
#include "lang/base/go_json_syntax.h"
#include "lang/base/value_json.h"

namespace cairn {
namespace {

struct Decoded {
  Value value;
  std::string error;
};

Decoded Fail(std::string message) { return {Value(), std::move(message)}; }

Decoded Decode(const JsonSpan& span, const Type& type);

Decoded DecodePrimitive(const JsonSpan& span, const Type& type) {
  auto from_string = [&](const Value& v) -> Decoded {
    ConvertResult c = Convert(v, type);
    if (!c.ok()) return Fail(c.error->message);
    return {c.value, ""};
  };
  switch (type.kind()) {
    case Type::Kind::kBool:
      if (span.kind == JsonKind::kBool) return {Value::Bool(span.text == "true"), ""};
      if (span.kind == JsonKind::kString) return from_string(Value::String(JsonStringValue(span)));
      return Fail("bool is required");
    case Type::Kind::kNumber: {
      if (span.kind == JsonKind::kNumber) {
        std::optional<Number> n = Number::Parse(span.text);
        if (!n) return Fail("a number is required");
        return {Value::Num(*n), ""};
      }
      if (span.kind == JsonKind::kString) return from_string(Value::String(JsonStringValue(span)));
      return Fail("number is required");
    }
    default:  // string
      if (span.kind == JsonKind::kString) return {Value::String(JsonStringValue(span)), ""};
      if (span.kind == JsonKind::kNumber) return {Value::String(std::string(span.text)), ""};
      if (span.kind == JsonKind::kBool) return {Value::String(std::string(span.text)), ""};
      return Fail("string is required");
  }
}

Decoded DecodeSequence(const JsonSpan& span, const Type& type, const char* what) {
  if (span.kind != JsonKind::kArray) return Fail(std::string("need JSON array for ") + what);
  std::vector<Value> elements;
  for (const JsonSpan& e : JsonArrayElements(span)) {
    Decoded d = Decode(e, type.ElementType());
    if (!d.error.empty()) return d;
    elements.push_back(std::move(d.value));
  }
  if (type.IsList()) return {Value::List(type.ElementType(), std::move(elements)), ""};
  return {Value::Set(type.ElementType(), std::move(elements)), ""};
}

Decoded DecodeMap(const JsonSpan& span, const Type& type) {
  if (span.kind != JsonKind::kObject) return Fail("need JSON object for map");
  std::vector<std::pair<std::string, Value>> entries;
  for (auto& [key, member] : JsonObjectMembers(span)) {
    Decoded d = Decode(member, type.ElementType());
    if (!d.error.empty()) return d;
    entries.emplace_back(key, std::move(d.value));
  }
  return {Value::Map(type.ElementType(), std::move(entries)), ""};
}

Decoded DecodeTuple(const JsonSpan& span, const Type& type) {
  if (span.kind != JsonKind::kArray) return Fail("need JSON array for tuple");
  const std::vector<Type>& types = type.TupleElements();
  std::vector<JsonSpan> items = JsonArrayElements(span);
  std::vector<Value> elements;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i >= types.size()) {
      return Fail("too many tuple elements (need " + std::to_string(types.size()) + ")");
    }
    Decoded d = Decode(items[i], types[i]);
    if (!d.error.empty()) return d;
    elements.push_back(std::move(d.value));
  }
  if (elements.size() != types.size()) {
    return Fail("not enough tuple elements (need " + std::to_string(types.size()) + ")");
  }
  return {Value::Tuple(std::move(elements)), ""};
}

/// The type of an object of `schema_type` (an object type) whose attributes hold `elements`:
/// `schema_type` itself when it has no dynamic part, else the type the elements make, shared
/// with the previous object decoded on this thread when that had the same types (a state's
/// objects of one resource type mostly do), so a million objects do not make a million types.
Type ObjectTypeOf(const Type& schema_type, const std::vector<Value>& elements) {
  if (!schema_type.HasDynamic() && schema_type.OptionalAttributes().empty()) return schema_type;
  thread_local Type last_schema;
  thread_local Type last_built;
  const auto& attributes = schema_type.Attributes();
  if (last_schema.IsSame(schema_type) && last_built.IsObject()) {
    const auto& built = last_built.Attributes();
    bool same = built.size() == elements.size();
    for (size_t i = 0; same && i < elements.size(); ++i) {
      same = built[i].second.IsSame(elements[i].type()) || built[i].second == elements[i].type();
    }
    if (same) return last_built;
  }
  std::vector<std::pair<std::string, Type>> types;
  types.reserve(attributes.size());
  for (size_t i = 0; i < attributes.size(); ++i) {
    types.emplace_back(attributes[i].first, elements[i].type());
  }
  last_schema = schema_type;
  last_built = Type::Object(std::move(types));
  return last_built;
}

Decoded DecodeObject(const JsonSpan& span, const Type& type) {
  if (span.kind != JsonKind::kObject) return Fail("need JSON object for object");
  const auto& attributes = type.Attributes();
  std::vector<std::optional<Value>> values(attributes.size());
  for (auto& [key, member] : JsonObjectMembers(span)) {
    int index = type.AttributeIndex(key);
    if (index < 0) return Fail("unsupported attribute \"" + key + "\"");
    Decoded d = Decode(member, attributes[static_cast<size_t>(index)].second);
    if (!d.error.empty()) return d;
    values[static_cast<size_t>(index)] = std::move(d.value);
  }
  std::vector<Value> elements;
  elements.reserve(attributes.size());
  for (size_t i = 0; i < attributes.size(); ++i) {
    elements.push_back(values[i] ? std::move(*values[i]) : Value::Null(attributes[i].second));
  }
  Type object_type = ObjectTypeOf(type, elements);
  return {Value::ObjectWithType(std::move(object_type), std::move(elements)), ""};
}

Decoded DecodeDynamic(const JsonSpan& span) {
  if (span.kind != JsonKind::kObject) {
    return Fail("need JSON object for dynamically-typed value");
  }
  std::optional<Type> type;
  std::optional<JsonSpan> value;
  for (auto& [key, member] : JsonObjectMembers(span)) {
    if (key == "type") {
      type = DecodeTypeJson(member.text);
      if (!type) return Fail("invalid type in dynamically-typed value");
    } else if (key == "value") {
      value = member;
    } else {
      return Fail("invalid key \"" + key + "\" in dynamically-typed value");
    }
  }
  if (!type) return Fail("missing type in dynamically-typed value");
  if (!value) return Fail("missing value in dynamically-typed value");
  return Decode(*value, *type);
}

Decoded Decode(const JsonSpan& span, const Type& type) {
  if (span.kind == JsonKind::kNull) return {Value::Null(type), ""};
  switch (type.kind()) {
    case Type::Kind::kDynamic:
      return DecodeDynamic(span);
    case Type::Kind::kBool:
    case Type::Kind::kNumber:
    case Type::Kind::kString:
      return DecodePrimitive(span, type);
    case Type::Kind::kList:
      return DecodeSequence(span, type, "list");
    case Type::Kind::kSet:
      return DecodeSequence(span, type, "set");
    case Type::Kind::kMap:
      return DecodeMap(span, type);
    case Type::Kind::kTuple:
      return DecodeTuple(span, type);
    case Type::Kind::kObject:
      return DecodeObject(span, type);
  }
  return Fail("unsupported type");
}

/// Appends `v` encoded against `type`; false when a part of `v` is unknown.
bool EncodeTyped(const Value& v, const Type& type, std::string& out) {
  if (type.IsDynamic() && !v.type().IsDynamic()) {
    out += "{\"value\":";
    if (!EncodeTyped(v, v.type(), out)) return false;
    out += ",\"type\":";
    out += EncodeTypeJson(v.type());
    out.push_back('}');
    return true;
  }
  if (v.IsNull()) {
    out += "null";
    return true;
  }
  if (!v.IsKnown()) return false;
  if (!type.HasDynamic()) {
    JsonEncodeResult r = EncodeJson(v);
    if (!r.ok()) return false;
    out += r.json;
    return true;
  }
  const std::vector<Value>& elements = v.Elements();
  switch (type.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      out.push_back('[');
      for (size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out.push_back(',');
        const Type& element_type = type.IsTuple() ? type.TupleElements()[i] : type.ElementType();
        if (!EncodeTyped(elements[i], element_type, out)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      out.push_back('{');
      const std::vector<std::string>& keys = v.Keys();
      for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out.push_back(',');
        AppendGoJsonString(out, keys[i]);
        out.push_back(':');
        const Type* element_type = &type;
        if (type.IsMap()) {
          element_type = &type.ElementType();
        } else {
          int index = type.AttributeIndex(keys[i]);
          static const Type kDynamic;
          element_type =
              index < 0 ? &kDynamic : &type.Attributes()[static_cast<size_t>(index)].second;
        }
        if (!EncodeTyped(elements[i], *element_type, out)) return false;
      }
      out.push_back('}');
      return true;
    }
    default:
      return false;  // primitives have no dynamic part and were encoded above
  }
}

}  // namespace

TypedJsonEncodeResult EncodeTypedJson(const Value& v, const Type& type) {
  TypedJsonEncodeResult r;
  if (!EncodeTyped(v, type, r.json)) {
    r.json.clear();
    r.error = "value is not known";
  }
  return r;
}

TypedJsonResult DecodeTypedJson(std::string_view text, const Type& type) {
  size_t i = 0;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) {
    ++i;
  }
  if (i == text.size()) return {Value(), "EOF"};
  if (std::optional<JsonSyntaxError> e = CheckJsonSyntax(text)) return {Value(), e->message};
  Decoded d = Decode(JsonValueOf(text), type);
  return {std::move(d.value), std::move(d.error)};
}

}  // namespace cairn
