#include "planner/apply/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <thread>

namespace cairn::planner::apply {
namespace {

InterruptLevel* g_level = nullptr;
int g_pipe[2] = {-1, -1};

void Handle(int) {
  if (g_level) g_level->Raise();
  if (g_pipe[1] >= 0) {
    char c = 1;
    ssize_t ignored = write(g_pipe[1], &c, 1);
    (void)ignored;
  }
}

}  // namespace

void InstallInterruptHandler(InterruptLevel* level, void (*on_raise)(int level)) {
  struct sigaction sa {};
  if (!level) {
    sa.sa_handler = SIG_DFL;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    g_level = nullptr;
    return;
  }
  g_level = level;
  if (g_pipe[0] < 0 && pipe(g_pipe) == 0 && on_raise) {
    std::thread([on_raise, level] {
      char c;
      while (read(g_pipe[0], &c, 1) == 1) on_raise(level->Get());
    }).detach();
  }
  sa.sa_handler = Handle;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace cairn::planner::apply
