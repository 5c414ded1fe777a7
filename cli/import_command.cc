/// `cairn import [options] ADDR ID`: Terraform's import command. The configuration must
/// declare the resource (and the instance); the planner's legacy import walk
/// (planner::PlanOptions::legacy_imports) configures the resource's provider, imports the
/// object (ImportResourceState, then ReadResource) and nothing else; the object is recorded
/// in the state as it was read, under the state lock. The configuration comes from -config
/// (default: the working directory; its files are named relative to it, where Terraform
/// names them by absolute paths).

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/plan_operation.h"
#include "cli/state_common.h"
#include "lang/base/go_quote.h"

namespace cairn::cli {
namespace {

/// Terraform's help text (the product name is replaced when shown).
constexpr const char* kImportHelp = R"(Usage: terraform [global options] import [options] ADDR ID

  Import existing infrastructure into your Terraform state.

  This will find and import the specified resource into your Terraform
  state, allowing existing infrastructure to come under Terraform
  management without having to be initially created by Terraform.

  The ADDR specified is the address to import the resource to. Please
  see the documentation online for resource addresses. The ID is a
  resource-specific ID to identify that resource being imported. Please
  reference the documentation for the resource type you're importing to
  determine the ID syntax to use. It typically matches directly to the ID
  that the provider uses.

  This command will not modify your infrastructure, but it will make
  network requests to inspect parts of your infrastructure relevant to
  the resource being imported.

Options:

  -config=path            Path to a directory of Terraform configuration files
                          to use to configure the provider. Defaults to pwd.
                          If no config files are present, they must be provided
                          via the input prompts or env vars.

  -input=false            Disable interactive input prompts.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -no-color               If specified, output won't contain any color.

  -var 'foo=bar'          Set a variable in the Terraform configuration. This
                          flag can be set multiple times. This is only useful
                          with the "-config" flag.

  -var-file=foo           Set variables in the Terraform configuration from
                          a file. If "terraform.tfvars" or any ".auto.tfvars"
                          files are present, they will be automatically loaded.

  -ignore-remote-version  A rare option used for the remote backend only. See
                          the remote backend documentation for more information.

  -state, state-out, and -backup are legacy options supported for the local
  backend only. For more information, see the local backend's documentation.
)";

constexpr const char* kInvalidAddressReference =
    "For information on valid syntax, see:\n"
    "https://developer.hashicorp.com/terraform/cli/state/resource-addressing\n";

/// The command-line address as the one source file its diagnostics quote.
class AddressSource final : public SourceIndex {
 public:
  explicit AddressSource(std::string text) : text_(std::move(text)) {}
  std::optional<std::string_view> Source(FileName file) const override {
    if (file.str() != "<import-address>") return std::nullopt;
    return std::string_view(text_);
  }
  std::string ContextString(FileName, int64_t) const override { return {}; }

 private:
  std::string text_;
};

/// Whether `dir` holds configuration files (`*.tf`, `*.tf.json`, `*.cairn`).
bool HasConfigFiles(const std::string& dir) {
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    auto ends = [&name](std::string_view s) {
      return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    if (e.is_regular_file(ec) && (ends(".tf") || ends(".tf.json") || ends(".cairn"))) {
      return true;
    }
  }
  return false;
}

/// Terraform's checks that the configuration declares the import target: its module (by
/// call names), then the resource in it. Prints the error and returns false otherwise.
bool CheckTarget(const planner::ModuleTree& root, const addrs::AbsResourceInstance& addr,
                 Streams& io) {
  const planner::ModuleTree* tree = &root;
  for (const addrs::ModuleInstanceStep& step : addr.module) {
    auto it = tree->children.find(step.name);
    if (it == tree->children.end()) {
      Diagnostics d;
      d.Error("Import to non-existent module",
              fmt::format("{} is not defined in the configuration. Please add configuration "
                          "for this module before importing into it.",
                          addrs::ToString(addr.module)));
      ShowDiagnostics(d, io);
      return false;
    }
    tree = it->second.get();
  }
  for (const config::Resource& r : tree->module->resources) {
    if (r.mode == config::ResourceMode::kManaged && r.type == addr.resource.type &&
        r.name == addr.resource.name) {
      return true;
    }
  }
  std::string module = addr.module.empty() ? "the root module" : addrs::ToString(addr.module);
  const bool color = io.ErrColor() && !io.no_color;
  io.err << (color ? "\x1b[0m\x1b[1m\x1b[31mError:\x1b[0m\x1b[1m " : "Error: ")
         << "resource address " << GoQuote(addr.ToString())
         << " does not exist in the configuration." << (color ? "\x1b[0m" : "")
         << "\n\nBefore importing this resource, please create its configuration in " << module
         << ". For example:\n\nresource " << GoQuote(addr.resource.type) << " "
         << GoQuote(addr.resource.name) << " {\n  # (resource arguments)\n}\n\n";
  return false;
}

/// Terraform's UI hook lines for the imports the walk made, as far as each got.
void PrintProgress(const planner::PlanResult& result, Streams& io) {
  const bool color = io.OutColor() && !io.no_color;
  auto line = [&](const std::string& text, const char* style) {
    if (color) {
      io.out << "\x1b[0m" << style << text << "\x1b[0m\n";
    } else {
      io.out << text << "\n";
    }
  };
  for (const planner::ImportProgress& p : result.imports) {
    const std::string addr = p.addr.ToString();
    line(addr + ": Importing from ID " + GoQuote(p.id) + "...", "\x1b[1m");
    if (!p.prepared) continue;
    line(addr + ": Import prepared!", "\x1b[1m\x1b[32m");
    for (const std::string& type : p.types) line("  Prepared " + type + " for import", "\x1b[32m");
    if (p.read_id) {
      line(addr + ": Refreshing state..." + (p.read_id->empty() ? "" : " [id=" + *p.read_id + "]"),
           "\x1b[1m");
    }
  }
  io.out.flush();
}

}  // namespace

