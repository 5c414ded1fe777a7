/// `cairn plan`: Terraform's `plan`: refresh, then the changes applying the configuration
/// would make, in Terraform's text.

#include <string>

#include "cli/commands.h"
#include "cli/json_ui.h"
#include "cli/plan_operation.h"
#include <fmt/format.h>

#include "lang/base/atomic_file.h"
#include "lang/base/go_quote.h"
#include "planner/plan/planfile.h"
#include "planner/render/human_plan.h"
#include "planner/render/json_plan.h"

namespace cairn::cli {
namespace {

constexpr const char* kPlanHelp = R"(Usage: cairn [global options] plan [options]

  Generates a speculative execution plan, showing what actions Cairn
  would take to apply the current configuration. This command will not
  actually perform the planned actions.

Plan Customization Options:

  The following options customize how Cairn will produce its plan. You
  can also use these options when you run "cairn apply" without passing
  it a saved plan, in order to plan and apply in a single command.

  -destroy            Select the "destroy" planning mode, which creates a plan
                      to destroy all objects currently managed by this
                      Cairn configuration instead of the usual behavior.

  -refresh-only       Select the "refresh only" planning mode, which checks
                      whether remote objects still match the outcome of the
                      most recent Cairn apply but does not propose any
                      actions to undo any changes made outside of Cairn.

  -refresh=false      Skip checking for external changes to remote objects
                      while creating the plan. This can potentially make
                      planning faster, but at the expense of possibly planning
                      against a stale record of the remote system state.

  -replace=resource   Force replacement of a particular resource instance using
                      its resource address. If the plan would've normally
                      produced an update or no-op action for this instance,
                      Cairn will plan to replace it instead. You can use
                      this option multiple times to replace more than one object.

  -target=resource    Limit the planning operation to only the given module,
                      resource, or resource instance and all of its
                      dependencies. You can use this option multiple times to
                      include more than one object. This is for exceptional
                      use only.

  -exclude=resource   Plan everything except the given module, resource, or
                      resource instance and what depends on it (OpenTofu's
                      option). You can use this option multiple times.

  -var 'foo=bar'      Set a value for one of the input variables in the root
                      module of the configuration. Use this option more than
                      once to set more than one variable.

  -var-file=filename  Load variable values from the given file, in addition
                      to the default files terraform.tfvars and *.auto.tfvars.
                      Use this option more than once to include more than one
                      variables file.

Other Options:

  -detailed-exitcode         Return detailed exit codes when the command exits.
                             This will change the meaning of exit codes to:
                             0 - Succeeded, diff is empty (no changes)
                             1 - Errored
                             2 - Succeeded, there is a diff

  -input=true                Ask for input for variables if not directly set.

  -json                      Produce output in a machine-readable JSON format,
                             suitable for use in text editor integrations and other
                             automated systems. Always disables color.

  -lock=false                Don't hold a state lock during the operation. This
                             is dangerous if others might concurrently run
                             commands against the same workspace.

  -lock-timeout=0s           Duration to retry a state lock.

  -no-color                  If specified, output won't contain any color.

  -out=path                  Write a plan file to the given path. This can be
                             used as input to the "apply" command.

  -parallelism=n             Limit the number of concurrent operations. Defaults
                             to 10.

  -state=statefile           A legacy option used for the local backend only.
)";

}  // namespace

int RunPlan(const Args& args, Streams& io) {
  PlanFlags plan_flags;
  bool detailed = false;
  GoFlags flags;
  plan_flags.Register(flags);
  flags.Bool("detailed-exitcode", &detailed);
  std::string out_path;
  flags.String("out", &out_path);
  flags.Bool("json", &plan_flags.json);
  if (std::optional<int> stop = plan_flags.ParseArguments(args, flags, "plan", kPlanHelp, io)) {
    return *stop;
  }
  std::unique_ptr<PlanOperation> op = RunPlanOperation(plan_flags, "OperationTypePlan", true, io,
                                                       /*keep_warnings=*/true);
  if (!op) return 1;
  const planner::Plan& plan = op->result.plan;
  PrintRefreshLines(*op, io);
  if (plan_flags.json) {
    // Terraform's OperationJSON.Plan: drift, planned changes, the summary, the outputs; then
    // the operation's warnings.
    JsonUi ui(io);
    for (const nlohmann::ordered_json& m : planner::RenderJsonPlanMessages(plan, {})) {
      ui.Message(m);
    }
    Diagnostics warnings = op->warnings;
    warnings.Append(op->result.check_diagnostics);
    ui.Diagnostics(warnings, op->root->sources);
  } else {
    planner::HumanPlanOptions render;
    render.color = op->color;
    io.out << planner::RenderHumanPlan(plan, op->result.schemas, render);
    // Terraform shows the plan's warnings after it, check blocks' among them.
    Diagnostics warnings = op->warnings;
    warnings.Append(op->result.check_diagnostics);
    if (!warnings.empty()) PrintDiagnostics(warnings, op->root->sources, io, op->color);
  }
  PrintForgetWarning(*op, io);
  if (!out_path.empty()) {
    planner::SavedPlan saved;
    saved.plan = plan;
    saved.config_hash = planner::ConfigHash(".");
    saved.state_lineage = op->prior.lineage;
    saved.state_serial = op->prior.serial;
    std::string error;
    if (!WriteFileAtomically(out_path, planner::EncodePlanFile(saved), &error, 0600)) {
      Diagnostics d;
      d.Error("Failed to write plan file", fmt::format("The plan file could not be written: {}.",
                                                       error));
      PrintDiagnostics(d, op->root->sources, io, op->color);
      return 1;
    }
  }
  if (!plan.Applyable()) return 0;
  if (plan_flags.json) return detailed ? 2 : 0;  // the next steps are for people
  io.out << "\n";
  for (int i = 0; i < 77; ++i) io.out << "\xe2\x94\x80";  // ─
  if (!out_path.empty()) {
    io.out << "\n\nSaved the plan to: " << out_path
           << "\n\nTo perform exactly these actions, run the following command to apply:\n"
              "    cairn apply "
           << GoQuote(out_path) << "\n";
    return detailed ? 2 : 0;
  }
  io.out << "\n\nNote: You didn't use the -out option to save this plan, so Cairn can't\n"
            "guarantee to take exactly these actions if you run \"cairn apply\" now.\n";
  return detailed ? 2 : 0;
}

}  // namespace cairn::cli
