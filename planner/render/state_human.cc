/// `show` of a state for people (Terraform's jsonformat State.renderHuman*).

#include "planner/render/state_human.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lang/base/convert.h"
#include "lang/base/value_json.h"
#include "planner/render/value_diff.h"

namespace cairn::planner {
namespace {

/// `v` with a sensitive mark at `path[i..]` (an unknown step leaves `v` unchanged).
Value MarkAt(const Value& v, const nlohmann::json& path, size_t i) {
  if (i >= path.size()) return v.WithMarks(Marks::Sensitive());
  if (!v.IsKnown() || v.IsNull()) return v;
  const nlohmann::json& step = path[i];
  if (!step.is_object() || !step.contains("type") || !step.contains("value")) return v;
  const Type& t = v.type();
  if (t.IsSet()) return v.WithMarks(Marks::Sensitive());  // cty sets hold no marked elements
  std::string key;
  int64_t index = -1;
  if (step["type"] == "get_attr" && step["value"].is_string()) {
    key = step["value"].get<std::string>();
  } else if (step["type"] == "index" && step["value"].is_object()) {
    const nlohmann::json& k = step["value"].value("value", nlohmann::json());
    if (k.is_string()) key = k.get<std::string>();
    if (k.is_number_integer()) index = k.get<int64_t>();
  }
  if (t.IsObject() || t.IsMap()) {
    std::vector<std::pair<std::string, Value>> members;
    members.reserve(v.Length());
    for (size_t j = 0; j < v.Length(); ++j) {
      members.emplace_back(v.Keys()[j],
                           v.Keys()[j] == key ? MarkAt(v[j], path, i + 1) : v[j]);
    }
    Value out = t.IsObject() ? Value::Object(std::move(members))
                             : Value::Map(t.ElementType(), std::move(members));
    return v.IsMarked() ? out.WithMarks(v.marks()) : out;
  }
  if (t.IsList() || t.IsTuple()) {
    std::vector<Value> elements = v.Elements();
    if (index < 0 || static_cast<size_t>(index) >= elements.size()) return v;
    elements[static_cast<size_t>(index)] = MarkAt(elements[static_cast<size_t>(index)], path, i + 1);
    Value out = t.IsList() ? Value::List(t.ElementType(), std::move(elements))
                           : Value::Tuple(std::move(elements));
    return v.IsMarked() ? out.WithMarks(v.marks()) : out;
  }
  return v;
}

}  // namespace

Value DecodeStateAttributes(const state::ObjectState& object, const providers::Schema* schema) {
  JsonDecodeResult decoded = DecodeJson(object.attributes_json);
  if (!decoded.ok() || !decoded.value.type().IsObject()) return Value::Object({});
  const Value& raw = decoded.value;
  if (!schema) return raw;
  std::vector<std::pair<std::string, Value>> attrs;
  for (const providers::Attribute& a : schema->block.attributes) {
    const Value* v = raw.Find(a.name);
    Value value = v ? *v : Value::Null(a.type);
    if (a.type.IsDynamic()) {
      // Terraform writes a dynamic attribute as {"value": ..., "type": ...}; anything else
      // (a hand-written state) is taken as it is.
      const bool wrapped = v && v->IsKnown() && !v->IsNull() && v->type().IsObject() &&
                           v->Find("value") && v->Find("type");
      value = wrapped ? *v->Find("value") : v ? *v : Value();
    } else if (v) {
      ConvertResult converted = Convert(*v, a.type);
      if (converted.ok()) value = converted.value;
    }
    if (a.sensitive) value = value.WithMarks(Marks::Sensitive());
    attrs.emplace_back(a.name, std::move(value));
  }
  for (const providers::NestedBlock& b : schema->block.blocks) {
    const Value* v = raw.Find(b.type_name);
    Value value = v ? *v : Value();
    if (v) {
      providers::Block only_b;
      only_b.blocks.push_back(b);
      ConvertResult converted = Convert(*v, only_b.ImpliedType().Attributes().front().second);
      if (converted.ok()) value = converted.value;
    }
    attrs.emplace_back(b.type_name, std::move(value));
  }
  return Value::Object(std::move(attrs));
}

namespace {

Value DecodeAttributes(const state::ObjectState& object, const providers::Schema* schema) {
  return DecodeStateAttributes(object, schema);
}

Value ApplySensitivePaths(Value v, const std::string& paths_json) {
  nlohmann::json paths = nlohmann::json::parse(paths_json, nullptr, false);
  if (!paths.is_array()) return v;
  for (const nlohmann::json& path : paths) {
    if (path.is_array()) v = MarkAt(v, path, 0);
  }
  return v;
}

struct Entry {
  std::string address;
  const state::ResourceState* resource;
  const state::InstanceState* instance;
  const state::ObjectState* object;
  std::string deposed_key;
};

}  // namespace

std::string RenderStateHuman(const state::State& state, const Schemas& schemas,
                             const HumanStateOptions& o) {
  if (state.resources.empty() && state.outputs.empty()) {
    return "The state file is empty. No resources are represented.\n";
  }
  diff::RenderOptions opts;
  opts.color = o.color;
  opts.show_unchanged_children = true;
  opts.hide_diff_action_symbols = true;

  // Resources grouped by module (root first, then child modules depth first), each module's
  // objects sorted by address text as Terraform's JSON state sorts them.
  std::vector<std::vector<Entry>> modules;
  const addrs::ModuleInstance* current_module = nullptr;
  for (const state::ResourceState& r : state.resources) {
    if (!current_module || *current_module != r.addr.module) {
      modules.emplace_back();
      current_module = &r.addr.module;
    }
    for (const state::InstanceState& inst : r.instances) {
      addrs::AbsResourceInstance addr{r.addr.module, r.addr.resource, inst.key};
      std::string text = addr.ToString();
      if (inst.current) modules.back().push_back({text, &r, &inst, &*inst.current, ""});
      for (const auto& [key, object] : inst.deposed) {
        modules.back().push_back({text, &r, &inst, &object, key});
      }
    }
  }
  std::string out;
  bool first = true;
  for (std::vector<Entry>& entries : modules) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.address < b.address; });
    if (!entries.empty() && !first) out += "\n";
    for (const Entry& e : entries) {
      if (!first) out += "\n";
      first = false;
      if (!e.deposed_key.empty()) {
        out += "# " + e.address + ": (deposed object " + e.deposed_key + ")";
      } else if (e.object->status == state::ObjectState::Status::kTainted) {
        out += "# " + e.address + ": (tainted)";
      } else {
        out += "# " + e.address + ":";
      }
      out += "\n";
      const addrs::Resource& res = e.resource->addr.resource;
      const providers::Schema* schema =
          FindResourceSchema(schemas, e.resource->provider, res.mode, res.type);
      Value attrs = ApplySensitivePaths(DecodeAttributes(*e.object, schema),
                                        e.object->sensitive_attributes_json);
      diff::Change change;
      change.before = attrs;
      change.after = attrs;
      providers::Block fallback;
      if (!schema) {
        for (const auto& [name, type] : attrs.type().Attributes()) {
          providers::Attribute a;
          a.name = name;
          a.type = Type::Dynamic();
          fallback.attributes.push_back(std::move(a));
        }
      }
      diff::Diff d = diff::ComputeDiffForBlock(change, schema ? schema->block : fallback);
      out += std::string(res.mode == addrs::ResourceMode::kData ? "data" : "resource") + " \"" +
             res.type + "\" \"" + res.name + "\" " + diff::RenderHuman(d, 0, opts) + "\n";
    }
  }
  if (!state.outputs.empty()) {
    out += "\n\nOutputs:\n\n";
    for (const auto& [name, output] : state.outputs) {
      diff::Change change;
      change.before = output.sensitive ? output.value.WithMarks(Marks::Sensitive()) : output.value;
      change.after = change.before;
      out += name + " = " +
             diff::RenderHuman(diff::ComputeDiffForType(change, output.value.type()), 0, opts) +
             "\n";
    }
  }
  return out;
}

}  // namespace cairn::planner
