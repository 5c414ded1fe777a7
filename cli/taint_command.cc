/// `cairn taint ADDRESS` and `cairn untaint ADDRESS`: Terraform's commands that mark a resource
/// instance's current object as tainted (the next plan replaces it) or ready again. The state
/// is locked for the whole command and written once, atomically, through the local state
/// store (the local backend's -state, -state-out and -backup options).

#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/root_module.h"
#include "cli/state_common.h"
#include "cli/state_flags.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kTaintHelp =
    R"(Usage: terraform [global options] taint [options] <address>

  Terraform uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  this command.

  This will not modify your infrastructure directly, but subsequent
  Terraform plans will include actions to destroy the remote object
  and create a new object to replace it.

  You can remove the "taint" state from a resource instance using
  the "terraform untaint" command.

  The address is in the usual resource address syntax, such as:
    aws_instance.foo
    aws_instance.bar[1]
    module.foo.module.bar.aws_instance.baz

  Use your shell's quoting or escaping syntax to ensure that the
  address will reach Terraform correctly, without any special
  interpretation.

Options:

  -allow-missing          If specified, the command will succeed (exit code 0)
                          even if the resource is missing.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -ignore-remote-version  A rare option used for the remote backend only. See
                          the remote backend documentation for more information.

  -state, state-out, and -backup are legacy options supported for the local
  backend only. For more information, see the local backend's documentation.
)";

constexpr const char* kUntaintHelp =
    R"(Usage: terraform [global options] untaint [options] name

  Terraform uses the term "tainted" to describe a resource instance
  which may not be fully functional, either because its creation
  partially failed or because you've manually marked it as such using
  the "terraform taint" command.

  This command removes that state from a resource instance, causing
  Terraform to see it as fully-functional and not in need of
  replacement.

  This will not modify your infrastructure directly. It only avoids
  Terraform planning to replace a tainted instance in a future operation.

Options:

  -allow-missing          If specified, the command will succeed (exit code 0)
                          even if the resource is missing.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -ignore-remote-version  A rare option used for the remote backend only. See
                          the remote backend documentation for more information.

  -state, state-out, and -backup are legacy options supported for the local
  backend only. For more information, see the local backend's documentation.
)";

constexpr const char* kNoSuchInstance = "No such resource instance";

/// Terraform's State.Empty: no resources and no output values.
bool StateEmpty(const state::State& s) { return s.resources.empty() && s.outputs.empty(); }

