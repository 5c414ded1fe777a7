#pragma once
/// Saved plans (`plan -out=FILE`, `apply FILE`, `show FILE`): one file holding the whole Plan,
/// the configuration's content hash, and the lineage and serial of the state it was made
/// against. Applying refuses a stale plan ("Saved plan is stale").

#include <optional>
#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "planner/plan/plan.h"

namespace cairn::planner {

struct SavedPlan {
  Plan plan;
  /// SHA-256 (hex) over the configuration files' names and contents (ConfigHash).
  std::string config_hash;
  /// The lineage and serial of the state the plan was made against (the prior state's).
  std::string state_lineage;
  uint64_t state_serial = 0;
};

/// The bytes of a saved plan file: a versioned format that keeps every Value exactly
/// (types, unknowns, nulls, sensitive marks at any depth). Written with
/// WriteFileAtomically by the caller.
std::string EncodePlanFile(const SavedPlan& saved);

struct DecodePlanFileResult {
  std::optional<SavedPlan> saved;
  Diagnostics diagnostics;  ///< "Failed to read plan from plan file" with the reason
};

DecodePlanFileResult DecodePlanFile(std::string_view bytes);

/// SHA-256 over the sorted (relative path, contents) pairs of every configuration file of
/// the module tree rooted at `root_dir` (*.tf, *.tf.json, *.cairn, and those of local
/// module sources); the plan's own `variables` cover the inputs.
std::string ConfigHash(std::string_view root_dir);

/// Terraform-style error when `saved` no longer matches: "Saved plan is stale" with the detail
/// saying whether the state (lineage/serial) or the configuration (hash) changed.
Diagnostics CheckStale(const SavedPlan& saved, const std::string& config_hash,
                       const state::State& current);

}  // namespace cairn::planner
