#include "providers/plugin/wire_value.h"

#include <map>
#include <utility>
#include <vector>

#include "lang/base/value_json.h"

namespace cairn::providers::plugin {
namespace {

using Step = Value;  // a string or an integer

struct Encoder {
  std::vector<Value> unknown, not_null, sensitive;
  std::vector<Step> path;

  Value PathHere() const { return Value::Tuple(path); }

  Value Encode(const Value& v, const Type& type) {
    if (v.IsSensitive()) sensitive.push_back(PathHere());
    if (type.IsDynamic()) {
      if (v.type().IsDynamic()) {
        if (!v.IsKnown()) AddUnknown(v);
        return Value();
      }
      Value inner = EncodeAs(v, v.type());
      Value type_json = DecodeJson(EncodeTypeJson(v.type())).value;
      return Value::Object({{"type", std::move(type_json)}, {"value", std::move(inner)}});
    }
    return EncodeAs(v, type);
  }

  /// `v` of concrete `type` (its own sensitive mark already recorded).
  void AddUnknown(const Value& v) {
    unknown.push_back(PathHere());
    if (v.DefinitelyNotNull()) not_null.push_back(PathHere());
  }

  Value EncodeAs(const Value& v, const Type& type) {
    if (!v.IsKnown()) {
      AddUnknown(v);
      return Value();
    }
    if (v.IsNull()) return Value();
    switch (type.kind()) {
      case Type::Kind::kDynamic:
        return Value();  // unreachable: Encode unwraps the dynamic pseudo-type
      case Type::Kind::kBool:
        return Value::Bool(v.AsBool());
      case Type::Kind::kNumber:
        return Value::Num(v.AsNumber());
      case Type::Kind::kString:
        return Value::String(v.AsString());
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        std::vector<Value> out;
        const std::vector<Value>& elems = v.Elements();
        out.reserve(elems.size());
        for (size_t i = 0; i < elems.size(); ++i) {
          const Type& et = type.IsTuple() ? type.TupleElements()[i] : type.ElementType();
          path.push_back(Value::Int(static_cast<int64_t>(i)));
          out.push_back(Encode(elems[i], et));
          path.pop_back();
        }
        return Value::Tuple(std::move(out));
      }
      case Type::Kind::kMap: {
        std::vector<std::pair<std::string, Value>> out;
        const std::vector<Value>& elems = v.Elements();
        const std::vector<std::string>& keys = v.Keys();
        out.reserve(elems.size());
        for (size_t i = 0; i < elems.size(); ++i) {
          path.push_back(Value::String(keys[i]));
          out.emplace_back(keys[i], Encode(elems[i], type.ElementType()));
          path.pop_back();
        }
        return Value::Object(std::move(out));
      }
      case Type::Kind::kObject: {
        std::vector<std::pair<std::string, Value>> out;
        out.reserve(type.Attributes().size());
        for (const auto& [name, at] : type.Attributes()) {
          const Value* a = v.Find(name);
          path.push_back(Value::String(name));
          out.emplace_back(name, a ? Encode(*a, at) : Value());
          path.pop_back();
        }
        return Value::Object(std::move(out));
      }
    }
    return Value();
  }
};

/// The paths of `unknown` or `sensitive` as a tree keyed by step.
struct PathTrie {
  bool unknown = false;
  bool not_null = false;
  bool sensitive = false;
  std::map<std::string, PathTrie, std::less<>> keys;
  std::map<int64_t, PathTrie> indexes;

  const PathTrie* Key(std::string_view k) const {
    auto it = keys.find(k);
    return it == keys.end() ? nullptr : &it->second;
  }
  const PathTrie* Index(int64_t i) const {
    auto it = indexes.find(i);
    return it == indexes.end() ? nullptr : &it->second;
  }
};

std::optional<int64_t> IntegerOf(const Value& json) {
  if (!json.IsKnown() || json.IsNull() || !json.type().IsNumber()) return std::nullopt;
  Number n = json.AsNumber();
  if (!n.IsInteger()) return std::nullopt;
  std::optional<int64_t> i = n.ToInt64();
  if (!i || *i < 0) return std::nullopt;
  return i;
}

bool IsJsonString(const Value& json) {
  return json.IsKnown() && !json.IsNull() && json.type().IsString();
}

/// Adds the paths of the array `list` (field `field` of a wire value) to `trie`.
bool AddPaths(const Value* list, bool PathTrie::*flag, std::string_view field, PathTrie& trie,
              std::string& error) {
  if (!list || list->IsNull()) return true;
  if (!list->type().IsTuple()) {
    error = std::string(field) + " must be an array of paths, not " + JsonKind(*list);
    return false;
  }
  for (const Value& path : list->Elements()) {
    if (!path.IsKnown() || path.IsNull() || !path.type().IsTuple()) {
      error = std::string(field) + " must be an array of paths (arrays), not of " +
              JsonKind(path);
      return false;
    }
    PathTrie* node = &trie;
    for (const Value& step : path.Elements()) {
      if (IsJsonString(step)) {
        node = &node->keys[step.AsString()];
      } else if (std::optional<int64_t> i = IntegerOf(step)) {
        node = &node->indexes[*i];
      } else {
        error = "a step of a path in " + std::string(field) +
                " must be a string or a non-negative integer, not " + JsonKind(step);
        return false;
      }
    }
    node->*flag = true;
  }
  return true;
}

struct Decoder {
  std::string error;
  std::string where;  ///< the location being decoded, e.g. "planned_state.rule[0]"

