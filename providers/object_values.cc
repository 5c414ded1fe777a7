#include "providers/object_values.h"

#include <algorithm>

namespace cairn::providers {

const Value& GetAttr(const Value& object, std::string_view name) {
  static const Value kNull;
  if (!object.IsKnown() || object.IsNull() || !object.type().IsObject()) return kNull;
  const Value* v = object.Find(name);
  return v ? *v : kNull;
}

std::vector<std::pair<std::string, Value>> AttributesOf(const Value& object) {
  std::vector<std::pair<std::string, Value>> out;
  if (!object.IsKnown() || object.IsNull() || !object.type().IsObject()) return out;
  const std::vector<std::string>& keys = object.Keys();
  const std::vector<Value>& values = object.Elements();
  out.reserve(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) out.emplace_back(keys[i], values[i]);
  return out;
}

void SetAttr(std::vector<std::pair<std::string, Value>>& attributes, std::string_view name,
             Value value) {
  auto it = std::lower_bound(attributes.begin(), attributes.end(), name,
                             [](const auto& a, std::string_view n) { return a.first < n; });
  if (it != attributes.end() && it->first == name) {
    it->second = std::move(value);
  } else {
    attributes.emplace(it, std::string(name), std::move(value));
  }
}

}  // namespace cairn::providers
