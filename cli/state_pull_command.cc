/// `cairn state pull`: Terraform's `state pull`, printing the stored state as the state file
/// layout writes it (normalized), or nothing when there is no state.

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStatePullHelp = R"(Usage: terraform [global options] state pull [options]

  Pull the state from its location, upgrade the local copy, and output it
  to stdout.

  This command "pulls" the current state and outputs it to stdout.
  As part of this process, Terraform will upgrade the state format of the
  local copy to the current version.

  The primary use of this is for state stored remotely. This command
  will still work with local state but is less useful for this.
)";

}  // namespace

int RunStatePull(const Args& args, Streams& io) {
  GoFlags flags;
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStatePullHelp);
    return 0;
  }
  if (parsed.diagnostics.HasErrors()) {
    PrintFlagError(parsed.diagnostics, io);
    return 1;
  }
  // Terraform ignores arguments after the flags.
  state::LocalStateStore store("terraform.tfstate", "");
  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    UiError(io, "Failed to refresh state: " + DiagnosticsErrorText(read.diagnostics));
    return 1;
  }
  if (!read.state) return 0;
  state::WriteStateResult bytes = state::WriteStateFile(*read.state);
  if (!bytes.ok()) {
    UiError(io, "Failed to write state: " + bytes.error);
    return 1;
  }
  UiOutput(io, bytes.bytes);
  return 0;
}

}  // namespace cairn::cli