  Value Fail(std::string message) {
    if (error.empty()) error = where + ": " + message;
    return Value();
  }

  Value Decode(const Value& json, const Type& type, const PathTrie* node) {
    Value v = DecodeUnmarked(json, type, node);
    if (node && node->sensitive && error.empty()) v = v.WithMarks(Marks::Sensitive());
    return v;
  }

  static Value Unknown(const Type& type, const PathTrie& node) {
    Value u = Value::Unknown(type);
    return node.not_null ? u.RefineNotNull() : u;
  }

  Value DecodeUnmarked(const Value& json, const Type& type, const PathTrie* node) {
    if (type.IsDynamic()) {
      if (json.IsNull()) return node && node->unknown ? Unknown(Type::Dynamic(), *node) : Value();
      const Value* t = JsonField(json, "type");
      const Value* inner = JsonField(json, "value");
      if (!t || !inner || json.Length() != 2) {
        return Fail("a value of dynamic type must be null or {\"value\": ..., \"type\": ...}, not " +
                    JsonKind(json));
      }
      JsonEncodeResult text = EncodeJson(*t);
      std::optional<Type> real = text.ok() ? DecodeTypeJson(text.json) : std::nullopt;
      if (!real || real->IsDynamic()) return Fail("invalid type " + text.json);
      return DecodeUnmarked(*inner, *real, node);
    }
    if (node && node->unknown) return Unknown(type, *node);
    if (json.IsNull()) return Value::Null(type);
    switch (type.kind()) {
      case Type::Kind::kDynamic:
        return Value();
      case Type::Kind::kBool:
        if (!json.type().IsBool()) return Fail("a bool is required, not " + JsonKind(json));
        return Value::Bool(json.AsBool());
      case Type::Kind::kNumber:
        if (!json.type().IsNumber()) return Fail("a number is required, not " + JsonKind(json));
        return Value::Num(json.AsNumber());
      case Type::Kind::kString:
        if (!json.type().IsString()) return Fail("a string is required, not " + JsonKind(json));
        return json;
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        if (!json.type().IsTuple()) return Fail("an array is required, not " + JsonKind(json));
        const std::vector<Value>& elems = json.Elements();
        if (type.IsTuple() && elems.size() != type.TupleElements().size()) {
          return Fail("an array of " + std::to_string(type.TupleElements().size()) +
                      " elements is required, not of " + std::to_string(elems.size()));
        }
        std::vector<Value> out;
        out.reserve(elems.size());
        size_t mark = where.size();
        for (size_t i = 0; i < elems.size(); ++i) {
          const Type& et = type.IsTuple() ? type.TupleElements()[i] : type.ElementType();
          where += "[" + std::to_string(i) + "]";
          out.push_back(Decode(elems[i], et, node ? node->Index(static_cast<int64_t>(i)) : nullptr));
          where.resize(mark);
          if (!error.empty()) return Value();
        }
        if (type.IsList()) return Value::List(type.ElementType(), std::move(out));
        if (type.IsSet()) return Value::Set(type.ElementType(), std::move(out));
        return Value::Tuple(std::move(out));
      }
      case Type::Kind::kMap: {
        if (!json.type().IsObject()) return Fail("an object is required, not " + JsonKind(json));
        std::vector<std::pair<std::string, Value>> out;
        out.reserve(json.Length());
        const std::vector<std::string>& keys = json.Keys();
        size_t mark = where.size();
        for (size_t i = 0; i < keys.size(); ++i) {
          where += "[\"" + keys[i] + "\"]";
          out.emplace_back(keys[i], Decode(json.Elements()[i], type.ElementType(),
                                           node ? node->Key(keys[i]) : nullptr));
          where.resize(mark);
          if (!error.empty()) return Value();
        }
        return Value::Map(type.ElementType(), std::move(out));
      }
      case Type::Kind::kObject: {
        if (!json.type().IsObject()) return Fail("an object is required, not " + JsonKind(json));
        for (const std::string& key : json.Keys()) {
          if (!type.HasAttribute(key)) return Fail("unsupported attribute \"" + key + "\"");
        }
        std::vector<std::pair<std::string, Value>> out;
        out.reserve(type.Attributes().size());
        size_t mark = where.size();
        for (const auto& [name, at] : type.Attributes()) {
          const Value* a = json.Find(name);
          where += "." + name;
          out.emplace_back(name, Decode(a ? *a : Value(), at, node ? node->Key(name) : nullptr));
          where.resize(mark);
          if (!error.empty()) return Value();
        }
        return Value::Object(std::move(out));
      }
    }
    return Value();
  }
};

}  // namespace

