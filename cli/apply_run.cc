#include "cli/apply_run.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "lang/base/go_quote.h"
#include "planner/plan/local_exec.h"
#include "planner/apply/interrupt.h"

namespace cairn::cli {
namespace {

planner::apply::InterruptLevel g_interrupt;
Streams* g_interrupt_io = nullptr;

void OnInterrupt(int level) {
  if (!g_interrupt_io) return;
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  if (level == 1) {
    g_interrupt_io->out << "\x1b[2K\rStopping operation...\n\nInterrupt received.\n"
                           "Please wait for Cairn to finish the operations in progress.\n"
                           "Gracefully shutting down...\n\n";
  } else if (level == 2) {
    g_interrupt_io->out << "Two interrupts received. Exiting immediately. Every finished "
                           "operation is in the journal; the next Cairn command records it.\n";
  }
  g_interrupt_io->out.flush();
}

}  // namespace

std::string ObjectIdOf(const Value& v) {
  if (!v.IsKnown() || v.IsNull() || !v.type().IsObject()) return "";
  const Value* id = v.Find("id");
  if (!id || !id->IsKnown() || id->IsNull() || id->type() != Type::String()) return "";
  return id->UnmarkedDeep().AsString();
}

std::mutex& ApplyOutputMutex() {
  static std::mutex mu;
  return mu;
}

ProgressHooks::ProgressHooks(Streams& io, bool color) : io_(io), color_(color) {}

ProgressHooks::~ProgressHooks() { ClearStatus(); }

void ProgressHooks::PreApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                             const Value& prior) {
  std::string id = ObjectIdOf(prior);
  std::string verb = action == planner::Action::kCreate   ? "Creating..."
                     : action == planner::Action::kUpdate ? "Modifying..."
                                                          : "Destroying...";
  Line(addr, verb + (action == planner::Action::kCreate || id.empty() ? "" : " [id=" + id + "]"));
}

void ProgressHooks::PostApply(const addrs::AbsResourceInstance& addr, planner::Action action,
                              const Value& new_state, bool failed,
                              std::chrono::steady_clock::duration elapsed) {
  if (failed) return;
  long secs =
      static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(elapsed).count());
  std::string id = ObjectIdOf(new_state);
  std::string what = action == planner::Action::kCreate   ? "Creation complete"
                     : action == planner::Action::kUpdate ? "Modifications complete"
                                                          : "Destruction complete";
  Line(addr, fmt::format("{} after {}s{}", what, secs,
                         id.empty() || action == planner::Action::kDelete ? ""
                                                                           : " [id=" + id + "]"));
}

void ProgressHooks::Imported(const addrs::AbsResourceInstance& addr, const std::string& id) {
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  if (status_) io_.out << "\r\x1b[2K";
  // Terraform colours these two lines with one reset, not two.
  for (const char* what : {": Importing... [id=", ": Import complete [id="}) {
    std::string line = addr.ToString() + what + id + "]";
    io_.out << (color_ ? "\x1b[0m\x1b[1m" + line + "\x1b[0m\n" : line + "\n");
  }
  if (status_) DrawStatusLocked();
  io_.out.flush();
}

void ProgressHooks::ProvisionStart(const addrs::AbsResourceInstance& addr,
                                   std::string_view type) {
  std::string line = planner::FormatProvisioningStart(addr.ToString(), type);
  Raw(color_ ? "\x1b[0m\x1b[1m" + line.substr(0, line.size() - 1) + "\x1b[0m\x1b[0m\n" : line);
}

void ProgressHooks::ProvisionOutput(const addrs::AbsResourceInstance& addr, std::string_view type,
                                    std::string_view message) {
  Raw(planner::FormatProvisionOutput(addr.ToString(), type, message));
}

void ProgressHooks::Raw(const std::string& text) {
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  if (status_) io_.out << "\r\x1b[2K";
  io_.out << text;
  if (status_) DrawStatusLocked();
  io_.out.flush();
}

