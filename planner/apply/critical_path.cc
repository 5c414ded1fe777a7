#include "planner/apply/critical_path.h"

#include <algorithm>

namespace cairn::planner::apply {

std::vector<int64_t> RemainingPathWeights(const Dag& dag,
                                          const std::vector<NodeId>& order,
                                          const std::function<int64_t(NodeId)>& weight) {
  std::vector<int64_t> out(dag.size(), 0);
  // Dependents come after their dependencies in `order`: walk it backwards.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    int64_t longest = 0;
    for (NodeId d : dag.DependentsOf(*it)) longest = std::max(longest, out[d]);
    out[*it] = longest + weight(*it);
  }
  return out;
}

}  // namespace cairn::planner::apply
