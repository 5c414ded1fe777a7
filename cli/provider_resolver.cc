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

}  // namespace

providers::Provider* InstalledProviderResolver::Resolve(std::string_view source) {
  auto it = providers_.find(source);
  if (it != providers_.end()) return it->second.provider.get();
  Entry entry;
  plugin::PluginSearchDirs dirs = plugin::DefaultPluginSearchDirs(".");
  std::string executable = plugin::PluginExecutableName(source);
  plugin::PluginSearchDirs local_only;
  local_only.configuration = dirs.configuration;
  if (auto found = plugin::FindPlugin(executable, local_only)) {
    entry.provider = StartPlugin(*found, source);
    entry.origin = found->executable.string();
  } else if (std::string_view canonical = providers::CanonicalBuiltinSource(source);
             !canonical.empty()) {
    entry.provider = providers::MakeBuiltinProvider(canonical);
    entry.origin = "built-in";
  } else if (auto found = plugin::FindPlugin(executable, dirs)) {
    entry.provider = StartPlugin(*found, source);
    entry.origin = found->executable.string();
  }
  return providers_.emplace(std::string(source), std::move(entry)).first->second.provider.get();
}

std::string InstalledProviderResolver::Origin(std::string_view source) const {
  auto it = providers_.find(source);
  return it == providers_.end() ? "" : it->second.origin;
}

std::unique_ptr<providers::Provider> BuiltinProviderResolver::Instantiate(
    std::string_view source) {
  std::string_view canonical = providers::CanonicalBuiltinSource(source);
  return canonical.empty() ? nullptr : providers::MakeBuiltinProvider(canonical);
}

}  // namespace cairn::cli
