#pragma once
/// Starting a plugin executable with its standard streams on pipes (POSIX only).

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace cairn::providers::plugin {

/// A running child: its pid and the parent's ends of its stdin, stdout and stderr pipes
/// (close-on-exec, so no other child inherits them).
struct ChildProcess {
  pid_t pid = -1;
  int stdin_fd = -1;   ///< write end
  int stdout_fd = -1;  ///< read end
  int stderr_fd = -1;  ///< read end
};

struct SpawnResult {
  ChildProcess child;
  std::string error;  ///< strerror text when it could not start; empty on success
  bool ok() const { return error.empty(); }
};

/// Starts `path` with `args` (argv[1..]) and this process's environment plus `extra_env`
/// ("NAME=VALUE", overriding), in its own process group (a terminal's Ctrl-C reaches Cairn,
/// which decides what the plugin hears), with no file descriptors but 0, 1 and 2.
SpawnResult SpawnChild(const std::string& path, const std::vector<std::string>& args,
                       const std::vector<std::string>& extra_env);

/// How a process ended, from waitpid's status: "exited with status 3", "was killed by
/// signal 9 (Killed)".
std::string DescribeExit(int status);

/// Writes all of `data` to `fd`; false (errno set) on error. A write to a pipe whose reader
/// is gone fails with EPIPE instead of raising SIGPIPE. With a `deadline`, `fd` must be
/// non-blocking, and a pipe that stays full until then fails with ETIMEDOUT.
bool WriteAll(int fd, const char* data, size_t size,
              std::optional<std::chrono::steady_clock::time_point> deadline = std::nullopt);

}  // namespace cairn::providers::plugin
