#pragma once
/// A generic directed acyclic graph of integer node ids, the base of every graph Cairn builds
/// (named passes add nodes and edges; walkers visit in dependency order). An edge `a -> b`
/// means "a depends on b": b is visited before a.

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace cairn::planner {

using NodeId = uint32_t;

/// Stored as two compressed adjacency arrays (one offsets array and one ids array per
/// direction), built by Finalize: a few bytes per node and per edge, no allocation per node.
class Dag {
 public:
  /// Adds a node; ids are dense, 0..size()-1.
  NodeId AddNode() { return node_count_++; }
  /// `from` depends on `to`. Duplicate edges are kept once (deduplicated by Finalize).
  void AddEdge(NodeId from, NodeId to) { edges_.push_back({from, to}); }
  size_t size() const { return node_count_; }

  /// Sorts and deduplicates the edges and builds the adjacency arrays; must be called after
  /// the last AddEdge (more edges may be added later, then Finalize again) and before the
  /// queries below. O(V + E log d), d the largest number of dependencies of one node.
  void Finalize();

  /// The nodes `n` depends on, in increasing id order (valid until the next Finalize).
  std::span<const NodeId> DependenciesOf(NodeId n) const {
    return {dependency_ids_.data() + dependency_offsets_[n],
            dependency_offsets_[n + 1] - dependency_offsets_[n]};
  }
  /// The nodes that depend on `n`, in increasing id order (valid until the next Finalize).
  std::span<const NodeId> DependentsOf(NodeId n) const {
    return {dependent_ids_.data() + dependent_offsets_[n],
            dependent_offsets_[n + 1] - dependent_offsets_[n]};
  }

  /// Every node, dependencies before dependents; ties in increasing id order. Empty when the
  /// graph has a cycle. O(V log V + E).
  std::vector<NodeId> TopologicalOrder() const;

  /// The strongly connected components that are cycles (more than one node, or a node that
  /// depends on itself), each listed from its smallest id, then depth first along
  /// dependencies inside the component (smallest first), so a simple cycle comes out in cycle
  /// order; components ordered by their smallest id. Iterative (no recursion depth limit).
  /// O(V + E).
  std::vector<std::vector<NodeId>> Cycles() const;

 private:
  NodeId node_count_ = 0;
  std::vector<std::pair<NodeId, NodeId>> edges_;  // (from, to); deduplicated by Finalize
  // Adjacency: the ids of node n's neighbours are ids[offsets[n] .. offsets[n + 1]).
  std::vector<uint32_t> dependency_offsets_{0};
  std::vector<NodeId> dependency_ids_;
  std::vector<uint32_t> dependent_offsets_{0};
  std::vector<NodeId> dependent_ids_;
};

}  // namespace cairn::planner
