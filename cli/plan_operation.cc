#include "cli/plan_operation.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

#include "cli/json_ui.h"
#include "lang/base/go_quote.h"
#include "lang/base/source_index.h"
#include "planner/plan/output_changes.h"
#include "planner/render/human_plan.h"
#include "lang/base/value_json.h"

namespace cairn::cli {

int ParseParallelism(const std::string& text, Diagnostics& diags) {
  char* end = nullptr;
  long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || n < 1) {
    diags.Error("Invalid parallelism",
                fmt::format("The -parallelism value must be a positive whole number, not {}.",
                            GoQuote(text)));
    return 10;
  }
  return static_cast<int>(std::min(n, 100000L));
}
namespace {

/// Parses the addresses of -target, -exclude and -replace, with Terraform's flag errors.
bool ParseAddressFlags(const PlanFlags& flags, planner::PlanOptions& options, Diagnostics& diags) {
  for (const std::string& t : flags.targets) {
    addrs::ParseAddrResult<addrs::Target> r = addrs::ParseTarget(t);
    if (r.addr) {
      options.targets.push_back(*r.addr);
      continue;
    }
    for (const Diagnostic& d : r.diagnostics) {
      diags.Error(fmt::format("Invalid target {}", GoQuote(t)), d.detail);
    }
  }
  for (const std::string& t : flags.excludes) {
    addrs::ParseAddrResult<addrs::Target> r = addrs::ParseTarget(t);
    if (r.addr) {
      options.excludes.push_back(*r.addr);
      continue;
    }
    for (const Diagnostic& d : r.diagnostics) {
      diags.Error(fmt::format("Invalid exclude {}", GoQuote(t)), d.detail);
    }
  }
  for (const std::string& t : flags.replaces) {
    addrs::ParseAddrResult<addrs::AbsResourceInstance> r = addrs::ParseAbsResourceInstance(t);
    if (r.addr) {
      options.force_replace.push_back(*r.addr);
      continue;
    }
    for (const Diagnostic& d : r.diagnostics) {
      diags.Error(fmt::format("Invalid force-replace address {}", GoQuote(t)), d.detail);
    }
  }
  if (flags.destroy && flags.refresh_only) {
    diags.Error("Incompatible plan mode options",
                "The -destroy and -refresh-only options are mutually-exclusive.");
  }
  options.parallelism = ParseParallelism(flags.parallelism, diags);
  options.mode = flags.destroy        ? planner::PlanMode::kDestroy
                 : flags.refresh_only ? planner::PlanMode::kRefreshOnly
                                      : planner::PlanMode::kNormal;
  options.refresh = flags.refresh;
  return !diags.HasErrors();
}

/// Diagnostics as the command's view shows them: Terraform's text, or UI log messages with
/// -json.
void Report(bool json, const Diagnostics& diags, const SourceIndex& sources, Streams& io,
            bool color) {
  if (json) {
    JsonUi(io).Diagnostics(diags, sources);
  } else {
    PrintDiagnostics(diags, sources, io, color);
  }
}

}  // namespace

void PlanFlags::Register(GoFlags& flags) {
  flags.Bool("no-color", &no_color);
  flags.Bool("input", &input);
  flags.Bool("destroy", &destroy);
  flags.Bool("refresh-only", &refresh_only);
  flags.Bool("refresh", &refresh);
  flags.String("parallelism", &parallelism);
  flags.Repeated("target", [this](const std::string& v) { targets.push_back(v); });
  flags.Repeated("exclude", [this](const std::string& v) { excludes.push_back(v); });
  flags.Repeated("replace", [this](const std::string& v) { replaces.push_back(v); });
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
                                             Streams& io, size_t max_positional) {
  GoFlags::Result parsed = flags.Parse(args);
  const bool color = io.ErrColor() && !no_color && !io.no_color;
  if (parsed.help) {
    io.out << help;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state.Validate(usage);
  if (!usage.HasErrors()) {
    planner::PlanOptions options;
    ParseAddressFlags(*this, options, usage);
  }
  if (!usage.HasErrors() && parsed.positional.size() > max_positional) {
    usage.Error("Too many command line arguments",
                max_positional == 0 ? "Expected at most zero positional arguments."
                                    : "Expected at most one positional argument.");
  }
  positional = parsed.positional;
  if (json) JsonUi(io).Version();
  if (usage.HasErrors()) {
    if (json) {
      JsonUi(io).Diagnostics(usage, EmptySourceIndex());
    } else {
      PrintUsageErrors(usage, command, io, color);
    }
    return 1;
  }
  return std::nullopt;
}

namespace {
/// Keeps `value` alive until the process exits instead of freeing it now: a command makes
/// one PlanOperation and exits right after it, and freeing the objects of a million-instance
/// plan one by one takes longer than planning some of them did.
template <class T>
void KeepUntilExit(T& value) {
  static std::vector<std::shared_ptr<void>>* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<T>(std::move(value)));
}
}  // namespace

