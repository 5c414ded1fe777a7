#pragma once
/// Running the apply engine for a command whose state lives in a local state file: the
/// journal beside it, Ctrl-C, compaction every few seconds, the final state write, and the
/// journal removed only once the state file holds everything. Shared by `apply` (with a
/// saved plan or a fresh one) and `destroy`.

#include <chrono>
#include <mutex>
#include <string>

#include "cli/streams.h"
#include "lang/base/diagnostic.h"
#include "planner/plan/planner.h"
#include "state/local_store.h"

namespace cairn::cli {

/// The `id` attribute of an object value as the progress lines show it ("" when it has none
/// or it is not a known string).
std::string ObjectIdOf(const Value& object);

/// Serialises what apply's threads print (progress lines, the status line, interrupt
/// notices).
std::mutex& ApplyOutputMutex();

/// Terraform's per-resource progress lines (`Creating...`, `Creation complete after 2s
/// [id=…]`), and on a terminal a live status line (done/total, running, elapsed) kept below
/// them. Thread-safe.
class ProgressHooks : public planner::ApplyHooks {
 public:
  ProgressHooks(Streams& io, bool color);
  ~ProgressHooks() override;

  void PreApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                const Value& prior) override;
  void PostApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                 const Value& new_state, bool failed,
                 std::chrono::steady_clock::duration elapsed) override;
  void PreApplyDeposed(const addrs::AbsResourceInstance& addr, const std::string& deposed_key,
                       const Value& prior) override;
  void Imported(const addrs::AbsResourceInstance& addr, const std::string& id) override;
  void ProvisionStart(const addrs::AbsResourceInstance& addr, std::string_view type) override;
  void ProvisionOutput(const addrs::AbsResourceInstance& addr, std::string_view type,
                       std::string_view message) override;
  void Progress(size_t done, size_t total, size_t running) override;
  /// Erases the status line (before the summary).
  void ClearStatus();

 private:
  void Line(const addrs::AbsResourceInstance& addr, const std::string& text);
  void Line(const std::string& who, const std::string& text);
  /// Prints `text` (whole lines) below the progress so far, keeping the status line last.
  void Raw(const std::string& text);
  void DrawStatusLocked();

  Streams& io_;
  bool color_;
  bool status_ = false;  ///< a status line is drawn (terminal only)
  size_t done_ = 0, total_ = 0, running_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

struct ApplyRunResult {
  planner::ApplyResult applied;
  /// The state writes' and the journal's own diagnostics.
  Diagnostics recorded;
};

/// Applies `plan` with `store` locked (and already read): writes the plan's prior state as
/// the journal's base, journals every operation, compacts, writes the final state.
ApplyRunResult RunApplyEngine(const planner::ModuleTree& tree, const planner::Plan& plan,
                              const planner::InputValues& inputs,
                              planner::ProviderResolver& providers, planner::ApplyHooks& hooks,
                              state::LocalStateStore& store, int parallelism, Streams& io);

}  // namespace cairn::cli
