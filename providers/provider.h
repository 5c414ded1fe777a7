#pragma once
/// The provider interface: what the planner and apply ask of a provider. In-process built-in
/// providers (terraform_data) and, with #5, the out-of-process plugin client implement it.
///
/// Values cross this interface as cairn::Value of the schema's implied type. Unknown values
/// mean "known after apply". Marks never cross it: the caller strips sensitive marks before a
/// call and puts them back (from the configuration and the schema) on what comes back.
/// Provider diagnostics have no source ranges; the caller attaches the resource's.
///
/// Thread-safety: after ConfigureProvider returns, every method may be called from several
/// threads at once (refresh and apply run in parallel).

#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/base/value_path.h"
#include "providers/schema.h"

namespace cairn::providers {

struct ValidateResourceConfigRequest {
  std::string type_name;
  Value config;  ///< may contain unknown values
};

struct ConfigureProviderRequest {
  Value config;  ///< the `provider` block's value (null object when there is none)
};

struct PlanResourceChangeRequest {
  std::string type_name;
  /// The current object (null when creating).
  Value prior_state;
  /// The configuration merged with the prior state's computed values (Terraform's
  /// objchange.ProposedNew): what the object becomes if the provider changes nothing.
  Value proposed_new_state;
  Value config;
  std::string prior_private;
};

struct PlanResourceChangeResponse {
  /// The object after apply, unknown where the provider cannot know yet. Null: destroy.
  Value planned_state;
  /// Paths whose change cannot be made in place: a non-empty list with a prior object makes
  /// the change a replacement.
  std::vector<ValuePath> requires_replace;
  std::string planned_private;
  Diagnostics diagnostics;
};

struct ApplyResourceChangeRequest {
  std::string type_name;
  Value prior_state;    ///< null when creating
  Value planned_state;  ///< null when destroying
  Value config;
  std::string planned_private;
  /// A create's idempotency token (the journal's intent record id, #5): a provider that can,
  /// tags the object with it so a create interrupted by a crash can be found again.
  std::string idempotency_token;
};

struct ApplyResourceChangeResponse {
  Value new_state;  ///< wholly known; null after a destroy
  std::string private_data;
  Diagnostics diagnostics;
};

struct ReadResourceRequest {
  std::string type_name;
  Value current_state;
  std::string private_data;
  /// Set only for a possibly-created object (an apply died while creating it; state.h):
  /// `current_state` is what was planned (unknown values null). The provider finds the
  /// object its create tagged with this token and returns it, or null when there is none.
  std::string idempotency_token;
};

struct ReadResourceResponse {
  Value new_state;  ///< null: the object no longer exists
  std::string private_data;
  Diagnostics diagnostics;
};

struct ImportResourceStateRequest {
  std::string type_name;
  std::string id;
};

struct ImportedResource {
  std::string type_name;
  Value state;
  std::string private_data;
};

struct ImportResourceStateResponse {
  std::vector<ImportedResource> imported;
  Diagnostics diagnostics;
};

struct ReadDataSourceRequest {
  std::string type_name;
  Value config;
};

struct ReadDataSourceResponse {
  Value state;
  Diagnostics diagnostics;
};

struct UpgradeResourceStateRequest {
  std::string type_name;
  int64_t version = 0;     ///< the stored object's schema_version
  std::string raw_json;    ///< the stored `attributes` object, as JSON text
};

struct UpgradeResourceStateResponse {
  Value upgraded_state;  ///< of the current schema's implied type
  Diagnostics diagnostics;
};

class Provider {
 public:
  virtual ~Provider() = default;

  virtual const ProviderSchema& GetProviderSchema() = 0;
  virtual Diagnostics ValidateResourceConfig(const ValidateResourceConfigRequest& request) = 0;
  virtual Diagnostics ConfigureProvider(const ConfigureProviderRequest& request) = 0;
  virtual PlanResourceChangeResponse PlanResourceChange(
      const PlanResourceChangeRequest& request) = 0;
  virtual ApplyResourceChangeResponse ApplyResourceChange(
      const ApplyResourceChangeRequest& request) = 0;
  virtual ReadResourceResponse ReadResource(const ReadResourceRequest& request) = 0;
  virtual ImportResourceStateResponse ImportResourceState(
      const ImportResourceStateRequest& request) = 0;
  virtual ReadDataSourceResponse ReadDataSource(const ReadDataSourceRequest& request) = 0;
  virtual UpgradeResourceStateResponse UpgradeResourceState(
      const UpgradeResourceStateRequest& request) = 0;
  /// Asks in-flight operations to stop soon (a second Ctrl-C); returns at once.
  virtual void Stop() = 0;
};

}  // namespace cairn::providers
