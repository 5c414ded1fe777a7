#include "cli/plan_operation.h"

#include <chrono>

#include "lang/base/source_index.h"
#include "planner/plan/output_changes.h"

namespace cairn::cli {
namespace {

std::string ResourceAddress(const config::Resource& r) {
  return (r.mode == config::ResourceMode::kData        ? "data."
          : r.mode == config::ResourceMode::kEphemeral ? "ephemeral."
                                                       : "") +
         r.type + "." + r.name;
}

/// One error per resource, data source and module call: Cairn plans only configurations
/// without them so far.
Diagnostics UnplannableBlocks(const config::Module& module) {
  Diagnostics diags;
  auto refuse = [&diags](const std::string& what, const Range& range) {
    diags.Error("Resources cannot be planned yet",
                "Cairn cannot plan " + what +
                    " yet: only configurations without resources, data sources and module "
                    "calls can be planned and applied so far.",
                range);
  };
  for (const config::Resource& r : module.resources) {
    refuse("resource \"" + ResourceAddress(r) + "\"", r.decl_range);
  }
  for (const config::Resource& r : module.data_resources) {
    refuse("data source \"" + ResourceAddress(r) + "\"", r.decl_range);
  }
  for (const config::ModuleCall& m : module.module_calls) {
    refuse("module call \"module." + m.name + "\"", m.decl_range);
  }
  return diags;
}

/// Whether `module` fails already with every input variable unknown: Terraform's validate
/// walk, whose errors it reports without "Planning failed." (EvaluateRootModule stops at
/// the same errors when its first, all-unknown walk fails).
bool FailsValidation(const config::Module& module, const planner::EvaluateOptions& options) {
  planner::InputValues unknown;
  for (const config::Variable& v : module.variables) {
    planner::InputValue value;
    value.value = Value::DynamicUnknown();
    value.source = planner::InputSource::kInput;
    unknown[v.name] = value;
  }
  return planner::EvaluateRootModule(module, unknown, options).diagnostics.HasErrors();
}

}  // namespace

void PlanFlags::Register(GoFlags& flags) {
  flags.Bool("no-color", &no_color);
  flags.Bool("input", &input);
  flags.Repeated("var", [this](const std::string& v) { vars.push_back({false, v}); });
  flags.Repeated("var-file", [this](const std::string& v) { vars.push_back({true, v}); });
  state.Register(flags);
  flags.Repeated("state", [this](const std::string& v) {
    state.state_path = v;
    state_given = true;
  });
}

std::optional<int> PlanFlags::ParseArguments(const Args& args, GoFlags& flags,
                                             const std::string& command, std::string_view help,
                                             Streams& io) {
  GoFlags::Result parsed = flags.Parse(args);
  const bool color = io.ErrColor() && !no_color && !io.no_color;
  if (parsed.help) {
    io.out << help;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state.Validate(usage);
  if (!usage.HasErrors() && !parsed.positional.empty()) {
    usage.Error("Too many command line arguments", "Expected at most zero positional arguments.");
  }
  if (usage.HasErrors()) {
    PrintUsageErrors(usage, command, io, color);
    return 1;
  }
  return std::nullopt;
}

PlanOperation::~PlanOperation() {
  if (store) store->Unlock();
}

std::unique_ptr<PlanOperation> RunPlanOperation(const PlanFlags& flags,
                                                const std::string& lock_operation,
                                                bool announce_failure, Streams& io) {
  auto op = std::make_unique<PlanOperation>();
  op->color = io.ErrColor() && !flags.no_color && !io.no_color;
  if (flags.state_given) {
    Diagnostics deprecated;
    deprecated.Warning("Deprecated flag: -state",
                       "Use `path` attribute within the `local` backend instead:\n"
                       "https://developer.hashicorp.com/terraform/language/v1.10.x/settings/"
                       "backends/local#path");
    PrintDiagnostics(deprecated, EmptySourceIndex(), io, op->color);
  }
  // Terraform asks for missing required variables only on a terminal and with -input=true.
  const bool ask = flags.input && io.in_tty;
  op->root = LoadRootModule(".", flags.vars, /*unset_as_unknown=*/false, ask ? &io : nullptr,
                            io.OutColor() && !flags.no_color);
  RootModule& root = *op->root;
  if (root.loaded.diagnostics.HasErrors()) {
    PrintDiagnostics(root.diagnostics, root.sources, io, op->color);
    return nullptr;
  }
  Diagnostics unplannable = UnplannableBlocks(root.loaded.module);
  if (unplannable.HasErrors()) {
    PrintDiagnostics(unplannable, root.sources, io, op->color);
    return nullptr;
  }

  std::string state_path =
      flags.state.state_path.empty() ? "terraform.tfstate" : flags.state.state_path;
  op->store = std::make_unique<state::LocalStateStore>(state_path);
  Diagnostics lock = LockState(*op->store, flags.state, lock_operation, io);
  if (lock.HasErrors()) {
    op->store.reset();  // not locked: nothing to release
    PrintDiagnostics(lock, root.sources, io, op->color);
    return nullptr;
  }
  state::ReadStateResult read = op->store->Read();
  if (read.diagnostics.HasErrors()) {
    PrintDiagnostics(read.diagnostics, root.sources, io, op->color);
    return nullptr;
  }
  if (read.state) op->prior = *read.state;

  // Input problems (a missing required variable, a bad -var) stop before planning.
  Diagnostics diags = root.diagnostics;
  if (diags.HasErrors()) {
    PrintDiagnostics(diags, root.sources, io, op->color);
    return nullptr;
  }
  planner::EvaluateOptions options;
  options.planning = true;
  options.plan_time = std::chrono::system_clock::now();
  planner::ModuleValuesResult values =
      planner::EvaluateRootModule(root.loaded.module, root.inputs.values, options);
  diags.Append(values.diagnostics);
  if (diags.HasErrors()) {
    if (announce_failure && !FailsValidation(root.loaded.module, options)) {
      io.out << "\nPlanning failed. Terraform encountered an error while generating this "
                "plan.\n\n";
      io.out.flush();
    }
    PrintDiagnostics(diags, root.sources, io, op->color);
    return nullptr;
  }
  if (!diags.empty()) PrintDiagnostics(diags, root.sources, io, op->color);
  op->changes = planner::PlanOutputChanges(op->prior.outputs, values.values.outputs);
  return op;
}

planner::Plan OutputsPlan(const PlanOperation& op) {
  planner::Plan plan;
  plan.outputs = op.changes;
  return plan;
}

}  // namespace cairn::cli
