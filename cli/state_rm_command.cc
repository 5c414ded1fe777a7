/// `cairn state rm [options] ADDRESS...`: Terraform's `state rm`, forgetting resource
/// instances (whole resources, whole modules) without destroying them. The state is locked
/// for the whole command and written once, atomically, after a timestamped backup.

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"
#include "cli/state_flags.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStateRmHelp =
    R"(Usage: terraform [global options] state rm [options] ADDRESS...

  Remove one or more items from the Terraform state, causing Terraform to
  "forget" those items without first destroying them in the remote system.

  This command removes one or more resource instances from the Terraform state
  based on the addresses given. You can view and list the available instances
  with "terraform state list".

  If you give the address of an entire module then all of the instances in
  that module and any of its child modules will be removed from the state.

  If you give the address of a resource that has "count" or "for_each" set,
  all of the instances of that resource will be removed from the state.

Options:

  -dry-run                If set, prints out what would've been removed but
                          doesn't actually remove anything.

  -backup=PATH            Path where Terraform should write the backup
                          state.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -state=PATH             Path to the state file to update. Defaults to the
                          current workspace state.

  -ignore-remote-version  Continue even if remote and local Terraform versions
                          are incompatible. This may result in an unusable
                          workspace, and should be used with extreme caution.
)";

}  // namespace

int RunStateRm(const Args& args, Streams& io) {
  bool dry_run = false, ignore_remote_version = false;
  std::string backup_path = "-";
  StateFlags state_flags;
  state_flags.state_path.clear();
  GoFlags flags;
  flags.Bool("dry-run", &dry_run);
  flags.String("backup", &backup_path);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  state_flags.Register(flags);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStateRmHelp);
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state_flags.Validate(usage);
  if (usage.HasErrors()) {
    PrintFlagError(usage, io);
    return 1;
  }
  if (parsed.positional.empty()) {
    UiError(io, "At least one address is required.\n");
    io.out << CairnHelp(kStateRmHelp);
    return 1;
  }
  if (state_flags.state_path.empty()) state_flags.state_path = "terraform.tfstate";
  if (backup_path == "-" || backup_path.empty()) {
    backup_path = TimestampedBackupPath(state_flags.state_path);
  }

  state::LocalStateStore store(state_flags.state_path, backup_path);
  Diagnostics lock = LockState(store, state_flags, "state-rm", io);
  if (lock.HasErrors()) {
    ShowDiagnostics(lock, io);
    return 1;
  }
  auto finish = [&](int code) {
    Diagnostics unlock = store.Unlock();
    if (!unlock.empty()) ShowDiagnostics(unlock, io);
    return code;
  };

  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    UiError(io, "Failed to refresh state: " + DiagnosticsErrorText(read.diagnostics));
    return finish(1);
  }
  if (!read.state) {
    UiError(io, kStateNotFound);
    return finish(1);
  }
  state::State& st = *read.state;

  std::vector<addrs::AbsResourceInstance> instances;
  Diagnostics diags;
  for (const std::string& text : parsed.positional) {
    InstanceLookup found = LookupResourceInstances(st, text, /*allow_missing=*/true);
    instances.insert(instances.end(), found.instances.begin(), found.instances.end());
    diags.Append(found.diagnostics);
  }
  if (diags.HasErrors()) {
    ShowDiagnostics(diags, io);
    return finish(1);
  }

  const std::string prefix = dry_run ? "Would remove " : "Removed ";
  size_t count = 0;
  std::string out;
  for (const addrs::AbsResourceInstance& addr : instances) {
    ++count;
    out += prefix + addr.ToString() + "\n";
    if (!dry_run) ForgetInstance(st, addr);
  }
  io.out << out;
  if (dry_run) {
    if (count == 0) UiOutput(io, "Would have removed nothing.");
    return finish(0);
  }

  if (count > 0) {
    Diagnostics written = store.Write(st);
    if (written.HasErrors()) {
      UiError(io, StatePersistError(DiagnosticsErrorText(written)));
      return finish(1);
    }
    if (!diags.empty()) ShowDiagnostics(diags, io);
  } else {
    // Nothing matched: the state is left as it is (Terraform rewrites identical content).
    diags.Error("Invalid target address",
                "No matching objects found. To view the available instances, use \"terraform "
                "state list\". Please modify the address to reference a specific instance.");
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  UiOutput(io, "Successfully removed " + std::to_string(count) + " resource instance(s).");
  return finish(0);
}

}  // namespace cairn::cli
