#pragma once
/// The plan as markdown for pull requests (`cairn show -markdown PLANFILE`): a summary table,
/// destroys and replacements first, each resource's diff in a collapsible section.

#include <string>

#include "planner/plan/plan.h"

namespace cairn::planner {

struct MarkdownPlanOptions {
  /// The rendering stays under this many characters; what is cut is said ("… N more changes
  /// not shown: run `cairn show PLANFILE`").
  size_t max_chars = 60000;
};

std::string RenderMarkdownPlan(const Plan& plan, const Schemas& schemas,
                               const MarkdownPlanOptions& o);

}  // namespace cairn::planner
