/// `cairn console`: evaluates expressions in the scope of the working directory's root
/// module, as `terraform console` does. Not on a terminal, every line of standard input is
/// an expression and every result is printed, in order (Terraform prints only the last one);
/// on a terminal, an interactive prompt (`exit` or end of input leaves).

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/root_module.h"
#include "cli/state_flags.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/source_index.h"
#include "lang/base/value_console.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "lang/syntax/parser.h"
#include "planner/values/module_values.h"

namespace cairn::cli {
namespace {

constexpr const char* kConsoleHelp = R"(Usage: cairn [global options] console [options]

  Starts an interactive console for experimenting with Cairn
  interpolations.

  This will open an interactive console that you can use to type
  interpolations into and inspect their values. This command loads the
  current state. This lets you explore and test interpolations before
  using them in future configurations.

  This command will never modify your state.

  When standard input is not a terminal, every line read is evaluated
  and every result printed, in order.

Options:

  -state=path       Legacy option for the local backend only. See the local
                    backend's documentation for more information.

  -var 'foo=bar'    Set a variable in the Cairn configuration. This
                    flag can be set multiple times.

  -var-file=foo     Set variables in the Cairn configuration from
                    a file. If "terraform.tfvars" or any ".auto.tfvars"
                    files are present, they will be automatically loaded.

  -lock=false       Don't hold a state lock during the operation.

  -lock-timeout=0s  Duration to retry a state lock.

  -no-color         If specified, output won't contain any color.
)";

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

int RunConsole(const Args& args, Streams& io) {
  bool no_color = false;
  std::vector<planner::VarArgument> vars;
  StateFlags state_flags;
  GoFlags flags;
  flags.Bool("no-color", &no_color);
  flags.Repeated("var", [&](const std::string& v) { vars.push_back({false, v}); });
  flags.Repeated("var-file", [&](const std::string& v) { vars.push_back({true, v}); });
  state_flags.Register(flags);
  GoFlags::Result parsed = flags.Parse(args);
  bool color = io.ErrColor() && !no_color && !io.no_color;
  if (parsed.help) {
    io.out << kConsoleHelp;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state_flags.Validate(usage);
  if (!usage.HasErrors() && !parsed.positional.empty()) {
    usage.Error("Too many command line arguments", "Expected at most zero positional arguments.");
  }
  if (usage.HasErrors()) {
    PrintUsageErrors(usage, "console", io, color);
    return 1;
  }

  std::unique_ptr<RootModule> root = LoadRootModule(".", vars, /*unset_as_unknown=*/true);
  if (root->diagnostics.HasErrors()) {
    PrintDiagnostics(root->diagnostics, root->sources, io, color);
    return 1;
  }
  state::LocalStateStore store(state_flags.state_path);
  Diagnostics lock = LockState(store, state_flags, "OperationTypeInvalid", io);
  if (lock.HasErrors()) {
    PrintDiagnostics(lock, root->sources, io, color);
    return 1;
  }

  planner::EvaluateOptions options;
  options.planning = false;
  options.outputs = false;
  planner::ModuleValuesResult values =
      planner::EvaluateRootModule(root->loaded.module, root->inputs.values, options);
  Diagnostics startup = root->diagnostics;
  startup.Append(values.diagnostics);
  if (!startup.empty()) PrintDiagnostics(startup, root->sources, io, color);
  if (values.diagnostics.HasErrors()) return 1;

  std::unique_ptr<eval::Scope> scope =
      planner::MakeModuleScope(root->loaded.module, values.values, options.scope);
  eval::functions::FunctionOptions fn_options;
  fn_options.base_dir = ".";
  fn_options.planning = false;
  std::unique_ptr<eval::functions::BuiltinFunctions> functions =
      eval::functions::MakeBuiltins(fn_options);

  EmptySourceIndex no_sources;  // Terraform shows "(source code not available)" here
  DiagnosticTextOptions text_options;
  text_options.color = color;
  text_options.width = io.ErrWidth();
  bool failed = false;
  std::string line;
  for (;;) {
    if (io.in_tty) {
      io.out << "> ";
      io.out.flush();
    }
    if (!std::getline(io.in, line)) break;
    std::string text = Trim(line);
    if (text == "exit") break;
    if (text.empty()) {
      if (!io.in_tty) io.out << "\n";
      continue;
    }
    syntax::ExprParseResult expr = syntax::ParseExpression(text, "<console-input>");
    Diagnostics diags = expr.diagnostics;
    Value result;
    // type(x) exists only in the console: it shows the type of x.
    const ast::Expr* type_of = nullptr;
    if (expr.expr && expr.expr->kind == ast::ExprKind::kFunctionCall && expr.expr->call &&
        (expr.expr->call->name == "type" || expr.expr->call->name == "core::type") &&
        expr.expr->call->args.size() == 1 && !expr.expr->call->expand_final) {
      type_of = expr.expr->call->args[0].get();
    }
    if (!diags.HasErrors() && expr.expr) {
      eval::EvalResult r =
          eval::Evaluate(type_of ? *type_of : *expr.expr, *scope, *functions);
      diags.Append(r.diagnostics);
      result = r.value;
    }
    if (diags.HasErrors()) {
      failed = true;
      for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, no_sources, text_options)) {
        (r.severity == Severity::kError ? io.err : io.out) << r.text;
      }
      io.err << "\n";
      io.err.flush();
      continue;
    }
    for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, no_sources, text_options)) {
      io.out << r.text;
    }
    io.out << (type_of ? result.type().ConsoleString() : FormatConsoleValue(result, 0)) << "\n";
    io.out.flush();
  }
  if (io.in_tty) io.out << "\n";
  store.Unlock();
  return failed ? 1 : 0;
}

}  // namespace cairn::cli
