/// `cairn providers schema -json`: the schemas of the providers the configuration (and the
/// state) require, in the layout of `terraform providers schema -json`. Only the built-in
/// providers have schemas Cairn can show; any other required provider is an error.

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/provider_resolver.h"
#include "cli/provider_sources.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/source_index.h"
#include "lang/config/config_tree.h"
#include "lang/config/static_value.h"
#include "lang/syntax/navigation.h"
#include "providers/builtin.h"
#include "providers/plugin/plugin_provider.h"
#include "providers/schema_json.h"
#include "providers/terraform_provider.h"
#include "state/statefile.h"

namespace cairn::cli {
namespace {

constexpr const char* kSchemaHelp = R"(
Usage: cairn [global options] providers schema -json

  Prints out a json representation of the schemas for all providers used 
  in the current configuration.
)";

constexpr const char* kProvidersHelp = R"(
Usage: cairn [global options] providers [options] [DIR]

  Prints out a tree of modules in the referenced configuration annotated with
  their provider requirements.

  This provides an overview of all of the provider requirements across all
  referenced modules, as an aid to understanding why particular provider
  plugins are needed and why particular versions are selected.

Options:

  -test-directory=path	Set the Cairn test directory, defaults to "tests".


Subcommands:
    schema    Show schemas for the providers used in the configuration
)";

/// Prints `text` as Terraform's Ui.Error does: red when colour is on, then a newline.
void UiError(Streams& io, const std::string& text, bool color) {
  if (color) {
    io.err << "\x1b[31m" << text << "\x1b[0m\x1b[0m\n";
  } else {
    io.err << text << "\n";
  }
}

void CollectConfigSources(const config::Config& config, std::set<std::string>& out) {
  const config::Module& m = config.module;
  auto add_resource = [&](const config::Resource& r) {
    std::string name = r.provider ? r.provider->name : r.type.substr(0, r.type.find('_'));
    out.insert(SourceFor(m, name));
  };
  for (const config::Resource& r : m.resources) add_resource(r);
  for (const config::Resource& r : m.data_resources) add_resource(r);
  for (const config::ProviderConfig& p : m.providers) out.insert(SourceFor(m, p.name));
  for (const config::RequiredProvider& rp : m.terraform.required_providers) {
    out.insert(SourceFor(m, rp.name));
  }
  for (const auto& child : config.children) CollectConfigSources(*child, out);
}

void AddSources(const config::Config& config, syntax::ParsedSources& sources) {
  for (const auto& file : config.module.files) sources.Add(*file);
  for (const auto& child : config.children) AddSources(*child, sources);
}

void PrintErrors(const Diagnostics& diags, const SourceIndex& sources, Streams& io, bool color) {
  DiagnosticTextOptions options;
  options.color = color;
  options.width = io.ErrWidth();
  // Terraform's Ui.Error/Ui.Warn print each rendered diagnostic followed by a newline.
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, sources, options)) {
    (r.severity == Severity::kError ? io.err : io.out) << r.text << "\n";
  }
}

int RunSchema(const Args& args, Streams& io) {
  bool json = false, no_color = false;
  GoFlags flags;
  flags.Bool("json", &json);
  flags.Bool("no-color", &no_color);
  GoFlags::Result parsed = flags.Parse(args);
  bool color = io.ErrColor() && !no_color;
  const std::string help = kSchemaHelp;
  if (parsed.help) {
    io.out << help << "\n";
    return 0;
  }
  if (parsed.diagnostics.HasErrors()) {
    UiError(io, help, color);
    UiError(io, "Error parsing command-line flags: " + parsed.diagnostics[0].detail + "\n", color);
    return 1;
  }
  if (!json) {
    UiError(io, "The `cairn providers schema` command requires the `-json` flag.\n", color);
    UiError(io, help, color);
    return 1;
  }

  config::ConfigResult loaded = config::LoadConfig(".");
  syntax::ParsedSources sources;
  AddSources(loaded.root, sources);
  Diagnostics diags = loaded.diagnostics;
  std::set<std::string> required;
  if (!diags.HasErrors()) CollectConfigSources(loaded.root, required);

  std::ifstream state_file("terraform.tfstate", std::ios::binary);
  if (state_file) {
    std::stringstream bytes;
    bytes << state_file.rdbuf();
    state::ReadStateResult read = state::ReadStateFile(bytes.str());
    diags.Append(read.diagnostics);
    if (read.state) {
      for (const state::ResourceState& r : read.state->resources) {
        std::string source = SourceOfStateProvider(r.provider);
        if (!source.empty()) required.insert(source);
      }
    }
  }

  std::map<std::string, const providers::ProviderSchema*, std::less<>> schemas;
  std::vector<std::string> unavailable;
  InstalledProviderResolver resolver;
  for (const std::string& source : required) {
    providers::Provider* p = resolver.Resolve(source);
    if (!p) {
      unavailable.push_back(source);
      continue;
    }
    if (auto* plugin = dynamic_cast<providers::plugin::PluginProvider*>(p);
        plugin && !plugin->started()) {
      diags.Append(plugin->start_diagnostics());
      continue;
    }
    schemas.emplace(source, &p->GetProviderSchema());
  }
  if (!unavailable.empty() && !diags.HasErrors()) {
    std::string detail =
        "Cairn has no built-in implementation of these providers and found no plugin "
        "(an executable cairn-provider-NAME) for them, so it has no schema for:";
    for (const std::string& s : unavailable) detail += "\n  - provider " + s;
    diags.Error("Providers not available", detail);
  }
  if (diags.HasErrors()) {
    PrintErrors(diags, sources, io, color);
    return 1;
  }
  io.out << providers::ProviderSchemasDocument(schemas) << "\n";
  return 0;
}

}  // namespace

int RunProviders(const Args& args, Streams& io) {
  if (!args.empty() && args[0] == "schema")
    return RunSchema(Args(args.begin() + 1, args.end()), io);
  bool help = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    return a == "-help" || a == "--help" || a == "-h";
  });
  if (help) {
    io.out << kProvidersHelp;
    return 0;
  }
  // The requirements tree Terraform prints here is not implemented yet.
  io.err << "Error: Subcommand required\n\n"
            "Cairn's \"providers\" command has one subcommand so far: \"cairn providers schema "
            "-json\".\n"
         << kProvidersHelp;
  return 1;
}

}  // namespace cairn::cli
