#pragma once
/// A generic directed acyclic graph of integer node ids, the base of every graph Cairn builds
/// (named passes add nodes and edges; walkers visit in dependency order). An edge `a -> b`
/// means "a depends on b": b is visited before a.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cairn::planner {

using NodeId = uint32_t;

class Dag {
 public:
  /// Adds a node; ids are dense, 0..size()-1.
  NodeId AddNode();
  /// `from` depends on `to`. Duplicate edges are kept once (deduplicated by Finalize).
  void AddEdge(NodeId from, NodeId to);
  size_t size() const { return dependencies_.size(); }

  /// Sorts and deduplicates the edge lists; must be called after the last AddEdge and
  /// before the queries below. O(V + E log E).
  void Finalize();

  const std::vector<NodeId>& DependenciesOf(NodeId n) const { return dependencies_[n]; }
  const std::vector<NodeId>& DependentsOf(NodeId n) const { return dependents_[n]; }

  /// Every node, dependencies before dependents; ties in increasing id order. Empty when the
  /// graph has a cycle. O(V + E).
  std::vector<NodeId> TopologicalOrder() const;

  /// The strongly connected components that are cycles (more than one node, or a node that
  /// depends on itself), each listed from its smallest id, then depth first along
  /// dependencies inside the component (smallest first), so a simple cycle comes out in cycle
  /// order; components ordered by their smallest id. Iterative (no recursion depth limit).
  /// O(V + E).
  std::vector<std::vector<NodeId>> Cycles() const;

 private:
  std::vector<std::vector<NodeId>> dependencies_;
  std::vector<std::vector<NodeId>> dependents_;
};

}  // namespace cairn::planner
