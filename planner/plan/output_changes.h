#pragma once
/// How each root module output changes from what the state records to what the
/// configuration now gives.

#include <map>
#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/values/module_values.h"
#include "state/state.h"

namespace cairn::planner {

/// Every output of the configuration and of the state, sorted by name, with Terraform's
/// actions: kCreate (null before, not null after), kDelete (not null before, null after or
/// no longer declared), kNoOp (raw-equal values and sensitivity), else kUpdate (an unknown
/// value is always an update).
std::vector<OutputChange> PlanOutputChanges(
    const std::map<std::string, state::OutputState, std::less<>>& before,
    const std::map<std::string, OutputValue, std::less<>>& after);

}  // namespace cairn::planner
