#include "providers/test_provider.h"

#include <utility>
#include <vector>

#include "lang/base/typed_json.h"
#include "providers/object_values.h"
#include "providers/test_file.h"
#include "providers/test_sleep.h"

namespace cairn::providers {
namespace {

constexpr std::string_view kObjectType = "test_object";
constexpr std::string_view kEchoType = "test_echo";

Attribute Optional(std::string name, Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.optional = true;
  return a;
}

Attribute Computed(std::string name, Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.computed = true;
  return a;
}

Schema ObjectSchema() {
  Schema s;
  Attribute name;
  name.name = "name";
  name.type = Type::String();
  name.required = true;
  name.requires_replace = true;
  Attribute secret = Optional("secret", Type::String());
  secret.sensitive = true;
  // Sorted by name, as Block requires.
  s.block.attributes = {Computed("computed_value", Type::String()),
                        Computed("id", Type::String()),
                        std::move(name),
                        std::move(secret),
                        Optional("size", Type::Number()),
                        Optional("tags", Type::Map(Type::String()))};
  NestedBlock rule;
  rule.type_name = "rule";
  rule.nesting = NestingMode::kList;
  rule.block.attributes = {Optional("port", Type::Number()), Optional("protocol", Type::String())};
  s.block.blocks.push_back(std::move(rule));
  return s;
}

Schema EchoSchema() {
  Schema s;
  s.block.attributes = {Optional("input", Type::Dynamic()), Computed("output", Type::Dynamic())};
  return s;
}

ProviderSchema BuildSchema() {
  ProviderSchema p;
  p.provider.block.attributes = {Optional("label", Type::String())};
  p.resource_types.emplace(kObjectType, ObjectSchema());
  p.resource_types.emplace(kTestFileType, TestFileSchema());
  p.resource_types.emplace(kTestSleepType, TestSleepSchema());
  p.data_sources.emplace(kEchoType, EchoSchema());
  return p;
}

Diagnostics Error(std::string summary, std::string detail) {
  Diagnostics d;
  d.Error(std::move(summary), std::move(detail));
  return d;
}

Diagnostics UnsupportedType(std::string_view what, const std::string& type_name) {
  return Error("Unsupported " + std::string(what),
               "The test provider has no " + std::string(what) + " named \"" + type_name + "\".");
}

const Type& ObjectImpliedType() {
  static const Type type =
      TestProviderSchema().resource_types.find(kObjectType)->second.block.ImpliedType();
  return type;
}

}  // namespace

const ProviderSchema& TestProviderSchema() {
  static const ProviderSchema schema = BuildSchema();
  return schema;
}

TestProvider::TestProvider() = default;

const ProviderSchema& TestProvider::GetProviderSchema() { return TestProviderSchema(); }

Diagnostics TestProvider::ValidateResourceConfig(const ValidateResourceConfigRequest& request) {
  if (request.type_name == kEchoType || request.type_name == kTestFileType ||
      request.type_name == kTestSleepType) {
    return {};
  }
  if (request.type_name != kObjectType) return UnsupportedType("resource type", request.type_name);
  const Value& size = GetAttr(request.config, "size");
  if (size.IsKnown() && !size.IsNull() && size.type().IsNumber() && size.AsNumber().Sign() < 0) {
    return Error("Invalid size", "The size of a test_object must be zero or more, not " +
                                     size.AsNumber().ToString() + ".");
  }
  return {};
}

Diagnostics TestProvider::ConfigureProvider(const ConfigureProviderRequest& request) {
  const Value& label = request.config.IsKnown() && !request.config.IsNull()
                           ? GetAttr(request.config, "label")
                           : Value::Null(Type::String());
  std::string text;
  if (label.IsKnown() && !label.IsNull() && label.type().IsString()) text = label.AsString();
  if (text == "invalid") {
    return Error("Invalid provider configuration",
                 "The test provider's label must not be \"invalid\".");
  }
  std::lock_guard<std::mutex> lock(mu_);
  label_ = std::move(text);
  return {};
}

std::string TestProvider::label() {
  std::lock_guard<std::mutex> lock(mu_);
  return label_;
}

PlanResourceChangeResponse TestProvider::PlanResourceChange(
    const PlanResourceChangeRequest& request) {
  if (request.type_name == kTestFileType) return PlanTestFile(request);
  if (request.type_name == kTestSleepType) return PlanTestSleep(request);
  PlanResourceChangeResponse resp;
  if (request.type_name != kObjectType) {
    resp.diagnostics = UnsupportedType("resource type", request.type_name);
    return resp;
  }
  const Value& proposed = request.proposed_new_state;
  if (proposed.IsNull()) {  // destroy
    resp.planned_state = proposed;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> planned = AttributesOf(proposed);
  const Value& prior = request.prior_state;
  bool fresh = prior.IsNull();
  if (!fresh && !GetAttr(prior, "name").RawEquals(GetAttr(proposed, "name"))) {
    resp.requires_replace.push_back({PathStep::Attr("name")});
    fresh = true;
  }
  if (fresh) {
    SetAttr(planned, "id", Value::Unknown(Type::String()));
    SetAttr(planned, "computed_value", Value::Unknown(Type::String()));
  }
  resp.planned_state = Value::Object(std::move(planned));
  return resp;
}

ApplyResourceChangeResponse TestProvider::ApplyResourceChange(
    const ApplyResourceChangeRequest& request) {
  ++apply_count_;
  if (request.type_name == kTestFileType) return ApplyTestFile(request, stopped_);
  if (request.type_name == kTestSleepType) return ApplyTestSleep(request, stopped_);
  ApplyResourceChangeResponse resp;
  if (request.type_name != kObjectType) {
    resp.diagnostics = UnsupportedType("resource type", request.type_name);
    return resp;
  }
  const Value& planned = request.planned_state;
  if (planned.IsNull()) {  // destroy
    // An object made by a labelled configuration ("LABEL:computed-NAME") is deleted only
    // through a configuration with the same label, as a real API checks its credentials.
    const Value& computed = GetAttr(request.prior_state, "computed_value");
    std::string made_by;
    if (computed.IsKnown() && !computed.IsNull() && computed.type().IsString()) {
      const std::string& text = computed.AsString();
      size_t colon = text.find(':');
      if (colon != std::string::npos) made_by = text.substr(0, colon);
    }
    if (made_by != label()) {
      resp.diagnostics = Error("Wrong provider configuration",
                               "The test_object was made by the configuration labelled \"" +
                                   made_by + "\", not \"" + label() + "\".");
      resp.new_state = request.prior_state;
      return resp;
    }
    resp.new_state = planned;
    return resp;
  }
  const Value& name = GetAttr(planned, "name");
  if (!name.IsKnown() || name.IsNull() || !name.type().IsString()) {
    resp.diagnostics = Error("Invalid planned object",
                             "The name of a test_object must be known "
                             "when it is applied.");
    return resp;
  }
  std::vector<std::pair<std::string, Value>> state = AttributesOf(planned);
  if (!GetAttr(planned, "id").IsKnown()) {
    SetAttr(state, "id", Value::String("test-" + name.AsString()));
  }
  if (!GetAttr(planned, "computed_value").IsKnown()) {
    std::string label = this->label();
    SetAttr(state, "computed_value",
            Value::String((label.empty() ? "" : label + ":") + "computed-" + name.AsString()));
  }
  resp.new_state = Value::Object(std::move(state));
  resp.private_data = request.planned_private;
  return resp;
}

ReadResourceResponse TestProvider::ReadResource(const ReadResourceRequest& request) {
  if (request.type_name == kTestFileType) return ReadTestFile(request);
  if (request.type_name == kTestSleepType) {
    ReadResourceResponse found;
    found.private_data = request.private_data;
    // Nothing exists but the state: one whose create was cut short is not found.
    found.new_state = request.idempotency_token.empty()
                          ? request.current_state
                          : Value::Null(request.current_state.type());
    return found;
  }
  ReadResourceResponse resp;
  if (!request.idempotency_token.empty()) {
    // A test_object exists only in the state: one whose create was cut short is not found.
    resp.new_state = Value::Null(request.current_state.type());
    return resp;
  }
  resp.new_state = request.current_state;
  resp.private_data = request.private_data;
  if (request.type_name != kObjectType) {
    resp.diagnostics = UnsupportedType("resource type", request.type_name);
    return resp;
  }
  const Value& id = GetAttr(request.current_state, "id");
  if (id.IsKnown() && !id.IsNull() && id.type().IsString()) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = remote_objects_.find(id.AsString());
    if (it != remote_objects_.end()) resp.new_state = it->second;
  }
  return resp;
}

ImportResourceStateResponse TestProvider::ImportResourceState(
    const ImportResourceStateRequest& request) {
  ImportResourceStateResponse resp;
  if (request.type_name != kObjectType) {
    resp.diagnostics = UnsupportedType("resource type", request.type_name);
    return resp;
  }
  constexpr std::string_view kPrefix = "test-";
  if (request.id.size() <= kPrefix.size() || request.id.compare(0, kPrefix.size(), kPrefix) != 0) {
    resp.diagnostics = Error("Invalid import id",
                             "The id of a test_object is \"test-\" followed "
                             "by its name, not \"" +
                                 request.id + "\".");
    return resp;
  }
  std::string name = request.id.substr(kPrefix.size());
  const Type& object_type = ObjectImpliedType();
  const Type& rule_type = object_type.Attributes()[object_type.AttributeIndex("rule")].second;
  ImportedResource imported;
  imported.type_name = request.type_name;
  imported.state = Value::Object({{"computed_value", Value::String("computed-" + name)},
                                  {"id", Value::String(request.id)},
                                  {"name", Value::String(name)},
                                  {"rule", Value::List(rule_type.ElementType(), {})},
                                  {"secret", Value::Null(Type::String())},
                                  {"size", Value::Null(Type::Number())},
                                  {"tags", Value::Null(Type::Map(Type::String()))}});
  resp.imported.push_back(std::move(imported));
  return resp;
}

ReadDataSourceResponse TestProvider::ReadDataSource(const ReadDataSourceRequest& request) {
  ReadDataSourceResponse resp;
  if (request.type_name != kEchoType) {
    resp.diagnostics = UnsupportedType("data source", request.type_name);
    return resp;
  }
  const Value& input = GetAttr(request.config, "input");
  if (input.IsKnown() && !input.IsNull() && input.type() == Type::String() &&
      input.AsString() == "error") {
    resp.diagnostics.Error("Failed to read test_echo",
                           "The test provider fails to read a test_echo whose input is "
                           "\"error\".");
    return resp;
  }
  resp.state = Value::Object({{"input", input}, {"output", input}});
  return resp;
}

UpgradeResourceStateResponse TestProvider::UpgradeResourceState(
    const UpgradeResourceStateRequest& request) {
  UpgradeResourceStateResponse resp;
  if (request.type_name != kObjectType && request.type_name != kTestFileType) {
    resp.diagnostics = UnsupportedType("resource type", request.type_name);
    return resp;
  }
  if (request.version != 0) {
    resp.diagnostics = Error("Unsupported schema version",
                             "The test provider knows test_object objects of schema version 0 "
                             "only, not " +
                                 std::to_string(request.version) + ".");
    return resp;
  }
  TypedJsonResult decoded = DecodeTypedJson(
      request.raw_json, request.type_name == kTestFileType
                            ? TestProviderSchema().resource_types.find(kTestFileType)->second
                                  .block.ImpliedType()
                            : ObjectImpliedType());
  if (!decoded.ok()) {
    resp.diagnostics = Error("Invalid stored object", decoded.error);
    return resp;
  }
  resp.upgraded_state = std::move(decoded.value);
  return resp;
}

void TestProvider::Stop() { stopped_ = true; }

void TestProvider::SetRemoteObject(const std::string& id, Value object) {
  std::lock_guard<std::mutex> lock(mu_);
  remote_objects_.insert_or_assign(id, std::move(object));
}

}  // namespace cairn::providers
