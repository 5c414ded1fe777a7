#pragma once
/// Where plugin executables are found (docs/PROVIDER_PROTOCOL.md, "Discovery"): a provider
/// whose source address ends in NAME ("example.com/acme/NAME") is served by an executable
/// file named `cairn-provider-NAME`, looked for in this order:
///   1. the configuration's `.cairn/plugins/` directory,
///   2. the user's plugin directory: `$CAIRN_PLUGIN_DIR` when set, else `~/.cairn/plugins`,
///   3. each directory of `$PATH`.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::providers::plugin {

/// The executable name for a source address: "cairn-provider-" + its last component
/// ("cairn.dev/test/test" -> "cairn-provider-test"); empty when the last component is empty.
std::string PluginExecutableName(std::string_view source);

enum class PluginLocation : uint8_t { kConfiguration, kUser, kPath };

struct PluginSearchDirs {
  std::filesystem::path configuration;  ///< <configuration>/.cairn/plugins
  std::filesystem::path user;           ///< may be empty
  std::vector<std::filesystem::path> path;
};

/// The directories for a configuration in `config_dir`, from this process's environment
/// (CAIRN_PLUGIN_DIR, HOME, PATH).
PluginSearchDirs DefaultPluginSearchDirs(const std::filesystem::path& config_dir);

struct FoundPlugin {
  std::filesystem::path executable;
  PluginLocation location = PluginLocation::kPath;
};

/// The first executable regular file (or symlink to one) named `executable_name` in
/// `dirs`, or nothing.
std::optional<FoundPlugin> FindPlugin(std::string_view executable_name,
                                      const PluginSearchDirs& dirs);

}  // namespace cairn::providers::plugin
