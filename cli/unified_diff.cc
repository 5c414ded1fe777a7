#include "cli/unified_diff.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

extern char** environ;

namespace cairn::cli {
namespace {

/// A temporary file holding `content`, removed when this goes out of scope.
class TempFile {
 public:
  bool Create(std::string_view content, std::string& error) {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-fmt-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) {
      error = std::strerror(errno);
      return false;
    }
    path_ = pattern;
    size_t done = 0;
    while (done < content.size()) {
      ssize_t n = write(fd, content.data() + done, content.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        error = std::strerror(errno);
        close(fd);
        return false;
      }
      done += static_cast<size_t>(n);
    }
    close(fd);
    return true;
  }
  ~TempFile() {
    if (!path_.empty()) unlink(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

bool UnifiedDiff(std::string_view before, std::string_view after, const std::string& path,
                 std::string& out, std::string& error) {
  TempFile f1, f2;
  if (!f1.Create(before, error) || !f2.Create(after, error)) return false;

  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    error = std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);

  std::string old_label = "--label=old/" + path;
  std::string new_label = "--label=new/" + path;
  std::vector<std::string> args = {"diff", old_label, new_label, "-u", f1.path(), f2.path()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_t pid;
  int rc = posix_spawnp(&pid, "diff", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    // Go's os/exec wording, which Terraform shows.
    error = rc == ENOENT ? std::string("exec: \"diff\": executable file not found in $PATH")
                         : std::string("exec: \"diff\": ") + std::strerror(rc);
    return false;
  }
  out.clear();
  char buf[65536];
  for (;;) {
    ssize_t n = read(pipe_fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // diff exits 1 when the files differ; any output counts as success (as in Terraform).
  if (out.empty() && !(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
    error = "exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return false;
  }
  return true;
}

}  // namespace cairn::cli
