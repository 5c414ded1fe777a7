#pragma once
/// Addresses of modules, resources and resource instances, in Terraform's syntax:
/// `type.name`, `type.name[0]`, `type.name["key"]`, `data.type.name`,
/// `module.a.module.b["x"].type.name[...]`. Base types: the planner, the state, `-target`,
/// `-replace`, `state` commands and `moved` blocks all use these.
///
/// Ordering (operator<) is Terraform's: module path first (step by step: name, then key),
/// then mode (managed < data < ephemeral), type, name, key. Keys order: no key first, then
/// integers numerically, then strings byte-wise (so `a[2]` < `a[10]`).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"

namespace cairn::addrs {

/// An instance key: none (no count/for_each), an integer (count) or a string (for_each).
class InstanceKey {
 public:
  InstanceKey() = default;  ///< no key
  static InstanceKey Int(int64_t i) { return InstanceKey(Repr(i)); }
  static InstanceKey String(std::string s) { return InstanceKey(Repr(std::move(s))); }
  /// The key a count index (a whole number) or for_each key (a string) value gives;
  /// nullopt for any other value.
  static std::optional<InstanceKey> FromValue(const Value& v);

  bool none() const { return std::holds_alternative<std::monostate>(repr_); }
  bool is_int() const { return std::holds_alternative<int64_t>(repr_); }
  bool is_string() const { return std::holds_alternative<std::string>(repr_); }
  int64_t int_value() const { return std::get<int64_t>(repr_); }
  const std::string& string_value() const { return std::get<std::string>(repr_); }

  /// "" for no key, "[0]", or `["a\"b"]` (the string quoted as Terraform's
  /// addrs.StringKey.String quotes it: hclsyntax-style escapes, `${` as `$${`).
  std::string ToString() const;
  /// The key as a value: a number, a string, or null (no key).
  Value AsValue() const;

  friend bool operator==(const InstanceKey&, const InstanceKey&) = default;
  friend std::strong_ordering operator<=>(const InstanceKey& a, const InstanceKey& b);

 private:
  using Repr = std::variant<std::monostate, int64_t, std::string>;
  explicit InstanceKey(Repr r) : repr_(std::move(r)) {}
  Repr repr_;
};

/// One `module.NAME[KEY]` step of a module instance path.
struct ModuleInstanceStep {
  std::string name;
  InstanceKey key;
  friend bool operator==(const ModuleInstanceStep&, const ModuleInstanceStep&) = default;
  friend std::strong_ordering operator<=>(const ModuleInstanceStep& a,
                                          const ModuleInstanceStep& b);
};

/// A module instance: the root module is the empty path.
using ModuleInstance = std::vector<ModuleInstanceStep>;

/// `module.a[0].module.b` ("" for the root module).
std::string ToString(const ModuleInstance& module);

enum class ResourceMode : uint8_t { kManaged, kData, kEphemeral };

/// A resource within a module: `type.name`, `data.type.name` or `ephemeral.type.name`.
struct Resource {
  ResourceMode mode = ResourceMode::kManaged;
  std::string type;
  std::string name;

  std::string ToString() const;
  friend bool operator==(const Resource&, const Resource&) = default;
  friend std::strong_ordering operator<=>(const Resource& a, const Resource& b);
};

/// A resource in a module instance: `module.a.type.name`.
struct AbsResource {
  ModuleInstance module;
  Resource resource;

  std::string ToString() const;
  friend bool operator==(const AbsResource&, const AbsResource&) = default;
  friend std::strong_ordering operator<=>(const AbsResource& a, const AbsResource& b);
};

/// A resource instance: `module.a.type.name[0]`.
struct AbsResourceInstance {
  ModuleInstance module;
  Resource resource;
  InstanceKey key;

  AbsResource ContainingResource() const { return {module, resource}; }
  std::string ToString() const;
  friend bool operator==(const AbsResourceInstance&, const AbsResourceInstance&) = default;
  friend std::strong_ordering operator<=>(const AbsResourceInstance& a,
                                          const AbsResourceInstance& b);
};

/// What `-target`, `-exclude` and `-replace` name: a module instance, a whole resource, or
/// one resource instance.
struct Target {
  enum class Kind : uint8_t { kModule, kResource, kInstance };
  Kind kind = Kind::kModule;
  ModuleInstance module;
  Resource resource;  ///< kResource and kInstance
  InstanceKey key;    ///< kInstance

  std::string ToString() const;
  /// Whether this target selects `addr`, as Terraform's TargetContains: a module target
  /// selects everything in and under that module instance; its LAST step without a key
  /// selects every instance of that module call (`module.a` selects `module.a[0]` and
  /// `module.a["x"]`); a resource target selects all its instances.
  bool Contains(const AbsResourceInstance& addr) const;
  friend bool operator==(const Target&, const Target&) = default;
};

template <typename T>
struct ParseAddrResult {
  std::optional<T> addr;  ///< set when `diagnostics` has no errors
  Diagnostics diagnostics;
};

/// Parses a target address as `-target` takes it (Terraform's addrs.ParseTargetStr over
/// hclsyntax.ParseTraversalAbs), with Terraform's errors: "Invalid address" (details such as
/// "Resource specification must include a resource type and name.", "Invalid resource
/// instance key: value must be a whole number, between ..."), "Invalid address operator"
/// (module steps), and for text that is not a traversal at all, hclsyntax's syntax errors
/// ("Attribute name required", "Index value required", "Invalid character"...). Terraform's
/// plan shows each as `Invalid target "TEXT"` with the detail (`Invalid force-replace address`
/// for -replace); `terraform import` shows summary and detail. Diagnostic ranges are in a
/// pseudo-file named `filename` (Terraform uses "" for command-line flags and
/// "<import-address>" for import), line 1, with the byte offsets Terraform underlines.
ParseAddrResult<Target> ParseTarget(std::string_view text, std::string_view filename = "");

/// Parses an address that must name one resource instance (`-replace`, `state show`,
/// `state mv`, `import`, `taint`): Terraform's addrs.ParseAbsResourceInstanceStr errors,
/// e.g. "A resource instance address is required here. The module path must be followed by a
/// resource instance specification." for a module-only address.
ParseAddrResult<AbsResourceInstance> ParseAbsResourceInstance(std::string_view text,
                                                              std::string_view filename = "");

/// Parses a resource address (no instance key), as Terraform's addrs.ParseAbsResourceStr
/// (the state file's `dependencies`): "A resource address is required. This instance key
/// identifies a specific resource instance, which is not expected here." for a key.
ParseAddrResult<AbsResource> ParseAbsResource(std::string_view text,
                                              std::string_view filename = "");

/// Parses a module instance path (`module.a[0].module.b`; "" is the root module), with
/// Terraform's addrs.ParseModuleInstanceStr errors ("Invalid module instance address").
ParseAddrResult<ModuleInstance> ParseModuleInstance(std::string_view text,
                                                    std::string_view filename = "");

}  // namespace cairn::addrs
