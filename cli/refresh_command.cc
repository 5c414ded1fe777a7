/// `cairn refresh`: Terraform's `refresh`, which is `apply -refresh-only -auto-approve`
/// without the plan text: every prior object read again, what changed outside Cairn and the
/// root module's outputs recorded in the state, then the outputs shown.

#include <string>

#include "cli/commands.h"
#include "cli/outputs_view.h"
#include "cli/plan_operation.h"
#include "lang/base/source_index.h"

namespace cairn::cli {
namespace {

constexpr const char* kRefreshHelp = R"(Usage: cairn [global options] refresh [options]

  Update the state file of your infrastructure with metadata that matches
  the physical resources they are tracking.

  This will not modify your infrastructure, but it can modify your
  state file to update metadata. This metadata might cause new changes
  to occur when you generate a plan or call apply next.

  It is "cairn apply -refresh-only -auto-approve" without the plan's text.

Options:

  -input=true         Ask for input for variables if not directly set.

  -lock=false         Don't hold a state lock during the operation. This is
                      dangerous if others might concurrently run commands
                      against the same workspace.

  -lock-timeout=0s    Duration to retry a state lock.

  -no-color           If specified, output won't contain any color.

  -parallelism=n      Limit the number of concurrent operations. Defaults to 10.

  -target=resource    Resource to target. Operation will be limited to this
                      resource and its dependencies. This flag can be used
                      multiple times.

  -exclude=resource   Refresh everything except this resource and what depends
                      on it (OpenTofu's option). This flag can be used
                      multiple times.

  -var 'foo=bar'      Set a variable in the Cairn configuration. This
                      flag can be set multiple times.

  -var-file=foo       Set variables in the Cairn configuration from
                      a file. If "terraform.tfvars" or any ".auto.tfvars"
                      files are present, they will be automatically loaded.

  -state=path         Path to read and save state. Defaults to
                      "terraform.tfstate".
)";

/// A refresh-only plan changes no object: apply has nothing to report.
class NoApplyHooks : public planner::ApplyHooks {
 public:
  void PreApply(const addrs::AbsResourceInstance&, planner::Action, const Value&) override {}
  void PostApply(const addrs::AbsResourceInstance&, planner::Action, const Value&, bool,
                 std::chrono::steady_clock::duration) override {}
};

}  // namespace

int RunRefresh(const Args& args, Streams& io) {
  PlanFlags plan_flags;
  GoFlags flags;
  plan_flags.Register(flags);
  if (std::optional<int> stop =
          plan_flags.ParseArguments(args, flags, "refresh", kRefreshHelp, io, 1)) {
    return *stop;
  }
  if (!plan_flags.positional.empty()) {  // Terraform's refresh takes none, and says "one"
    Diagnostics usage;
    usage.Error("Too many command line arguments", "Expected at most one positional argument.");
    PrintUsageErrors(usage, "refresh", io, io.ErrColor() && !plan_flags.no_color);
    return 1;
  }
  if (plan_flags.state.state_path.empty()) {  // -state= is no -state
    plan_flags.state.state_path = "terraform.tfstate";
    plan_flags.state_given = false;
  }
  plan_flags.refresh_only = true;
  plan_flags.destroy = false;
  plan_flags.refresh = true;
  std::unique_ptr<PlanOperation> op = RunPlanOperation(plan_flags, "OperationTypeRefresh",
                                                       /*announce_failure=*/false, io,
                                                       /*keep_warnings=*/true);
  if (!op) return 1;
  PrintRefreshLines(*op, io);
  // Terraform's local backend warns before refreshing a state without resources, and shows
  // that warning with the operation's own at its end.
  Diagnostics diags;
  if (op->prior.resources.empty()) {
    diags.Warning("Empty or non-existent state",
                  "There are currently no remote objects tracked in the state, so there is "
                  "nothing to refresh.");
  }
  diags.Append(op->warnings);
  RootModule& root = *op->root;
  NoApplyHooks hooks;
  planner::ApplyResult applied =
      planner::ApplyPlan(*op->tree, op->result.plan, root.inputs.values, op->providers, hooks);
  diags.Append(applied.diagnostics);
  // Terraform's refresh keeps the outputs the configuration no longer declares.
  for (const auto& [name, output] : op->prior.outputs) {
    bool declared = false;
    for (const config::Output& o : op->tree->module->outputs) declared = declared || o.name == name;
    if (!declared) applied.state.outputs.emplace(name, output);
  }
  if (!applied.diagnostics.HasErrors()) diags.Append(op->store->Write(applied.state));
  if (!diags.empty()) PrintDiagnostics(diags, root.sources, io, op->color);
  if (diags.HasErrors()) return 1;
  if (!applied.state.outputs.empty()) {
    io.out << "\nOutputs:\n\n" << RenderOutputLines(applied.state.outputs);
  }
  return 0;
}

}  // namespace cairn::cli
