#include "providers/schema_json.h"

#include "lang/base/go_json.h"
#include "lang/base/value_json.h"

namespace cairn::providers {
namespace {

using Json = nlohmann::ordered_json;

Json TypeJson(const Type& type) { return Json::parse(EncodeTypeJson(type)); }

const char* StringKindName(StringKind kind) {
  return kind == StringKind::kMarkdown ? "markdown" : "plain";
}

const char* NestingName(NestingMode mode) {
  switch (mode) {
    case NestingMode::kSingle:
      return "single";
    case NestingMode::kGroup:
      return "group";
    case NestingMode::kList:
      return "list";
    case NestingMode::kSet:
      return "set";
    case NestingMode::kMap:
      return "map";
  }
  return "invalid";
}

Json AttributeJson(const Attribute& a) {
  Json j = Json::object();
  j["type"] = TypeJson(a.type);
  if (!a.description.empty()) j["description"] = a.description;
  j["description_kind"] = StringKindName(a.description_kind);
  if (a.required) j["required"] = true;
  if (a.optional) j["optional"] = true;
  if (a.computed) j["computed"] = true;
  if (a.sensitive) j["sensitive"] = true;
  return j;
}

Json BlockJson(const Block& b) {
  Json j = Json::object();
  if (!b.attributes.empty()) {
    Json attrs = Json::object();
    for (const Attribute& a : b.attributes) attrs[a.name] = AttributeJson(a);
    j["attributes"] = std::move(attrs);
  }
  if (!b.blocks.empty()) {
    Json types = Json::object();
    for (const NestedBlock& nb : b.blocks) {
      Json t = Json::object();
      t["nesting_mode"] = NestingName(nb.nesting);
      t["block"] = BlockJson(nb.block);
      if (nb.min_items > 0) t["min_items"] = nb.min_items;
      if (nb.max_items > 0) t["max_items"] = nb.max_items;
      types[nb.type_name] = std::move(t);
    }
    j["block_types"] = std::move(types);
  }
  if (!b.description.empty()) j["description"] = b.description;
  j["description_kind"] = StringKindName(b.description_kind);
  return j;
}

bool IsEmptyBlock(const Block& b) {
  return b.attributes.empty() && b.blocks.empty() && b.description.empty();
}

Json SchemaJson(const Schema& s) {
  Json j = Json::object();
  j["version"] = s.version;
  j["block"] = BlockJson(s.block);
  return j;
}

Json ParameterJson(const FunctionParameter& p) {
  Json j = Json::object();
  if (!p.name.empty()) j["name"] = p.name;
  if (!p.description.empty()) j["description"] = p.description;
  if (p.allow_null_value) j["is_nullable"] = true;
  j["type"] = TypeJson(p.type);
  return j;
}

Json FunctionJson(const FunctionDecl& f) {
  Json j = Json::object();
  if (!f.description.empty()) j["description"] = f.description;
  if (!f.summary.empty()) j["summary"] = f.summary;
  if (!f.deprecation_message.empty()) j["deprecation_message"] = f.deprecation_message;
  j["return_type"] = TypeJson(f.return_type);
  if (!f.parameters.empty()) {
    Json params = Json::array();
    for (const FunctionParameter& p : f.parameters) params.push_back(ParameterJson(p));
    j["parameters"] = std::move(params);
  }
  if (f.variadic_parameter) j["variadic_parameter"] = ParameterJson(*f.variadic_parameter);
  return j;
}

template <typename Map, typename Fn>
void PutMap(Json& out, const char* key, const Map& map, Fn to_json) {
  if (map.empty()) return;
  Json j = Json::object();
  for (const auto& [name, item] : map) j[name] = to_json(item);
  out[key] = std::move(j);
}

}  // namespace

nlohmann::ordered_json ProviderSchemaJson(const ProviderSchema& schema) {
  Json j = Json::object();
  // A provider without a configuration schema is written as Terraform writes a nil one.
  if (IsEmptyBlock(schema.provider.block)) {
    j["provider"] = Json{{"version", 0}};
  } else {
    j["provider"] = SchemaJson(schema.provider);
  }
  PutMap(j, "resource_schemas", schema.resource_types, SchemaJson);
  PutMap(j, "data_source_schemas", schema.data_sources, SchemaJson);
  PutMap(j, "functions", schema.functions, FunctionJson);
  return j;
}

std::string ProviderSchemasDocument(
    const std::map<std::string, const ProviderSchema*, std::less<>>& schemas) {
  Json doc = Json::object();
  doc["format_version"] = "1.0";
  if (!schemas.empty()) {
    Json providers = Json::object();
    for (const auto& [source, schema] : schemas) providers[source] = ProviderSchemaJson(*schema);
    doc["provider_schemas"] = std::move(providers);
  }
  return GoJsonMarshal(doc);
}

}  // namespace cairn::providers
