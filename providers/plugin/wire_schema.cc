#include "providers/plugin/wire_schema.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "lang/base/value_json.h"
#include "providers/schema_json.h"

namespace cairn::providers::plugin {
namespace {

using OJson = nlohmann::ordered_json;
using Json = nlohmann::json;

void AddExtensions(const Block& block, OJson& j) {
  for (const Attribute& a : block.attributes) {
    if (a.requires_replace) j["attributes"][a.name]["requires_replace"] = true;
  }
  for (const NestedBlock& nb : block.blocks) {
    AddExtensions(nb.block, j["block_types"][nb.type_name]["block"]);
  }
}

struct SchemaReader {
  std::string error;
  std::string where;

  bool Fail(const std::string& message) {
    if (error.empty()) error = (where.empty() ? "" : where + ": ") + message;
    return false;
  }

  /// Runs `fn` with `where` extended by `.step`.
  template <typename Fn>
  bool At(std::string_view step, Fn fn) {
    size_t mark = where.size();
    if (!where.empty()) where += ".";
    where += step;
    bool ok = fn();
    where.resize(mark);
    return ok;
  }

  bool ReadString(const Json& j, const char* key, std::string& out) {
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) return At(key, [&] { return Fail("a string is required"); });
    out = j[key].get<std::string>();
    return true;
  }

  bool ReadBool(const Json& j, const char* key, bool& out) {
    if (!j.contains(key)) return true;
    if (!j[key].is_boolean()) return At(key, [&] { return Fail("a bool is required"); });
    out = j[key].get<bool>();
    return true;
  }

  bool ReadInt(const Json& j, const char* key, int64_t& out) {
    if (!j.contains(key)) return true;
    if (!j[key].is_number_integer()) {
      return At(key, [&] { return Fail("an integer is required"); });
    }
    out = j[key].get<int64_t>();
    return true;
  }

  bool ReadKind(const Json& j, StringKind& out) {
    std::string kind = "plain";
    if (!ReadString(j, "description_kind", kind)) return false;
    if (kind == "markdown") {
      out = StringKind::kMarkdown;
    } else if (kind == "plain") {
      out = StringKind::kPlain;
    } else {
      return At("description_kind",
                [&] { return Fail("\"plain\" or \"markdown\" is required, not \"" + kind + "\""); });
    }
    return true;
  }

  bool ReadType(const Json& j, const char* key, Type& out) {
    if (!j.contains(key)) return At(key, [&] { return Fail("a type is required"); });
    std::optional<Type> t = DecodeTypeJson(j[key].dump());
    if (!t) return At(key, [&] { return Fail("invalid type " + j[key].dump()); });
    out = *t;
    return true;
  }

  bool ReadAttribute(const std::string& name, const Json& j, Attribute& a) {
    if (!j.is_object()) return Fail("an object is required");
    a.name = name;
    if (!ReadType(j, "type", a.type) || !ReadString(j, "description", a.description) ||
        !ReadKind(j, a.description_kind) || !ReadBool(j, "required", a.required) ||
        !ReadBool(j, "optional", a.optional) || !ReadBool(j, "computed", a.computed) ||
        !ReadBool(j, "sensitive", a.sensitive) ||
        !ReadBool(j, "requires_replace", a.requires_replace)) {
      return false;
    }
    if (a.required == (a.optional || a.computed)) {
      return Fail("exactly one of required, optional or computed must be true");
    }
    if (a.required && (a.optional || a.computed)) {
      return Fail("a required attribute cannot be optional or computed");
    }
    return true;
  }

  bool ReadBlock(const Json& j, Block& b) {
    if (!j.is_object()) return Fail("an object is required");
    if (!ReadString(j, "description", b.description) || !ReadKind(j, b.description_kind)) {
      return false;
    }
    if (j.contains("attributes")) {
      const Json& attrs = j["attributes"];
      if (!attrs.is_object()) return At("attributes", [&] { return Fail("an object is required"); });
      for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        Attribute a;
        if (!At("attributes." + it.key(), [&] { return ReadAttribute(it.key(), it.value(), a); })) {
          return false;
        }
        b.attributes.push_back(std::move(a));
      }
    }
    if (j.contains("block_types")) {
      const Json& types = j["block_types"];
      if (!types.is_object()) return At("block_types", [&] { return Fail("an object is required"); });
      for (auto it = types.begin(); it != types.end(); ++it) {
        NestedBlock nb;
        nb.type_name = it.key();
        if (!At("block_types." + it.key(), [&] { return ReadNested(it.value(), nb); })) {
          return false;
        }
        b.blocks.push_back(std::move(nb));
      }
    }
    auto by_name = [](const auto& x, const auto& y) { return x.name < y.name; };
    std::sort(b.attributes.begin(), b.attributes.end(), by_name);
    std::sort(b.blocks.begin(), b.blocks.end(),
              [](const NestedBlock& x, const NestedBlock& y) { return x.type_name < y.type_name; });
    return true;
  }

