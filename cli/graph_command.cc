/// `cairn graph`: Terraform's `graph`: the configuration's dependency graph in the DOT
/// language, by default only the resources (Terraform 1.11's summary), with -type= the
/// operation graph (see planner/render/graph_dot.h for what Cairn's differs in).

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/root_module.h"
#include "cli/state_common.h"
#include "lang/base/source_index.h"
#include "planner/plan/planfile.h"
#include "planner/render/graph_dot.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kGraphHelp = R"(Usage: terraform [global options] graph [options]

  Produces a representation of the dependency graph between different
  objects in the current configuration and state.

  By default the graph shows a summary only of the relationships between
  resources in the configuration, since those are the main objects that
  have side-effects whose ordering is significant. You can generate more
  detailed graphs reflecting Terraform's actual evaluation strategy
  by specifying the -type=TYPE option to select an operation type.

  The graph is presented in the DOT language. The typical program that can
  read this format is GraphViz, but many web services are also available
  to read this format.

Options:

  -plan=tfplan     Render graph using the specified plan file instead of the
                   configuration in the current directory. Implies -type=apply.

  -draw-cycles     Highlight any cycles in the graph with colored edges.
                   This helps when diagnosing cycle errors. This option is
                   supported only when illustrating a real evaluation graph,
                   selected using the -type=TYPE option.

  -type=TYPE       Type of operation graph to output. Can be: plan,
                   plan-refresh-only, plan-destroy, or apply. By default
                   Terraform just summarizes the relationships between the
                   resources in your configuration, without any particular
                   operation in mind. Full operation graphs are more detailed
                   but therefore often harder to read.

  -module-depth=n  (deprecated) In prior versions of Terraform, specified the
                   depth of modules to show in the output.
)";

}  // namespace

int RunGraph(const Args& args, Streams& io) {
  bool draw_cycles = false, verbose = false;
  std::string type, plan_path, module_depth = "-1";
  GoFlags flags;
  flags.Bool("draw-cycles", &draw_cycles);
  flags.String("type", &type);
  flags.String("module-depth", &module_depth);  // deprecated: accepted and ignored
  flags.Bool("verbose", &verbose);              // accepted and ignored, as Terraform does
  flags.String("plan", &plan_path);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kGraphHelp);
    return 0;
  }
  if (parsed.diagnostics.HasErrors()) {
    UiError(io, CairnHelp(kGraphHelp).substr(0, CairnHelp(kGraphHelp).size() - 1));
    PrintFlagError(parsed.diagnostics, io);
    return 1;
  }
  if (!parsed.positional.empty()) {
    UiError(io, "Too many command line arguments. Did you mean to use -chdir?");
    return 1;
  }
  const bool color = io.ErrColor();
  std::optional<planner::SavedPlan> saved;
  if (!plan_path.empty()) {
    struct stat st;
    if (stat(plan_path.c_str(), &st) != 0) {
      std::string reason = std::strerror(errno);
      if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
      UiError(io, "stat " + plan_path + ": " + reason);
      return 1;
    }
    std::ifstream in(plan_path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    planner::DecodePlanFileResult decoded = planner::DecodePlanFile(bytes);
    if (!decoded.saved) {
      PrintDiagnostics(decoded.diagnostics, EmptySourceIndex(), io, color);
      return 1;
    }
    saved = std::move(decoded.saved);
  }
  std::unique_ptr<RootModule> root = LoadRootModule(".", {}, /*unset_as_unknown=*/true);
  if (root->loaded.diagnostics.HasErrors()) {
    ShowDiagnostics(root->loaded.diagnostics, root->sources, io);
    return 1;
  }
  planner::LoadModuleTreeResult tree = planner::LoadModuleTree(root->loaded.module);
  if (tree.diagnostics.HasErrors()) {
    ShowDiagnostics(tree.diagnostics, root->sources, io);
    return 1;
  }
  state::State st;
  if (saved) {
    st = saved->plan.prior_state;
  } else {
    state::LocalStateStore store("terraform.tfstate");
    state::ReadStateResult read = store.Read();
    if (read.diagnostics.HasErrors()) {
      PrintDiagnostics(read.diagnostics, root->sources, io, color);
      return 1;
    }
    if (read.state) st = *read.state;
  }

  if (type.empty() && saved) type = "apply";
  planner::GraphType graph_type = planner::GraphType::kResources;
  if (type == "plan" || type == "plan-refresh-only") {
    graph_type = planner::GraphType::kPlan;
  } else if (type == "plan-destroy") {
    graph_type = planner::GraphType::kPlanDestroy;
  } else if (type == "apply") {
    graph_type = planner::GraphType::kApply;
  } else if (type == "eval" || type == "validate") {
    Diagnostics d;
    d.Error("Graph type no longer available",
            "The graph type \"" + type +
                "\" is no longer available. Use -type=plan instead to get a similar result.");
    ShowDiagnostics(d, root->sources, io);
    return 1;
  } else if (!type.empty()) {
    Diagnostics d;
    d.Error("Unsupported graph type",
            "The -type=... argument must be either \"plan\", \"plan-refresh-only\", "
            "\"plan-destroy\", or \"apply\".");
    ShowDiagnostics(d, root->sources, io);
    return 1;
  }
  planner::GraphDotResult graph = planner::RenderGraphDot(*tree.tree, st, graph_type, draw_cycles);
  if (graph.diagnostics.HasErrors()) {
    ShowDiagnostics(graph.diagnostics, root->sources, io);
    return 1;
  }
  io.out << graph.dot;
  return 0;
}

}  // namespace cairn::cli
