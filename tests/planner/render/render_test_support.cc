#include "tests/planner/render/render_test_support.h"

#include <fstream>
#include <sstream>

#include "lang/base/value_json.h"

namespace cairn::planner::render_test {

std::string ReadTestFile(const std::string& relative) {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Value S(std::string s) { return Value::String(std::move(s)); }

Value N(const std::string& text) {
  JsonDecodeResult r = DecodeJson(text);
  return r.value;
}

Value Null() { return Value(); }
Value Unk() { return Value::DynamicUnknown(); }
Value Obj(std::vector<std::pair<std::string, Value>> attrs) {
  return Value::Object(std::move(attrs));
}
Value Tup(std::vector<Value> elements) { return Value::Tuple(std::move(elements)); }

Value Id(int n) {
  std::string digits = std::to_string(n);
  return S("00000000-0000-0000-0000-" + std::string(12 - digits.size(), '0') + digits);
}

Value Data(Value id, Value input, Value output, Value triggers_replace) {
  if (!id.IsKnown()) id = Value::Unknown(Type::String());
  return Obj({{"id", std::move(id)},
              {"input", std::move(input)},
              {"output", std::move(output)},
              {"triggers_replace", std::move(triggers_replace)}});
}

addrs::AbsResourceInstance Addr(const std::string& text) {
  return *addrs::ParseAbsResourceInstance(text).addr;
}

namespace {
ResourceInstanceChange Base(const std::string& addr, Action action) {
  ResourceInstanceChange c;
  c.addr = Addr(addr);
  c.provider = "provider[\"terraform.io/builtin/terraform\"]";
  c.action = action;
  return c;
}
}  // namespace

ResourceInstanceChange Create(const std::string& addr, Value after) {
  ResourceInstanceChange c = Base(addr, Action::kCreate);
  c.before = Value::Null(after.type());
  c.after = std::move(after);
  return c;
}

ResourceInstanceChange NoOp(const std::string& addr, Value v) {
  ResourceInstanceChange c = Base(addr, Action::kNoOp);
  c.before = v;
  c.after = std::move(v);
  return c;
}

ResourceInstanceChange Update(const std::string& addr, Value before, Value after) {
  ResourceInstanceChange c = Base(addr, Action::kUpdate);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

ResourceInstanceChange Replace(const std::string& addr, Value before, Value after) {
  ResourceInstanceChange c = Base(addr, Action::kDeleteThenCreate);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

ResourceInstanceChange Delete(const std::string& addr, Value before, ActionReason reason) {
  ResourceInstanceChange c = Base(addr, Action::kDelete);
  c.after = Value::Null(before.type());
  c.before = std::move(before);
  c.reason = reason;
  return c;
}

OutputChange Output(const std::string& name, Value before, Value after) {
  OutputChange c;
  c.name = name;
  c.action = after.IsWhollyKnown() && before.RawEquals(after) ? Action::kNoOp : Action::kUpdate;
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

const Schemas& TerraformSchemas() {
  static const Schemas schemas = [] {
    providers::Schema data;
    auto attr = [](std::string name, Type type, bool required_or_optional, bool computed) {
      providers::Attribute a;
      a.name = std::move(name);
      a.type = std::move(type);
      a.optional = required_or_optional;
      a.computed = computed;
      return a;
    };
    data.block.attributes = {attr("id", Type::String(), false, true),
                             attr("input", Type::Dynamic(), true, false),
                             attr("output", Type::Dynamic(), false, true),
                             attr("triggers_replace", Type::Dynamic(), true, false)};
    providers::Schema remote_state;
    providers::Attribute backend = attr("backend", Type::String(), false, false);
    backend.required = true;
    remote_state.block.attributes = {backend,
                                     attr("config", Type::Dynamic(), true, false),
                                     attr("defaults", Type::Dynamic(), true, false),
                                     attr("outputs", Type::Dynamic(), false, true),
                                     attr("workspace", Type::String(), true, false)};
    Schemas s;
    s["terraform.io/builtin/terraform"].resource_types["terraform_data"] = data;
    s["terraform.io/builtin/terraform"].data_sources["terraform_remote_state"] = remote_state;
    return s;
  }();
  return schemas;
}

}  // namespace cairn::planner::render_test
