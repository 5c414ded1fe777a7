/// `cairn output [options] [NAME]`: Terraform's `output`, reading the outputs recorded in the
/// state file.

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/outputs_view.h"
#include "lang/base/convert.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/go_json.h"
#include "lang/base/source_index.h"
#include "lang/base/value_console.h"
#include "lang/base/value_json.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kOutputHelp = R"(Usage: cairn [global options] output [options] [NAME]

  Reads an output variable from a Cairn state file and prints
  the value. With no additional arguments, output will display all
  the outputs for the root module.  If NAME is not specified, all
  outputs are printed.

Options:

  -state=path      Path to the state file to read. Defaults to
                   "terraform.tfstate".

  -no-color        If specified, output won't contain any color.

  -json            If specified, machine readable output will be
                   printed in JSON format.

  -raw             For value types that can be automatically
                   converted to a string, will print the raw
                   string directly, rather than a human-oriented
                   representation of the value.
)";

void PrintDiagnostics(const Diagnostics& diags, Streams& io, bool color) {
  DiagnosticTextOptions options;
  options.color = color;
  options.width = io.ErrWidth();
  EmptySourceIndex none;
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, none, options)) {
    (r.severity == Severity::kError ? io.err : io.out) << r.text;
  }
}

void NoOutputsWarning(Diagnostics& diags) {
  diags.Warning("No outputs found",
                "The state file either has no outputs defined, or all the defined outputs are "
                "empty. Please define an output in your configuration with the `output` keyword "
                "and run `terraform refresh` for it to become available. If you are using "
                "interpolation, please verify the interpolated value is not empty. You can use "
                "the `terraform console` command to assist.");
}

void MissingOutputError(Diagnostics& diags, const std::string& name) {
  diags.Error("Output \"" + name + "\" not found",
              "The output variable requested could not be found in the state file. If you "
              "recently added this to your configuration, be sure to run `terraform apply`, "
              "since the state won't be updated with new output variables until that command "
              "is run.");
}

/// -json: one value compact, or every output with its metadata, indented.
Diagnostics RenderJson(const std::string& name, const OutputStates& outputs, Streams& io) {
  Diagnostics diags;
  if (!name.empty()) {
    auto it = outputs.find(name);
    if (it == outputs.end()) {
      MissingOutputError(diags, name);
      return diags;
    }
    JsonEncodeResult j = EncodeJson(it->second.value);
    if (!j.ok()) {
      diags.Error(j.error, "");
      return diags;
    }
    io.out << j.json << "\n";
    return diags;
  }
  std::string compact = "{";
  for (const auto& [n, o] : outputs) {
    if (compact.size() > 1) compact += ",";
    JsonEncodeResult j = EncodeJson(o.value);
    if (!j.ok()) {
      diags.Error(j.error, "");
      return diags;
    }
    AppendGoJsonString(compact, n);
    compact += ":{\"sensitive\":";
    compact += o.sensitive ? "true" : "false";
    compact += ",\"type\":" + EncodeTypeJson(o.value.type()) + ",\"value\":" + j.json + "}";
  }
  compact += "}";
  io.out << IndentJson(compact, "", "  ") << "\n";
  return diags;
}

Diagnostics RenderRaw(const std::string& name, const OutputStates& outputs, Streams& io) {
  Diagnostics diags;
  if (outputs.empty()) {
    NoOutputsWarning(diags);
    return diags;
  }
  auto it = outputs.find(name);
  if (it == outputs.end()) {
    MissingOutputError(diags, name);
    return diags;
  }
  const Value& v = it->second.value;
  ConvertResult s = Convert(v, Type::String());
  if (!s.ok()) {
    diags.Error("Unsupported value for raw output",
                "The -raw option only supports strings, numbers, and boolean values, but output "
                "value \"" + name + "\" is " + v.type().FriendlyName() +
                    ".\n\nUse the -json option for machine-readable representations of output "
                    "values that have complex types.");
    return diags;
  }
  if (s.value.IsNull()) {
    diags.Error("Unsupported value for raw output",
                "The value for output value \"" + name + "\" is null, so -raw mode cannot print "
                "it.");
    return diags;
  }
  if (!s.value.IsKnown()) {
    diags.Error("Unsupported value for raw output",
                "The value for output value \"" + name + "\" won't be known until after a "
                "successful terraform apply, so -raw mode cannot print it.");
    return diags;
  }
  io.out << s.value.UnmarkedDeep().AsString();
  return diags;
}

Diagnostics RenderHuman(const std::string& name, const OutputStates& outputs, Streams& io) {
  Diagnostics diags;
  if (outputs.empty()) {
    NoOutputsWarning(diags);
    return diags;
  }
  if (!name.empty()) {
    auto it = outputs.find(name);
    if (it == outputs.end()) {
      MissingOutputError(diags, name);
      return diags;
    }
    io.out << FormatConsoleValue(it->second.value, 0) << "\n";
    return diags;
  }
  std::string lines = RenderOutputLines(outputs);
  // Terraform trims the block (strings.TrimSpace) and ends it with one newline.
  size_t end = lines.find_last_not_of(" \t\n\r\v\f");
  io.out << lines.substr(0, end == std::string::npos ? 0 : end + 1) << "\n";
  return diags;
}

}  // namespace

int RunOutput(const Args& args, Streams& io) {
  bool json = false, raw = false, no_color = false;
  std::string state_path = "terraform.tfstate";
  GoFlags flags;
  flags.Bool("json", &json);
  flags.Bool("raw", &raw);
  flags.Bool("no-color", &no_color);
  flags.String("state", &state_path);
  GoFlags::Result parsed = flags.Parse(args);
  bool color = io.ErrColor() && !no_color;
  if (parsed.help) {
    io.out << kOutputHelp;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) {
    if (parsed.positional.size() > 1) {
      usage.Error("Unexpected argument",
                  "The output command expects exactly one argument with the name of an output "
                  "variable or no arguments to show all outputs.");
    } else if (json && raw) {
      usage.Error("Invalid output format", "The -raw and -json options are mutually-exclusive.");
    } else if (raw && parsed.positional.empty()) {
      usage.Error("Output name required",
                  "You must give the name of a single output value when using the -raw option.");
    }
  }
  if (usage.HasErrors()) {
    PrintUsageErrors(usage, "output", io, color);
    return 1;
  }
  std::string name = parsed.positional.empty() ? "" : parsed.positional[0];
  if (state_path.empty()) state_path = "terraform.tfstate";

  state::LocalStateStore store(state_path);
  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    PrintDiagnostics(read.diagnostics, io, color);
    return 1;
  }
  OutputStates outputs;
  if (read.state) outputs = read.state->outputs;

  Diagnostics diags;
  if (json) {
    diags = RenderJson(name, outputs, io);
  } else if (raw) {
    diags = RenderRaw(name, outputs, io);
  } else {
    diags = RenderHuman(name, outputs, io);
  }
  PrintDiagnostics(diags, io, color);
  return diags.HasErrors() ? 1 : 0;
}

}  // namespace cairn::cli
