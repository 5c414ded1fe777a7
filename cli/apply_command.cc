/// `cairn apply [PLANFILE]`: Terraform's `apply`: plans (or reads a saved plan), asks for
/// approval, applies in dependency order and records the results in the state.

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <string>

#include "cli/apply_json.h"
#include "cli/apply_run.h"
#include "cli/commands.h"
#include "cli/outputs_view.h"
#include "cli/plan_operation.h"
#include "lang/base/go_quote.h"
#include "lang/base/source_index.h"
#include "planner/plan/planfile.h"
#include "planner/render/human_plan.h"
#include "planner/render/json_plan.h"

namespace cairn::cli {
namespace {

constexpr const char* kApplyHelp = R"(Usage: cairn [global options] apply [options] [PLAN]

  Creates or updates infrastructure according to Cairn configuration
  files in the current directory.

  By default, Cairn will generate a new plan and present it for your
  approval before taking any action. You can optionally provide a plan
  file created by a previous call to "cairn plan", in which case
  Cairn will take the actions described in that plan without any
  confirmation prompt.

  The plan options of "cairn plan" (-destroy, -refresh-only, -target,
  -exclude, -replace, -refresh=false, -parallelism) apply here too.

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

namespace {

struct ChangeCounts {
  int added = 0, changed = 0, destroyed = 0;
};

ChangeCounts CountChanges(const planner::Plan& plan) {
  ChangeCounts c;
  for (const planner::ResourceInstanceChange& ch : plan.changes) {
    switch (ch.action) {
      case planner::Action::kCreate: ++c.added; break;
      case planner::Action::kUpdate: ++c.changed; break;
      case planner::Action::kDelete: ++c.destroyed; break;
      case planner::Action::kDeleteThenCreate:
      case planner::Action::kCreateThenDelete:
        ++c.added;
        ++c.destroyed;
        break;
      default: break;
    }
  }
  return c;
}

void PrintSummary(const planner::Plan& plan, const state::State& applied, Streams& io) {
  ChangeCounts counts = CountChanges(plan);
  // `apply -destroy` reports as any apply does (terraform 1.11); only Terraform's `destroy`
  // command says "Destroy complete!".
  int imported = 0;  // objects `import` blocks imported (Terraform counts them first)
  for (const planner::ResourceInstanceChange& c : plan.changes) imported += c.import_id ? 1 : 0;
  io.out << fmt::format("\nApply complete! Resources: {}{} added, {} changed, {} destroyed.\n",
                        imported ? fmt::format("{} imported, ", imported) : "", counts.added,
                        counts.changed, counts.destroyed);
  if (!applied.outputs.empty()) {
    io.out << "\nOutputs:\n\n" << RenderOutputLines(applied.outputs);
  }
}

/// `apply PLANFILE`: the saved plan applied as it is, when neither the state nor the
/// configuration changed since it was made.
int ApplySavedPlan(const PlanFlags& flags, Streams& io) {
  const bool color = io.ErrColor() && !flags.no_color && !io.no_color;
  const std::string& path = flags.positional[0];
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Diagnostics d;
      d.Error("Failed to load plan file",
              fmt::format("Couldn't read the given plan file {}: no such file or directory.",
                          GoQuote(path)));
      PrintDiagnostics(d, EmptySourceIndex(), io, color);
      return 1;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  planner::DecodePlanFileResult decoded = planner::DecodePlanFile(bytes);
  if (!decoded.saved) {
    PrintDiagnostics(decoded.diagnostics, EmptySourceIndex(), io, color);
    return 1;
  }
  const planner::SavedPlan& saved = *decoded.saved;
  std::unique_ptr<RootModule> root = LoadRootModule(".", {}, /*unset_as_unknown=*/true);
  if (root->loaded.diagnostics.HasErrors()) {
    PrintDiagnostics(root->loaded.diagnostics, root->sources, io, color);
    return 1;
  }
  planner::LoadModuleTreeResult tree = planner::LoadModuleTree(root->loaded.module);
  if (tree.diagnostics.HasErrors()) {
    PrintDiagnostics(tree.diagnostics, root->sources, io, color);
    return 1;
  }
  std::string state_path =
      flags.state.state_path.empty() ? "terraform.tfstate" : flags.state.state_path;
  state::LocalStateStore store(state_path);
  Diagnostics lock = LockState(store, flags.state, "OperationTypeApply", io);
  if (lock.HasErrors()) {
    PrintDiagnostics(lock, root->sources, io, color);
    return 1;
  }
  struct Unlock {
    state::LocalStateStore& s;
    ~Unlock() { s.Unlock(); }
  } unlock{store};
  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    PrintDiagnostics(read.diagnostics, root->sources, io, color);
    return 1;
  }
  state::State current = read.state ? *read.state : state::State();
  Diagnostics stale = planner::CheckStale(saved, planner::ConfigHash("."), current);
  if (stale.HasErrors()) {
    PrintDiagnostics(stale, root->sources, io, color);
    return 1;
  }
  planner::InputValues inputs;
  for (const auto& [name, value] : saved.plan.variables) {
    planner::InputValue v;
    v.value = value.UnmarkedDeep();
    v.source = planner::InputSource::kCommandLine;
    inputs[name] = v;
  }
  Diagnostics parallel;
  const int parallelism = ParseParallelism(flags.parallelism, parallel);
  if (parallel.HasErrors()) {
    PrintDiagnostics(parallel, root->sources, io, color);
    return 1;
  }
  InstalledProviderResolver providers;
  if (flags.json) {
    JsonUi ui(io);
    JsonApplyHooks hooks(io);
    ApplyRunResult run = RunApplyEngine(*tree.tree, saved.plan, inputs, providers, hooks, store,
                                        parallelism, io);
    Diagnostics all = run.applied.diagnostics;
    all.Append(run.recorded);
    ui.Diagnostics(all, root->sources);
    if (all.HasErrors()) return 1;
    WriteJsonApplySummary(ui, saved.plan, run.applied.state, /*destroy_command=*/false);
    return 0;
  }
  ProgressHooks hooks(io, color);
  ApplyRunResult run = RunApplyEngine(*tree.tree, saved.plan, inputs, providers, hooks, store,
                                      parallelism, io);
  hooks.ClearStatus();
  Diagnostics all = run.applied.diagnostics;
  all.Append(run.recorded);
  if (!all.empty()) PrintDiagnostics(all, root->sources, io, color);
  if (all.HasErrors()) return 1;
  PrintSummary(saved.plan, run.applied.state, io);
  return 0;
}

constexpr const char* kDestroyHelp = R"(Usage: cairn [global options] destroy [options]

