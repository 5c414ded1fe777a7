#include <nlohmann/json.hpp>

#include "cli/commands.h"

namespace cairn::cli {

int RunVersion(const Args& args, Streams& io) {
  bool json = false;
  for (const auto& a : args) {
    if (a == "-json" || a == "--json") json = true;
  }
  if (json) {
    nlohmann::ordered_json j;
    j["cairn_version"] = CAIRN_VERSION;
    j["platform"] = "linux_amd64";
    j["provider_selections"] = nlohmann::json::object();
    io.out << j.dump(2) << "\n";
    return 0;
  }
  io.out << "Cairn v" << CAIRN_VERSION << "\non linux_amd64\n";
  return 0;
}

}  // namespace cairn::cli
