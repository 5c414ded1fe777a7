#pragma once
/// Ctrl-C during apply: the first interrupt stops starting new work and lets running
/// operations finish; the second stops at once (what finished is in the journal either way).
/// The CLI installs the signal handler; the engine polls the level.

#include <atomic>

namespace cairn::planner::apply {

/// How many interrupts arrived (0, 1, 2 or more). Written by a signal handler.
class InterruptLevel {
 public:
  int Get() const { return level_.load(std::memory_order_acquire); }
  /// Async-signal-safe.
  void Raise() { level_.fetch_add(1, std::memory_order_acq_rel); }
  void Reset() { level_.store(0, std::memory_order_release); }
  /// The counter itself, for code that polls an `std::atomic<int>` (local-exec's stop).
  const std::atomic<int>* counter() const { return &level_; }

 private:
  std::atomic<int> level_{0};
};

/// Installs SIGINT (and SIGTERM) handlers that raise `level` and call `on_raise(level)` from
/// a watcher thread (never from the handler itself); nullptr restores the default handlers.
void InstallInterruptHandler(InterruptLevel* level, void (*on_raise)(int level));

}  // namespace cairn::planner::apply
