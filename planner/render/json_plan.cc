// Terraform's JSON plan (internal/command/jsonplan, jsonstate, jsonconfig) and the plan
// messages of `terraform plan -json` (internal/command/views/json), from a Plan.

#include "planner/render/json_plan.h"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>
#include <utility>

#include "lang/base/value_json.h"
#include "planner/plan/checks.h"
#include "planner/render/json_config.h"
#include "planner/render/json_values.h"
#include "planner/render/state_human.h"

namespace cairn::planner {

namespace {

using Json = nlohmann::ordered_json;
using json_values::KnownJson;
using json_values::SensitiveAsBool;
using json_values::UnknownAsBool;

const char* ModeName(addrs::ResourceMode mode) {
  return mode == addrs::ResourceMode::kData ? "data" : "managed";
}

Json KeyJson(const addrs::InstanceKey& key) {
  if (key.is_int()) return key.int_value();
  if (key.is_string()) return key.string_value();
  return nullptr;
}

Json TypeJson(const Type& t) { return Json::parse(EncodeTypeJson(t)); }

/// The change's values with the schema's sensitive attributes marked.
struct MarkedChange {
  Value before;
  Value after;
  int64_t schema_version = 0;
};

MarkedChange Mark(const ResourceInstanceChange& c, const Schemas& schemas) {
  MarkedChange m{c.before, c.after, 0};
  if (const providers::Schema* s =
          FindResourceSchema(schemas, c.provider, c.addr.resource.mode, c.addr.resource.type)) {
    m.before = json_values::MarkSchemaSensitive(c.before, s->block);
    m.after = json_values::MarkSchemaSensitive(c.after, s->block);
    m.schema_version = s->version;
  }
  return m;
}

Json PathJson(const ValuePath& path) {
  Json out = Json::array();
  for (const PathStep& step : path) {
    if (step.kind == PathStep::Kind::kAttr) {
      out.push_back(step.name);
    } else if (std::optional<Json> k = KnownJson(step.key, false)) {
      out.push_back(std::move(*k));
    }
  }
  return out;
}

/// One resource_changes / resource_drift entry (jsonplan's marshalResourceChange).
Json ResourceChangeJson(const ResourceInstanceChange& c, const Schemas& schemas, bool redact) {
  MarkedChange m = Mark(c, schemas);
  Json r = Json::object();
  r["address"] = c.addr.ToString();
  if (c.previous_addr && *c.previous_addr != c.addr) {
    r["previous_address"] = c.previous_addr->ToString();
  }
  if (!c.addr.module.empty()) r["module_address"] = addrs::ToString(c.addr.module);
  r["mode"] = ModeName(c.addr.resource.mode);
  r["type"] = c.addr.resource.type;
  r["name"] = c.addr.resource.name;
  if (!c.addr.key.none()) r["index"] = KeyJson(c.addr.key);
  r["provider_name"] = ProviderSource(c.provider);
  if (!c.deposed_key.empty()) r["deposed"] = c.deposed_key;

  Json change = Json::object();
  Json actions = Json::array();
  for (std::string_view a : ActionJsonNames(c.action)) actions.push_back(std::string(a));
  change["actions"] = std::move(actions);
  change["before"] = KnownJson(m.before, redact).value_or(Json(nullptr));
  if (std::optional<Json> after = KnownJson(m.after, redact)) change["after"] = std::move(*after);
  change["after_unknown"] = m.after.IsWhollyKnown() ? Json::object() : UnknownAsBool(m.after);
  change["before_sensitive"] = SensitiveAsBool(m.before);
  change["after_sensitive"] = SensitiveAsBool(m.after);
  if (!c.required_replace.empty()) {
    Json paths = Json::array();
    for (const ValuePath& p : c.required_replace) paths.push_back(PathJson(p));
    change["replace_paths"] = std::move(paths);
  }
  if (c.import_id) change["importing"] = Json::object({{"id", *c.import_id}});
  r["change"] = std::move(change);
  if (c.reason != ActionReason::kNone) r["action_reason"] = std::string(ReasonJsonName(c.reason));
  return r;
}

/// Changes sorted as Terraform sorts them (address, then deposed key), data source deletes
/// left out.
std::vector<const ResourceInstanceChange*> SortedChanges(
    const std::vector<ResourceInstanceChange>& changes, bool skip_noop) {
  std::vector<const ResourceInstanceChange*> out;
  out.reserve(changes.size());
  for (const ResourceInstanceChange& c : changes) {
    if (c.addr.resource.mode == addrs::ResourceMode::kData && c.action == Action::kDelete) continue;
    if (skip_noop && c.action == Action::kNoOp) continue;
    out.push_back(&c);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    if (a->addr != b->addr) return a->addr < b->addr;
    return a->deposed_key < b->deposed_key;
  });
  return out;
}

bool OutputSensitive(const OutputChange& o) { return o.before_sensitive || o.after_sensitive; }

Json OutputChangesJson(const Plan& plan, bool redact) {
  std::map<std::string, Json> out;
  for (const OutputChange& o : plan.outputs) {
    bool hide = redact && OutputSensitive(o);
    Value before = hide ? o.before.WithMarks(Marks::Sensitive()) : o.before;
    Value after = hide ? o.after.WithMarks(Marks::Sensitive()) : o.after;
    Json c = Json::object();
    Json actions = Json::array();
    for (std::string_view a : ActionJsonNames(o.action)) actions.push_back(std::string(a));
    c["actions"] = std::move(actions);
    c["before"] = KnownJson(before, hide).value_or(Json(nullptr));
    if (std::optional<Json> a = KnownJson(after, hide)) c["after"] = std::move(*a);
    c["after_unknown"] = o.after.IsWhollyKnown() ? Json(false) : UnknownAsBool(o.after);
    c["before_sensitive"] = OutputSensitive(o);
    c["after_sensitive"] = OutputSensitive(o);
    out[o.name] = std::move(c);
  }
  Json j = Json::object();
  for (auto& [name, c] : out) j[name] = std::move(c);
  return j;
}

/// A module of planned_values / prior_state values: resources, address, child_modules.
struct ModuleNode {
  std::vector<std::pair<std::string, Json>> resources;  // (address, json)
  std::vector<std::string> children;                    // module addresses, first-seen order
};

/// Builds the module tree Terraform's marshalPlannedValues builds: every module holding a
/// resource, and each of its ancestors, under its parent.
class ModuleTree {
 public:
  /// With `keep_order`, a module's resources stay in the order they were added (the
  /// state's order); otherwise they are sorted by address.
  explicit ModuleTree(bool keep_order = false) : keep_order_(keep_order) {}

