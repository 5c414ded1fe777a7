#pragma once
/// MakePlan: configuration (a module tree) + prior state + providers -> Plan. The graph is
/// built in named passes over planner/graph's generic DAG (graph_builder.h) and walked in
/// dependency order; refresh (ReadResource for every prior object) runs first, in parallel.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/config/module.h"
#include "planner/apply/interrupt.h"
#include "planner/plan/plan.h"
#include "planner/values/input_values.h"
#include "planner/values/module_values.h"
#include "providers/provider.h"
#include "state/journal.h"
#include "state/state.h"

namespace cairn::planner {

/// A module and the modules its calls load (local `source` paths only), loaded once per
/// module call (not per instance).
struct ModuleTree {
  const config::Module* module = nullptr;  ///< `owned`, or the caller's root module
  std::unique_ptr<config::Module> owned;
  std::map<std::string, std::unique_ptr<ModuleTree>, std::less<>> children;  ///< by call name
};

struct LoadModuleTreeResult {
  std::unique_ptr<ModuleTree> tree;
  Diagnostics diagnostics;
};

/// Loads the module calls of `root` (already loaded; it must outlive the tree) recursively:
/// `source` must be a local path ("./x", "../x"); registry or remote sources are errors
/// ("Module not installed"), as Cairn never downloads.
LoadModuleTreeResult LoadModuleTree(const config::Module& root);

/// Where providers come from: the planner asks for the provider of a source address
/// ("terraform.io/builtin/terraform") once and keeps it for the plan.
class ProviderResolver {
 public:
  virtual ~ProviderResolver() = default;
  /// The provider for `source`, or null when none is available (an error naming the source).
  virtual providers::Provider* Resolve(std::string_view source) = 0;
  /// A new instance of the provider for `source`, for one more provider configuration (an
  /// alias, a module's `provider` block) that must not share the default's settings; null
  /// when the resolver cannot make one (the planner then shares Resolve's instance).
  virtual std::unique_ptr<providers::Provider> Instantiate(std::string_view source) {
    (void)source;
    return nullptr;
  }
};

/// An object to import: `cairn import ADDR ID`'s target, or one an `import` block names.
struct ImportTarget {
  addrs::AbsResourceInstance addr;
  std::string id;
};

/// How far the import of one object got (Terraform's import hooks; the CLI prints its
/// progress lines from these), in the order the plan imported them.
struct ImportProgress {
  addrs::AbsResourceInstance addr;
  std::string id;  ///< the import ID
  /// ImportResourceState succeeded; `types` are the type names of the objects it returned.
  bool prepared = false;
  std::vector<std::string> types;
  /// ReadResource was asked for the imported object: its `id` attribute ("" without one).
  std::optional<std::string> read_id;
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
  /// `cairn import`'s targets (Terraform's legacy import walk): each is imported (import,
  /// then read) and added to the plan's prior_state; an address that already has an object is
  /// "Resource already managed by Terraform". Nothing is refreshed or planned, `import`
  /// blocks are ignored.
  std::vector<ImportTarget> legacy_imports;
};

struct PlanResult {
  Plan plan;  ///< `errored` when the diagnostics hold errors
  Schemas schemas;
  Diagnostics diagnostics;
  /// Warnings of `check` blocks' assertions (failed, or known only after apply), sorted by
  /// location: shown after the plan, or before the approval prompt of `apply`; an `apply
  /// -auto-approve` leaves them out, as the checks run again after applying.
  Diagnostics check_diagnostics;
  /// The errors came from the validation walk (every input unknown), which Terraform reports
  /// without "Planning failed."
  bool validation_failed = false;
  /// The errors came from checks Terraform makes after its walk, when it shows no partial
  /// plan ("Planning failed." instead).
  bool plan_withheld = false;
  /// The prior objects in the order the walk reached them (dependencies first; objects
  /// without configuration last): the order Terraform's progress lines follow.
  std::vector<addrs::AbsResourceInstance> visit_order;
  /// The imports the plan made (`import` blocks whose target had no object, or
  /// PlanOptions::legacy_imports), in order; the imported objects are in plan.prior_state.
  std::vector<ImportProgress> imports;
};

/// What apply reports as it goes (the CLI prints Terraform's progress lines from these).
/// Called from the apply engine's worker threads, concurrently for different instances (one
/// instance's calls are ordered): implementations synchronise their output.
class ApplyHooks {
 public:
  virtual ~ApplyHooks() = default;
  /// Before a provider changes `addr`: `action` is kCreate, kUpdate or kDelete (a
  /// replacement is a delete and a create); `prior` the object before (null for a create).
  virtual void PreApply(const addrs::AbsResourceInstance& addr, Action action,
                        const Value& prior) = 0;
  /// Before a provider deletes the deposed object `deposed_key` of `addr` (a create before
  /// destroy's old object). The default reports it as PreApply's delete.
  virtual void PreApplyDeposed(const addrs::AbsResourceInstance& addr,
                               const std::string& deposed_key, const Value& prior) {
    (void)deposed_key;
    PreApply(addr, Action::kDelete, prior);
  }
  /// After it: `new_state` is null after a delete; `failed` when the provider reported errors.
  virtual void PostApply(const addrs::AbsResourceInstance& addr, Action action,
                         const Value& new_state, bool failed,
                         std::chrono::steady_clock::duration elapsed) = 0;
  /// The object an `import` block imported with ID `id` was recorded in the state.
  virtual void Imported(const addrs::AbsResourceInstance& addr, const std::string& id) {
    (void)addr;
    (void)id;
  }
  /// A provisioner (`type`, e.g. "local-exec") of `addr` starts.
  virtual void ProvisionStart(const addrs::AbsResourceInstance& addr, std::string_view type) {
    (void)addr;
    (void)type;
  }
  /// One message a running provisioner printed.
  virtual void ProvisionOutput(const addrs::AbsResourceInstance& addr, std::string_view type,
                               std::string_view message) {
    (void)addr;
    (void)type;
    (void)message;
  }
  /// The engine's progress, from its own thread after every finished operation and about
  /// once a second: for a live status line. The default ignores it.
  virtual void Progress(size_t done, size_t total, size_t running) {
    (void)done;
    (void)total;
    (void)running;
  }
};

struct ApplyResult {
  /// The state after applying: every finished operation recorded, whatever failed later.
  state::State state;
  Diagnostics diagnostics;
  /// Stopped by an interrupt before everything was applied.
  bool interrupted = false;
};

struct ApplyOptions {
  ScopeSettings scope;
  /// Provider operations running at once (-parallelism).
  int parallelism = 10;
  /// Where every operation is recorded before and after it happens (state/journal.h); the
  /// result's state is the journal's. Null: an in-memory journal based on the plan's prior
  /// state.
  state::Journal* journal = nullptr;
  /// Called from the applying thread about every `checkpoint_interval` while operations
  /// run, to compact the journal into the stored state; may be empty.
  std::function<Diagnostics(state::Journal&)> checkpoint;
  std::chrono::milliseconds checkpoint_interval{5000};
  /// Ctrl-C: at 1 no new operation starts, at 2 the walk stops waiting for running ones.
  const apply::InterruptLevel* interrupt = nullptr;
};

/// Applies `plan` (made by MakePlan from the same `tree`, `inputs` and providers): walks the
/// configuration's graph as MakePlan did, evaluating each node once its dependencies are
/// done, and hands each instance's provider work to `options.parallelism` workers, longest
/// remaining path first. Each change's object is planned again with the values now known and
/// must agree with what the plan promised ("Provider produced inconsistent final plan"
/// otherwise), then the provider applies it. A failed instance's dependents are skipped;
/// independent branches finish. Deletions of objects the configuration no longer has (every
/// object of a destroy plan) come after the walk, each after everything that depends on it.
/// Every operation goes through `options.journal` (an intent before, a result after). Root
/// module outputs are recorded in the result's state.
ApplyResult ApplyPlan(const ModuleTree& tree, const Plan& plan, const InputValues& inputs,
                      ProviderResolver& providers, ApplyHooks& hooks,
                      const ApplyOptions& options = {});

/// Plans `tree` against `prior` with root input values `inputs` (from CollectInputValues,
/// without errors).
PlanResult MakePlan(const ModuleTree& tree, const state::State& prior, const InputValues& inputs,
                    ProviderResolver& providers, const PlanOptions& options);

}  // namespace cairn::planner
