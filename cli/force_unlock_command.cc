/// `cairn force-unlock [options] LOCK_ID`: Terraform's `force-unlock`. The local state's lock
/// is an fcntl lock that dies with the process holding it, so no other process can (or needs
/// to) release it: as Terraform, the command refuses for local state ("Local state cannot be
/// unlocked by another process"; with -force, the state manager it opens holds no lock).

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"

namespace cairn::cli {
namespace {

constexpr const char* kForceUnlockHelp = R"(Usage: terraform [global options] force-unlock LOCK_ID

  Manually unlock the state for the defined configuration.

  This will not modify your infrastructure. This command removes the lock on the
  state for the current workspace. The behavior of this lock is dependent
  on the backend being used. Local state files cannot be unlocked by another
  process.

Options:

  -force                 Don't ask for input for unlock confirmation.
)";

}  // namespace

int RunForceUnlock(const Args& args, Streams& io) {
  bool force = false;
  GoFlags flags;
  flags.Bool("force", &force);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kForceUnlockHelp);
    return 0;
  }
  if (parsed.diagnostics.HasErrors()) {
    // Go's flag package calls the command's Usage (the help, on stderr) before the error.
    std::string help = CairnHelp(kForceUnlockHelp);
    help.pop_back();
    UiError(io, help);
    PrintFlagError(parsed.diagnostics, io);
    return 1;
  }
  if (parsed.positional.size() != 1) {
    UiError(io, "Expected a single argument: LOCK_ID");
    io.out << CairnHelp(kForceUnlockHelp);
    return 1;
  }
  if (!force) {
    UiError(io, "Local state cannot be unlocked by another process");
    return 1;
  }
  // A fresh local state manager holds no lock, whatever LOCK_ID names.
  UiError(io, "Failed to unlock state: LocalState not locked");
  return 1;
}

}  // namespace cairn::cli
