#pragma once
/// What `plan` and `apply` share: their flags, loading the root module, refusing what
/// cannot be planned yet (resources, data sources, module calls), locking and reading the
/// state, and evaluating the module's values.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "planner/plan/plan.h"
#include "cli/root_module.h"
#include "cli/state_flags.h"
#include "planner/values/module_values.h"
#include "state/local_store.h"

namespace cairn::cli {

struct PlanFlags {
  bool no_color = false;
  bool input = true;
  std::vector<planner::VarArgument> vars;
  StateFlags state;
  bool state_given = false;  ///< -state was given (Terraform warns it is deprecated)

  void Register(GoFlags& flags);

  /// Parses `args` with `flags` (this struct's flags registered on it, plus the command's
  /// own), prints `help` for -help, and prints usage errors (bad flags, -state problems,
  /// positional arguments) as `command` does. Returns the exit code to stop with, or
  /// nothing to go on.
  std::optional<int> ParseArguments(const Args& args, GoFlags& flags, const std::string& command,
                                    std::string_view help, Streams& io);
};

/// A plan of a configuration without resources, with the state locked until destruction.
struct PlanOperation {
  std::unique_ptr<RootModule> root;
  std::unique_ptr<state::LocalStateStore> store;
  state::State prior;  ///< the state read (an empty one when there was none)
  std::vector<planner::OutputChange> changes;
  bool color = false;
  ~PlanOperation();
};

/// Loads, checks, locks, reads and plans (values evaluated with planning = true). Prints
/// every problem (errors found while planning after Terraform's "Planning failed." line when
/// `announce_failure`, as `plan` does and `apply` does not) and returns nullptr when there
/// were errors.
std::unique_ptr<PlanOperation> RunPlanOperation(const PlanFlags& flags,
                                                const std::string& lock_operation,
                                                bool announce_failure, Streams& io);

/// The plan `op` made (outputs only), as the renderers take it.
planner::Plan OutputsPlan(const PlanOperation& op);

}  // namespace cairn::cli
