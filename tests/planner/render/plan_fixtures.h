#pragma once
/// Plans built by hand to match the scenarios under tests/planner/render/scenarios (what
/// Terraform planned for them: testdata/*.show.json), shared by the renderer tests.

#include "planner/plan/plan.h"

namespace cairn::planner::render_test {

/// The schema of terraform_data (id, input, output, triggers_replace) under
/// "terraform.io/builtin/terraform".
Schemas TerraformSchemas();

/// scenarios/create planned against an empty state.
Plan CreatePlan();

/// scenarios/change_after planned against the state scenarios/change_before left.
Plan ChangePlan();

/// scenarios/reasons after `terraform taint terraform_data.tainted`, planned with
/// -replace=terraform_data.requested.
Plan ReasonsPlan();

/// scenarios/change_before planned with -destroy against the state it left.
Plan DestroyPlan();

}  // namespace cairn::planner::render_test
