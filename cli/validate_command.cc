/// `cairn validate [options] [DIR]`: Terraform's `validate`, for the checks Cairn can make
/// without providers: every load-time check of the configuration language (lang/config).

#include <string>
#include <vector>

#include "cli/commands.h"
#include "lang/base/colorize.h"
#include "lang/base/diagnostic_json.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/wordwrap.h"
#include "lang/config/config_tree.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "lang/syntax/navigation.h"
#include "planner/plan/local_exec.h"

namespace cairn::cli {
namespace {

constexpr const char* kValidateHelp = R"(Usage: cairn [global options] validate [options] [DIR]

  Validate the configuration files in a directory, referring only to the
  configuration and not accessing any remote services such as remote state,
  provider APIs, etc.

  Validate runs checks that verify whether a configuration is syntactically
  valid and internally consistent, regardless of any provided variables or
  existing state. It is thus primarily useful for general verification of
  reusable modules, including correctness of attribute names and value types.

  Unlike Terraform, Cairn needs no "init" before validating: it reads the
  *.tf and *.cairn files of DIR (default: the current directory) directly,
  and the modules it calls from local paths ("./x", "../x"). Modules from
  other sources (registry, git, ...) are not fetched and not checked, and
  provider-specific arguments are not checked yet.

Options:

  -json                 Produce output in a machine-readable JSON format,
                        suitable for use in text editor integrations and other
                        automated systems. Always disables color.

  -no-color             If specified, output won't contain any color.

  -no-tests             Accepted for compatibility (Cairn has no test files yet).

  -test-directory=path  Accepted for compatibility.

  -var 'foo=bar'        Accepted for compatibility; validation does not use
  -var-file=filename    variable values.
)";

struct ValidateArgs {
  bool json = false;
  bool no_color = false;
  bool help = false;
  std::string dir = ".";
};

/// Go's flag package rules, as Terraform parses `validate`'s flags: `-name`, `--name`,
/// `-name=value`, `-name value` for value flags; the first non-flag ends the flags.
Diagnostics ParseValidateArgs(const Args& args, ValidateArgs& out) {
  Diagnostics diags;
  std::vector<std::string> positional;
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() < 2 || a[0] != '-') break;
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto bool_flag = [&](bool& target) {
      if (!has_value || value == "true" || value == "1" || value == "t" || value == "T" ||
          value == "TRUE" || value == "True") {
        target = true;
        return true;
      }
      if (value == "false" || value == "0" || value == "f" || value == "F" ||
          value == "FALSE" || value == "False") {
        target = false;
        return true;
      }
      diags.Error("Failed to parse command-line flags",
                  "invalid boolean value \"" + value + "\" for -" + name + ": parse error");
      return false;
    };
    bool ignored = false;
    if (name == "json") {
      if (!bool_flag(out.json)) return diags;
    } else if (name == "no-color") {
      if (!bool_flag(out.no_color)) return diags;
    } else if (name == "no-tests" || name == "query") {
      if (!bool_flag(ignored)) return diags;
    } else if (name == "help" || name == "h") {
      out.help = true;
    } else if (name == "test-directory" || name == "var" || name == "var-file") {
      if (!has_value) {
        if (i + 1 >= args.size()) {
          diags.Error("Failed to parse command-line flags",
                      "flag needs an argument: -" + name);
          return diags;
        }
        ++i;
      }
    } else {
      diags.Error("Failed to parse command-line flags",
                  "flag provided but not defined: -" + name);
      return diags;
    }
  }
  for (; i < args.size(); ++i) positional.push_back(args[i]);
  if (positional.size() > 1) {
    diags.Error("Too many command line arguments", "Expected at most one positional argument.");
  }
  if (!positional.empty()) out.dir = positional[0];
  return diags;
}

void AddSources(const config::Config& config, syntax::ParsedSources& sources) {
  for (const auto& file : config.module.files) sources.Add(*file);
  for (const auto& child : config.children) AddSources(*child, sources);
}

int OutWidth(const Streams& io) { return io.out_tty ? io.ErrWidth() : 78; }