  Destroy Cairn-managed infrastructure.

  This command is a convenience alias for:
      cairn apply -destroy

  This command also accepts many of the plan-customization options accepted by
  the cairn plan command. For more information on those options, run:
      cairn plan -help
)";

/// `apply -json -auto-approve`: the plan's messages, then apply's progress and summary, as
/// Terraform's machine-readable UI log.
int ApplyJson(PlanOperation& op, const PlanFlags& flags, bool destroy_command, Streams& io) {
  const planner::Plan& plan = op.result.plan;
  JsonUi ui(io);
  for (const nlohmann::ordered_json& m : planner::RenderJsonPlanMessages(plan, {})) {
    ui.Message(m);
  }
  JsonApplyHooks hooks(io);
  Diagnostics parallel;  // checked by the plan already
  const int parallelism = ParseParallelism(flags.parallelism, parallel);
  ApplyRunResult run = RunApplyEngine(*op.tree, plan, op.root->inputs.values, op.providers,
                                      hooks, *op.store, parallelism, io);
  Diagnostics all = op.warnings;
  all.Append(run.applied.diagnostics);
  all.Append(run.recorded);
  ui.Diagnostics(all, op.root->sources);
  if (all.HasErrors()) return 1;
  WriteJsonApplySummary(ui, plan, run.applied.state, destroy_command);
  return 0;
}

/// `apply` and `destroy` (`apply -destroy` that says "Destroy complete!").
int RunApplyCommand(const Args& args, Streams& io, bool destroy_command) {
  PlanFlags plan_flags;
  bool auto_approve = false;
  GoFlags flags;
  plan_flags.Register(flags);
  flags.Bool("auto-approve", &auto_approve);
  flags.Bool("json", &plan_flags.json);
  if (std::optional<int> stop = plan_flags.ParseArguments(
          args, flags, destroy_command ? "destroy" : "apply",
          destroy_command ? kDestroyHelp : kApplyHelp, io, destroy_command ? 0 : 1)) {
    return *stop;
  }
  if (destroy_command) plan_flags.destroy = true;
  if (plan_flags.json && !auto_approve && plan_flags.positional.empty()) {
    JsonUi ui(io);  // ParseArguments wrote the version message
    Diagnostics d;
    d.Error("Plan file or auto-approve required",
            "Cairn cannot ask for interactive approval when -json is set. You can either apply "
            "a saved plan file, or enable the -auto-approve option.");
    ui.Diagnostics(d, EmptySourceIndex());
    return 1;
  }
  if (!plan_flags.positional.empty()) return ApplySavedPlan(plan_flags, io);
  std::unique_ptr<PlanOperation> op =
      RunPlanOperation(plan_flags, "OperationTypeApply", false, io, /*keep_warnings=*/true);
  if (!op) return 1;
  const planner::Plan& plan = op->result.plan;
  PrintRefreshLines(*op, io);
  if (op->json) return ApplyJson(*op, plan_flags, destroy_command, io);
  planner::HumanPlanOptions render;
  render.color = op->color;
  io.out << planner::RenderHumanPlan(plan, op->result.schemas, render);
  PrintForgetWarning(*op, io);
  const bool changes = plan.Applyable();
  if (changes && !auto_approve) {
    // The plan's warnings help decide (Terraform shows them before the prompt).
    Diagnostics warnings = op->warnings;
    warnings.Append(op->result.check_diagnostics);
    if (!warnings.empty()) PrintDiagnostics(warnings, op->root->sources, io, op->color);
    // Terraform's three questions (backend_local's apply: by plan mode).
    const planner::PlanMode mode = op->result.plan.mode;
    if (mode == planner::PlanMode::kDestroy) {
      io.out << "\nDo you really want to destroy all resources?\n"
                "  Cairn will destroy all your managed infrastructure, as shown above.\n"
                "  There is no undo. Only 'yes' will be accepted to confirm.\n\n"
                "  Enter a value: ";
    } else if (mode == planner::PlanMode::kRefreshOnly) {
      io.out << "\nWould you like to update the Cairn state to reflect these detected changes?\n"
                "  Cairn will write these changes to the state without modifying any real "
                "infrastructure.\n"
                "  There is no undo. Only 'yes' will be accepted to confirm.\n\n"
                "  Enter a value: ";
    } else {
      io.out << "\nDo you want to perform these actions?\n"
                "  Cairn will perform the actions described above.\n"
                "  Only 'yes' will be accepted to approve.\n\n"
                "  Enter a value: ";
    }
    io.out.flush();
    std::string answer;
    // Terraform reads a whole line; input ending before a newline is an error.
    if (!std::getline(io.in, answer) || io.in.eof()) {
      io.err << "\nError: error asking for approval: EOF\n\n";
      return 1;
    }
    io.out << "\n";
    if (answer != "yes") {
      io.out << (mode == planner::PlanMode::kDestroy ? "Destroy cancelled.\n"
                                                     : "Apply cancelled.\n");
      return 1;
    }
  }

  RootModule& root = *op->root;
  ProgressHooks hooks(io, op->color);
  Diagnostics parallel;  // checked by the plan already
  const int parallelism = ParseParallelism(plan_flags.parallelism, parallel);
  // Whatever happens, what was done is recorded.
  ApplyRunResult run = RunApplyEngine(*op->tree, plan, root.inputs.values, op->providers, hooks,
                                      *op->store, parallelism, io);
  hooks.ClearStatus();
  // Without a prompt the plan's warnings come with apply's; check blocks' are left out, as
  // the checks ran again after applying.
  Diagnostics all;
  if (!changes || auto_approve) all = op->warnings;
  all.Append(run.applied.diagnostics);
  all.Append(run.recorded);
  if (!all.empty()) PrintDiagnostics(all, root.sources, io, op->color);
  if (all.HasErrors()) return 1;
  if (destroy_command) {
    io.out << fmt::format("\nDestroy complete! Resources: {} destroyed.\n",
                          CountChanges(plan).destroyed);
  } else {
    PrintSummary(plan, run.applied.state, io);
  }
  return 0;
}

}  // namespace

int RunApply(const Args& args, Streams& io) { return RunApplyCommand(args, io, false); }

int RunDestroy(const Args& args, Streams& io) { return RunApplyCommand(args, io, true); }

}  // namespace cairn::cli