const Value* JsonField(const Value& object, std::string_view key) {
  if (!object.IsKnown() || object.IsNull() || !object.type().IsObject()) return nullptr;
  return object.Find(key);
}

std::string JsonKind(const Value& json) {
  if (!json.IsKnown()) return "an unknown value";
  if (json.IsNull()) return "null";
  switch (json.type().kind()) {
    case Type::Kind::kBool:
      return "a bool";
    case Type::Kind::kNumber:
      return "a number";
    case Type::Kind::kString:
      return "a string";
    case Type::Kind::kObject:
    case Type::Kind::kMap:
      return "an object";
    default:
      return "an array";
  }
}

Value EncodeWireValue(const Value& v, const Type& type) {
  Encoder e;
  Value value = e.Encode(v, type);
  std::vector<std::pair<std::string, Value>> out;
  out.emplace_back("value", std::move(value));
  if (!e.unknown.empty()) out.emplace_back("unknown", Value::Tuple(std::move(e.unknown)));
  if (!e.not_null.empty()) out.emplace_back("not_null", Value::Tuple(std::move(e.not_null)));
  if (!e.sensitive.empty()) out.emplace_back("sensitive", Value::Tuple(std::move(e.sensitive)));
  return Value::Object(std::move(out));
}

WireDecodeResult DecodeWireValue(const Value& json, const Type& type, std::string_view name) {
  WireDecodeResult r;
  if (!json.IsKnown() || json.IsNull() || !json.type().IsObject()) {
    r.error = std::string(name) + ": a wire value {\"value\": ...} is required, not " +
              JsonKind(json);
    return r;
  }
  for (const std::string& key : json.Keys()) {
    if (key != "value" && key != "unknown" && key != "not_null" && key != "sensitive") {
      r.error = std::string(name) + ": unsupported field \"" + key + "\" of a wire value";
      return r;
    }
  }
  PathTrie trie;
  std::string error;
  if (!AddPaths(JsonField(json, "unknown"), &PathTrie::unknown, "unknown", trie, error) ||
      !AddPaths(JsonField(json, "not_null"), &PathTrie::not_null, "not_null", trie, error) ||
      !AddPaths(JsonField(json, "sensitive"), &PathTrie::sensitive, "sensitive", trie, error)) {
    r.error = std::string(name) + ": " + error;
    return r;
  }
  const Value* value = JsonField(json, "value");
  Decoder d;
  d.where = std::string(name);
  r.value = d.Decode(value ? *value : Value(), type, &trie);
  r.error = std::move(d.error);
  if (!r.ok()) r.value = Value();
  return r;
}

Value EncodeWirePath(const ValuePath& path) {
  std::vector<Value> steps;
  steps.reserve(path.size());
  for (const PathStep& s : path) {
    if (s.kind == PathStep::Kind::kAttr) {
      steps.push_back(Value::String(s.name));
    } else {
      steps.push_back(s.key);
    }
  }
  return Value::Tuple(std::move(steps));
}

std::optional<ValuePath> DecodeWirePath(const Value& json, const Type& type, std::string* error) {
  if (!json.IsKnown() || json.IsNull() || !json.type().IsTuple()) {
    *error = "a path must be an array of steps, not " + JsonKind(json);
    return std::nullopt;
  }
  ValuePath out;
  Type at = type;
  for (const Value& step : json.Elements()) {
    if (IsJsonString(step) && at.IsObject()) {
      int i = at.AttributeIndex(step.AsString());
      if (i < 0) {
        *error = "the path step \"" + step.AsString() + "\" names no attribute";
        return std::nullopt;
      }
      out.push_back(PathStep::Attr(step.AsString()));
      at = at.Attributes()[static_cast<size_t>(i)].second;
    } else if (IsJsonString(step) && at.IsMap()) {
      out.push_back(PathStep::Index(step));
      at = at.ElementType();
    } else if (std::optional<int64_t> i = IntegerOf(step); i && (at.IsList() || at.IsTuple())) {
      out.push_back(PathStep::Index(Value::Int(*i)));
      if (at.IsList()) {
        at = at.ElementType();
      } else if (static_cast<size_t>(*i) < at.TupleElements().size()) {
        at = at.TupleElements()[static_cast<size_t>(*i)];
      } else {
        *error = "the path step " + std::to_string(*i) + " is past the tuple's end";
        return std::nullopt;
      }
    } else if (at.IsDynamic()) {
      // Below a dynamic value the type is unknown: keep the step as written.
      out.push_back(IsJsonString(step) ? PathStep::Attr(step.AsString()) : PathStep::Index(step));
    } else {
      *error = "the path step " + (IsJsonString(step) ? "\"" + step.AsString() + "\"" : JsonKind(step)) +
               " does not fit a value of type " + at.FriendlyName();
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace cairn::providers::plugin
