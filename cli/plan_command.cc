/// `cairn plan`: Terraform's `plan` for configurations without resources: how the root
/// module's outputs would change in the state.

#include <string>

#include "cli/commands.h"
#include "cli/plan_operation.h"
#include "planner/render/human_plan.h"

namespace cairn::cli {
namespace {

constexpr const char* kPlanHelp = R"(Usage: cairn [global options] plan [options]

  Generates a speculative execution plan, showing what actions Cairn
  would take to apply the current configuration. This command will not
  actually perform the planned actions.

  So far Cairn plans configurations without resources, data sources and
  module calls: the plan shows how the root module's output values change.

Options:

  -detailed-exitcode  Return detailed exit codes when the command exits.
                      This will change the meaning of exit codes to:
                      0 - Succeeded, diff is empty (no changes)
                      1 - Errored
                      2 - Succeeded, there is a diff

  -input=true         Ask for input for variables if not directly set.

  -lock=false         Don't hold a state lock during the operation.

  -lock-timeout=0s    Duration to retry a state lock.

  -no-color           If specified, output won't contain any color.

  -var 'foo=bar'      Set a value for one of the input variables in the root
                      module of the configuration. Use this option more than
                      once to set more than one variable.

  -var-file=filename  Load variable values from the given file, in addition
                      to the default files terraform.tfvars and *.auto.tfvars.
                      Use this option more than once to include more than one
                      variables file.

  -state=statefile    A legacy option used for the local backend only.
)";

}  // namespace

int RunPlan(const Args& args, Streams& io) {
  PlanFlags plan_flags;
  bool detailed = false;
  GoFlags flags;
  plan_flags.Register(flags);
  flags.Bool("detailed-exitcode", &detailed);
  if (std::optional<int> stop = plan_flags.ParseArguments(args, flags, "plan", kPlanHelp, io)) {
    return *stop;
  }
  std::unique_ptr<PlanOperation> op = RunPlanOperation(plan_flags, "OperationTypePlan", true, io);
  if (!op) return 1;
  planner::Plan plan = OutputsPlan(*op);
  planner::HumanPlanOptions render;
  render.color = op->color;
  io.out << planner::RenderHumanPlan(plan, {}, render);
  if (!plan.Applyable()) return 0;
  io.out << "\n";
  for (int i = 0; i < 77; ++i) io.out << "\xe2\x94\x80";  // ─
  io.out << "\n\nNote: You didn't use the -out option to save this plan, so Terraform can't\n"
            "guarantee to take exactly these actions if you run \"terraform apply\" now.\n";
  return detailed ? 2 : 0;
}

}  // namespace cairn::cli
