#include "cli/state_flags.h"

#include <chrono>

namespace cairn::cli {

void StateFlags::Register(GoFlags& flags) {
  flags.String("state", &state_path);
  flags.Bool("lock", &lock);
  flags.String("lock-timeout", &lock_timeout);
}

void StateFlags::Validate(Diagnostics& diags) const {
  long long ms = 0;
  if (!ParseGoDuration(lock_timeout, &ms)) {
    diags.Error("Failed to parse command-line flags",
                "invalid value \"" + lock_timeout + "\" for flag -lock-timeout: parse error");
  }
}

Diagnostics LockState(state::StateStore& store, const StateFlags& flags,
                      const std::string& operation, Streams& io) {
  if (!flags.lock) return {};
  long long ms = 0;
  ParseGoDuration(flags.lock_timeout, &ms);
  state::LockRequest request;
  request.operation = operation;
  request.timeout = std::chrono::milliseconds(ms < 0 ? 0 : ms);
  request.on_slow = [&io] {
    io.out << "Acquiring state lock. This may take a few moments...\n";
    io.out.flush();
  };
  return store.Lock(request);
}

}  // namespace cairn::cli
