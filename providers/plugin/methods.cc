#include "providers/plugin/methods.h"

#include <utility>
#include <vector>

#include "providers/plugin/wire_value.h"

namespace cairn::providers::plugin {
namespace {

using Fields = std::vector<std::pair<std::string, Value>>;

Value Str(const std::string& s) { return Value::String(s); }

/// Reads the fields of one JSON object, recording the first problem in `error`.
class Reader {
 public:
  Reader(const Value& object, std::string where, std::string& error)
      : object_(object), where_(std::move(where)), error_(error) {
    if (!object.IsKnown() || object.IsNull() || !object.type().IsObject()) {
      Fail(where_ + " must be an object, not " + JsonKind(object));
    }
  }

  bool ok() const { return error_.empty(); }

  /// A string field; missing or null reads as "" unless `required`.
  std::string String(std::string_view key, bool required = false) {
    const Value* v = Field(key);
    if (!v || v->IsNull()) {
      if (required) Fail(where_ + "." + std::string(key) + " is required");
      return "";
    }
    if (!v->type().IsString()) {
      Fail(where_ + "." + std::string(key) + " must be a string, not " + JsonKind(*v));
      return "";
    }
    return v->AsString();
  }

  int64_t Int(std::string_view key) {
    const Value* v = Field(key);
    if (!v || v->IsNull()) return 0;
    std::optional<int64_t> i;
    if (v->type().IsNumber() && v->AsNumber().IsInteger()) i = v->AsNumber().ToInt64();
    if (!i) Fail(where_ + "." + std::string(key) + " must be an integer, not " + JsonKind(*v));
    return i.value_or(0);
  }

  /// A wire value field of `type` (required).
  Value Wire(std::string_view key, const Type& type) {
    const Value* v = Field(key);
    if (!ok()) return Value();
    if (!v) {
      Fail(where_ + "." + std::string(key) + " is required");
      return Value();
    }
    WireDecodeResult r = DecodeWireValue(*v, type, where_ + "." + std::string(key));
    if (!r.ok()) Fail(r.error);
    return std::move(r.value);
  }

  void Diags(Diagnostics& out) {
    if (!ok()) return;
    std::string error;
    if (!DecodeDiagnostics(Field("diagnostics"), out, error)) {
      Fail(where_ + ".diagnostics" + error);
    }
  }

  const Value* Field(std::string_view key) const { return ok() ? JsonField(object_, key) : nullptr; }
  const std::string& where() const { return where_; }
  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

