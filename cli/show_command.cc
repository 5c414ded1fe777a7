/// `cairn show [PLANFILE]`: the state, or a saved plan, for people (Terraform's text), for
/// machines (`-json`: Terraform's JSON state and plan formats) and for pull requests
/// (`-markdown`, Cairn's). Sensitive values are redacted in JSON unless -show-sensitive.

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/plan_operation.h"
#include "cli/root_module.h"
#include "lang/base/go_json.h"
#include "lang/base/source_index.h"
#include "planner/plan/planfile.h"
#include "planner/render/human_plan.h"
#include "planner/render/json_plan.h"
#include "planner/render/markdown_plan.h"
#include "planner/render/state_human.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kShowHelp = R"(Usage: cairn [global options] show [options] [path]

  Reads and outputs a Cairn state or plan file in a human-readable
  form. If no path is specified, the current state will be shown.

Options:

  -no-color           If specified, output won't contain any color.
  -json               If specified, output the Cairn plan or state in
                      a machine-readable form.
  -markdown           Render a saved plan as markdown for a pull request.
  -show-sensitive     Show sensitive values in -json output (they are
                      redacted otherwise).
)";

/// Schemas of every provider the plan's or state's objects name.
planner::Schemas SchemasFor(const state::State& state, const planner::Plan* plan,
                            InstalledProviderResolver& resolver) {
  planner::Schemas schemas;
  auto add = [&](const std::string& provider) {
    std::string source = planner::ProviderSource(provider);
    if (schemas.count(source)) return;
    if (providers::Provider* p = resolver.Resolve(source)) {
      schemas[source] = p->GetProviderSchema();
    }
  };
  for (const state::ResourceState& r : state.resources) add(r.provider);
  if (plan) {
    for (const planner::ResourceInstanceChange& c : plan->changes) add(c.provider);
  }
  return schemas;
}

planner::ConfigView ViewOf(const planner::ModuleTree& tree) {
  planner::ConfigView v;
  v.module = tree.module;
  for (const auto& [name, child] : tree.children) v.children[name] = ViewOf(*child);
  return v;
}

}  // namespace

int RunShow(const Args& args, Streams& io) {
  bool no_color = false, json = false, markdown = false, show_sensitive = false;
  GoFlags flags;
  flags.Bool("no-color", &no_color);
  flags.Bool("json", &json);
  flags.Bool("markdown", &markdown);
  flags.Bool("show-sensitive", &show_sensitive);
  GoFlags::Result parsed = flags.Parse(args);
  const bool color = io.OutColor() && !no_color && !io.no_color;
  if (parsed.help) {
    io.out << kShowHelp;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors() && parsed.positional.size() > 1) {
    usage.Error("Too many command line arguments", "Expected at most one positional argument.");
  }
  if (!usage.HasErrors() && json && markdown) {
    usage.Error("Incompatible options", "The -json and -markdown options are mutually-exclusive.");
  }
  if (!usage.HasErrors() && markdown && parsed.positional.empty()) {
    usage.Error("Plan file required", "The -markdown option renders a saved plan: give its path.");
  }
  if (usage.HasErrors()) {
    PrintUsageErrors(usage, "show", io, color);
    return 1;
  }
  InstalledProviderResolver resolver;
  if (parsed.positional.empty()) {
    state::LocalStateStore store("terraform.tfstate");
    state::ReadStateResult read = store.Read();
    if (read.diagnostics.HasErrors()) {
      PrintDiagnostics(read.diagnostics, EmptySourceIndex(), io, color);
      return 1;
    }
    state::State st = read.state ? *read.state : state::State();
    planner::Schemas schemas = SchemasFor(st, nullptr, resolver);
    if (json) {
      if (!read.state) {
        io.out << "{\"format_version\":\"1.0\"}\n";
        return 0;
      }
      planner::Plan plan;
      plan.prior_state = st;
      planner::JsonPlanOptions o;
      o.show_sensitive = show_sensitive;
      o.terraform_version = st.terraform_version;  // jsonstate names the state's writer
      nlohmann::ordered_json doc = planner::RenderJsonPlan(plan, schemas, {}, o);
      io.out << GoJsonMarshal(doc["prior_state"]) << "\n";
      return 0;
    }
    if (!read.state) {
      io.out << "No state.\n";
      return 0;
    }
    planner::HumanStateOptions o;
    o.color = color;
    io.out << planner::RenderStateHuman(st, schemas, o);
    return 0;
  }

  const std::string& path = parsed.positional[0];
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Diagnostics d;
      d.Error("Failed to read the given file as a state or plan file",
              fmt::format("State read error: open {}: no such file or directory\n\nPlan read "
                          "error: couldn't load the provided path",
                          path));
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
  const planner::Plan& plan = decoded.saved->plan;
  planner::Schemas schemas = SchemasFor(plan.prior_state, &plan, resolver);
  if (markdown) {
    io.out << planner::RenderMarkdownPlan(plan, schemas, {});
    return 0;
  }
  if (json) {
    std::unique_ptr<RootModule> root = LoadRootModule(".", {}, /*unset_as_unknown=*/true);
    std::unique_ptr<planner::ModuleTree> tree;
    planner::ConfigView view;
    if (!root->loaded.diagnostics.HasErrors()) {
      planner::LoadModuleTreeResult t = planner::LoadModuleTree(root->loaded.module);
      tree = std::move(t.tree);
      view = ViewOf(*tree);
    }
    planner::JsonPlanOptions o;
    o.show_sensitive = show_sensitive;
    io.out << GoJsonMarshal(planner::RenderJsonPlan(plan, schemas, view, o)) << "\n";
    return 0;
  }
  planner::HumanPlanOptions o;
  o.color = color;
  io.out << planner::RenderHumanPlan(plan, schemas, o);
  return 0;
}

}  // namespace cairn::cli
