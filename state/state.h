#pragma once
/// The state: what Cairn last recorded about a working directory's infrastructure, in
/// Terraform's v4 state file layout. Pure data; reading and writing live in statefile.h,
/// storage and locking behind StateStore (store.h).

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/value.h"

namespace cairn::state {

/// The Terraform release whose state format Cairn writes; used as `terraform_version` of a
/// state Cairn creates (a state read from a file keeps the version it was written with).
inline constexpr const char* kTerraformCompatVersion = "1.11.0";

/// A root module output recorded in the state. Its type is `value.type()`.
struct OutputState {
  Value value;  ///< unmarked; `sensitive` says whether it may be shown
  bool sensitive = false;
};

/// An immutable JSON text that copies share: the plan holds the state as read and as
/// refreshed, so each object's text is kept once, not once per copy. Reads like a
/// `const std::string&`.
class JsonText {
 public:
  JsonText() : text_(Shared("")) {}
  JsonText(std::string text) : text_(Shared(std::move(text))) {}  // NOLINT: implicit
  JsonText(const char* text) : JsonText(std::string(text)) {}     // NOLINT: implicit

  const std::string& str() const { return *text_; }
  operator const std::string&() const { return *text_; }  // NOLINT: implicit
  operator std::string_view() const { return *text_; }    // NOLINT: implicit
  bool empty() const { return text_->empty(); }
  size_t size() const { return text_->size(); }
  size_t find(std::string_view s, size_t pos = 0) const { return text_->find(s, pos); }
  size_t find(char c, size_t pos = 0) const { return text_->find(c, pos); }

  friend bool operator==(const JsonText& a, const JsonText& b) {
    return a.text_ == b.text_ || *a.text_ == *b.text_;
  }
  friend bool operator==(const JsonText& a, std::string_view b) { return *a.text_ == b; }
  friend bool operator==(const JsonText& a, const char* b) { return *a.text_ == b; }
  friend std::ostream& operator<<(std::ostream& os, const JsonText& t);

 private:
  /// The texts most objects have ("", "{}", "[]") are allocated once for all.
  static std::shared_ptr<const std::string> Shared(std::string text);
  std::shared_ptr<const std::string> text_;
};

/// One object of a resource instance (the current one or a deposed one), as the v4 file
/// keeps it. Invariant: `attributes_json` is a compact JSON object text (Terraform's
/// `attributes`; the planner decodes it with the resource type's schema, so a state of a
/// million instances stays a million short strings, never a JSON DOM).
struct ObjectState {
  enum class Status : uint8_t { kReady, kTainted };
  Status status = Status::kReady;
  uint64_t schema_version = 0;
  JsonText attributes_json = "{}";
  /// Terraform's `sensitive_attributes`, compact JSON (an array of paths, each an array of
  /// `{"type":"get_attr","value":"x"}` / `{"type":"index","value":{"value":0,"type":"number"}}`
  /// steps).
  JsonText sensitive_attributes_json = "[]";
  std::string private_data;  ///< `private` (base64 text), "" when absent
  /// Direct dependencies only (resource addresses, `module.a.type.name`), sorted.
  std::vector<std::string> dependencies;
  bool create_before_destroy = false;
  /// Non-empty: the object is only *possibly created*. An apply died while its provider was
  /// creating it; this is the create's idempotency token (its journal intent id), and the
  /// attributes are the planned ones with unknown values null. The next plan asks the
  /// provider to find the object by the token: adopted when found, created again when not.
  /// The file keeps it as `cairn_idempotency_token` beside `"status": "tainted"` (so a
  /// Terraform reading the file replaces the object rather than trusting it).
  std::string idempotency_token;

  /// The `id` attribute's string ("" when there is none or it is not a string), read from
  /// `attributes_json` without decoding the rest.
  std::string Id() const;

  friend bool operator==(const ObjectState&, const ObjectState&) = default;
};

/// One instance of a resource: its current object (absent when only deposed objects remain)
/// and deposed objects by deposed key (8 hex digits, as Terraform's).
struct InstanceState {
  addrs::InstanceKey key;
  std::optional<ObjectState> current;
  std::map<std::string, ObjectState> deposed;

  friend bool operator==(const InstanceState&, const InstanceState&) = default;
};

/// One resource (`resources[]` entry). Invariant: `instances` are sorted by key.
struct ResourceState {
  addrs::AbsResource addr;
  /// Terraform's `each`: "" (no count/for_each), "list" (count) or "map" (for_each).
  std::string each;
  /// The provider configuration, as the file writes it:
  /// `provider["registry.terraform.io/hashicorp/aws"].alias` / `module.m.provider[...]`.
  std::string provider;
  std::vector<InstanceState> instances;

  const InstanceState* Find(const addrs::InstanceKey& key) const;
  friend bool operator==(const ResourceState&, const ResourceState&) = default;
};

/// A state snapshot. Invariant: `resources` are sorted by address (module path, mode, type,
/// name) with no two entries for one address; `check_results_json` is a compact JSON text
/// (an array or `null`), kept as read until check blocks write it.
struct State {
  std::string terraform_version = kTerraformCompatVersion;
  /// The Cairn version that last wrote the file ("" when Terraform wrote it).
  std::string cairn_version;
  uint64_t serial = 0;
  std::string lineage;  ///< "" until the first write assigns a random UUID
  std::map<std::string, OutputState, std::less<>> outputs;
  std::vector<ResourceState> resources;
  std::string check_results_json = "null";

  /// The resource at `addr`, or null (binary search: O(log n)).
  const ResourceState* FindResource(const addrs::AbsResource& addr) const;
  ResourceState* FindResource(const addrs::AbsResource& addr);
  /// The current object of `addr`, or null.
  const ObjectState* FindCurrent(const addrs::AbsResourceInstance& addr) const;
  /// Puts `object` as the current object of `addr` (nullopt removes it; an instance left
  /// without objects, and a resource left without instances, is removed), keeping the
  /// invariants. `provider` and `each` are set on a resource this creates.
  void SetCurrent(const addrs::AbsResourceInstance& addr, std::optional<ObjectState> object,
                  const std::string& provider, const std::string& each);
  /// Puts `object` as the deposed object `deposed_key` of `addr` (nullopt removes it), with
  /// SetCurrent's invariants.
  void SetDeposed(const addrs::AbsResourceInstance& addr, const std::string& deposed_key,
                  std::optional<ObjectState> object, const std::string& provider,
                  const std::string& each);
  /// Number of current objects over all resources.
  size_t InstanceCount() const;
};

/// Whether two states record the same outputs, resources and check results (Terraform's
/// StatesMarshalEqual: serial, lineage and versions are not compared).
bool SameContent(const State& a, const State& b);

}  // namespace cairn::state
