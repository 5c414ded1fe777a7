#pragma once
/// The state-related flags `plan`, `apply` and `console` share (-state, -lock, -lock-timeout)
/// and taking the lock as Terraform's commands do.

#include <string>

#include "cli/go_flags.h"
#include "cli/streams.h"
#include "state/local_store.h"

namespace cairn::cli {

struct StateFlags {
  std::string state_path = "terraform.tfstate";
  bool lock = true;
  std::string lock_timeout = "0s";

  void Register(GoFlags& flags);
  /// Checks -lock-timeout; adds "Invalid lock timeout" style errors.
  void Validate(Diagnostics& diags) const;
};

/// Takes `store`'s lock when `flags.lock` (printing Terraform's "Acquiring state lock. This
/// may take a few moments..." when it takes a while). Returns the diagnostics.
Diagnostics LockState(state::StateStore& store, const StateFlags& flags,
                      const std::string& operation, Streams& io);

}  // namespace cairn::cli
