#pragma once
/// The state-related flags `plan`, `apply` and `console` share (-state, -lock, -lock-timeout)
/// and taking the lock as Terraform's commands do.

#include <optional>
#include <string>

#include "cli/go_flags.h"
#include "cli/streams.h"
#include "state/local_store.h"

namespace cairn::cli {

struct StateFlags {
  std::string state_path = "terraform.tfstate";
  bool lock = true;
  std::string lock_timeout = "0s";
  /// Where the state file's previous content is kept on the first write: nullopt for
  /// `<state_path>.backup`, "" for no backup (`import -backup=-`).
  std::optional<std::string> backup_path;

  void Register(GoFlags& flags);
  /// Checks -lock-timeout; adds "Invalid lock timeout" style errors.
  void Validate(Diagnostics& diags) const;
};

/// Takes `store`'s lock when `flags.lock` (printing Terraform's "Acquiring state lock. This
/// may take a few moments..." when it takes a while). Returns the diagnostics.
Diagnostics LockState(state::StateStore& store, const StateFlags& flags,
                      const std::string& operation, Streams& io);

}  // namespace cairn::cli
