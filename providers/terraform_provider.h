#pragma once
/// The built-in provider "terraform.io/builtin/terraform": the `terraform_data` managed
/// resource and the `terraform_remote_state` data source, behaving as Terraform 1.11's
/// internal/builtin/providers/terraform does.

#include <functional>
#include <string>
#include <string_view>

#include "providers/provider.h"

namespace cairn::providers {

/// The provider's source address.
inline constexpr std::string_view kTerraformProviderSource = "terraform.io/builtin/terraform";

/// A random id as hashicorp/go-uuid's GenerateUUID makes it: 16 random bytes from the
/// operating system as lower-case hex in 8-4-4-4-12 groups (no version or variant bits).
/// Empty when the system has no random source (the caller reports "Error generating id").
std::string GenerateUuid();

/// terraform_data: `input` (optional, any type) is copied to `output` (computed) on apply;
/// `id` is a new random id for each created object; a change of `triggers_replace` replaces
/// the object. Stateless: every method may run on several threads at once.
class TerraformProvider final : public Provider {
 public:
  /// `generate_id` makes the ids of new objects (GenerateUuid when empty; tests pass a
  /// deterministic one). It must be safe to call from several threads at once.
  explicit TerraformProvider(std::function<std::string()> generate_id = {});

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

 private:
  std::function<std::string()> generate_id_;
};

/// The schema TerraformProvider describes (built once, shared).
const ProviderSchema& TerraformProviderSchema();

}  // namespace cairn::providers