PlanOperation::~PlanOperation() {
  if (store) store->Unlock();
  KeepUntilExit(result);
  KeepUntilExit(prior);
  KeepUntilExit(tree);
}

/// Registers the files of a loaded module tree with the sources diagnostics quote.
static void AddSources(const planner::ModuleTree& tree, syntax::ParsedSources& sources) {
  for (const auto& file : tree.module->files) sources.Add(*file);
  for (const auto& [name, child] : tree.children) AddSources(*child, sources);
}

std::unique_ptr<PlanOperation> RunPlanOperation(const PlanFlags& flags,
                                                const std::string& lock_operation,
                                                bool announce_failure, Streams& io,
                                                bool keep_warnings) {
  auto op = std::make_unique<PlanOperation>();
  op->color = io.ErrColor() && !flags.no_color && !io.no_color;
  op->json = flags.json;
  if (flags.state_given) {
    Diagnostics deprecated;
    deprecated.Warning("Deprecated flag: -state",
                       "Use `path` attribute within the `local` backend instead:\n"
                       "https://developer.hashicorp.com/terraform/language/v1.10.x/settings/"
                       "backends/local#path");
    Report(op->json, deprecated, EmptySourceIndex(), io, op->color);
  }
  // Terraform asks for missing required variables only on a terminal and with -input=true.
  const bool ask = flags.input && io.in_tty && !flags.json;
  op->root = LoadRootModule(flags.config_dir, flags.vars, /*unset_as_unknown=*/false, ask ? &io : nullptr,
                            io.OutColor() && !flags.no_color);
  RootModule& root = *op->root;
  if (root.loaded.diagnostics.HasErrors()) {
    Report(op->json, root.diagnostics, root.sources, io, op->color);
    return nullptr;
  }
  planner::LoadModuleTreeResult tree = planner::LoadModuleTree(root.loaded.module);
  op->tree = std::move(tree.tree);
  for (const auto& [name, child] : op->tree->children) AddSources(*child, root.sources);
  if (tree.diagnostics.HasErrors()) {
    Report(op->json, tree.diagnostics, root.sources, io, op->color);
    return nullptr;
  }
  if (flags.check_config && !flags.check_config(*op->tree)) return nullptr;

  std::string state_path =
      flags.state.state_path.empty() ? "terraform.tfstate" : flags.state.state_path;
  op->store = std::make_unique<state::LocalStateStore>(
      state_path, flags.state.backup_path.value_or(state_path + ".backup"));
  Diagnostics lock = LockState(*op->store, flags.state, lock_operation, io);
  if (lock.HasErrors()) {
    op->store.reset();  // not locked: nothing to release
    Report(op->json, lock, root.sources, io, op->color);
    return nullptr;
  }
  state::ReadStateResult read = op->store->Read();
  if (read.diagnostics.HasErrors()) {
    Report(op->json, read.diagnostics, root.sources, io, op->color);
    return nullptr;
  }
  if (read.state) op->prior = *read.state;

  // Input problems (a missing required variable, a bad -var) stop before planning.
  Diagnostics diags = root.diagnostics;
  diags.Append(read.diagnostics);  // warnings: an interrupted apply's journal replayed
  if (diags.HasErrors()) {
    Report(op->json, diags, root.sources, io, op->color);
    return nullptr;
  }
  planner::PlanOptions options;
  ParseAddressFlags(flags, options, diags);  // checked while parsing the arguments
  options.plan_time = std::chrono::system_clock::now();
  options.legacy_imports = flags.imports;
  op->refreshed = options.refresh;
  op->result = planner::MakePlan(*op->tree, op->prior, root.inputs.values, op->providers,
                                 options);
  if (flags.planned) flags.planned(op->result);
  if (!options.targets.empty()) {
    // Terraform's context warns first thing when planning with -target.
    diags.Warning("Resource targeting is in effect",
                  "You are creating a plan with the -target option, which means that the result "
                  "of this plan may not represent all of the changes requested by the current "
                  "configuration.\n\nThe -target option is not for routine use, and is provided "
                  "only for exceptional situations such as recovering from errors or mistakes, "
                  "or when Terraform specifically suggests to use it as part of an error "
                  "message.");
  }
  diags.Append(op->result.diagnostics);
  if (diags.HasErrors()) {
    bool partial = false;
    for (const planner::ResourceInstanceChange& c : op->result.plan.changes) {
      partial = partial || c.action != planner::Action::kNoOp;
    }
    if (partial && !op->json && !op->result.validation_failed && !op->result.plan_withheld) {
      // Terraform shows what it planned before the problem ("Cairn planned the following
      // actions, but then encountered a problem:").
      PrintRefreshLines(*op, io);
      planner::HumanPlanOptions render;
      render.color = op->color;
      op->result.plan.errored = true;
      io.out << planner::RenderHumanPlan(op->result.plan, op->result.schemas, render);
      io.out.flush();
    } else if (announce_failure && !op->json && !op->result.validation_failed) {
      io.out << "\nPlanning failed. Cairn encountered an error while generating this plan.\n\n";
      io.out.flush();
    }
    Report(op->json, diags, root.sources, io, op->color);
    return nullptr;
  }
  if (keep_warnings) {
    op->warnings = std::move(diags);
  } else if (!diags.empty()) {
    Report(op->json, diags, root.sources, io, op->color);
  }
  return op;
}

