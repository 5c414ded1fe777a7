#pragma once
/// Provider configurations: which `provider` block configures the provider of a resource.
/// A resource names a local provider name and an optional alias (`provider = test.foo`, or
/// the type's prefix: `test_object` -> `test`). Terraform's rules: a module's own `provider`
/// block with that name and alias; else what the call passes in `providers = { test =
/// test.foo }`; else (no alias) the parent's default configuration, up to the root, whose
/// default needs no block (an empty configuration). An alias nobody declares or passes is
/// "Provider configuration not present".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/config/module.h"

namespace cairn::planner {

struct ModuleTree;

struct ProviderConfigRef {
  /// The static path (call names) of the module declaring the configuration.
  std::vector<std::string> module;
  std::string local;  ///< local provider name in that module
  std::string alias;  ///< "" for the default configuration
  /// The `provider` block; null for the root's implied empty default configuration.
  const config::ProviderConfig* block = nullptr;

  /// The configuration's address as the state writes it: `provider["SOURCE"]`,
  /// `module.a.provider["SOURCE"].alias`.
  std::string Address(std::string_view source) const;
};

/// The configuration a resource in the module at static `path` ({} for the root) uses when
/// it names provider `local` with `alias` (""); nullopt when none is declared or passed.
std::optional<ProviderConfigRef> ResolveProviderConfig(const ModuleTree& root,
                                                       const std::vector<std::string>& path,
                                                       const std::string& local,
                                                       const std::string& alias);

/// Terraform's warnings about `providers` maps of module calls in `root` and below: a
/// configuration passed under a local name the child module's required_providers does not
/// declare ("Reference to undefined provider").
Diagnostics CheckProvidersMaps(const ModuleTree& root);

}  // namespace cairn::planner
