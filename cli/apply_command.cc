/// `cairn apply`: Terraform's `apply` for configurations without resources: plans, asks for
/// approval, then records the root module's output values in the state.

#include <chrono>
#include <string>

#include "cli/commands.h"
#include "cli/outputs_view.h"
#include "cli/plan_operation.h"
#include "planner/render/human_plan.h"

namespace cairn::cli {
namespace {

constexpr const char* kApplyHelp = R"(Usage: cairn [global options] apply [options]

  Creates or updates infrastructure according to Cairn configuration
  files in the current directory.

  So far Cairn applies configurations without resources, data sources and
  module calls: applying records the root module's output values in the
  state.

Options:

  -auto-approve          Skip interactive approval of plan before applying.

  -input=true            Ask for input for variables if not directly set.

  -lock=false            Don't hold a state lock during the operation.

  -lock-timeout=0s       Duration to retry a state lock.

  -no-color              If specified, output won't contain any color.

  -var 'foo=bar'         Set a value for one of the input variables in the root
                         module of the configuration. Use this option more than
                         once to set more than one variable.

  -var-file=filename     Load variable values from the given file, in addition
                         to the default files terraform.tfvars and *.auto.tfvars.
                         Use this option more than once to include more than one
                         variables file.

  -state=path            Path to read and save state. Defaults to
                         "terraform.tfstate".
)";

}  // namespace

int RunApply(const Args& args, Streams& io) {
  PlanFlags plan_flags;
  bool auto_approve = false;
  GoFlags flags;
  plan_flags.Register(flags);
  flags.Bool("auto-approve", &auto_approve);
  if (std::optional<int> stop = plan_flags.ParseArguments(args, flags, "apply", kApplyHelp, io)) {
    return *stop;
  }
  std::unique_ptr<PlanOperation> op = RunPlanOperation(plan_flags, "OperationTypeApply", false, io);
  if (!op) return 1;
  planner::Plan plan = OutputsPlan(*op);
  planner::HumanPlanOptions render;
  render.color = op->color;
  io.out << planner::RenderHumanPlan(plan, {}, render);
  bool changes = plan.Applyable();
  if (changes && !auto_approve) {
    io.out << "\nDo you want to perform these actions?\n"
              "  Terraform will perform the actions described above.\n"
              "  Only 'yes' will be accepted to approve.\n\n"
              "  Enter a value: ";
    io.out.flush();
    std::string answer;
    // Terraform reads a whole line; input ending before a newline is an error.
    if (!std::getline(io.in, answer) || io.in.eof()) {
      io.err << "\nError: error asking for approval: EOF\n\n";
      return 1;
    }
    io.out << "\n";
    if (answer != "yes") {
      io.out << "Apply cancelled.\n";
      return 1;
    }
  }

  // Applying: the values again, now with impure functions (timestamp(), uuid()) known.
  RootModule& root = *op->root;
  planner::EvaluateOptions options;
  options.planning = false;
  options.plan_time = std::chrono::system_clock::now();
  planner::ModuleValuesResult values =
      planner::EvaluateRootModule(root.loaded.module, root.inputs.values, options);
  if (values.diagnostics.HasErrors()) {
    PrintDiagnostics(values.diagnostics, root.sources, io, op->color);
    return 1;
  }
  state::State next = op->prior;
  next.outputs.clear();
  for (const auto& [name, o] : values.values.outputs) {
    if (o.value.IsKnown() && o.value.IsNull()) continue;  // Terraform records no null outputs
    next.outputs[name] =
        state::OutputState{o.value.UnmarkedDeep(), o.sensitive || o.value.ContainsMarked()};
  }
  Diagnostics written = op->store->Write(next);
  if (written.HasErrors()) {
    PrintDiagnostics(written, root.sources, io, op->color);
    return 1;
  }
  io.out << "\nApply complete! Resources: 0 added, 0 changed, 0 destroyed.\n";
  if (!next.outputs.empty()) io.out << "\nOutputs:\n\n" << RenderOutputLines(next.outputs);
  return 0;
}

}  // namespace cairn::cli
