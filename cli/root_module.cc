#include "cli/root_module.h"

#include "lang/base/diagnostic_text.h"

extern char** environ;

namespace cairn::cli {

std::unique_ptr<RootModule> LoadRootModule(const std::string& dir,
                                           const std::vector<planner::VarArgument>& vars,
                                           bool unset_as_unknown) {
  auto root = std::make_unique<RootModule>();
  root->loaded = config::LoadModule(dir);
  for (const auto& file : root->loaded.module.files) root->sources.Add(*file);
  root->diagnostics.Append(root->loaded.diagnostics);
  if (root->diagnostics.HasErrors()) return root;

  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  root->inputs = planner::CollectInputValues(root->loaded.module, dir, env, vars);
  for (const auto& file : root->inputs.files) root->sources.Add(*file);
  if (unset_as_unknown) {
    for (const config::Variable* v :
         planner::UnsetRequiredVariables(root->loaded.module, root->inputs.values)) {
      planner::InputValue unknown;
      unknown.value = Value::DynamicUnknown();
      unknown.source = planner::InputSource::kInput;
      root->inputs.values[v->name] = unknown;
    }
    for (const Diagnostic& d : root->inputs.diagnostics) {
      if (d.summary != "No value for required variable") root->diagnostics.Add(d);
    }
  } else {
    root->diagnostics.Append(root->inputs.diagnostics);
  }
  return root;
}

void PrintDiagnostics(const Diagnostics& diags, const SourceIndex& sources, Streams& io,
                      bool color) {
  DiagnosticTextOptions options;
  options.color = color;
  options.width = io.ErrWidth();
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, sources, options)) {
    (r.severity == Severity::kError ? io.err : io.out) << r.text;
  }
}

}  // namespace cairn::cli
