#pragma once
/// Provider source addresses as the configuration and the state name them (what `init` and
/// `providers schema` look for).

#include <string>

#include "lang/config/module.h"

namespace cairn::cli {

/// A provider source address as Terraform normalizes it (tfaddr.ParseProviderSource):
/// `name` and `namespace/name` get the default registry host and namespace; lower case.
std::string NormalizeSource(std::string source);

/// The source address for provider local name `name` in `module`: its required_providers
/// entry's `source`, or the implied one (the built-in provider for "terraform",
/// hashicorp/NAME otherwise). `constraint`, when given, receives the entry's version
/// constraint ("" when none).
std::string SourceFor(const config::Module& module, const std::string& name,
                      std::string* constraint = nullptr);

/// `provider["terraform.io/builtin/terraform"]` (maybe `module.x.` before, `.alias` after),
/// as the state names a resource's provider -> the source address ("" when malformed).
std::string SourceOfStateProvider(const std::string& provider);

}  // namespace cairn::cli