void ProgressHooks::Progress(size_t done, size_t total, size_t running) {
  if (!io_.out_tty) return;
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  done_ = done;
  total_ = total;
  running_ = running;
  DrawStatusLocked();
  io_.out.flush();
}

void ProgressHooks::ClearStatus() {
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  if (!status_) return;
  io_.out << "\r\x1b[2K";
  io_.out.flush();
  status_ = false;
}

void ProgressHooks::DrawStatusLocked() {
  long secs = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::steady_clock::now() - started_)
                                    .count());
  io_.out << fmt::format("\r\x1b[2K[{}/{} done, {} running, {}s elapsed]", done_, total_,
                         running_, secs);
  status_ = true;
}

void ProgressHooks::PreApplyDeposed(const addrs::AbsResourceInstance& addr,
                                    const std::string& deposed_key, const Value& prior) {
  std::string id = ObjectIdOf(prior);
  Line(addr.ToString() + " (deposed object " + deposed_key + ")",
       "Destroying..." + (id.empty() ? "" : " [id=" + id + "]"));
}

void ProgressHooks::Line(const addrs::AbsResourceInstance& addr, const std::string& text) {
  Line(addr.ToString(), text);
}

void ProgressHooks::Line(const std::string& who, const std::string& text) {
  std::lock_guard<std::mutex> lock(ApplyOutputMutex());
  if (status_) io_.out << "\r\x1b[2K";
  if (color_) {
    io_.out << "\x1b[0m\x1b[1m" << who << ": " << text << "\x1b[0m\x1b[0m\n";
  } else {
    io_.out << who << ": " << text << "\n";
  }
  if (status_) DrawStatusLocked();
  io_.out.flush();
}

ApplyRunResult RunApplyEngine(const planner::ModuleTree& tree, const planner::Plan& plan,
                              const planner::InputValues& inputs,
                              planner::ProviderResolver& providers, planner::ApplyHooks& hooks,
                              state::LocalStateStore& store, int parallelism, Streams& io) {
  ApplyRunResult out;
  // The journal continues the state as the plan saw it (refreshed, moves applied): stored
  // first, so a replay after a crash applies the records to exactly that.
  state::State base = plan.prior_state;
  out.recorded.Append(store.Write(base));
  if (out.recorded.HasErrors()) return out;
  std::unique_ptr<state::Journal> journal =
      state::Journal::Create(state::JournalPath(store.path()), base, out.recorded);
  if (!journal) return out;

  planner::ApplyOptions options;
  options.parallelism = parallelism;
  options.journal = journal.get();
  options.checkpoint = [&store](state::Journal& j) {
    return j.Checkpoint([&store](state::State& s) { return store.Write(s); });
  };
  if (const char* ms = std::getenv("CAIRN_CHECKPOINT_MS")) {
    options.checkpoint_interval = std::chrono::milliseconds(std::max(1L, std::atol(ms)));
  }
  g_interrupt.Reset();
  g_interrupt_io = &io;
  options.interrupt = &g_interrupt;
  planner::apply::InstallInterruptHandler(&g_interrupt, OnInterrupt);
  out.applied = planner::ApplyPlan(tree, plan, inputs, providers, hooks, options);
  if (g_interrupt.Get() >= 2) {
    // Operations may still be running: store what the journal holds now, keep the journal
    // (with the open intents) for the next command, and leave.
    Diagnostics d = options.checkpoint(*journal);
    (void)d;
    store.Unlock();
    std::fflush(nullptr);
    _exit(1);
  }
  planner::apply::InstallInterruptHandler(nullptr, nullptr);
  g_interrupt_io = nullptr;
  Diagnostics written = store.Write(out.applied.state);
  out.recorded.Append(written);
  // The journal goes only once the state file holds everything it recorded.
  out.recorded.Append(journal->Close(/*remove=*/!written.HasErrors()));
  if (out.applied.interrupted) {
    out.recorded.Error("Apply interrupted",
                       "Cairn stopped starting new operations after the interrupt and waited "
                       "for the ones in progress. Everything that finished is recorded in the "
                       "state; run the command again to apply the rest.");
  }
  return out;
}

}  // namespace cairn::cli
