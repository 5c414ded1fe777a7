#pragma once
/// `graph`: the configuration's dependency graph in the DOT language, as Terraform 1.11's
/// `terraform graph` prints it.
///
/// The operation graph has Terraform's vertices, named as Terraform names them:
/// `var.x` (root variables), `module.m.var.x (expand)`, `local.x (expand)`,
/// `output.x (expand)`, `type.name (expand)`, `data.type.name (expand)`,
/// `module.m (expand)` and `module.m (close)` per module call, `provider["source"]` and
/// `provider["source"] (close)` per provider, and `root`. Edges ("a depends on b") come from
/// every reference in an expression (a reference to `module.m.out` is to the output, one to
/// `module.m` alone to the module's close vertex), depends_on, a module's contents on its
/// expand vertex, a resource on its provider, a close vertex on everything it closes, and root
/// on every vertex nothing depends on; then the transitive reduction. What Terraform adds and
/// Cairn does not: vertices for provider configuration blocks, check blocks, import/moved/
/// removed blocks and ephemeral resources, and the destroy and apply graphs' per-instance
/// vertices for changes (Cairn's `apply` graph is the configuration's).

#include <string>

#include "lang/base/diagnostic.h"
#include "planner/plan/planner.h"
#include "state/state.h"

namespace cairn::planner {

enum class GraphType {
  kResources,    ///< the default: resources only (Terraform's ResourceGraph)
  kPlan,         ///< -type=plan and plan-refresh-only
  kPlanDestroy,  ///< -type=plan-destroy: the state's objects, destroyed dependents first
  kApply,        ///< -type=apply
};

struct GraphDotResult {
  std::string dot;          ///< empty when `diagnostics` has errors
  Diagnostics diagnostics;  ///< "Cycle: ..." errors (without `draw_cycles`)
};

/// The DOT text of `tree`'s graph (and of `state`'s objects for kPlanDestroy). With
/// `draw_cycles`, a graph with cycles is drawn anyway: no transitive reduction, the edges
/// between vertices of one cycle red (`[color = "red", penwidth = "2.0"]`).
GraphDotResult RenderGraphDot(const ModuleTree& tree, const state::State& state, GraphType type,
                              bool draw_cycles);

}  // namespace cairn::planner
