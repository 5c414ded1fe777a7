#pragma once
/// The providers compiled into Cairn, by source address. The planner's ProviderResolver asks
/// here first; everything else needs a plugin (#5).

#include <memory>
#include <string_view>
#include <vector>

#include "providers/provider.h"

namespace cairn::providers {

/// The canonical source addresses of the built-in providers, sorted
/// ("terraform.io/builtin/terraform").
const std::vector<std::string_view>& BuiltinProviderSources();

/// The canonical source address for `source` when it names a built-in provider (the full
/// address, or the short "terraform" as Terraform's required_providers accepts it), else
/// an empty view.
std::string_view CanonicalBuiltinSource(std::string_view source);

/// A new instance of the built-in provider `source` names (see CanonicalBuiltinSource), or
/// null when no built-in provider has that source.
std::unique_ptr<Provider> MakeBuiltinProvider(std::string_view source);

}  // namespace cairn::providers
