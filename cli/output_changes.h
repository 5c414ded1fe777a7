#pragma once
/// The output part of a plan: how each root module output changes from what the state
/// records to what the configuration now gives, and Terraform's "Changes to Outputs:" text.

#include <map>
#include <string>
#include <vector>

#include "lang/base/value.h"
#include "planner/values/module_values.h"
#include "state/state.h"

namespace cairn::cli {

enum class ChangeAction { kNoOp, kCreate, kUpdate, kDelete };

/// One output's change. `before`/`after` are unmarked; null when absent.
struct OutputChange {
  std::string name;
  ChangeAction action = ChangeAction::kNoOp;
  Value before = Value::Null(Type::Dynamic());
  Value after = Value::Null(Type::Dynamic());
  bool before_sensitive = false;
  bool after_sensitive = false;
};

/// Every output of the configuration and of the state, sorted by name, with Terraform's
/// actions: Create (null before, not null after), Delete (not null before, null after or
/// no longer declared), NoOp (raw-equal values and sensitivity), else Update (an unknown
/// value is always an Update).
std::vector<OutputChange> PlanOutputChanges(
    const std::map<std::string, state::OutputState, std::less<>>& before,
    const std::map<std::string, planner::OutputValue, std::less<>>& after);

/// Whether any change is not a NoOp.
bool HasChanges(const std::vector<OutputChange>& changes);

/// Terraform's "Changes to Outputs:" block (starting with "\nChanges to Outputs:\n"): one
/// line per change that is not a NoOp, names padded to the longest name of all outputs (no-ops
/// included), `(sensitive value)`, `(known after apply)`, nested `+`/`-` blocks for created and
/// deleted collections, and for collections changed in place Terraform's nested diff: objects
/// and maps show changed attributes (unchanged ones counted as hidden), lists and tuples the
/// elements around a change (common subsequence kept, removed and added elements paired as
/// changed ones, as Terraform's ProcessSlice). "" when nothing changes.
std::string RenderOutputChanges(const std::vector<OutputChange>& changes);

}  // namespace cairn::cli