 private:
  const Value& object_;
  std::string where_;
  std::string& error_;
};

const Schema* Lookup(const std::map<std::string, Schema, std::less<>>& table,
                     std::string_view type_name) {
  auto it = table.find(type_name);
  return it == table.end() ? nullptr : &it->second;
}

/// The implied type of resource type `type_name`, or nothing with `error` set.
std::optional<Type> ResourceType(const ProviderSchema& schema, const std::string& type_name,
                                 std::string& error) {
  if (const Schema* s = ResourceSchemaOf(schema, type_name)) return s->block.ImpliedType();
  if (error.empty()) error = "params.type_name: the provider has no resource type \"" + type_name + "\"";
  return std::nullopt;
}

Value WithDiagnostics(Fields fields, const Diagnostics& diagnostics) {
  if (!diagnostics.empty()) fields.emplace_back("diagnostics", EncodeDiagnostics(diagnostics));
  return Value::Object(std::move(fields));
}

}  // namespace

const Schema* ResourceSchemaOf(const ProviderSchema& schema, std::string_view type_name) {
  return Lookup(schema.resource_types, type_name);
}

const Schema* DataSourceSchemaOf(const ProviderSchema& schema, std::string_view type_name) {
  return Lookup(schema.data_sources, type_name);
}

Value EncodeDiagnostics(const Diagnostics& diagnostics) {
  std::vector<Value> out;
  out.reserve(diagnostics.size());
  for (const Diagnostic& d : diagnostics) {
    out.push_back(Value::Object(
        {{"severity", Str(d.severity == Severity::kError ? "error" : "warning")},
         {"summary", Str(d.summary)},
         {"detail", Str(d.detail)}}));
  }
  return Value::Tuple(std::move(out));
}

bool DecodeDiagnostics(const Value* json, Diagnostics& out, std::string& error) {
  if (!json || json->IsNull()) return true;
  if (!json->type().IsTuple()) {
    error = " must be an array, not " + JsonKind(*json);
    return false;
  }
  for (size_t i = 0; i < json->Length(); ++i) {
    std::string e;
    Reader r((*json)[i], "[" + std::to_string(i) + "]", e);
    std::string severity = r.String("severity", true);
    std::string summary = r.String("summary", true);
    std::string detail = r.String("detail");
    if (r.ok() && severity != "error" && severity != "warning") {
      r.Fail("[" + std::to_string(i) + "].severity must be \"error\" or \"warning\", not \"" +
             severity + "\"");
    }
    if (!r.ok()) {
      error = e;
      return false;
    }
    if (severity == "error") {
      out.Error(std::move(summary), std::move(detail));
    } else {
      out.Warning(std::move(summary), std::move(detail));
    }
  }
  return true;
}

// ---- params -------------------------------------------------------------------------

Value EncodeParams(const ValidateResourceConfigRequest& r, const Type& config_type) {
  return Value::Object(
      {{"type_name", Str(r.type_name)}, {"config", EncodeWireValue(r.config, config_type)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ValidateResourceConfigRequest& r, std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  if (!in.ok()) return false;
  const Schema* s = ResourceSchemaOf(schema, r.type_name);
  if (!s) s = DataSourceSchemaOf(schema, r.type_name);
  if (!s) {
    in.Fail("params.type_name: the provider has no resource type or data source \"" +
            r.type_name + "\"");
    return false;
  }
  r.config = in.Wire("config", s->block.ImpliedType());
  return in.ok();
}

Value EncodeParams(const ConfigureProviderRequest& r, const Type& config_type) {
  return Value::Object({{"config", EncodeWireValue(r.config, config_type)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema, ConfigureProviderRequest& r,
                  std::string& error) {
  Reader in(params, "params", error);
  r.config = in.Wire("config", schema.provider.block.ImpliedType());
  return in.ok();
}

Value EncodeParams(const PlanResourceChangeRequest& r, const Type& type) {
  return Value::Object({{"type_name", Str(r.type_name)},
                        {"prior_state", EncodeWireValue(r.prior_state, type)},
                        {"proposed_new_state", EncodeWireValue(r.proposed_new_state, type)},
                        {"config", EncodeWireValue(r.config, type)},
                        {"prior_private", Str(r.prior_private)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema, PlanResourceChangeRequest& r,
                  std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  if (!in.ok()) return false;
  std::optional<Type> type = ResourceType(schema, r.type_name, error);
  if (!type) return false;
  r.prior_state = in.Wire("prior_state", *type);
  r.proposed_new_state = in.Wire("proposed_new_state", *type);
  r.config = in.Wire("config", *type);
  r.prior_private = in.String("prior_private");
  return in.ok();
}

Value EncodeParams(const ApplyResourceChangeRequest& r, const Type& type) {
  return Value::Object({{"type_name", Str(r.type_name)},
                        {"prior_state", EncodeWireValue(r.prior_state, type)},
                        {"planned_state", EncodeWireValue(r.planned_state, type)},
                        {"config", EncodeWireValue(r.config, type)},
                        {"planned_private", Str(r.planned_private)},
                        {"idempotency_token", Str(r.idempotency_token)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ApplyResourceChangeRequest& r, std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  if (!in.ok()) return false;
  std::optional<Type> type = ResourceType(schema, r.type_name, error);
  if (!type) return false;
  r.prior_state = in.Wire("prior_state", *type);
  r.planned_state = in.Wire("planned_state", *type);
  r.config = in.Wire("config", *type);
  r.planned_private = in.String("planned_private");
  r.idempotency_token = in.String("idempotency_token");
  return in.ok();
}

Value EncodeParams(const ReadResourceRequest& r, const Type& type) {
  return Value::Object({{"type_name", Str(r.type_name)},
                        {"current_state", EncodeWireValue(r.current_state, type)},
                        {"private", Str(r.private_data)},
                        {"idempotency_token", Str(r.idempotency_token)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema, ReadResourceRequest& r,
                  std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  if (!in.ok()) return false;
  std::optional<Type> type = ResourceType(schema, r.type_name, error);
  if (!type) return false;
  r.current_state = in.Wire("current_state", *type);
  r.private_data = in.String("private");
  r.idempotency_token = in.String("idempotency_token");
  return in.ok();
}

Value EncodeParams(const ImportResourceStateRequest& r) {
  return Value::Object({{"type_name", Str(r.type_name)}, {"id", Str(r.id)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  ImportResourceStateRequest& r, std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  r.id = in.String("id", true);
  return in.ok();
}

Value EncodeParams(const ReadDataSourceRequest& r, const Type& type) {
  return Value::Object(
      {{"type_name", Str(r.type_name)}, {"config", EncodeWireValue(r.config, type)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema, ReadDataSourceRequest& r,
                  std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  if (!in.ok()) return false;
  const Schema* s = DataSourceSchemaOf(schema, r.type_name);
  if (!s) {
    in.Fail("params.type_name: the provider has no data source \"" + r.type_name + "\"");
    return false;
  }
  r.config = in.Wire("config", s->block.ImpliedType());
  return in.ok();
}

Value EncodeParams(const UpgradeResourceStateRequest& r) {
  return Value::Object({{"type_name", Str(r.type_name)},
                        {"version", Value::Int(r.version)},
                        {"raw_json", Str(r.raw_json)}});
}

bool DecodeParams(const Value& params, const ProviderSchema& schema,
                  UpgradeResourceStateRequest& r, std::string& error) {
  Reader in(params, "params", error);
  r.type_name = in.String("type_name", true);
  r.version = in.Int("version");
  r.raw_json = in.String("raw_json", true);
  return in.ok();
}

// ---- results ------------------------------------------------------------------------

Value EncodeResult(const Diagnostics& diagnostics) { return WithDiagnostics({}, diagnostics); }

bool DecodeResult(const Value& result, Diagnostics& diagnostics, std::string& error) {
  Reader in(result, "result", error);
  in.Diags(diagnostics);
  return in.ok();
}

Value EncodeResult(const PlanResourceChangeResponse& r, const Type& type) {
  std::vector<Value> replace;
  for (const ValuePath& p : r.requires_replace) replace.push_back(EncodeWirePath(p));
  return WithDiagnostics({{"planned_state", EncodeWireValue(r.planned_state, type)},
                          {"requires_replace", Value::Tuple(std::move(replace))},
                          {"planned_private", Str(r.planned_private)}},
                         r.diagnostics);
}

bool DecodeResult(const Value& result, const Type& type, PlanResourceChangeResponse& r,
                  std::string& error) {
  Reader in(result, "result", error);
  in.Diags(r.diagnostics);
  if (!in.ok()) return false;
  // With errors, the planned state may be left out.
  if (in.Field("planned_state") || !r.diagnostics.HasErrors()) {
    r.planned_state = in.Wire("planned_state", type);
  } else {
    r.planned_state = Value::Null(type);
  }
  r.planned_private = in.String("planned_private");
  if (const Value* replace = in.Field("requires_replace"); replace && !replace->IsNull()) {
    if (!replace->type().IsTuple()) {
      in.Fail("result.requires_replace must be an array of paths, not " + JsonKind(*replace));
      return false;
    }
    for (size_t i = 0; i < replace->Length(); ++i) {
      std::string e;
      std::optional<ValuePath> p = DecodeWirePath((*replace)[i], type, &e);
      if (!p) {
        in.Fail("result.requires_replace[" + std::to_string(i) + "]: " + e);
        return false;
      }
      r.requires_replace.push_back(std::move(*p));
    }
  }
  return in.ok();
}

namespace {

/// The result of a call that answers an object and its private data (apply, read).
template <class Response>
Value EncodeNewState(const Response& r, const Type& type) {
  return WithDiagnostics({{"new_state", EncodeWireValue(r.new_state, type)},
                          {"private", Str(r.private_data)}},
                         r.diagnostics);
}

/// Reads such a result into `r`; `new_state` may be left out only beside an error (it is
/// then a null of `type`).
template <class Response>
void DecodeNewState(Reader& in, const Type& type, Response& r) {
  in.Diags(r.diagnostics);
  if (!in.ok()) return;
  if (in.Field("new_state") || !r.diagnostics.HasErrors()) {
    r.new_state = in.Wire("new_state", type);
  } else {
    r.new_state = Value::Null(type);
  }
  r.private_data = in.String("private");
}

}  // namespace

Value EncodeResult(const ApplyResourceChangeResponse& r, const Type& type) {
  return EncodeNewState(r, type);
}

bool DecodeResult(const Value& result, const Type& type, ApplyResourceChangeResponse& r,
                  std::string& error) {
  Reader in(result, "result", error);
  DecodeNewState(in, type, r);
  if (in.ok() && !r.diagnostics.HasErrors() && !r.new_state.IsWhollyKnown()) {
    in.Fail("result.new_state: an applied object must be wholly known");
  }
  return in.ok();
}

Value EncodeResult(const ReadResourceResponse& r, const Type& type) {
  return EncodeNewState(r, type);
}

bool DecodeResult(const Value& result, const Type& type, ReadResourceResponse& r,
                  std::string& error) {
  Reader in(result, "result", error);
  DecodeNewState(in, type, r);
  return in.ok();
}

Value EncodeResult(const ImportResourceStateResponse& r, const ProviderSchema& schema) {
  std::vector<Value> imported;
  for (const ImportedResource& i : r.imported) {
    const Schema* s = ResourceSchemaOf(schema, i.type_name);
    Type type = s ? s->block.ImpliedType() : i.state.type();
    imported.push_back(Value::Object({{"type_name", Str(i.type_name)},
                                      {"state", EncodeWireValue(i.state, type)},
                                      {"private", Str(i.private_data)}}));
  }
  return WithDiagnostics({{"imported", Value::Tuple(std::move(imported))}}, r.diagnostics);
}

bool DecodeResult(const Value& result, const ProviderSchema& schema,
                  ImportResourceStateResponse& r, std::string& error) {
  Reader in(result, "result", error);
  in.Diags(r.diagnostics);
  if (!in.ok()) return false;
  const Value* imported = in.Field("imported");
  if (!imported || imported->IsNull()) return true;
  if (!imported->type().IsTuple()) {
    in.Fail("result.imported must be an array, not " + JsonKind(*imported));
    return false;
  }
  for (size_t i = 0; i < imported->Length(); ++i) {
    Reader item((*imported)[i], "result.imported[" + std::to_string(i) + "]", error);
    ImportedResource out;
    out.type_name = item.String("type_name", true);
    if (!item.ok()) return false;
    const Schema* s = ResourceSchemaOf(schema, out.type_name);
    if (!s) {
      item.Fail(item.where() + ".type_name: the provider has no resource type \"" +
                out.type_name + "\"");
      return false;
    }
    out.state = item.Wire("state", s->block.ImpliedType());
    out.private_data = item.String("private");
    if (!item.ok()) return false;
    r.imported.push_back(std::move(out));
  }
  return true;
}

Value EncodeResult(const ReadDataSourceResponse& r, const Type& type) {
  return WithDiagnostics({{"state", EncodeWireValue(r.state, type)}}, r.diagnostics);
}

bool DecodeResult(const Value& result, const Type& type, ReadDataSourceResponse& r,
                  std::string& error) {
  Reader in(result, "result", error);
  in.Diags(r.diagnostics);
  if (!in.ok()) return false;
  if (in.Field("state") || !r.diagnostics.HasErrors()) {
    r.state = in.Wire("state", type);
  } else {
    r.state = Value::Null(type);
  }
  return in.ok();
}

Value EncodeResult(const UpgradeResourceStateResponse& r, const Type& type) {
  return WithDiagnostics({{"upgraded_state", EncodeWireValue(r.upgraded_state, type)}},
                         r.diagnostics);
}

bool DecodeResult(const Value& result, const Type& type, UpgradeResourceStateResponse& r,
                  std::string& error) {
  Reader in(result, "result", error);
  in.Diags(r.diagnostics);
  if (!in.ok()) return false;
  if (in.Field("upgraded_state") || !r.diagnostics.HasErrors()) {
    r.upgraded_state = in.Wire("upgraded_state", type);
  } else {
    r.upgraded_state = Value::Null(type);
  }
  return in.ok();
}

}  // namespace cairn::providers::plugin
