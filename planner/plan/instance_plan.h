#pragma once
/// Planning one managed resource instance: prior object + configuration + provider ->
/// ResourceInstanceChange, with Terraform's rules for replacement (requires_replace,
/// tainted, -replace, replace_triggered_by), create_before_destroy and ignore_changes.

#include <optional>
#include <string>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "planner/plan/plan.h"
#include "providers/provider.h"

namespace cairn::planner {

struct InstancePlanRequest {
  addrs::AbsResourceInstance addr;
  std::string provider_addr;  ///< as the state spells it
  providers::Provider* provider = nullptr;
  const providers::Schema* schema = nullptr;
  /// The current object (marked sensitive as recorded), or null when there is none.
  Value prior;
  std::string prior_private;
  bool prior_tainted = false;
  /// The configuration decoded with the schema (marks from sensitive values kept).
  Value config;
  bool create_before_destroy = false;
  bool force_replace = false;   ///< -replace named this instance
  bool triggered = false;       ///< replace_triggered_by fired
  bool ignore_all = false;      ///< ignore_changes = all
  std::vector<ValuePath> ignore_changes;
  Range range;  ///< the resource block, for provider errors
};

struct InstancePlanResult {
  ResourceInstanceChange change;
  Diagnostics diagnostics;
};

InstancePlanResult PlanManagedInstance(const InstancePlanRequest& request);

/// Provider diagnostics (no ranges) attributed to a resource, as Terraform words them.
void AddProviderDiagnostics(const Diagnostics& from, const Range& range, Diagnostics& to);

}  // namespace cairn::planner
