#pragma once
/// Machine-readable plans: `show -json PLANFILE` (Terraform's JSON plan format 1.2) and the
/// `plan -json` UI stream's planned_change/change_summary/resource_drift/outputs messages.
/// Sensitive values are redacted unless `show_sensitive` (Terraform puts them in clear text;
/// plan JSON ends up in pull requests): a known, non-null value marked sensitive (by the plan's
/// marks, the schema, the state's sensitive_attributes or an output's sensitive flag) is
/// written as the string "(sensitive value)", whatever its type, so consumers that display
/// values show what Terraform's human plan shows; nulls stay null and unknowns stay omitted.
/// before_sensitive/after_sensitive/sensitive_values are exactly Terraform's, so policy tools
/// that honour them know which positions hold the placeholder. Numbers that do not fit a
/// 64-bit integer are written as doubles (nlohmann::ordered_json holds no decimal text).

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lang/config/module.h"
#include "planner/plan/plan.h"

namespace cairn::planner {

struct JsonPlanOptions {
  bool show_sensitive = false;
  std::string terraform_version = "1.11.0";  ///< the `terraform_version` field
};

/// The configuration tree as `show -json`'s `configuration` describes it (root module and
/// its module calls with their loaded modules).
struct ConfigView {
  const config::Module* module = nullptr;
  std::map<std::string, ConfigView, std::less<>> children;  ///< by module call name
};

/// Terraform's JSON plan document (format_version "1.2"): format_version, terraform_version,
/// variables, planned_values, resource_drift, resource_changes, output_changes, prior_state,
/// configuration, relevant_attributes, checks (when any), timestamp, applyable, complete,
/// errored. Keys in Terraform's order.
nlohmann::ordered_json RenderJsonPlan(const Plan& plan, const Schemas& schemas,
                                      const ConfigView& config, const JsonPlanOptions& o);

/// The `plan -json` messages after "version" and before the final diagnostics: one
/// "planned_change" per change that is not a no-op, "resource_drift" messages, one
/// "change_summary", one "outputs" message. Each is an object without the "@timestamp",
/// "@level" and "@module" keys (the CLI's stream writer adds those).
std::vector<nlohmann::ordered_json> RenderJsonPlanMessages(const Plan& plan,
                                                          const JsonPlanOptions& o);

}  // namespace cairn::planner
