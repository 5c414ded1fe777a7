#include "planner/graph/dag.h"

#include <gtest/gtest.h>

namespace cairn::planner {
namespace {

using Ids = std::vector<NodeId>;

Dag MakeDag(size_t n, const std::vector<std::pair<NodeId, NodeId>>& edges) {
  Dag dag;
  for (size_t i = 0; i < n; ++i) dag.AddNode();
  for (auto [from, to] : edges) dag.AddEdge(from, to);
  dag.Finalize();
  return dag;
}

TEST(DagTest, NodeIdsAreDense) {
  Dag dag;
  EXPECT_EQ(dag.AddNode(), 0u);
  EXPECT_EQ(dag.AddNode(), 1u);
  EXPECT_EQ(dag.size(), 2u);
}

TEST(DagTest, FinalizeDeduplicatesAndSortsEdges) {
  Dag dag = MakeDag(4, {{0, 3}, {0, 1}, {0, 3}, {2, 1}});
  auto ids = [](std::span<const NodeId> s) { return Ids(s.begin(), s.end()); };
  EXPECT_EQ(ids(dag.DependenciesOf(0)), (Ids{1, 3}));
  EXPECT_EQ(ids(dag.DependentsOf(1)), (Ids{0, 2}));
  EXPECT_EQ(ids(dag.DependentsOf(3)), (Ids{0}));
  EXPECT_TRUE(dag.DependenciesOf(3).empty());
}

TEST(DagTest, TopologicalOrderPutsDependenciesFirstAndBreaksTiesById) {
  // 0 -> 2, 1 -> 2, 3 -> 0: 2 first, then 0 and 1 (ties by id), then 3.
  Dag dag = MakeDag(4, {{0, 2}, {1, 2}, {3, 0}});
  EXPECT_EQ(dag.TopologicalOrder(), (Ids{2, 0, 1, 3}));
  EXPECT_TRUE(dag.Cycles().empty());
}

TEST(DagTest, IndependentNodesComeInIdOrder) {
  Dag dag = MakeDag(3, {});
  EXPECT_EQ(dag.TopologicalOrder(), (Ids{0, 1, 2}));
}

TEST(DagTest, EmptyGraph) {
  Dag dag = MakeDag(0, {});
  EXPECT_TRUE(dag.TopologicalOrder().empty());
  EXPECT_TRUE(dag.Cycles().empty());
}

TEST(DagTest, CycleMakesTopologicalOrderEmpty) {
  Dag dag = MakeDag(3, {{0, 1}, {1, 0}, {2, 0}});
  EXPECT_TRUE(dag.TopologicalOrder().empty());
}

TEST(DagTest, CyclesInCycleOrderFromSmallestId) {
  // 3 -> 1 -> 4 -> 3 and 0 -> 2 -> 0; 5 depends on both cycles but is in none.
  Dag dag = MakeDag(6, {{3, 1}, {1, 4}, {4, 3}, {0, 2}, {2, 0}, {5, 3}, {5, 0}});
  auto cycles = dag.Cycles();
  ASSERT_EQ(cycles.size(), 2u);
  EXPECT_EQ(cycles[0], (Ids{0, 2}));
  EXPECT_EQ(cycles[1], (Ids{1, 4, 3}));
}

TEST(DagTest, SelfDependencyIsACycle) {
  Dag dag = MakeDag(3, {{1, 1}, {2, 1}});
  auto cycles = dag.Cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0], (Ids{1}));
  EXPECT_TRUE(dag.TopologicalOrder().empty());
}

TEST(DagTest, ComponentWithSeveralCyclesListsEveryMemberOnce) {
  // 0 -> 1 -> 2 -> 0 and 1 -> 3 -> 1: one component {0, 1, 2, 3}.
  Dag dag = MakeDag(4, {{0, 1}, {1, 2}, {2, 0}, {1, 3}, {3, 1}});
  auto cycles = dag.Cycles();
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0], (Ids{0, 1, 2, 3}));
}

TEST(DagTest, MillionNodeChainNeedsNoRecursion) {
  constexpr NodeId kN = 1'000'000;
  Dag dag;
  for (NodeId i = 0; i < kN; ++i) dag.AddNode();
  // Node i depends on i + 1: the order is the chain reversed.
  for (NodeId i = 0; i + 1 < kN; ++i) dag.AddEdge(i, i + 1);
  dag.Finalize();
  auto order = dag.TopologicalOrder();
  ASSERT_EQ(order.size(), kN);
  EXPECT_EQ(order.front(), kN - 1);
  EXPECT_EQ(order.back(), 0u);
  EXPECT_TRUE(dag.Cycles().empty());

  // Closing the chain makes one cycle of every node, listed from 0 along the chain.
  dag.AddEdge(kN - 1, 0);
  dag.Finalize();
  auto cycles = dag.Cycles();
  ASSERT_EQ(cycles.size(), 1u);
  ASSERT_EQ(cycles[0].size(), kN);
  EXPECT_EQ(cycles[0][1], 1u);
  EXPECT_EQ(cycles[0].back(), kN - 1);
  EXPECT_TRUE(dag.TopologicalOrder().empty());
}

}  // namespace
}  // namespace cairn::planner