void PrintHuman(const Diagnostics& diags, const SourceIndex& sources, Streams& io, bool color) {
  DiagnosticTextOptions options;
  options.color = color;
  options.width = io.ErrWidth();
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, sources, options)) {
    (r.severity == Severity::kError ? io.err : io.out) << r.text;
  }
}

}  // namespace

/// A scope in which every reference is an unknown value (validation).
class UnknownScope : public eval::Scope {
 public:
  eval::ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                           const Range& root_range, const Range& traversal_range) const override {
    (void)root;
    (void)root_range;
    (void)traversal_range;
    eval::ScopeLookup out;
    out.value = Value::DynamicUnknown();
    out.steps_used = steps.size();
    return out;
  }
};

class UnknownEvaluator : public planner::BodyEvaluator {
 public:
  UnknownEvaluator() {
    eval::functions::FunctionOptions options;
    options.planning = true;
    functions_ = eval::functions::MakeBuiltins(options);
  }
  eval::EvalResult Evaluate(const ast::Expr& expr, const eval::Scope& scope) override {
    return eval::Evaluate(expr, scope, *functions_);
  }

 private:
  std::unique_ptr<eval::functions::BuiltinFunctions> functions_;
};

int RunValidate(const Args& args, Streams& io) {
  ValidateArgs parsed;
  Diagnostics arg_diags = ParseValidateArgs(args, parsed);
  bool color = io.ErrColor() && !parsed.no_color;
  if (parsed.help) {
    io.out << kValidateHelp;
    return 0;
  }
  if (arg_diags.HasErrors()) {
    EmptySourceIndex none;
    PrintHuman(arg_diags, none, io, color);
    io.err << "\nFor more help on using this command, run:\n  cairn validate -help\n";
    return 1;
  }

  config::ConfigResult loaded = config::LoadConfig(parsed.dir);
  syntax::ParsedSources sources;
  AddSources(loaded.root, sources);
  Diagnostics diags = loaded.diagnostics;
  if (!diags.HasErrors()) {
    // Provisioner types Cairn cannot run (Terraform checks them before validating).
    std::vector<const config::Module*> modules;
    std::vector<const config::Config*> stack = {&loaded.root};
    while (!stack.empty()) {
      const config::Config* c = stack.back();
      stack.pop_back();
      modules.push_back(&c->module);
      for (const auto& child : c->children) stack.push_back(child.get());
    }
    diags.Append(planner::CheckProvisionerTypes(modules));
    // local-exec blocks against their schema, every reference unknown (as Terraform's
    // validate walk sees them); the first block with errors ends the check, as there.
    UnknownScope unknown;
    UnknownEvaluator evaluator;
    for (const config::Module* m : modules) {
      if (diags.HasErrors()) break;
      for (const config::Resource& r : m->resources) {
        bool failed = false;
        for (const config::Provisioner& p : r.provisioners) {
          if (p.type != planner::kLocalExecType) continue;
          planner::DecodeBodyResult d = planner::DecodeLocalExec(p, unknown, evaluator);
          diags.Append(d.diagnostics);
          if (d.diagnostics.HasErrors()) {
            failed = true;
            break;
          }
        }
        if (failed) break;
      }
    }
  }

  if (parsed.json) {
    io.out << RenderValidateJson(diags, sources);
    return diags.HasErrors() ? 1 : 0;
  }
  bool out_color = io.OutColor() && !parsed.no_color;
  if (diags.empty()) {
    io.out << WordWrap(Colorize("[green][bold]Success![reset] The configuration is valid.\n",
                                out_color),
                       OutWidth(io))
           << "\n";
    return 0;
  }
  PrintHuman(diags, sources, io, color);
  if (!diags.HasErrors()) {
    io.out << WordWrap(Colorize("[green][bold]Success![reset] The configuration is valid, but "
                                "there were some validation warnings as shown above.\n",
                                out_color),
                       OutWidth(io))
           << "\n";
    return 0;
  }
  return 1;
}

}  // namespace cairn::cli
