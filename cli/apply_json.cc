#include "cli/apply_json.h"

#include <fmt/format.h>

#include "cli/apply_run.h"
#include "lang/base/value_json.h"

namespace cairn::cli {
namespace {

const char* ActionWord(planner::Action a) {
  switch (a) {
    case planner::Action::kCreate: return "create";
    case planner::Action::kDelete: return "delete";
    default: return "update";
  }
}

}  // namespace

void JsonApplyHooks::PreApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                              const Value& prior) {
  const std::string id = action == planner::Action::kCreate ? "" : ObjectIdOf(prior);
  const char* verb = action == planner::Action::kCreate   ? "Creating..."
                     : action == planner::Action::kUpdate ? "Modifying..."
                                                          : "Destroying...";
  nlohmann::ordered_json hook;
  hook["resource"] = UiResource(addr);
  hook["action"] = ActionWord(action);
  if (!id.empty()) {
    hook["id_key"] = "id";
    hook["id_value"] = id;
  }
  nlohmann::ordered_json m;
  m["@message"] = addr.ToString() + ": " + verb + (id.empty() ? "" : " [id=" + id + "]");
  m["hook"] = std::move(hook);
  m["type"] = "apply_start";
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  ui_.Message(m);
}

void JsonApplyHooks::PostApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                               const Value& new_state, bool failed,
                               std::chrono::steady_clock::duration elapsed) {
  const long secs =
      static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count());
  nlohmann::ordered_json hook;
  hook["resource"] = UiResource(addr);
  hook["action"] = ActionWord(action);
  nlohmann::ordered_json m;
  const char* what = action == planner::Action::kCreate   ? "Creation"
                     : action == planner::Action::kUpdate ? "Modifications"
                                                          : "Destruction";
  if (failed) {
    hook["elapsed_seconds"] = secs;
    m["@message"] = fmt::format("{}: {} errored after {}s", addr.ToString(), what, secs);
    m["hook"] = std::move(hook);
    m["type"] = "apply_errored";
    std::lock_guard<std::mutex> lock(ApplyOutputMutex());
    ui_.Message(m, "error");
    return;
  }
  const std::string id = action == planner::Action::kDelete ? "" : ObjectIdOf(new_state);
  if (!id.empty()) {
    hook["id_key"] = "id";
    hook["id_value"] = id;
  }
  hook["elapsed_seconds"] = secs;
  m["@message"] = fmt::format("{}: {} complete after {}s{}", addr.ToString(), what, secs,
                              id.empty() ? "" : " [id=" + id + "]");
  m["hook"] = std::move(hook);
  m["type"] = "apply_complete";
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  ui_.Message(m);
}

void JsonApplyHooks::ProvisionStart(const addrs::AbsResourceInstance& addr,
                                    std::string_view type) {
  nlohmann::ordered_json hook;
  hook["resource"] = UiResource(addr);
  hook["provisioner"] = std::string(type);
  nlohmann::ordered_json m;
  m["@message"] = fmt::format("{}: Provisioning with '{}'...", addr.ToString(), type);
  m["hook"] = std::move(hook);
  m["type"] = "provision_start";
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  ui_.Message(m);
}

void JsonApplyHooks::ProvisionOutput(const addrs::AbsResourceInstance& addr,
                                     std::string_view type, std::string_view message) {
  nlohmann::ordered_json hook;
  hook["resource"] = UiResource(addr);
  hook["provisioner"] = std::string(type);
  hook["output"] = std::string(message);
  nlohmann::ordered_json m;
  m["@message"] = fmt::format("{}: ({}): {}", addr.ToString(), type, message);
  m["hook"] = std::move(hook);
  m["type"] = "provision_progress";
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  ui_.Message(m);
}

void WriteJsonApplySummary(JsonUi& ui, const planner::Plan& plan, const state::State& applied,
                           bool destroy_command) {
  int add = 0, change = 0, remove = 0, imported = 0;
  for (const planner::ResourceInstanceChange& c : plan.changes) {
    imported += c.import_id ? 1 : 0;
    switch (c.action) {
      case planner::Action::kCreate: ++add; break;
      case planner::Action::kUpdate: ++change; break;
      case planner::Action::kDelete: ++remove; break;
      case planner::Action::kDeleteThenCreate:
      case planner::Action::kCreateThenDelete:
        ++add;
        ++remove;
        break;
      default: break;
    }
  }
  nlohmann::ordered_json counts;
  counts["add"] = add;
  counts["change"] = change;
  counts["import"] = imported;
  counts["remove"] = remove;
  counts["operation"] = destroy_command ? "destroy" : "apply";
  nlohmann::ordered_json summary;
  summary["@message"] =
      destroy_command
          ? fmt::format("Destroy complete! Resources: {} destroyed.", remove)
          : fmt::format("Apply complete! Resources: {}{} added, {} changed, {} destroyed.",
                        imported ? fmt::format("{} imported, ", imported) : "", add, change,
                        remove);
  summary["changes"] = std::move(counts);
  summary["type"] = "change_summary";
  ui.Message(summary);
  if (destroy_command) return;
  nlohmann::ordered_json outputs = nlohmann::ordered_json::object();
  for (const auto& [name, o] : applied.outputs) {
    nlohmann::ordered_json j;
    j["sensitive"] = o.sensitive;
    j["type"] = nlohmann::ordered_json::parse(EncodeTypeJson(o.value.type()));
    if (!o.sensitive) {
      JsonEncodeResult enc = EncodeJson(o.value);
      j["value"] = nlohmann::ordered_json::parse(enc.json);
    }
    outputs[name] = std::move(j);
  }
  nlohmann::ordered_json m;
  m["@message"] = "Outputs: " + std::to_string(applied.outputs.size());
  m["outputs"] = std::move(outputs);
  m["type"] = "outputs";
  ui.Message(m);
}

}  // namespace cairn::cli
