#pragma once
/// The human plan: Terraform's text layout byte for byte, with the product name "Cairn"
/// where Terraform says "Terraform" (paragraphs wrapped as Terraform wraps them after that
/// substitution). Rendering never decides anything: everything comes from the Plan.

#include <string>

#include "planner/plan/plan.h"

namespace cairn::planner {

struct HumanPlanOptions {
  bool color = false;  ///< Terraform's colours ([green]+, [yellow]~, [red]-, bold headers)
  /// Show sensitive values instead of "(sensitive value)" (never by default).
  bool show_sensitive = false;
};

/// The drift section ("Note: Objects have changed outside of Cairn" ... "Unless you have
/// made equivalent changes to your configuration, ..."), "" when `plan.drift` is empty or
/// holds nothing worth showing.
std::string RenderDrift(const Plan& plan, const Schemas& schemas, const HumanPlanOptions& o);

/// The whole plan text Terraform's plan renderer prints: the drift section (RenderDrift) and,
/// after it, a horizontal rule; then the changes: the symbol legend ("Cairn used the
/// selected providers to generate the following execution plan. Resource actions are
/// indicated with the following symbols:"),
/// "Cairn will perform the following actions:", one block per change that is not a no-op
/// (`# addr will be created`, reason lines, `+ resource "type" "name" {` with nested
/// attribute diffs, `# forces replacement`, `(known after apply)`, `(sensitive value)`,
/// hidden unchanged attributes counted), "Plan: X to add, Y to change, Z to destroy." and
/// "Changes to Outputs:". For a plan without resource changes but with output changes: just
/// "Changes to Outputs:" and Terraform's "You can apply this plan to save these new output
/// values..." paragraph; with no change at all: the "No changes." paragraph of the plan's
/// mode. Starts with "\n" as Terraform's output does. Changes are listed by address text, as
/// Terraform's JSON plan orders them.
std::string RenderHumanPlan(const Plan& plan, const Schemas& schemas, const HumanPlanOptions& o);

/// Terraform's "Changes to Outputs:" block for `changes` ("" when all are no-ops).
std::string RenderOutputChanges(const std::vector<OutputChange>& changes,
                                const HumanPlanOptions& o);

}  // namespace cairn::planner
