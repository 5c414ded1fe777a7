#include "cli/provider_resolver.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <mutex>

#include "providers/builtin.h"
#include "providers/plugin/discovery.h"
#include "providers/plugin/plugin_provider.h"

namespace cairn::cli {
namespace {

namespace plugin = providers::plugin;

std::unique_ptr<providers::Provider> StartPlugin(const plugin::FoundPlugin& found,
                                                 std::string_view source) {
  plugin::PluginOptions options;
  options.executable = found.executable.string();
  options.source = std::string(source);
  if (const char* t = std::getenv("CAIRN_PLUGIN_TIMEOUT"); t && *t) {
    char* end = nullptr;
    long seconds = std::strtol(t, &end, 10);
    if (end && *end == '\0' && seconds > 0) options.call_timeout = std::chrono::seconds(seconds);
  }
  if (const char* log = std::getenv("CAIRN_LOG"); log && *log) {
    std::string name = found.executable.filename().string();
    options.log = [name](std::string_view line) {
      static std::mutex mu;
      std::lock_guard<std::mutex> lock(mu);
      std::cerr << "[" << name << "] " << line << "\n";
    };
  }
  return std::make_unique<plugin::PluginProvider>(std::move(options));
}

/// A new provider for `source` found in the order the header gives (null: none), and
/// where it came from.
std::unique_ptr<providers::Provider> Start(std::string_view source, std::string* origin) {
  plugin::PluginSearchDirs dirs = plugin::DefaultPluginSearchDirs(".");
  std::string executable = plugin::PluginExecutableName(source);
  plugin::PluginSearchDirs local_only;
  local_only.configuration = dirs.configuration;
  if (auto found = plugin::FindPlugin(executable, local_only)) {
    *origin = found->executable.string();
    return StartPlugin(*found, source);
  }
  if (std::string_view canonical = providers::CanonicalBuiltinSource(source);
      !canonical.empty()) {
    *origin = "built-in";
    return providers::MakeBuiltinProvider(canonical);
  }
  if (auto found = plugin::FindPlugin(executable, dirs)) {
    *origin = found->executable.string();
    return StartPlugin(*found, source);
  }
  return nullptr;
}

}  // namespace

providers::Provider* InstalledProviderResolver::Resolve(std::string_view source) {
  auto it = providers_.find(source);
  if (it != providers_.end()) return it->second.provider.get();
  Entry entry;
  entry.provider = Start(source, &entry.origin);
  return providers_.emplace(std::string(source), std::move(entry)).first->second.provider.get();
}

/// One more instance (another plugin process), for another provider configuration.
std::unique_ptr<providers::Provider> InstalledProviderResolver::Instantiate(
    std::string_view source) {
  std::string origin;
  return Start(source, &origin);
}

std::string InstalledProviderResolver::Origin(std::string_view source) const {
  auto it = providers_.find(source);
  return it == providers_.end() ? "" : it->second.origin;
}

}  // namespace cairn::cli