void PrintForgetWarning(const PlanOperation& op, Streams& io) {
  std::string list;
  for (const planner::ResourceInstanceChange& c : op.result.plan.changes) {
    if (c.action == planner::Action::kForget) list += " - " + c.addr.ToString() + "\n";
  }
  if (list.empty()) return;
  Diagnostics diags;
  diags.Warning("Some objects will no longer be managed by Cairn",
                "If you apply this plan, Cairn will discard its tracking information for "
                "the following objects, but it will not delete them:\n" +
                    list +
                    "\nAfter applying this plan, Cairn will no longer manage these objects. "
                    "You will need to import them into Cairn to manage them again.");
  Report(op.json, diags, op.root->sources, io, op.color);
}

void PrintRefreshLines(const PlanOperation& op, Streams& io) {
  const state::State& prior = op.result.plan.prev_run_state;
  const state::State& moved = op.result.plan.prior_state;
  // Objects `import` blocks imported: "Preparing import..." first, and they were read
  // whatever -refresh says.
  std::map<addrs::AbsResourceInstance, const planner::ImportProgress*> imports;
  for (const planner::ImportProgress& i : op.result.imports) imports[i.addr] = &i;
  for (const addrs::AbsResourceInstance& addr : op.result.visit_order) {
    auto imported = imports.find(addr);
    if (imported != imports.end() && !op.json) {
      std::string line =
          addr.ToString() + ": Preparing import... [id=" + imported->second->id + "]";
      io.out << (op.color ? "\x1b[0m\x1b[1m" + line + "\x1b[0m\n" : line + "\n");
    }
    if (!op.refreshed && imported == imports.end()) continue;
    const state::ObjectState* obj = moved.FindCurrent(addr);
    if (!obj) obj = prior.FindCurrent(addr);
    if (!obj) continue;
    std::string id = obj->Id();
    if (imported != imports.end()) id = imported->second->read_id.value_or("");
    if (op.json) {
      JsonUi(io).Refreshed(addr, id);
      continue;
    }
    std::string line =
        addr.ToString() + ": Refreshing state..." + (id.empty() ? "" : " [id=" + id + "]");
    if (op.color) {
      io.out << "\x1b[0m\x1b[1m" << line << "\x1b[0m\n";
    } else {
      io.out << line << "\n";
    }
  }
}

}  // namespace cairn::cli
