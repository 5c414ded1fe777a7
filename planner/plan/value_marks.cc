#include "planner/plan/value_marks.h"

#include "lang/base/value_json.h"

namespace cairn::planner {
namespace {

void Collect(const Value& v, ValuePath& path, std::vector<ValuePath>& out) {
  if (v.IsSensitive()) {
    out.push_back(path);
    return;
  }
  if (!v.IsKnown() || v.IsNull()) return;
  const Type& t = v.type();
  if (t.IsObject() || t.IsMap()) {
    const auto& keys = v.Keys();
    for (size_t i = 0; i < keys.size(); ++i) {
      path.push_back(t.IsObject() ? PathStep::Attr(keys[i]) : PathStep::Index(Value::String(keys[i])));
      Collect(v.Elements()[i], path, out);
      path.pop_back();
    }
  } else if (t.IsList() || t.IsTuple()) {
    for (size_t i = 0; i < v.Length(); ++i) {
      path.push_back(PathStep::Index(Value::Int(static_cast<int64_t>(i))));
      Collect(v.Elements()[i], path, out);
      path.pop_back();
    }
  }
}

Value MarkAt(const Value& v, const ValuePath& path, size_t depth) {
  if (depth == path.size() || !v.IsKnown() || v.IsNull()) {
    return v.WithMarks(Marks::Sensitive());
  }
  const PathStep& step = path[depth];
  const Type& t = v.type();
  if (t.IsObject() && step.kind == PathStep::Kind::kAttr) {
    int index = t.AttributeIndex(step.name);
    if (index < 0) return v;
    std::vector<std::pair<std::string, Value>> attrs;
    for (size_t i = 0; i < v.Length(); ++i) {
      const std::string& name = t.Attributes()[i].first;
      attrs.emplace_back(name, static_cast<int>(i) == index
                                   ? MarkAt(v.Elements()[i], path, depth + 1)
                                   : v.Elements()[i]);
    }
    return Value::Object(std::move(attrs)).WithMarks(v.marks());
  }
  if (step.kind != PathStep::Kind::kIndex) return v;
  if (t.IsMap() && step.key.type() == Type::String()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (size_t i = 0; i < v.Length(); ++i) {
      const std::string& k = v.Keys()[i];
      entries.emplace_back(k, k == step.key.AsString() ? MarkAt(v.Elements()[i], path, depth + 1)
                                                       : v.Elements()[i]);
    }
    return Value::Map(t.ElementType(), std::move(entries)).WithMarks(v.marks());
  }
  if ((t.IsList() || t.IsTuple()) && step.key.type() == Type::Number()) {
    auto i = step.key.AsNumber().ToInt64();
    if (!i || *i < 0 || static_cast<size_t>(*i) >= v.Length()) return v;
    std::vector<Value> items = v.Elements();
    items[*i] = MarkAt(items[*i], path, depth + 1);
    if (t.IsList()) return Value::List(t.ElementType(), std::move(items)).WithMarks(v.marks());
    return Value::Tuple(std::move(items)).WithMarks(v.marks());
  }
  if (t.IsSet()) return v.WithMarks(Marks::Sensitive());
  return v;
}

}  // namespace

std::vector<ValuePath> SensitivePaths(const Value& v) {
  std::vector<ValuePath> out;
  if (!v.ContainsMarked()) return out;
  ValuePath path;
  Collect(v, path, out);
  return out;
}

Value MarkSensitivePaths(const Value& v, const std::vector<ValuePath>& paths) {
  Value out = v;
  for (const ValuePath& p : paths) out = MarkAt(out, p, 0);
  return out;
}

Value MarkSchemaSensitive(const Value& v, const providers::Block& schema) {
  if (!v.IsKnown() || v.IsNull()) return v;
  std::vector<ValuePath> paths;
  for (const providers::Attribute& a : schema.attributes) {
    if (a.sensitive) paths.push_back({PathStep::Attr(a.name)});
  }
  Value out = MarkSensitivePaths(v, paths);
  for (const providers::NestedBlock& b : schema.blocks) {
    const Value* nested = out.Find(b.type_name);
    if (!nested || !nested->IsKnown() || nested->IsNull()) continue;
    // Marking inside nested blocks: rebuild the attribute.
    Value marked;
    if (b.nesting == providers::NestingMode::kSingle ||
        b.nesting == providers::NestingMode::kGroup) {
      marked = MarkSchemaSensitive(*nested, b.block);
    } else {
      std::vector<Value> items;
      for (const Value& e : nested->Elements()) items.push_back(MarkSchemaSensitive(e, b.block));
      const Type& nt = nested->type();
      if (nt.IsList()) {
        marked = Value::List(nt.ElementType(), std::move(items));
      } else if (nt.IsSet()) {
        marked = Value::Set(nt.ElementType(), std::move(items));
      } else if (nt.IsMap()) {
        std::vector<std::pair<std::string, Value>> entries;
        for (size_t i = 0; i < items.size(); ++i) entries.emplace_back(nested->Keys()[i], items[i]);
        marked = Value::Map(nt.ElementType(), std::move(entries));
      } else {
        continue;
      }
    }
    std::vector<std::pair<std::string, Value>> attrs;
    const Type& t = out.type();
    for (size_t i = 0; i < out.Length(); ++i) {
      const std::string& name = t.Attributes()[i].first;
      attrs.emplace_back(name, name == b.type_name ? marked : out.Elements()[i]);
    }
    out = Value::Object(std::move(attrs)).WithMarks(out.marks());
  }
  return out;
}

const Value* ValueAt(const Value& v, const ValuePath& path) {
  const Value* cur = &v;
  for (const PathStep& step : path) {
    if (!cur->IsKnown() || cur->IsNull()) return nullptr;
    const Type& t = cur->type();
    if (step.kind == PathStep::Kind::kAttr) {
      if (!t.IsObject()) return nullptr;
      cur = cur->Find(step.name);
    } else if (t.IsMap() || t.IsObject()) {
      if (step.key.type() != Type::String()) return nullptr;
      cur = cur->Find(step.key.AsString());
    } else if (t.IsList() || t.IsTuple()) {
      if (step.key.type() != Type::Number()) return nullptr;
      auto i = step.key.AsNumber().ToInt64();
      if (!i || *i < 0 || static_cast<size_t>(*i) >= cur->Length()) return nullptr;
      cur = &cur->Elements()[*i];
    } else {
      return nullptr;
    }
    if (!cur) return nullptr;
  }
  return cur;
}

std::string EncodePathsJson(const std::vector<ValuePath>& paths) {
  std::string out = "[";
  for (size_t p = 0; p < paths.size(); ++p) {
    if (p) out += ',';
    out += '[';
    for (size_t i = 0; i < paths[p].size(); ++i) {
      if (i) out += ',';
      const PathStep& s = paths[p][i];
      if (s.kind == PathStep::Kind::kAttr) {
        out += "{\"type\":\"get_attr\",\"value\":" + EncodeJson(Value::String(s.name)).json + "}";
      } else {
        out += "{\"type\":\"index\",\"value\":{\"value\":" + EncodeJson(s.key).json +
               ",\"type\":" + EncodeTypeJson(s.key.type()) + "}}";
      }
    }
    out += ']';
  }
  out += ']';
  return out;
}

std::vector<ValuePath> DecodePathsJson(std::string_view json) {
  std::vector<ValuePath> out;
  JsonDecodeResult d = DecodeJson(json);
  if (!d.ok() || !d.value.IsKnown() || d.value.IsNull() || !d.value.type().IsTuple()) return out;
  for (const Value& p : d.value.Elements()) {
    if (!p.IsKnown() || p.IsNull() || !p.type().IsTuple()) continue;
    ValuePath path;
    for (const Value& step : p.Elements()) {
      if (!step.type().IsObject()) continue;
      const Value* type = step.Find("type");
      const Value* value = step.Find("value");
      if (!type || !value || type->type() != Type::String()) continue;
      if (type->AsString() == "get_attr" && value->type() == Type::String()) {
        path.push_back(PathStep::Attr(value->AsString()));
      } else if (type->AsString() == "index" && value->type().IsObject()) {
        const Value* key = value->Find("value");
        if (key) path.push_back(PathStep::Index(*key));
      }
    }
    out.push_back(std::move(path));
  }
  return out;
}

}  // namespace cairn::planner