int RunTaintCommand(const Args& args, Streams& io, bool untaint) {
  const char* name = untaint ? "untaint" : "taint";
  const std::string help = CairnHelp(untaint ? kUntaintHelp : kTaintHelp);
  bool allow_missing = false, ignore_remote_version = false;
  std::string backup_path, state_out_path;
  StateFlags state_flags;
  state_flags.state_path.clear();
  GoFlags flags;
  flags.Bool("allow-missing", &allow_missing);
  flags.String("backup", &backup_path);
  flags.String("state-out", &state_out_path);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  state_flags.Register(flags);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << help;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state_flags.Validate(usage);
  if (usage.HasErrors()) {
    // Go's flag package prints the usage before the command reports the error.
    UiError(io, help.substr(0, help.size() - 1));
    PrintFlagError(usage, io);
    return 1;
  }
  if (parsed.positional.size() != 1) {
    UiError(io, std::string("The ") + name + " command expects exactly one argument.");
    UiError(io, help.substr(0, help.size() - 1));
    return 1;
  }

  addrs::ParseAddrResult<addrs::AbsResourceInstance> parsed_addr =
      addrs::ParseAbsResourceInstance(parsed.positional[0]);
  if (parsed_addr.diagnostics.HasErrors() || !parsed_addr.addr) {
    ShowDiagnostics(parsed_addr.diagnostics, io);
    return 1;
  }
  const addrs::AbsResourceInstance& addr = *parsed_addr.addr;
  const std::string addr_text = addr.ToString();
  if (!untaint) {
    if (addr.resource.mode != addrs::ResourceMode::kManaged) {
      UiError(io, "Resource instance " + addr_text + " cannot be tainted");
      return 1;
    }
    // Terraform's checkRequiredVersion loads the configuration first: its errors stop taint.
    std::unique_ptr<RootModule> root = LoadRootModule(".", {}, /*unset_as_unknown=*/true);
    if (root->loaded.diagnostics.HasErrors()) {
      ShowDiagnostics(root->loaded.diagnostics, root->sources, io);
      return 1;
    }
  }

  // The local backend's paths: the state is read from -state and written to -state-out
  // (default: the same file); the backup is `<state-out>.backup` unless -backup says
  // otherwise ("-": none).
  if (state_flags.state_path.empty()) state_flags.state_path = "terraform.tfstate";
  if (state_out_path.empty()) state_out_path = state_flags.state_path;
  if (backup_path == "-") {
    backup_path.clear();
  } else if (backup_path.empty()) {
    backup_path = state_out_path + ".backup";
  }
  const bool separate_out = state_out_path != state_flags.state_path;
  state::LocalStateStore out_store(state_out_path, backup_path);
  std::optional<state::LocalStateStore> in_store;
  if (separate_out) in_store.emplace(state_flags.state_path, "");

  Diagnostics lock = LockState(out_store, state_flags, name, io);
  if (lock.HasErrors()) {
    ShowDiagnostics(lock, io);
    return 1;
  }
  auto finish = [&](int code) {
    Diagnostics unlock = out_store.Unlock();
    if (!unlock.empty()) ShowDiagnostics(unlock, io);
    return code;
  };

  // What the output file held becomes its backup when it is overwritten.
  const bool out_existed = separate_out && out_store.Read().state.has_value();
  state::ReadStateResult read = separate_out ? in_store->Read() : out_store.Read();
  if (read.diagnostics.HasErrors()) {
    UiError(io, "Failed to load state: " + DiagnosticsErrorText(read.diagnostics));
    return finish(1);
  }
  state::State st = read.state ? std::move(*read.state) : state::State();

  Diagnostics diags;
  auto missing = [&]() {
    diags.Warning(kNoSuchInstance, "Resource instance " + addr_text +
                                       " was not found, but this is not an error because "
                                       "-allow-missing was set.");
    ShowDiagnostics(diags, io);
    return finish(0);
  };
  if (StateEmpty(st)) {
    if (allow_missing) return missing();
    diags.Error(kNoSuchInstance,
                "The state currently contains no resource instances whatsoever. This may occur "
                "if the configuration has never been applied or if it has recently been "
                "destroyed.");
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  state::ResourceState* resource = st.FindResource(addr.ContainingResource());
  state::InstanceState* instance = nullptr;
  if (resource) {
    for (state::InstanceState& i : resource->instances) {
      if (i.key == addr.key) instance = &i;
    }
  }
  if (!instance) {
    if (allow_missing) return missing();
    diags.Error(kNoSuchInstance,
                "There is no resource instance in the state with the address " + addr_text +
                    ". If the resource configuration has just been added, you must run "
                    "\"terraform apply\" once to create the corresponding instance(s) before "
                    "they can be tainted.");
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  if (!instance->current) {
    if (!instance->deposed.empty()) {
      diags.Error(kNoSuchInstance,
                  "Resource instance " + addr_text +
                      " is currently part-way through a create_before_destroy replacement "
                      "action. Run \"terraform apply\" to complete its replacement before "
                      "tainting it.");
    } else {
      diags.Error(kNoSuchInstance, "Resource instance " + addr_text +
                                       " does not currently have a remote object associated "
                                       "with it, so it cannot be tainted.");
    }
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  using Status = state::ObjectState::Status;
  if (untaint && instance->current->status != Status::kTainted) {
    diags.Error("Resource instance is not tainted",
                "Resource instance " + addr_text +
                    " is not currently tainted, and so it cannot be untainted.");
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  instance->current->status = untaint ? Status::kReady : Status::kTainted;

  Diagnostics written;
  if (separate_out) {
    // Terraform writes the state it read, one serial on, to the output file.
    // (WriteImported adds the one itself when it replaces a different state.)
    if (!out_existed) ++st.serial;
    written = out_store.WriteImported(st);
  } else {
    written = out_store.Write(st);
  }
  if (written.HasErrors()) {
    UiError(io, "Error writing state file: " + DiagnosticsErrorText(written));
    return finish(1);
  }
  UiOutput(io, "Resource instance " + addr_text +
                   (untaint ? " has been successfully untainted." : " has been marked as tainted."));
  return finish(0);
}

}  // namespace

int RunTaint(const Args& args, Streams& io) { return RunTaintCommand(args, io, false); }
int RunUntaint(const Args& args, Streams& io) { return RunTaintCommand(args, io, true); }

}  // namespace cairn::cli
