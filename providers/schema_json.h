#pragma once
/// Provider schemas as JSON, in the layout of `terraform providers schema -json`
/// (format_version "1.0").

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "providers/schema.h"

namespace cairn::providers {

/// One provider's entry of `provider_schemas`: provider, resource_schemas,
/// data_source_schemas and functions, each left out when empty (Go's omitempty).
nlohmann::ordered_json ProviderSchemaJson(const ProviderSchema& schema);

/// The whole document for `schemas` (source address -> schema): compact JSON as
/// Terraform prints it, without a trailing newline.
std::string ProviderSchemasDocument(
    const std::map<std::string, const ProviderSchema*, std::less<>>& schemas);

}  // namespace cairn::providers
