#include "lang/base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace cairn {
namespace {

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool Fail(std::string* error, const std::string& what) {
  *error = what + ": " + std::strerror(errno);
  return false;
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         unsigned new_file_mode) {
  return WriteFileAtomically(path, content, error, new_file_mode, nullptr);
}

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         unsigned new_file_mode,
                         const std::function<bool(int fd, std::string* error)>& before_rename) {
  struct stat st {};
  mode_t mode = static_cast<mode_t>(new_file_mode);
  if (stat(path.c_str(), &st) == 0) mode = st.st_mode & 07777;

  std::string tmp = path + ".cairn-tmp-XXXXXX";
  int fd = mkstemp(tmp.data());
  if (fd < 0) return Fail(error, "create a temporary file beside " + path);
  auto abandon = [&](const std::string& what) {
    int saved = errno;
    close(fd);
    unlink(tmp.c_str());
    errno = saved;
    return Fail(error, what);
  };
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return abandon("write " + tmp);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (fchmod(fd, mode) != 0) return abandon("set permissions of " + tmp);
  if (fsync(fd) != 0) return abandon("fsync " + tmp);
  if (before_rename && !before_rename(fd, error)) {
    close(fd);
    unlink(tmp.c_str());
    return false;
  }
  if (close(fd) != 0) {
    int saved = errno;
    unlink(tmp.c_str());
    errno = saved;
    return Fail(error, "close " + tmp);
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    int saved = errno;
    unlink(tmp.c_str());
    errno = saved;
    return Fail(error, "rename " + tmp + " to " + path);
  }
  int dir = open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    fsync(dir);  // best effort: the rename is already visible
    close(dir);
  }
  return true;
}

}  // namespace cairn
