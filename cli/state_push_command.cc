/// `cairn state push [options] PATH|-`: Terraform's `state push`, replacing the stored state
/// with a state file's snapshot. Unless -force, the snapshot must continue the stored state's
/// lineage with a higher serial (or be the same snapshot), as Terraform's CheckValidImport.

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <iterator>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"
#include "cli/state_flags.h"
#include "lang/base/go_quote.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStatePushHelp =
    R"(Usage: terraform [global options] state push [options] PATH

  Update remote state from a local state file at PATH.

  This command "pushes" a local state and overwrites remote state
  with a local state file. The command will protect you against writing
  an older serial or a different state file lineage unless you specify the
  "-force" flag.

  This command works with local state (it will overwrite the local
  state), but is less useful for this use case.

  If PATH is "-", then this command will read the state to push from stdin.
  Data from stdin is not streamed to the backend: it is loaded completely
  (until pipe close), verified, and then pushed.

Options:

  -force              Write the state even if lineages don't match or the
                      remote serial is higher.

  -lock=false         Don't hold a state lock during the operation. This is
                      dangerous if others might concurrently run commands
                      against the same workspace.

  -lock-timeout=0s    Duration to retry a state lock.
)";

/// Terraform's State.Empty: no resources and no outputs.
bool EmptyState(const state::State& s) { return s.resources.empty() && s.outputs.empty(); }

/// Terraform's statemgr.CheckValidImport: "" when `incoming` may replace `existing`.
std::string CheckValidImport(const state::State& incoming,
                             const std::optional<state::State>& existing) {
  if (!existing || EmptyState(*existing)) return "";
  if (incoming.lineage.empty() || existing->lineage.empty()) return "";  // legacy: anything goes
  if (incoming.lineage != existing->lineage) {
    return "cannot import state with lineage " + GoQuote(incoming.lineage) +
           " over unrelated state with lineage " + GoQuote(existing->lineage);
  }
  if (incoming.serial > existing->serial) return "";
  if (incoming.serial < existing->serial) {
    return "cannot import state with serial " + std::to_string(incoming.serial) +
           " over newer state with serial " + std::to_string(existing->serial);
  }
  if (state::SameContent(incoming, *existing)) return "";
  return "cannot overwrite existing state with serial " + std::to_string(incoming.serial) +
         " with a different state that has the same serial";
}

/// Reads all of `fd`; false with errno set on a read error.
bool ReadAll(int fd, std::string& out) {
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return true;
    out.append(buf, static_cast<size_t>(n));
  }
}

}  // namespace

int RunStatePush(const Args& args, Streams& io) {
  bool force = false, ignore_remote_version = false;
  StateFlags state_flags;
  GoFlags flags;
  flags.Bool("force", &force);
  flags.Bool("lock", &state_flags.lock);
  flags.String("lock-timeout", &state_flags.lock_timeout);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStatePushHelp);
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state_flags.Validate(usage);
  if (usage.HasErrors()) {
    PrintFlagError(usage, io);
    return 1;
  }
  if (parsed.positional.size() != 1) {
    UiError(io, "Exactly one argument expected.\n");
    io.out << CairnHelp(kStatePushHelp);
    return 1;
  }
  const std::string& source = parsed.positional[0];

  std::string bytes;
  if (source == "-") {
    bytes.assign(std::istreambuf_iterator<char>(io.in), std::istreambuf_iterator<char>());
  } else {
    int fd = open(source.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      UiError(io, GoOpenError(source, errno));
      return 1;
    }
    bool ok = ReadAll(fd, bytes);
    int err = errno;
    close(fd);
    if (!ok) {
      std::string text = GoOpenError(source, err);
      UiError(io, "Error reading source state " + GoQuote(source) +
                      ": Failed to read state file: The state file could not be read: read " +
                      text.substr(5));
      return 1;
    }
  }
  state::ReadStateResult incoming = state::ReadStateFile(bytes);
  if (incoming.diagnostics.HasErrors()) {
    UiError(io, "Error reading source state " + GoQuote(source) + ": " +
                    DiagnosticsErrorText(incoming.diagnostics));
    return 1;
  }
  if (!incoming.state) {
    UiError(io, "Error reading source state " + GoQuote(source) + ": no state");
    return 1;
  }

  state::LocalStateStore store(state_flags.state_path);
  Diagnostics lock = LockState(store, state_flags, "state-push", io);
  if (lock.HasErrors()) {
    ShowDiagnostics(lock, io);
    return 1;
  }
  auto finish = [&](int code) {
    Diagnostics unlock = store.Unlock();
    if (!unlock.empty()) ShowDiagnostics(unlock, io);
    return code;
  };
  state::ReadStateResult existing = store.Read();
  if (existing.diagnostics.HasErrors()) {
    UiError(io,
            "Failed to refresh destination state: " + DiagnosticsErrorText(existing.diagnostics));
    return finish(1);
  }
  state::State& pushed = *incoming.state;
  if (!force) {
    std::string error = CheckValidImport(pushed, existing.state);
    if (!error.empty()) {
      UiError(io, "Failed to write state: " + error);
      return finish(1);
    }
  }
  Diagnostics written = store.WriteImported(pushed);
  if (written.HasErrors()) {
    UiError(io, "Failed to write state: " + DiagnosticsErrorText(written));
    return finish(1);
  }
  return finish(0);
}

}  // namespace cairn::cli
