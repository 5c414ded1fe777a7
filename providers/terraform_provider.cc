#include "providers/terraform_provider.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <utility>
#include <vector>

#include "lang/base/typed_json.h"
#include "providers/object_values.h"

namespace cairn::providers {
namespace {

constexpr std::string_view kDataType = "terraform_data";
constexpr std::string_view kRemoteStateType = "terraform_remote_state";

Attribute MakeAttribute(std::string name, Type type, bool required, bool optional, bool computed,
                        std::string description = "") {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.required = required;
  a.optional = optional;
  a.computed = computed;
  if (!description.empty()) {
    a.description = std::move(description);
    a.description_kind = StringKind::kMarkdown;
  }
  return a;
}

Schema DataResourceSchema() {
  Schema s;
  // Sorted by name, as Block requires.
  s.block.attributes = {
      MakeAttribute("id", Type::String(), false, false, true),
      MakeAttribute("input", Type::Dynamic(), false, true, false),
      MakeAttribute("output", Type::Dynamic(), false, false, true),
      MakeAttribute("triggers_replace", Type::Dynamic(), false, true, false),
  };
  return s;
}

Schema RemoteStateSchema() {
  Schema s;
  s.block.attributes = {
      MakeAttribute("backend", Type::String(), true, false, false,
                    "The remote backend to use, e.g. `remote` or `http`."),
      MakeAttribute("config", Type::Dynamic(), false, true, false,
                    "The configuration of the remote backend. Although this is optional, most "
                    "backends require some configuration.\n\nThe object can use any arguments "
                    "that would be valid in the equivalent `terraform { backend \"<TYPE>\" { "
                    "... } }` block."),
      MakeAttribute("defaults", Type::Dynamic(), false, true, false,
                    "Default values for outputs, in case the state file is empty or lacks a "
                    "required output."),
      MakeAttribute("outputs", Type::Dynamic(), false, false, true,
                    "An object containing every root-level output in the remote state."),
      MakeAttribute("workspace", Type::String(), false, true, false,
                    "The Terraform workspace to use, if the backend supports workspaces."),
  };
  return s;
}

FunctionDecl MakeFunction(std::string summary, std::string description, FunctionParameter parameter,
                          Type return_type) {
  FunctionDecl f;
  f.summary = std::move(summary);
  f.description = std::move(description);
  f.parameters.push_back(std::move(parameter));
  f.return_type = std::move(return_type);
  return f;
}

ProviderSchema BuildSchema() {
  ProviderSchema p;
  p.resource_types.emplace(kDataType, DataResourceSchema());
  p.data_sources.emplace(kRemoteStateType, RemoteStateSchema());
  p.functions.emplace(
      "encode_tfvars",
      MakeFunction("Produce a string representation of an object using the same syntax as for "
                   "`.tfvars` files",
                   "A rarely-needed function which takes an object value and produces a string "
                   "containing a description of that object using the same syntax as Terraform "
                   "CLI would expect in a `.tfvars`.",
                   {"value", Type::Dynamic(), "", false, true}, Type::String()));
  p.functions.emplace(
      "decode_tfvars",
      MakeFunction("Parse a string containing syntax like that used in a `.tfvars` file",
                   "A rarely-needed function which takes a string containing the content of a "
                   "`.tfvars` file and returns an object describing the raw variable values it "
                   "defines.",
                   {"src", Type::String(), "", false, false}, Type::Dynamic()));
  p.functions.emplace(
      "encode_expr",
      MakeFunction("Produce a string representation of an arbitrary value using Terraform "
                   "expression syntax",
                   "A rarely-needed function which takes any value and produces a string "
                   "containing Terraform language expression syntax approximating that value.",
                   {"value", Type::Dynamic(), "", false, true}, Type::String()));
  return p;
}

Diagnostics ErrorDiagnostics(std::string summary, std::string detail = "") {
  Diagnostics d;
  d.Error(std::move(summary), std::move(detail));
  return d;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out += s;
  out += '"';
  return out;
}

/// What `output` is planned as: the input itself when null (the output's type must match the
/// input's, even when null), otherwise unknown of the input's type.
Value PlannedOutput(const Value& input) {
  return input.IsNull() ? input : Value::Unknown(input.type());
}

/// Terraform's type checks of a terraform_remote_state configuration (made whatever the
/// backend).
Diagnostics ValidateRemoteStateConfig(const Value& config) {
  Diagnostics diags;
  auto is_object_like = [](const Type& t) { return t.IsDynamic() || t.IsObject() || t.IsMap(); };
  if (!is_object_like(GetAttr(config, "config").type())) {
    diags.Error("Invalid backend configuration", "The configuration must be an object value.");
  }
  if (!is_object_like(GetAttr(config, "defaults").type())) {
    diags.Error("Invalid default values", "Defaults must be given in an object value.");
  }
  return diags;
}

}  // namespace

std::string GenerateUuid() {
  std::array<unsigned char, 16> b{};
  size_t got = 0;
  while (got < b.size()) {
    ssize_t n = getrandom(b.data() + got, b.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return "";
    }
    got += static_cast<size_t>(n);
  }
  char text[37];
  std::snprintf(text, sizeof text,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return std::string(text, 36);
}

const ProviderSchema& TerraformProviderSchema() {
  static const ProviderSchema schema = BuildSchema();
  return schema;
}

TerraformProvider::TerraformProvider(std::function<std::string()> generate_id)
    : generate_id_(generate_id ? std::move(generate_id)
                               : std::function<std::string()>(GenerateUuid)) {}

const ProviderSchema& TerraformProvider::GetProviderSchema() { return TerraformProviderSchema(); }

Diagnostics TerraformProvider::ValidateResourceConfig(
    const ValidateResourceConfigRequest& request) {
  Diagnostics diags;
  if (request.type_name == kRemoteStateType) return ValidateRemoteStateConfig(request.config);
  if (request.type_name != kDataType) {
    return ErrorDiagnostics("unsupported resource type " + Quote(request.type_name));
  }
  if (request.config.IsNull()) return diags;
  // Terraform does not check that computed attributes are left out of the configuration.
  for (std::string_view attr : {"id", "output"}) {
    if (!GetAttr(request.config, attr).IsNull()) {
      diags.Error(Quote(attr) + " attribute is read-only", "");
    }
  }
  return diags;
}

Diagnostics TerraformProvider::ConfigureProvider(const ConfigureProviderRequest&) {
  return {};  // nothing to configure
}

PlanResourceChangeResponse TerraformProvider::PlanResourceChange(
    const PlanResourceChangeRequest& request) {
  PlanResourceChangeResponse resp;
  if (request.type_name != kDataType) {
    resp.diagnostics = ErrorDiagnostics("unsupported resource type " + Quote(request.type_name));
    return resp;
  }
  const Value& proposed = request.proposed_new_state;
  if (proposed.IsNull()) {  // destroy
    resp.planned_state = proposed;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> planned = AttributesOf(proposed);
  const Value& input = GetAttr(proposed, "input");
  const Value& trigger = GetAttr(proposed, "triggers_replace");
  const Value& prior = request.prior_state;
  if (prior.IsNull()) {  // create
    SetAttr(planned, "id", Value::Unknown(Type::String()));
    SetAttr(planned, "output", PlannedOutput(input));
  } else if (!GetAttr(prior, "triggers_replace").RawEquals(trigger)) {
    resp.requires_replace.push_back({PathStep::Attr("triggers_replace")});
    SetAttr(planned, "id", Value::Unknown(Type::String()));
    SetAttr(planned, "output", PlannedOutput(input));
  } else if (!GetAttr(prior, "input").RawEquals(input)) {
    // Only the input changed: the output is computed again.
    SetAttr(planned, "output", Value::Unknown(input.type()));
  } else {
    resp.planned_state = proposed;  // nothing to compute: the proposed object as it is
    return resp;
  }
  resp.planned_state = Value::Object(std::move(planned));
  return resp;
}

ApplyResourceChangeResponse TerraformProvider::ApplyResourceChange(
    const ApplyResourceChangeRequest& request) {
  ApplyResourceChangeResponse resp;
  if (request.type_name != kDataType) {
    resp.diagnostics = ErrorDiagnostics("unsupported resource type " + Quote(request.type_name));
    return resp;
  }
  const Value& planned = request.planned_state;
  if (planned.IsNull()) {  // destroy
    resp.new_state = planned;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> state = AttributesOf(planned);
  if (!GetAttr(planned, "output").IsKnown()) SetAttr(state, "output", GetAttr(planned, "input"));
  if (!GetAttr(planned, "id").IsKnown()) {
    std::string id = generate_id_();
    if (id.empty()) {
      resp.diagnostics.Error("Error generating id", "no random source available");
    }
    SetAttr(state, "id", Value::String(std::move(id)));
  }
  resp.new_state = Value::Object(std::move(state));
  return resp;
}

ReadResourceResponse TerraformProvider::ReadResource(const ReadResourceRequest& request) {
  ReadResourceResponse resp;
  resp.private_data = request.private_data;
  // terraform_data's object lives only in the state: one whose create was cut short by a
  // crash does not exist (null), and is planned again.
  resp.new_state = request.idempotency_token.empty()
                       ? request.current_state
                       : Value::Null(request.current_state.type());
  return resp;
}

ImportResourceStateResponse TerraformProvider::ImportResourceState(
    const ImportResourceStateRequest& request) {
  ImportResourceStateResponse resp;
  if (request.type_name != kDataType) {
    resp.diagnostics = ErrorDiagnostics("unsupported resource type " + Quote(request.type_name));
    return resp;
  }
  // Only the id is known from an import id; everything else is null, as Terraform's
  // CoerceValue of {id = ID} gives.
  ImportedResource imported;
  imported.type_name = request.type_name;
  imported.state = Value::Object({{"id", Value::String(request.id)},
                                  {"input", Value::Null(Type::Dynamic())},
                                  {"output", Value::Null(Type::Dynamic())},
                                  {"triggers_replace", Value::Null(Type::Dynamic())}});
  resp.imported.push_back(std::move(imported));
  return resp;
}

ReadDataSourceResponse TerraformProvider::ReadDataSource(const ReadDataSourceRequest& request) {
  if (request.type_name != kRemoteStateType) {
    ReadDataSourceResponse resp;
    resp.diagnostics = ErrorDiagnostics("Error: unsupported data source " + request.type_name);
    return resp;
  }
  ReadDataSourceResponse resp;
  resp.diagnostics = ErrorDiagnostics(
      "Unsupported data source",
      "Cairn cannot read terraform_remote_state yet: it reads no backend's state.");
  return resp;
}

UpgradeResourceStateResponse TerraformProvider::UpgradeResourceState(
    const UpgradeResourceStateRequest& request) {
  UpgradeResourceStateResponse resp;
  auto it = TerraformProviderSchema().resource_types.find(request.type_name);
  if (it == TerraformProviderSchema().resource_types.end()) {
    resp.diagnostics = ErrorDiagnostics("unsupported resource type " + Quote(request.type_name));
    return resp;
  }
  static const Type type = it->second.block.ImpliedType();
  TypedJsonResult decoded = DecodeTypedJson(request.raw_json, type);
  if (!decoded.ok()) {
    resp.diagnostics = ErrorDiagnostics(decoded.error);
    return resp;
  }
  resp.upgraded_state = std::move(decoded.value);
  return resp;
}

void TerraformProvider::Stop() {
  // Every operation of this provider finishes at once; there is nothing to stop.
}

}  // namespace cairn::providers
