#pragma once
/// `apply -json`: apply's progress as Terraform's machine-readable UI log ("apply_start",
/// "apply_complete", "apply_errored", "provision_start", "provision_progress" messages), one
/// JSON object per line. Thread-safe, as ApplyHooks must be.

#include <mutex>

#include "cli/json_ui.h"
#include "planner/plan/planner.h"

namespace cairn::cli {

class JsonApplyHooks : public planner::ApplyHooks {
 public:
  explicit JsonApplyHooks(Streams& io) : ui_(io) {}

  void PreApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                const Value& prior) override;
  void PostApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                 const Value& new_state, bool failed,
                 std::chrono::steady_clock::duration elapsed) override;
  void ProvisionStart(const addrs::AbsResourceInstance& addr, std::string_view type) override;
  void ProvisionOutput(const addrs::AbsResourceInstance& addr, std::string_view type,
                       std::string_view message) override;

 private:
  JsonUi ui_;
};

/// The messages that end `apply -json`: "change_summary" (operation "apply", or "destroy" for
/// the destroy command) and "outputs" with the recorded values.
void WriteJsonApplySummary(JsonUi& ui, const planner::Plan& plan, const state::State& applied,
                           bool destroy_command);

}  // namespace cairn::cli
