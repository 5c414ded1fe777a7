#include "cli/json_ui.h"

#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <map>

#include "lang/base/diagnostic_display.h"
#include "lang/base/diagnostic_json.h"
#include "lang/base/go_json.h"
#include "state/state.h"

namespace cairn::cli {

std::string UiTimestamp() {
  auto now = std::chrono::system_clock::now();
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return fmt::format("{}.{:06d}Z", buf, static_cast<int>(micros % 1000000));
}

void JsonUi::Message(const nlohmann::ordered_json& message, const char* level) {
  std::map<std::string, const nlohmann::ordered_json*> sorted;
  nlohmann::ordered_json level_json = level, module_json = "terraform.ui",
                         time_json = UiTimestamp();
  sorted["@level"] = &level_json;
  sorted["@module"] = &module_json;
  sorted["@timestamp"] = &time_json;
  for (auto it = message.begin(); it != message.end(); ++it) sorted[it.key()] = &it.value();
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  for (const auto& [key, value] : sorted) line[key] = *value;
  io_.out << GoJsonMarshal(line) << "\n";
  io_.out.flush();
}

void JsonUi::Version() {
  nlohmann::ordered_json m = nlohmann::ordered_json::object();
  m["@message"] = std::string("Cairn ") + CAIRN_VERSION;
  m["cairn"] = CAIRN_VERSION;
  m["terraform"] = state::kTerraformCompatVersion;
  m["type"] = "version";
  m["ui"] = "1.2";
  Message(m);
}

void JsonUi::Diagnostics(const cairn::Diagnostics& diags, const SourceIndex& sources) {
  for (const Diagnostic& d : diags) {
    io_.out << GoJsonMarshal(DiagnosticLogMessage(MakeDiagnosticDisplay(d, sources), UiTimestamp()))
            << "\n";
  }
  io_.out.flush();
}

nlohmann::ordered_json UiResource(const addrs::AbsResourceInstance& addr) {
  nlohmann::ordered_json r = nlohmann::ordered_json::object();
  r["addr"] = addr.ToString();
  r["module"] = addrs::ToString(addr.module);
  r["resource"] = addr.resource.ToString() + addr.key.ToString();
  const std::string& type = addr.resource.type;
  r["implied_provider"] = type.substr(0, type.find('_'));
  r["resource_type"] = type;
  r["resource_name"] = addr.resource.name;
  if (addr.key.is_int()) {
    r["resource_key"] = addr.key.int_value();
  } else if (addr.key.is_string()) {
    r["resource_key"] = addr.key.string_value();
  } else {
    r["resource_key"] = nullptr;
  }
  return r;
}

void JsonUi::Refreshed(const addrs::AbsResourceInstance& addr, const std::string& id) {
  std::string suffix = id.empty() ? "" : " [id=" + id + "]";
  nlohmann::ordered_json hook = nlohmann::ordered_json::object();
  hook["resource"] = UiResource(addr);
  if (!id.empty()) {
    hook["id_key"] = "id";
    hook["id_value"] = id;
  }
  nlohmann::ordered_json start = nlohmann::ordered_json::object();
  start["@message"] = addr.ToString() + ": Refreshing state..." + suffix;
  start["hook"] = hook;
  start["type"] = "refresh_start";
  Message(start);
  nlohmann::ordered_json done = nlohmann::ordered_json::object();
  done["@message"] = addr.ToString() + ": Refresh complete" + suffix;
  done["hook"] = std::move(hook);
  done["type"] = "refresh_complete";
  Message(done);
}

}  // namespace cairn::cli
