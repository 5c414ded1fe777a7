#pragma once
/// A whole configuration: the root module and, recursively, the modules it calls from local
/// paths (Terraform's configs.Config, built by its config loader after `init`).

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/config/module.h"

namespace cairn::config {

struct Config {
  /// The module address relative to the root: "" for the root, "a.g" for module "g" called by
  /// module "a".
  std::string path;
  Module module;
  /// The modules this one calls from local sources, by call name.
  std::vector<std::unique_ptr<Config>> children;
  /// Call names whose source is not a local path (registry, git, ...): not loaded.
  std::vector<std::string> remote_calls;
};

struct ConfigResult {
  Config root;
  Diagnostics diagnostics;
};

/// Loads the root module in `dir`; if it has no errors, loads every module it calls from a
/// local path (`./x`, `../x`), depth first in call-name order, as Terraform does once modules
/// are installed. Each call loads its directory again (so a module called twice reports its
/// problems twice, like Terraform). Modules from other sources are not fetched: they are listed
/// in `remote_calls` and not checked. A module directory that calls itself (directly or
/// through others) is an error.
ConfigResult LoadConfig(std::string_view dir);

}  // namespace cairn::config
