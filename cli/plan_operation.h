#pragma once
/// What `plan` and `apply` share: their flags, loading the configuration, locking and reading
/// the state, and planning.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "planner/plan/plan.h"
#include "cli/provider_resolver.h"
#include "planner/plan/planner.h"
#include "cli/root_module.h"
#include "cli/state_flags.h"
#include "planner/values/module_values.h"
#include "state/local_store.h"

namespace cairn::cli {

struct PlanFlags {
  bool no_color = false;
  bool input = true;
  bool destroy = false;
  bool refresh_only = false;
  bool refresh = true;
  std::string parallelism = "10";
  std::vector<std::string> targets;
  std::vector<std::string> excludes;
  std::vector<std::string> replaces;
  std::vector<planner::VarArgument> vars;
  StateFlags state;
  bool state_given = false;  ///< -state was given (Terraform warns it is deprecated)
  /// -json (plan's own flag, registered by the command): the machine-readable UI log instead
  /// of text; ParseArguments then starts the log with its "version" message.
  bool json = false;

  void Register(GoFlags& flags);

  /// Parses `args` with `flags` (this struct's flags registered on it, plus the command's
  /// own), prints `help` for -help, and prints usage errors (bad flags, -state problems,
  /// positional arguments) as `command` does. Returns the exit code to stop with, or
  /// nothing to go on.
  std::optional<int> ParseArguments(const Args& args, GoFlags& flags, const std::string& command,
                                    std::string_view help, Streams& io,
                                    size_t max_positional = 0);
  /// The positional arguments (at most `max_positional` of ParseArguments).
  std::vector<std::string> positional;

  /// The configuration directory (`import -config`; the state stays in the current one).
  std::string config_dir = ".";
  /// `cairn import`'s targets (planner::PlanOptions::legacy_imports).
  std::vector<planner::ImportTarget> imports;
  /// When set, called with the loaded configuration before the state is locked: false stops
  /// the operation (the hook printed why).
  std::function<bool(const planner::ModuleTree&)> check_config;
  /// When set, called after planning, before planning's diagnostics are printed.
  std::function<void(const planner::PlanResult&)> planned;
};

/// A plan, with the state locked until destruction.
/// The -parallelism value (default 10): concurrent provider operations; an error for
/// anything but a positive whole number.
int ParseParallelism(const std::string& text, Diagnostics& diags);

struct PlanOperation {
  std::unique_ptr<RootModule> root;
  std::unique_ptr<planner::ModuleTree> tree;
  InstalledProviderResolver providers;
  std::unique_ptr<state::LocalStateStore> store;
  state::State prior;  ///< the state read (an empty one when there was none)
  planner::PlanResult result;
  bool refreshed = false;  ///< the plan read every prior object again
  bool color = false;
  bool json = false;  ///< diagnostics and progress as UI log messages
  /// Warnings of planning, when RunPlanOperation was asked to keep them for the caller.
  Diagnostics warnings;
  ~PlanOperation();
};

/// Loads, checks, locks, reads and plans (MakePlan). Prints
/// every problem (errors found while planning after Terraform's "Planning failed." line when
/// `announce_failure`, as `plan` does and `apply` does not) and returns nullptr when there
/// were errors. With `keep_warnings`, the warnings of planning are left in `warnings` for
/// the caller to print (`refresh` prints them after its progress lines).
std::unique_ptr<PlanOperation> RunPlanOperation(const PlanFlags& flags,
                                                const std::string& lock_operation,
                                                bool announce_failure, Streams& io,
                                                bool keep_warnings = false);

/// Terraform's warning listing the objects a plan forgets (nothing when there are none).
void PrintForgetWarning(const PlanOperation& op, Streams& io);

/// Terraform's "addr: Refreshing state... [id=...]" lines for every object the plan read
/// (none without refresh), in address order.
void PrintRefreshLines(const PlanOperation& op, Streams& io);


}  // namespace cairn::cli
