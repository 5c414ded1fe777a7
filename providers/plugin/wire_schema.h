#pragma once
/// Provider schemas on the wire: the layout of one provider's entry in `terraform providers
/// schema -json` (provider, resource_schemas, data_source_schemas, functions), plus two
/// fields Terraform's JSON lacks: `"requires_replace": true` on an attribute and
/// `"allow_unknown_values": true` on a function parameter.

#include <string>
#include <string_view>

#include "providers/schema.h"

namespace cairn::providers::plugin {

/// `schema` as compact JSON text.
std::string EncodeWireSchema(const ProviderSchema& schema);

struct WireSchemaResult {
  ProviderSchema schema;
  std::string error;  ///< where and what, e.g. "resource_schemas.x.block.attributes.a: ..."
  bool ok() const { return error.empty(); }
};

/// The schema JSON text `text` describes (EncodeWireSchema's inverse). Attributes and nested
/// block types come out sorted by name.
WireSchemaResult DecodeWireSchema(std::string_view text);

}  // namespace cairn::providers::plugin