int RunImport(const Args& args, Streams& io) {
  Args rest = WithoutNoColor(args, io);
  PlanFlags plan_flags;
  plan_flags.no_color = io.no_color;
  plan_flags.refresh = false;  // only the imported object is read
  GoFlags flags;
  std::string config_dir, state_out, backup;
  bool ignore_remote_version = false;
  flags.Bool("input", &plan_flags.input);
  flags.Repeated("var", [&](const std::string& v) { plan_flags.vars.push_back({false, v}); });
  flags.Repeated("var-file", [&](const std::string& v) { plan_flags.vars.push_back({true, v}); });
  plan_flags.state.Register(flags);
  flags.String("state-out", &state_out);
  flags.String("backup", &backup);
  flags.String("parallelism", &plan_flags.parallelism);
  flags.String("config", &config_dir);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  GoFlags::Result parsed = flags.Parse(rest);
  const std::string help = CairnHelp(kImportHelp);
  if (parsed.help) {
    io.out << help;
    return 0;
  }
  // Go's flag package rejects a bad -lock-timeout duration while parsing.
  plan_flags.state.Validate(parsed.diagnostics);
  if (parsed.diagnostics.HasErrors()) {
    io.err << help;
    return 1;
  }
  if (parsed.positional.size() != 2) {
    io.err << "The import command expects two arguments.\n" << help;
    return 1;
  }
  // Terraform's default -config is the working directory's absolute path.
  plan_flags.config_dir = config_dir.empty() ? "." : config_dir;
  if (config_dir.empty()) config_dir = std::filesystem::current_path().string();

  const std::string& text = parsed.positional[0];
  addrs::ParseAddrResult<addrs::AbsResourceInstance> addr =
      addrs::ParseAbsResourceInstance(text, "<import-address>");
  if (addr.diagnostics.HasErrors() || !addr.addr) {
    ShowDiagnostics(addr.diagnostics, AddressSource(text), io);
    io.out << kInvalidAddressReference;
    return 1;
  }
  if (addr.addr->resource.mode != addrs::ResourceMode::kManaged) {
    Diagnostics d;
    d.Error(
        "A managed resource address is required. Importing into a data resource is not "
        "allowed.",
        "");
    ShowDiagnostics(d, io);
    return 1;
  }
  if (!HasConfigFiles(plan_flags.config_dir)) {
    Diagnostics d;
    d.Error("No Terraform configuration files",
            fmt::format("The directory {} does not contain any Terraform configuration files "
                        "(.tf or .tf.json). To specify a different configuration directory, use "
                        "the -config=\"...\" command line option.",
                        config_dir));
    ShowDiagnostics(d, io);
    return 1;
  }

  // The local backend's legacy options: the state is written to -state-out (default: where
  // it was read), its previous content kept at -backup (default: that path + ".backup"; "-"
  // for none).
  const std::string out_path = state_out.empty() ? plan_flags.state.state_path : state_out;
  const std::string backup_path = backup == "-"    ? ""
                                  : backup.empty() ? out_path + ".backup"
                                                   : backup;
  if (state_out.empty()) plan_flags.state.backup_path = backup_path;
  io.diagnostics_blank_line = true;
  plan_flags.imports.push_back({*addr.addr, parsed.positional[1]});
  plan_flags.check_config = [&](const planner::ModuleTree& tree) {
    return CheckTarget(tree, *addr.addr, io);
  };
  plan_flags.planned = [&](const planner::PlanResult& result) { PrintProgress(result, io); };
  std::unique_ptr<PlanOperation> op =
      RunPlanOperation(plan_flags, "OperationTypeInvalid", /*announce_failure=*/false, io,
                       /*keep_warnings=*/true);
  if (!op) return 1;

  // The state as read, with the imported objects added (nothing else was read or changed).
  state::State next = op->prior;
  const state::State& planned = op->result.plan.prior_state;
  for (const planner::ImportProgress& p : op->result.imports) {
    const state::ResourceState* resource = planned.FindResource(p.addr.ContainingResource());
    const state::ObjectState* object = planned.FindCurrent(p.addr);
    if (!resource || !object) continue;
    next.SetCurrent(p.addr, *object, resource->provider, "");
  }
  Diagnostics written;
  if (state_out.empty()) {
    written = op->store->Write(next);
  } else {
    state::LocalStateStore out(out_path, backup_path);
    written = LockState(out, plan_flags.state, "OperationTypeInvalid", io);
    if (!written.HasErrors()) {
      state::ReadStateResult previous = out.Read();
      written = previous.diagnostics;
      if (!written.HasErrors()) written = out.Write(next);
      out.Unlock();
    }
  }
  if (written.HasErrors()) {
    PrintDiagnostics(written, op->root->sources, io, op->color);
    return 1;
  }
  io.out << (op->color ? "\x1b[0m\x1b[32m\n" : "\n")
         << "Import successful!\n\n"
            "The resources that were imported are shown above. These resources are now in\n"
            "your Cairn state and will henceforth be managed by Cairn.\n"
         << (op->color ? "\x1b[0m\n" : "\n");
  Diagnostics warnings = op->warnings;
  warnings.Append(written);
  if (!warnings.empty()) PrintDiagnostics(warnings, op->root->sources, io, op->color);
  return 0;
}

}  // namespace cairn::cli
