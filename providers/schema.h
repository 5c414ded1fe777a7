#pragma once
/// Provider schemas: what a provider's configuration, resource types and data sources
/// accept and produce (Terraform's configschema). Pure data.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lang/base/type.h"

namespace cairn::providers {

struct Block;

/// One attribute. Exactly one of required/optional/computed-only holds: `required`;
/// `optional` (and maybe `computed`: the provider fills it when the configuration does not);
/// or `computed` alone (set by the provider only).
struct Attribute {
  std::string name;
  Type type;
  std::string description;
  bool required = false;
  bool optional = false;
  bool computed = false;
  /// Shown as "(sensitive value)" and marked sensitive in plans and state.
  bool sensitive = false;
  /// A change of this attribute cannot be made in place (the provider's PlanResourceChange
  /// also reports it in `requires_replace`; this flag documents it in the schema).
  bool requires_replace = false;
};

enum class NestingMode : uint8_t { kSingle, kGroup, kList, kSet, kMap };

struct NestedBlock;

/// A block body: attributes and nested block types, each sorted by name.
struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> blocks;
  std::string description;

  const Attribute* FindAttribute(std::string_view name) const;
  const NestedBlock* FindBlock(std::string_view type_name) const;
  /// The object type a body of this block decodes to (configschema's ImpliedType): every
  /// attribute, and every nested block type as an object, a list/set/map of objects.
  Type ImpliedType() const;
};

struct NestedBlock {
  std::string type_name;
  NestingMode nesting = NestingMode::kList;
  Block block;
  int64_t min_items = 0;
  int64_t max_items = 0;  ///< 0: no limit
};

/// A resource type's, data source's or provider configuration's schema.
struct Schema {
  int64_t version = 0;  ///< the state's `schema_version` for resources of this type
  Block block;
};

/// Everything a provider describes (`cairn providers schema -json`).
struct ProviderSchema {
  Schema provider;  ///< the `provider` block's schema
  std::map<std::string, Schema, std::less<>> resource_types;
  std::map<std::string, Schema, std::less<>> data_sources;
};

}  // namespace cairn::providers
