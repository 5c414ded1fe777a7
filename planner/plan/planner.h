#pragma once
/// MakePlan: configuration (a module tree) + prior state + providers -> Plan. The graph is
/// built in named passes over planner/graph's generic DAG (graph_builder.h) and walked in
/// dependency order; refresh (ReadResource for every prior object) runs first, in parallel.

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/config/module.h"
#include "planner/plan/plan.h"
#include "planner/values/input_values.h"
#include "planner/values/module_values.h"
#include "providers/provider.h"
#include "state/state.h"

namespace cairn::planner {

/// A module and the modules its calls load (local `source` paths only), loaded once per
/// module call (not per instance).
struct ModuleTree {
  std::unique_ptr<config::Module> module;
  std::map<std::string, std::unique_ptr<ModuleTree>, std::less<>> children;  ///< by call name
};

struct LoadModuleTreeResult {
  std::unique_ptr<ModuleTree> tree;
  Diagnostics diagnostics;
};

/// Loads the module calls of `root` (already loaded) recursively: `source` must be a local
/// path ("./x", "../x"); registry or remote sources are errors ("Module not installed"), as
/// Cairn never downloads.
LoadModuleTreeResult LoadModuleTree(std::unique_ptr<config::Module> root);

/// Where providers come from: the planner asks for the provider of a source address
/// ("terraform.io/builtin/terraform") once and keeps it for the plan.
class ProviderResolver {
 public:
  virtual ~ProviderResolver() = default;
  /// The provider for `source`, or null when none is available (an error naming the source).
  virtual providers::Provider* Resolve(std::string_view source) = 0;
};

struct PlanOptions {
  PlanMode mode = PlanMode::kNormal;
  bool refresh = true;
  std::vector<addrs::Target> targets;
  std::vector<addrs::Target> excludes;
  std::vector<addrs::AbsResourceInstance> force_replace;
  ScopeSettings scope;
  std::chrono::system_clock::time_point plan_time;
  /// Concurrent ReadResource calls during refresh.
  int parallelism = 10;
};

struct PlanResult {
  Plan plan;  ///< `errored` when the diagnostics hold errors
  Schemas schemas;
  Diagnostics diagnostics;
};

/// Plans `tree` against `prior` with root input values `inputs` (from CollectInputValues,
/// without errors).
PlanResult MakePlan(const ModuleTree& tree, const state::State& prior, const InputValues& inputs,
                    ProviderResolver& providers, const PlanOptions& options);

}  // namespace cairn::planner
