#pragma once
/// Where `plan` and `apply` get providers: built-in ones (providers/builtin.h) and plugin
/// executables (providers/plugin, docs/PROVIDER_PROTOCOL.md "Discovery").
///
/// Order for a source address whose last component is NAME:
///   1. `cairn-provider-NAME` in the configuration's `.cairn/plugins/` (the current
///      directory's): a plugin placed there on purpose wins, even over a built-in provider;
///   2. the built-in provider of that source;
///   3. `cairn-provider-NAME` in the user's plugin directory ($CAIRN_PLUGIN_DIR, else
///      ~/.cairn/plugins), then on $PATH.
/// Plugins run with a per-call timeout of $CAIRN_PLUGIN_TIMEOUT seconds (default 300); their
/// stderr goes to Cairn's stderr, prefixed with the plugin's name, when $CAIRN_LOG is set
/// (and is kept for error messages otherwise).

#include <map>
#include <memory>
#include <string>

#include "planner/plan/planner.h"

namespace cairn::cli {

/// Resolves sources to providers, one instance (one plugin process) per source for the
/// command's life.
class InstalledProviderResolver : public planner::ProviderResolver {
 public:
  providers::Provider* Resolve(std::string_view source) override;
  std::unique_ptr<providers::Provider> Instantiate(std::string_view source) override;

  /// Where the provider of `source` came from after Resolve: "built-in", the plugin's path,
  /// or "" when it was not resolved (or not found).
  std::string Origin(std::string_view source) const;

 private:
  struct Entry {
    std::unique_ptr<providers::Provider> provider;
    std::string origin;
  };
  std::map<std::string, Entry, std::less<>> providers_;
};

}  // namespace cairn::cli
