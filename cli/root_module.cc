#include "cli/root_module.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "lang/base/colorize.h"
#include "lang/base/diagnostic_text.h"
#include "lang/eval/evaluate.h"

extern char** environ;

namespace cairn::cli {

namespace {

/// The variable's description when it is a constant string, else "".
std::string Description(const config::Variable& v) {
  if (v.description == nullptr) return "";
  eval::MapScope no_names;
  eval::EmptyFunctionRegistry no_functions;
  eval::EvalResult r = eval::Evaluate(*v.description, no_names, no_functions);
  if (r.diagnostics.HasErrors() || !r.value.IsKnown() || r.value.IsNull() ||
      !r.value.type().IsString()) {
    return "";
  }
  return r.value.AsString();
}

/// Terraform's UIInput.Input for each of `unset`, sorted by name; the answers by name.
std::map<std::string, std::string, std::less<>> Ask(
    const std::vector<const config::Variable*>& unset, Streams& io, bool color) {
  std::vector<const config::Variable*> sorted = unset;
  std::sort(sorted.begin(), sorted.end(),
            [](const config::Variable* a, const config::Variable* b) { return a->name < b->name; });
  std::map<std::string, std::string, std::less<>> answers;
  for (const config::Variable* v : sorted) {
    std::string prompt = "[reset][bold]var." + v->name + "[reset]\n";
    if (std::string description = Description(*v); !description.empty()) {
      std::istringstream lines(description);
      for (std::string line; std::getline(lines, line);) prompt += "  " + line + "\n";
      prompt += "\n";
    }
    prompt += "  [bold]Enter a value:[reset] ";
    io.out << Colorize(prompt, color) << std::flush;
    std::string answer;
    std::getline(io.in, answer);
    if (!answer.empty() && answer.back() == '\r') answer.pop_back();
    io.out << "\n";
    answers[v->name] = answer;
  }
  return answers;
}

}  // namespace

std::unique_ptr<RootModule> LoadRootModule(const std::string& dir,
                                           const std::vector<planner::VarArgument>& vars,
                                           bool unset_as_unknown, Streams* ask, bool color) {
  auto root = std::make_unique<RootModule>();
  root->loaded = config::LoadModule(dir);
  for (const auto& file : root->loaded.module.files) root->sources.Add(*file);
  root->diagnostics.Append(root->loaded.diagnostics);
  if (root->diagnostics.HasErrors()) return root;

  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  root->inputs = planner::CollectInputValues(root->loaded.module, dir, env, vars);
  if (ask != nullptr) {
    std::vector<const config::Variable*> unset =
        planner::UnsetRequiredVariables(root->loaded.module, root->inputs.values);
    if (!unset.empty()) {
      root->inputs =
          planner::CollectInputValues(root->loaded.module, dir, env, vars, Ask(unset, *ask, color));
    }
  }
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
    (r.severity == Severity::kError ? io.err : io.out)
        << r.text << (io.diagnostics_blank_line ? "\n" : "");
  }
}

}  // namespace cairn::cli
