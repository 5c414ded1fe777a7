#pragma once
/// The order in which apply starts ready work: longest remaining path first, so the chain
/// that bounds the wall time never waits behind work that could run later.

#include <cstdint>
#include <functional>
#include <vector>

#include "planner/graph/dag.h"

namespace cairn::planner::apply {

/// For every node of `dag`, the heaviest path from it through its dependents (the work that
/// cannot start before it finishes), counting `weight(n)` for each node on the path, its
/// own included. `order` is `dag.TopologicalOrder()`. O(V + E).
std::vector<int64_t> RemainingPathWeights(const Dag& dag,
                                          const std::vector<NodeId>& order,
                                          const std::function<int64_t(NodeId)>& weight);

}  // namespace cairn::planner::apply