  bool ReadNested(const Json& j, NestedBlock& nb) {
    if (!j.is_object()) return Fail("an object is required");
    std::string mode;
    if (!ReadString(j, "nesting_mode", mode)) return false;
    if (mode == "single") {
      nb.nesting = NestingMode::kSingle;
    } else if (mode == "group") {
      nb.nesting = NestingMode::kGroup;
    } else if (mode == "list") {
      nb.nesting = NestingMode::kList;
    } else if (mode == "set") {
      nb.nesting = NestingMode::kSet;
    } else if (mode == "map") {
      nb.nesting = NestingMode::kMap;
    } else {
      return At("nesting_mode", [&] {
        return Fail("one of single, group, list, set or map is required, not \"" + mode + "\"");
      });
    }
    if (!ReadInt(j, "min_items", nb.min_items) || !ReadInt(j, "max_items", nb.max_items)) {
      return false;
    }
    if (!j.contains("block")) return Fail("a block is required");
    return At("block", [&] { return ReadBlock(j["block"], nb.block); });
  }

  bool ReadSchema(const Json& j, Schema& s) {
    if (!j.is_object()) return Fail("an object is required");
    if (!ReadInt(j, "version", s.version)) return false;
    if (!j.contains("block")) return true;  // "no configuration schema"
    return At("block", [&] { return ReadBlock(j["block"], s.block); });
  }

  bool ReadParameter(const Json& j, FunctionParameter& p) {
    if (!j.is_object()) return Fail("an object is required");
    return ReadString(j, "name", p.name) && ReadString(j, "description", p.description) &&
           ReadBool(j, "is_nullable", p.allow_null_value) &&
           ReadBool(j, "allow_unknown_values", p.allow_unknown_values) &&
           ReadType(j, "type", p.type);
  }

  bool ReadFunction(const Json& j, FunctionDecl& f) {
    if (!j.is_object()) return Fail("an object is required");
    if (!ReadString(j, "summary", f.summary) || !ReadString(j, "description", f.description) ||
        !ReadKind(j, f.description_kind) ||
        !ReadString(j, "deprecation_message", f.deprecation_message) ||
        !ReadType(j, "return_type", f.return_type)) {
      return false;
    }
    if (j.contains("parameters")) {
      if (!j["parameters"].is_array()) {
        return At("parameters", [&] { return Fail("an array is required"); });
      }
      for (size_t i = 0; i < j["parameters"].size(); ++i) {
        FunctionParameter p;
        if (!At("parameters." + std::to_string(i),
                [&] { return ReadParameter(j["parameters"][i], p); })) {
          return false;
        }
        f.parameters.push_back(std::move(p));
      }
    }
    if (j.contains("variadic_parameter")) {
      FunctionParameter p;
      if (!At("variadic_parameter", [&] { return ReadParameter(j["variadic_parameter"], p); })) {
        return false;
      }
      f.variadic_parameter = std::move(p);
    }
    return true;
  }

  template <typename Map, typename Fn>
  bool ReadMap(const Json& j, const char* key, Map& out, Fn read) {
    if (!j.contains(key)) return true;
    if (!j[key].is_object()) return At(key, [&] { return Fail("an object is required"); });
    for (auto it = j[key].begin(); it != j[key].end(); ++it) {
      typename Map::mapped_type item;
      if (!At(std::string(key) + "." + it.key(), [&] { return read(it.value(), item); })) {
        return false;
      }
      out.emplace(it.key(), std::move(item));
    }
    return true;
  }
};

}  // namespace

std::string EncodeWireSchema(const ProviderSchema& schema) {
  OJson j = ProviderSchemaJson(schema);
  if (j["provider"].contains("block")) AddExtensions(schema.provider.block, j["provider"]["block"]);
  for (const auto& [name, s] : schema.resource_types) {
    AddExtensions(s.block, j["resource_schemas"][name]["block"]);
  }
  for (const auto& [name, s] : schema.data_sources) {
    AddExtensions(s.block, j["data_source_schemas"][name]["block"]);
  }
  for (const auto& [name, f] : schema.functions) {
    for (size_t i = 0; i < f.parameters.size(); ++i) {
      if (f.parameters[i].allow_unknown_values) {
        j["functions"][name]["parameters"][i]["allow_unknown_values"] = true;
      }
    }
    if (f.variadic_parameter && f.variadic_parameter->allow_unknown_values) {
      j["functions"][name]["variadic_parameter"]["allow_unknown_values"] = true;
    }
  }
  return j.dump();
}

WireSchemaResult DecodeWireSchema(std::string_view text) {
  WireSchemaResult r;
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    r.error = "the schema must be a JSON object";
    return r;
  }
  SchemaReader reader;
  bool ok = true;
  if (j.contains("provider")) {
    ok = reader.At("provider", [&] { return reader.ReadSchema(j["provider"], r.schema.provider); });
  }
  ok = ok &&
       reader.ReadMap(j, "resource_schemas", r.schema.resource_types,
                      [&](const Json& x, Schema& s) { return reader.ReadSchema(x, s); }) &&
       reader.ReadMap(j, "data_source_schemas", r.schema.data_sources,
                      [&](const Json& x, Schema& s) { return reader.ReadSchema(x, s); }) &&
       reader.ReadMap(j, "functions", r.schema.functions,
                      [&](const Json& x, FunctionDecl& f) { return reader.ReadFunction(x, f); });
  if (!ok) {
    r.error = reader.error;
    r.schema = ProviderSchema();
  }
  return r;
}

}  // namespace cairn::providers::plugin