  void Add(const addrs::ModuleInstance& module, std::string address, Json resource) {
    std::string key = addrs::ToString(module);
    nodes_[key].resources.emplace_back(std::move(address), std::move(resource));
    for (size_t n = module.size(); n > 0; n--) {
      addrs::ModuleInstance child(module.begin(), module.begin() + n);
      addrs::ModuleInstance parent(module.begin(), module.begin() + n - 1);
      std::string child_key = addrs::ToString(child);
      if (!seen_.insert(child_key).second) continue;
      nodes_[addrs::ToString(parent)].children.push_back(child_key);
    }
  }

  Json Root(bool sort_nested) { return Module("", true, sort_nested); }

 private:
  Json Module(const std::string& key, bool is_root, bool sort_nested) {
    ModuleNode& node = nodes_[key];
    Json out = Json::object();
    if (!keep_order_) {
      std::stable_sort(node.resources.begin(), node.resources.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    if (!node.resources.empty()) {
      Json rs = Json::array();
      for (auto& [address, j] : node.resources) rs.push_back(std::move(j));
      out["resources"] = std::move(rs);
    }
    if (!is_root) out["address"] = key;
    std::vector<std::string> children = node.children;
    if (is_root || sort_nested) std::sort(children.begin(), children.end());
    if (!children.empty()) {
      Json cs = Json::array();
      for (const std::string& c : children) cs.push_back(Module(c, false, sort_nested));
      out["child_modules"] = std::move(cs);
    }
    return out;
  }

  std::map<std::string, ModuleNode> nodes_;
  std::set<std::string> seen_;
  bool keep_order_ = false;
};

Json PlannedValuesJson(const Plan& plan, const Schemas& schemas, bool redact) {
  Json out = Json::object();
  std::map<std::string, Json> outputs;
  for (const OutputChange& o : plan.outputs) {
    if (o.action == Action::kDelete) continue;
    Json j = Json::object();
    j["sensitive"] = OutputSensitive(o);
    if (o.after.IsWhollyKnown()) {
      j["type"] = TypeJson(o.after.type());
      bool hide = redact && OutputSensitive(o) && !o.after.IsNull();
      j["value"] = hide ? Json(json_values::kSensitiveText)
                        : KnownJson(o.after, false).value_or(Json(nullptr));
    }
    outputs[o.name] = std::move(j);
  }
  if (!outputs.empty()) {
    Json oj = Json::object();
    for (auto& [name, j] : outputs) oj[name] = std::move(j);
    out["outputs"] = std::move(oj);
  }
  ModuleTree tree;
  for (const ResourceInstanceChange& c : plan.changes) {
    if (c.action == Action::kDelete || !c.deposed_key.empty()) continue;
    MarkedChange m = Mark(c, schemas);
    Json r = Json::object();
    std::string address = c.addr.ToString();
    r["address"] = address;
    r["mode"] = ModeName(c.addr.resource.mode);
    r["type"] = c.addr.resource.type;
    r["name"] = c.addr.resource.name;
    if (!c.addr.key.none()) r["index"] = KeyJson(c.addr.key);
    r["provider_name"] = ProviderSource(c.provider);
    r["schema_version"] = m.schema_version;
    if (std::optional<Json> v = KnownJson(m.after, redact); v && v->is_object()) {
      r["values"] = std::move(*v);
    }
    r["sensitive_values"] = SensitiveAsBool(m.after);
    tree.Add(c.addr.module, std::move(address), std::move(r));
  }
  out["root_module"] = tree.Root(/*sort_nested=*/false);
  return out;
}

/// Applies Terraform's `sensitive_attributes` paths (get_attr / index steps) to `v`.
Value MarkPath(const Value& v, const Json& path, size_t i) {
  if (i == path.size()) return v.WithMarks(Marks::Sensitive());
  if (!v.IsKnown() || v.IsNull()) return v;
  const Json& step = path[i];
  if (!step.is_object() || !step.contains("value")) return v;
  const Json& key = step["value"];
  std::string name;
  std::optional<size_t> index;
  if (step.value("type", "") == "get_attr" && key.is_string()) {
    name = key.get<std::string>();
  } else if (key.is_object() && key.contains("value")) {
    if (key["value"].is_string()) name = key["value"].get<std::string>();
    if (key["value"].is_number_unsigned()) index = key["value"].get<size_t>();
  }
  const Type& t = v.type();
  if ((t.IsObject() || t.IsMap()) && !name.empty()) {
    std::vector<std::pair<std::string, Value>> entries;
    for (size_t k = 0; k < v.Length(); k++) {
      entries.emplace_back(v.Keys()[k], v.Keys()[k] == name ? MarkPath(v[k], path, i + 1) : v[k]);
    }
    Value out = t.IsObject() ? Value::Object(std::move(entries))
                             : Value::Map(t.ElementType(), std::move(entries));
    return out.WithMarks(v.marks());
  }
  if ((t.IsTuple() || t.IsList()) && index && *index < v.Length()) {
    std::vector<Value> elements = v.Elements();
    elements[*index] = MarkPath(elements[*index], path, i + 1);
    Value out = t.IsTuple() ? Value::Tuple(std::move(elements))
                            : Value::List(t.ElementType(), std::move(elements));
    return out.WithMarks(v.marks());
  }
  return v;
}

Json StateResourceJson(const state::ResourceState& rs, const state::InstanceState& inst,
                       const state::ObjectState& obj, const std::string& deposed,
                       const Schemas& schemas, bool redact) {
  addrs::AbsResourceInstance addr{rs.addr.module, rs.addr.resource, inst.key};
  const providers::Schema* schema =
      FindResourceSchema(schemas, rs.provider, rs.addr.resource.mode, rs.addr.resource.type);
  Value attrs;
  if (schema) {
    attrs = DecodeStateAttributes(obj, schema);
  } else {
    JsonDecodeResult decoded = DecodeJson(obj.attributes_json);
    if (decoded.ok()) attrs = decoded.value;
  }
  Json paths = Json::parse(obj.sensitive_attributes_json.str(), nullptr, false);
  if (paths.is_array()) {
    for (const Json& p : paths) {
      if (p.is_array()) attrs = MarkPath(attrs, p, 0);
    }
  }
  if (schema) attrs = json_values::MarkSchemaSensitive(attrs, schema->block);
  Json r = Json::object();
  r["address"] = addr.ToString();
  r["mode"] = ModeName(rs.addr.resource.mode);
  r["type"] = rs.addr.resource.type;
  r["name"] = rs.addr.resource.name;
  if (!inst.key.none()) r["index"] = KeyJson(inst.key);
  r["provider_name"] = ProviderSource(rs.provider);
  r["schema_version"] = obj.schema_version;
  if (std::optional<Json> v = KnownJson(attrs, redact); v && v->is_object()) {
    r["values"] = std::move(*v);
  }
  r["sensitive_values"] = SensitiveAsBool(attrs);
  if (!obj.dependencies.empty()) r["depends_on"] = obj.dependencies;
  if (obj.status == state::ObjectState::Status::kTainted) r["tainted"] = true;
  if (!deposed.empty()) r["deposed_key"] = deposed;
  return r;
}

bool StateEmpty(const state::State& s) { return s.resources.empty() && s.outputs.empty(); }

Json PriorStateJson(const state::State& s, const Schemas& schemas, const JsonPlanOptions& o) {
  bool redact = !o.show_sensitive;
  Json values = Json::object();
  Json outputs = Json::object();
  for (const auto& [name, output] : s.outputs) {
    if (!output.value.IsWhollyKnown()) continue;
    Json j = Json::object();
    j["sensitive"] = output.sensitive;
    bool hide = redact && output.sensitive && !output.value.IsNull();
    j["value"] = hide ? Json(json_values::kSensitiveText)
                      : KnownJson(output.value, false).value_or(Json(nullptr));
    j["type"] = TypeJson(output.value.type());
    outputs[name] = std::move(j);
  }
  if (!outputs.empty()) values["outputs"] = std::move(outputs);
  // Terraform's jsonstate order: per module, data resources first, then by type and name;
  // instances by key (numbers numerically).
  std::vector<const state::ResourceState*> resources;
  for (const state::ResourceState& rs : s.resources) resources.push_back(&rs);
  std::stable_sort(resources.begin(), resources.end(), [](const auto* a, const auto* b) {
    const addrs::Resource& x = a->addr.resource;
    const addrs::Resource& y = b->addr.resource;
    if (x.mode != y.mode) return x.mode == addrs::ResourceMode::kData;
    if (x.type != y.type) return x.type < y.type;
    return x.name < y.name;
  });
  ModuleTree tree(/*keep_order=*/true);
  for (const state::ResourceState* rsp : resources) {
    const state::ResourceState& rs = *rsp;
    for (const state::InstanceState& inst : rs.instances) {
      addrs::AbsResourceInstance addr{rs.addr.module, rs.addr.resource, inst.key};
      if (inst.current) {
        tree.Add(rs.addr.module, addr.ToString(),
                 StateResourceJson(rs, inst, *inst.current, "", schemas, redact));
      }
      for (const auto& [key, obj] : inst.deposed) {
        tree.Add(rs.addr.module, addr.ToString(),
                 StateResourceJson(rs, inst, obj, key, schemas, redact));
      }
    }
  }
  values["root_module"] = tree.Root(/*sort_nested=*/true);
  Json out = Json::object();
  out["format_version"] = "1.0";
  out["terraform_version"] = o.terraform_version;
  out["values"] = std::move(values);
  return out;
}

std::string Rfc3339(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// `plan -json` messages.

Json ResourceAddrJson(const addrs::AbsResourceInstance& addr) {
  Json r = Json::object();
  r["addr"] = addr.ToString();
  r["module"] = addrs::ToString(addr.module);
  r["resource"] = addr.resource.ToString() + addr.key.ToString();
  const std::string& type = addr.resource.type;
  r["implied_provider"] = type.substr(0, type.find('_'));
  r["resource_type"] = type;
  r["resource_name"] = addr.resource.name;
  r["resource_key"] = KeyJson(addr.key);
  return r;
}

const char* UiAction(Action a) {
  switch (a) {
    case Action::kNoOp:
      return "noop";
    case Action::kCreate:
      return "create";
    case Action::kRead:
      return "read";
    case Action::kUpdate:
      return "update";
    case Action::kDeleteThenCreate:
    case Action::kCreateThenDelete:
      return "replace";
    case Action::kDelete:
      return "delete";
    case Action::kForget:
      return "remove";
  }
  return "noop";
}

std::string UiReason(ActionReason r) {
  switch (r) {
    case ActionReason::kNone:
      return "";
    case ActionReason::kReplaceBecauseTainted:
      return "tainted";
    case ActionReason::kReplaceByRequest:
      return "requested";
    case ActionReason::kReplaceByTriggers:
      return "replace_triggered_by";
    case ActionReason::kReplaceBecauseCannotUpdate:
      return "cannot_update";
    default:
      return std::string(ReasonJsonName(r));
  }
}

/// views/json's ResourceInstanceChange, and the action the message names.
Json UiChangeJson(const ResourceInstanceChange& c, std::string* action_out) {
  std::string action = UiAction(c.action);
  Json j = Json::object();
  j["resource"] = ResourceAddrJson(c.addr);
  if (c.previous_addr && *c.previous_addr != c.addr) {
    if (action == "noop") action = "move";
    j["previous_resource"] = ResourceAddrJson(*c.previous_addr);
  }
  if (c.import_id && action == "noop") action = "import";
  j["action"] = action;
  if (std::string reason = UiReason(c.reason); !reason.empty()) j["reason"] = reason;
  if (c.import_id) j["importing"] = Json::object({{"id", *c.import_id}});
  *action_out = action;
  return j;
}

}  // namespace

/// Terraform's jsonchecks for check blocks: one entry per block (by address), its
/// instances with their problems.
Json ChecksJson(const Plan& plan) {
  std::map<std::string, std::vector<const CheckBlockResult*>> by_config;
  for (const CheckBlockResult& c : plan.checks) by_config[c.config_addr].push_back(&c);
  Json out = Json::array();
  for (const auto& [config_addr, instances] : by_config) {
    Json address = Json::object();
    address["kind"] = "check";
    size_t cut = config_addr.rfind("check.");
    if (cut > 0) address["module"] = config_addr.substr(0, cut - 1);
    address["name"] = instances.front()->name;
    address["to_display"] = config_addr;
    std::vector<CheckStatus> statuses;
    Json list = Json::array();
    for (const CheckBlockResult* c : instances) {
      statuses.push_back(c->status);
      Json a = Json::object();
      if (!c->module.empty()) a["module"] = c->module;
      a["to_display"] = c->Address();
      Json i = Json::object();
      i["address"] = std::move(a);
      i["status"] = CheckStatusName(c->status);
      if (!c->failure_messages.empty()) {
        Json problems = Json::array();
        for (const std::string& m : c->failure_messages) problems.push_back({{"message", m}});
        i["problems"] = std::move(problems);
      }
      list.push_back(std::move(i));
    }
    Json entry = Json::object();
    entry["address"] = std::move(address);
    entry["status"] = CheckStatusName(AggregateCheckStatus(statuses));
    entry["instances"] = std::move(list);
    out.push_back(std::move(entry));
  }
  return out;
}

Json RenderJsonPlan(const Plan& plan, const Schemas& schemas, const ConfigView& config,
                    const JsonPlanOptions& o) {
  bool redact = !o.show_sensitive;
  Json out = Json::object();
  out["format_version"] = "1.2";
  out["terraform_version"] = o.terraform_version;
  if (!plan.variables.empty()) {
    Json vars = Json::object();
    for (const auto& [name, value] : plan.variables) {
      Json v = Json::object();
      if (std::optional<Json> j = KnownJson(value, redact)) v["value"] = std::move(*j);
      vars[name] = std::move(v);
    }
    out["variables"] = std::move(vars);
  }
  out["planned_values"] = PlannedValuesJson(plan, schemas, redact);
  bool refresh_only = plan.mode == PlanMode::kRefreshOnly;
  Json drift = Json::array();
  for (const ResourceInstanceChange* c : SortedChanges(plan.drift, !refresh_only)) {
    drift.push_back(ResourceChangeJson(*c, schemas, redact));
  }
  if (!drift.empty()) out["resource_drift"] = std::move(drift);
  Json changes = Json::array();
  for (const ResourceInstanceChange* c : SortedChanges(plan.changes, false)) {
    changes.push_back(ResourceChangeJson(*c, schemas, redact));
  }
  if (!changes.empty()) out["resource_changes"] = std::move(changes);
  Json outputs = OutputChangesJson(plan, redact);
  if (!outputs.empty()) out["output_changes"] = std::move(outputs);
  if (!StateEmpty(plan.prior_state)) {
    out["prior_state"] = PriorStateJson(plan.prior_state, schemas, o);
  }
  if (config.module != nullptr) {
    out["configuration"] = json_config::ConfigurationJson(config, schemas);
    Json relevant = json_config::RelevantAttributes(plan, config);
    if (!relevant.empty()) out["relevant_attributes"] = std::move(relevant);
  }
  if (!plan.checks.empty()) out["checks"] = ChecksJson(plan);
  out["timestamp"] = Rfc3339(plan.timestamp);
  out["applyable"] = plan.Applyable();
  out["complete"] = !plan.errored && plan.targets.empty() && plan.excludes.empty();
  out["errored"] = plan.errored;
  return out;
}

std::vector<Json> RenderJsonPlanMessages(const Plan& plan, const JsonPlanOptions& o) {
  (void)o;
  std::vector<Json> out;
  // Refresh-only plans report moves among the drift too; other plans among the changes.
  bool refresh_only = plan.mode == PlanMode::kRefreshOnly;
  for (const ResourceInstanceChange* c : SortedChanges(plan.drift, !refresh_only)) {
    std::string action;
    Json change = UiChangeJson(*c, &action);
    Json m = Json::object();
    m["@message"] = c->addr.ToString() + ": Drift detected (" + action + ")";
    m["change"] = std::move(change);
    m["type"] = "resource_drift";
    out.push_back(std::move(m));
  }
  int add = 0, change_count = 0, import = 0, remove = 0;
  for (const ResourceInstanceChange* c : SortedChanges(plan.changes, false)) {
    if (c->import_id) ++import;
    switch (c->action) {
      case Action::kCreate:
        ++add;
        break;
      case Action::kUpdate:
        ++change_count;
        break;
      case Action::kDelete:
        ++remove;
        break;
      case Action::kDeleteThenCreate:
      case Action::kCreateThenDelete:
        ++add;
        ++remove;
        break;
      default:
        break;
    }
    bool moved = c->previous_addr && *c->previous_addr != c->addr;
    if (c->action == Action::kNoOp && !moved && !c->import_id) continue;
    std::string action;
    Json change = UiChangeJson(*c, &action);
    Json m = Json::object();
    m["@message"] = c->addr.ToString() + ": Plan to " + action;
    m["change"] = std::move(change);
    m["type"] = "planned_change";
    out.push_back(std::move(m));
  }
  std::string summary = "Plan: ";
  if (import > 0) summary += std::to_string(import) + " to import, ";
  summary += std::to_string(add) + " to add, " + std::to_string(change_count) + " to change, " +
             std::to_string(remove) + " to destroy.";
  Json counts = Json::object();
  counts["add"] = add;
  counts["change"] = change_count;
  counts["import"] = import;
  counts["remove"] = remove;
  counts["operation"] = "plan";
  Json summary_message = Json::object();
  summary_message["@message"] = summary;
  summary_message["changes"] = std::move(counts);
  summary_message["type"] = "change_summary";
  out.push_back(std::move(summary_message));
  if (!plan.outputs.empty()) {
    std::map<std::string, Json> outputs;
    for (const OutputChange& oc : plan.outputs) {
      Json j = Json::object();
      j["sensitive"] = OutputSensitive(oc);
      j["action"] = UiAction(oc.action);
      outputs[oc.name] = std::move(j);
    }
    Json oj = Json::object();
    for (auto& [name, j] : outputs) oj[name] = std::move(j);
    Json m = Json::object();
    m["@message"] = "Outputs: " + std::to_string(plan.outputs.size());
    m["outputs"] = std::move(oj);
    m["type"] = "outputs";
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace cairn::planner
