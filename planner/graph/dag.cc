#include "planner/graph/dag.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace cairn::planner {

void Dag::Finalize() {
  const size_t n = node_count_;
  // Counting sort of the edges by source, then each source's targets sorted and deduplicated.
  std::vector<uint32_t> offsets(n + 1, 0);
  for (const auto& [from, to] : edges_) ++offsets[from + 1];
  for (size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  std::vector<NodeId> targets(edges_.size());
  {
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (const auto& [from, to] : edges_) targets[next[from]++] = to;
  }
  dependency_offsets_.assign(n + 1, 0);
  dependency_ids_.clear();
  dependency_ids_.reserve(targets.size());
  for (size_t i = 0; i < n; ++i) {
    auto first = targets.begin() + offsets[i], last = targets.begin() + offsets[i + 1];
    std::sort(first, last);
    last = std::unique(first, last);
    dependency_ids_.insert(dependency_ids_.end(), first, last);
    dependency_offsets_[i + 1] = static_cast<uint32_t>(dependency_ids_.size());
  }
  // The deduplicated edges, in (from, to) order, replace the raw ones.
  edges_.clear();
  edges_.reserve(dependency_ids_.size());
  for (NodeId i = 0; i < n; ++i) {
    for (NodeId d : DependenciesOf(i)) edges_.push_back({i, d});
  }
  // Dependents: counting sort by target; sources come in increasing order, so every list is
  // sorted.
  dependent_offsets_.assign(n + 1, 0);
  for (const auto& [from, to] : edges_) ++dependent_offsets_[to + 1];
  for (size_t i = 0; i < n; ++i) dependent_offsets_[i + 1] += dependent_offsets_[i];
  dependent_ids_.assign(edges_.size(), 0);
  std::vector<uint32_t> next(dependent_offsets_.begin(), dependent_offsets_.end() - 1);
  for (const auto& [from, to] : edges_) dependent_ids_[next[to]++] = from;
}

std::vector<NodeId> Dag::TopologicalOrder() const {
  const size_t n = size();
  std::vector<uint32_t> pending(n);
  for (NodeId i = 0; i < n; ++i) pending[i] = static_cast<uint32_t>(DependenciesOf(i).size());
  // Kahn's algorithm with a min-heap of ready nodes, so ties come out in increasing id order.
  std::vector<NodeId> ready;
  for (NodeId i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.push_back(i);
  }
  std::make_heap(ready.begin(), ready.end(), std::greater<>());
  std::vector<NodeId> order;
  order.reserve(n);
  while (!ready.empty()) {
    std::pop_heap(ready.begin(), ready.end(), std::greater<>());
    NodeId next = ready.back();
    ready.pop_back();
    order.push_back(next);
    for (NodeId d : DependentsOf(next)) {
      if (--pending[d] == 0) {
        ready.push_back(d);
        std::push_heap(ready.begin(), ready.end(), std::greater<>());
      }
    }
  }
  if (order.size() != n) order.clear();
  return order;
}

std::vector<std::vector<NodeId>> Dag::Cycles() const {
  const size_t n = size();
  constexpr uint32_t kUnvisited = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> index(n, kUnvisited);
  std::vector<uint32_t> lowlink(n, 0);
  std::vector<uint8_t> on_stack(n, 0);
  std::vector<NodeId> stack;
  // The explicit DFS stack: a node and the position of the next dependency to visit.
  std::vector<std::pair<NodeId, uint32_t>> frames;
  std::vector<uint32_t> component(n, kUnvisited);  // component number, for cycle members
  std::vector<std::vector<NodeId>> components;
  uint32_t next_index = 0;

  for (NodeId root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    frames.push_back({root, 0});
    index[root] = lowlink[root] = next_index++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!frames.empty()) {
      auto& [v, pos] = frames.back();
      std::span<const NodeId> deps = DependenciesOf(v);
      if (pos < deps.size()) {
        NodeId w = deps[pos++];
        if (index[w] == kUnvisited) {
          index[w] = lowlink[w] = next_index++;
          stack.push_back(w);
          on_stack[w] = 1;
          frames.push_back({w, 0});  // invalidates v/pos: the loop re-reads the top
        } else if (on_stack[w]) {
          lowlink[v] = std::min(lowlink[v], index[w]);
        }
        continue;
      }
      NodeId done = v;
      frames.pop_back();
      if (!frames.empty()) {
        NodeId parent = frames.back().first;
        lowlink[parent] = std::min(lowlink[parent], lowlink[done]);
      }
      if (lowlink[done] != index[done]) continue;
      // `done` roots a strongly connected component: pop it.
      std::vector<NodeId> members;
      NodeId w;
      do {
        w = stack.back();
        stack.pop_back();
        on_stack[w] = 0;
        members.push_back(w);
      } while (w != done);
      std::span<const NodeId> own = DependenciesOf(done);
      bool is_cycle = members.size() > 1 || std::binary_search(own.begin(), own.end(), done);
      if (!is_cycle) continue;
      for (NodeId m : members) component[m] = static_cast<uint32_t>(components.size());
      components.push_back(std::move(members));
    }
  }

  // Order each component from its smallest id, following dependencies inside the component
  // (depth first, smallest dependency first): a simple cycle comes out in cycle order.
  std::vector<uint8_t> listed(n, 0);
  std::vector<std::vector<NodeId>> cycles;
  cycles.reserve(components.size());
  for (size_t c = 0; c < components.size(); ++c) {
    NodeId start = *std::min_element(components[c].begin(), components[c].end());
    std::vector<NodeId> ordered;
    ordered.reserve(components[c].size());
    std::vector<std::pair<NodeId, uint32_t>> walk{{start, 0}};
    listed[start] = 1;
    ordered.push_back(start);
    while (!walk.empty()) {
      auto& [v, pos] = walk.back();
      std::span<const NodeId> deps = DependenciesOf(v);
      if (pos >= deps.size()) {
        walk.pop_back();
        continue;
      }
      NodeId w = deps[pos++];
      if (component[w] != c || listed[w]) continue;
      listed[w] = 1;
      ordered.push_back(w);
      walk.push_back({w, 0});
    }
    cycles.push_back(std::move(ordered));
  }
  std::sort(cycles.begin(), cycles.end(),
            [](const auto& a, const auto& b) { return a.front() < b.front(); });
  return cycles;
}

}  // namespace cairn::planner
