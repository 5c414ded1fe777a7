#include "providers/plugin/discovery.h"

#include <unistd.h>

#include <cstdlib>

namespace cairn::providers::plugin {
namespace fs = std::filesystem;

std::string PluginExecutableName(std::string_view source) {
  size_t slash = source.rfind('/');
  std::string_view name = slash == std::string_view::npos ? source : source.substr(slash + 1);
  if (name.empty()) return "";
  return "cairn-provider-" + std::string(name);
}

PluginSearchDirs DefaultPluginSearchDirs(const fs::path& config_dir) {
  PluginSearchDirs dirs;
  dirs.configuration = config_dir / ".cairn" / "plugins";
  if (const char* d = std::getenv("CAIRN_PLUGIN_DIR"); d && *d) {
    dirs.user = d;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dirs.user = fs::path(home) / ".cairn" / "plugins";
  }
  if (const char* path = std::getenv("PATH")) {
    std::string_view rest = path;
    while (true) {
      size_t colon = rest.find(':');
      std::string_view dir = rest.substr(0, colon);
      // An empty PATH entry means the current directory, as for execvp.
      dirs.path.emplace_back(dir.empty() ? fs::path(".") : fs::path(dir));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return dirs;
}

namespace {

bool IsExecutableFile(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return false;  // follows symlinks
  return access(p.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<FoundPlugin> FindPlugin(std::string_view executable_name,
                                      const PluginSearchDirs& dirs) {
  if (executable_name.empty()) return std::nullopt;
  auto look = [&](const fs::path& dir, PluginLocation where) -> std::optional<FoundPlugin> {
    if (dir.empty()) return std::nullopt;
    fs::path p = dir / std::string(executable_name);
    if (!IsExecutableFile(p)) return std::nullopt;
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    return FoundPlugin{(ec ? p : abs).lexically_normal(), where};
  };
  if (auto f = look(dirs.configuration, PluginLocation::kConfiguration)) return f;
  if (auto f = look(dirs.user, PluginLocation::kUser)) return f;
  for (const fs::path& d : dirs.path) {
    if (auto f = look(d, PluginLocation::kPath)) return f;
  }
  return std::nullopt;
}

}  // namespace cairn::providers::plugin
