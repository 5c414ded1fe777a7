#include "bench/measure.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

namespace cairn::bench {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Measurement MeasureInChild(const std::function<bool()>& work) {
  int fds[2];
  Measurement m;
  if (pipe(fds) != 0) {
    m.error = "pipe failed";
    return m;
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    double t0 = Now();
    bool ok = work();
    double dt = Now() - t0;
    if (write(fds[1], &dt, sizeof dt) != sizeof dt) _exit(3);
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  double dt = 0;
  ssize_t n = read(fds[0], &dt, sizeof dt);
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  m.ok = n == sizeof dt && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!m.ok) m.error = "the measured operation failed";
  m.seconds = dt;
  m.peak_rss_mb = ru.ru_maxrss / 1024.0;
  return m;
}

Measurement MeasureProgram(const std::vector<std::string>& argv, const std::string& stdin_path) {
  Measurement m;
  double t0 = Now();
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(stdin_path.c_str(), O_RDONLY);
    int null = open("/dev/null", O_WRONLY);
    if (in < 0 || null < 0) _exit(126);
    dup2(in, 0);
    dup2(null, 1);
    dup2(null, 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  m.seconds = Now() - t0;
  m.peak_rss_mb = ru.ru_maxrss / 1024.0;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!m.ok) {
    std::ostringstream msg;
    msg << argv[0] << " exited with status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    m.error = msg.str();
  }
  return m;
}

std::string FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return "";
  std::istringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

}  // namespace cairn::bench
