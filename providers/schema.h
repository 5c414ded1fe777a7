#pragma once
/// Provider schemas: what a provider's configuration, resource types and data sources
/// accept and produce (Terraform's configschema). Pure data.

#include <atomic>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lang/base/type.h"

namespace cairn::providers {

struct Block;

/// How a description is written (Terraform's configschema.StringKind): shown as
/// `description_kind` "plain" or "markdown" in `providers schema -json`.
enum class StringKind : uint8_t { kPlain, kMarkdown };

/// One attribute. Exactly one of required/optional/computed-only holds: `required`;
/// `optional` (and maybe `computed`: the provider fills it when the configuration does not);
/// or `computed` alone (set by the provider only).
struct Attribute {
  std::string name;
  Type type;
  std::string description;
  StringKind description_kind = StringKind::kPlain;
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
/// A value computed once on first use and kept (thread-safe); copying or assigning the owner
/// starts afresh, so a copy never carries a value computed from other contents.
class LazyType {
 public:
  LazyType() = default;
  LazyType(const LazyType&) {}
  LazyType& operator=(const LazyType&) {
    delete cached_.exchange(nullptr);
    return *this;
  }
  ~LazyType() { delete cached_.load(); }
  template <class Compute>
  const Type& Get(Compute compute) const {
    if (const Type* t = cached_.load(std::memory_order_acquire)) return *t;
    auto* fresh = new Type(compute());
    const Type* expected = nullptr;
    if (cached_.compare_exchange_strong(expected, fresh, std::memory_order_acq_rel)) return *fresh;
    delete fresh;  // another thread computed it first
    return *expected;
  }

 private:
  mutable std::atomic<const Type*> cached_{nullptr};
};

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> blocks;
  std::string description;
  StringKind description_kind = StringKind::kPlain;
  /// ImpliedType() computed once. Invariant: a Block is not modified after ImpliedType() is
  /// first called (schemas are built, then only read).
  LazyType implied_type_cache;

  const Attribute* FindAttribute(std::string_view name) const;
  const NestedBlock* FindBlock(std::string_view type_name) const;
  /// The object type a body of this block decodes to (configschema's ImpliedType): every
  /// attribute, and every nested block type as an object, a list/set/map of objects.
  const Type& ImpliedType() const;

 private:
  Type ComputeImpliedType() const;
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

/// A parameter of a provider-contributed function.
struct FunctionParameter {
  std::string name;
  Type type;
  std::string description;
  bool allow_null_value = false;
  bool allow_unknown_values = false;
};

/// A function a provider contributes (`provider::NAME::FUNCTION(...)`).
struct FunctionDecl {
  std::vector<FunctionParameter> parameters;
  std::optional<FunctionParameter> variadic_parameter;
  Type return_type;
  std::string summary;
  std::string description;
  StringKind description_kind = StringKind::kPlain;
  std::string deprecation_message;
};

/// Everything a provider describes (`cairn providers schema -json`).
struct ProviderSchema {
  /// The `provider` block's schema. A block without attributes, nested blocks or description
  /// stands for "no configuration schema" (written as `{"version":0}`, as Terraform writes its
  /// built-in provider's).
  Schema provider;
  std::map<std::string, Schema, std::less<>> resource_types;
  std::map<std::string, Schema, std::less<>> data_sources;
  std::map<std::string, FunctionDecl, std::less<>> functions;
};

}  // namespace cairn::providers
