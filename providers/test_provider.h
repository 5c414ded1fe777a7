#pragma once
/// A provider for Cairn's own tests (source "cairn.dev/test/test", local name "test"): one
/// managed resource type with the attribute kinds the planner must handle, and one data
/// source. Everything it computes is deterministic, so tests can assert exact plans and states.
///
/// `test_object`:
///   name            required string; a change requires replacement
///   size            optional number; ValidateResourceConfig rejects a negative size
///   tags            optional map(string)
///   secret          optional string, sensitive
///   id              computed string: unknown when planned for a new object, "test-" + name
///                   after apply
///   computed_value  computed string: unknown when planned for a new object, "computed-" +
///                   name after apply
///   rule            nested blocks (list nesting) with `port` (optional number) and `protocol`
///                   (optional string)
/// `test_echo` (data source): `input` (optional, any type) is returned as `output`; the
///   input "error" makes the read fail ("Failed to read test_echo").
///
/// Provider configuration: `label` (optional string). A configured label prefixes the
/// computed_value of the objects it creates ("LABEL:computed-NAME"), and only a configuration
/// with the same label deletes them ("Wrong provider configuration" otherwise); the label
/// "invalid" is a configuration error ("Invalid provider configuration").
///
/// Tests can make the remote objects drift: ReadResource returns what SetRemoteObject stored
/// for an id (null: the object was deleted outside Cairn), and the prior state otherwise.

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "providers/provider.h"

namespace cairn::providers {

inline constexpr std::string_view kTestProviderSource = "cairn.dev/test/test";

class TestProvider final : public Provider {
 public:
  TestProvider();

  const ProviderSchema& GetProviderSchema() override;
  Diagnostics ValidateResourceConfig(const ValidateResourceConfigRequest& request) override;
  Diagnostics ConfigureProvider(const ConfigureProviderRequest& request) override;
  PlanResourceChangeResponse PlanResourceChange(const PlanResourceChangeRequest& request) override;
  ApplyResourceChangeResponse ApplyResourceChange(
      const ApplyResourceChangeRequest& request) override;
  ReadResourceResponse ReadResource(const ReadResourceRequest& request) override;
  ImportResourceStateResponse ImportResourceState(
      const ImportResourceStateRequest& request) override;
  ReadDataSourceResponse ReadDataSource(const ReadDataSourceRequest& request) override;
  UpgradeResourceStateResponse UpgradeResourceState(
      const UpgradeResourceStateRequest& request) override;
  void Stop() override;

  /// What ReadResource returns from now on for the test_object whose id is `id`: an object
  /// of test_object's implied type, or a null to say it was deleted outside Cairn.
  void SetRemoteObject(const std::string& id, Value object);
  /// The label ConfigureProvider was last given ("" when none).
  std::string label();
  /// Whether Stop() was called.
  bool stopped() const { return stopped_.load(); }
  /// Number of ApplyResourceChange calls so far (all threads).
  int apply_count() const { return apply_count_.load(); }

 private:
  std::mutex mu_;
  std::map<std::string, Value, std::less<>> remote_objects_;  // guarded by mu_
  std::string label_;                                          // guarded by mu_
  std::atomic<bool> stopped_{false};
  std::atomic<int> apply_count_{0};
};

/// The schema TestProvider describes (built once, shared).
const ProviderSchema& TestProviderSchema();

}  // namespace cairn::providers
