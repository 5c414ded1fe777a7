#include "state/local_store.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "lang/base/atomic_file.h"
#include "lang/base/go_json.h"
#include "state/journal.h"

namespace cairn::state {
namespace {

constexpr unsigned kStateFileMode = 0600;

/// Go's syscall error text: strerror with a lower-case first letter.
std::string ErrnoText(int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

/// Reads a whole file. Returns false with errno set when it cannot be opened or read.
bool ReadWholeFile(const std::string& path, std::string& out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      close(fd);
      errno = saved;
      return false;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return true;
}

/// An open-file-description write lock on the whole file: it conflicts with Terraform's
/// classic fcntl lock and with other descriptions, even in this process.
bool TryLockFd(int fd) {
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = 0;
  fl.l_len = 0;
  return fcntl(fd, F_OFD_SETLK, &fl) == 0;
}

/// RFC 3339 with nanoseconds (trailing zeros dropped), UTC: Go's time.RFC3339Nano.
std::string NowRfc3339Nano() {
  struct timespec ts {};
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm {};
  gmtime_r(&ts.tv_sec, &tm);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out = buf;
  if (ts.tv_nsec != 0) {
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%09ld", static_cast<long>(ts.tv_nsec));
    std::string f = frac;
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}

/// Go's time.Time.String() for a UTC RFC 3339 timestamp: "2026-11-22 05:18:01.62938845 +0000
/// UTC"; other texts are shown as they are.
std::string GoTimeString(const std::string& rfc3339) {
  if (rfc3339.size() < 20 || rfc3339[10] != 'T' || rfc3339.back() != 'Z') return rfc3339;
  return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, rfc3339.size() - 12) + " +0000 UTC";
}

std::string Who() {
  std::string user;
  if (struct passwd* pw = getpwuid(getuid())) user = pw->pw_name;
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return user + "@" + host;
}

std::string LockErrorDetail(const std::string& error, const std::string& info_path) {
  std::string detail = "Error message: " + error;
  std::string text;
  if (ReadWholeFile(info_path, text)) {
    nlohmann::json info = nlohmann::json::parse(text, nullptr, false);
    if (info.is_object()) {
      auto field = [&](const char* name) {
        auto it = info.find(name);
        return it != info.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      detail += "\nLock Info:\n  ID:        " + field("ID") + "\n  Path:      " + field("Path") +
                "\n  Operation: " + field("Operation") + "\n  Who:       " + field("Who") +
                "\n  Version:   " + field("Version") +
                "\n  Created:   " + GoTimeString(field("Created")) +
                "\n  Info:      " + field("Info") + "\n";
    }
  }
  detail +=
      "\n\nCairn acquires a state lock to protect the state from being written\n"
      "by multiple users at the same time. Please resolve the issue above and try\n"
      "again. For most commands, you can disable locking with the \"-lock=false\"\n"
      "flag, but this is not recommended.";
  return detail;
}

}  // namespace

std::string NewUuid() {
  unsigned char b[16];
  bool ok = false;
  if (FILE* f = std::fopen("/dev/urandom", "rb")) {
    ok = std::fread(b, 1, sizeof b, f) == sizeof b;
    std::fclose(f);
  }
  if (!ok) {
    // No /dev/urandom: fall back to the clock and the process id mixed by a PRNG.
    uint64_t seed = static_cast<uint64_t>(
                        std::chrono::high_resolution_clock::now().time_since_epoch().count()) ^
                    (static_cast<uint64_t>(getpid()) << 32);
    for (unsigned char& c : b) {
      seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
      c = static_cast<unsigned char>(seed >> 56);
    }
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

LocalStateStore::LocalStateStore(std::string path, std::string backup_path)
    : path_(std::move(path)), backup_path_(std::move(backup_path)) {}

LocalStateStore::LocalStateStore(std::string path)
    : LocalStateStore(path, path + ".backup") {}

LocalStateStore::~LocalStateStore() { Unlock(); }

std::string LocalStateStore::LockInfoPath() const {
  size_t slash = path_.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  return dir + "." + name + ".lock.info";
}

Diagnostics LocalStateStore::RecoverJournal() {
  Diagnostics diags;
  const std::string journal_path = JournalPath(path_);
  std::string journal;
  if (!ReadWholeFile(journal_path, journal)) return diags;
  const bool took_lock = lock_fd_ < 0;
  if (took_lock) {
    LockRequest request;
    request.operation = "OperationTypeApply";
    // Held by someone else: an apply is running and owns its journal; read as it is.
    if (Lock(request).HasErrors()) return diags;
    if (!ReadWholeFile(journal_path, journal)) {  // finished while we waited
      Unlock();
      return diags;
    }
  }
  ParsedJournal parsed = ParseJournal(journal);
  std::string bytes;
  if (!ReadWholeFile(path_, bytes)) bytes.clear();
  ReadStateResult current = ReadStateFile(bytes);
  if (current.diagnostics.HasErrors()) {
    if (took_lock) Unlock();
    return diags;  // Read reports the state file's own errors
  }
  State state = current.state ? *current.state : State();
  const bool matches = parsed.has_header && parsed.lineage == state.lineage &&
                       parsed.serial == state.serial;
  if (matches && !parsed.records.empty()) {
    size_t results = 0;
    for (const JournalRecord& r : parsed.records) {
      results += r.kind == JournalRecord::Kind::kResult ? 1 : 0;
    }
    ReplayJournal(parsed.records, state);
    size_t possibly = 0;
    for (const ResourceState& r : state.resources) {
      for (const InstanceState& i : r.instances) {
        possibly += i.current && !i.current->idempotency_token.empty() ? 1 : 0;
      }
    }
    base_ = current.state;
    if (!backup_written_) back_up_ = !bytes.empty();
    Diagnostics written = Write(state);
    diags.Append(written);
    if (!written.HasErrors()) {
      diags.Warning(
          "Recovered an interrupted apply",
          "Cairn found the journal of an apply that did not finish and recorded its " +
              std::to_string(results) + " finished operation" + (results == 1 ? "" : "s") +
              " in the state." +
              (possibly == 0 ? std::string()
                             : " " + std::to_string(possibly) + " object" +
                                   (possibly == 1 ? " was" : "s were") +
                                   " being created when it stopped: the next plan asks the "
                                   "provider to find each by its idempotency token, and "
                                   "adopts it or creates it again."));
    }
  }
  if (!diags.HasErrors()) {
    unlink(journal_path.c_str());
  }
  if (took_lock) diags.Append(Unlock());
  return diags;
}

ReadStateResult LocalStateStore::Read() {
  Diagnostics recovered = RecoverJournal();
  if (recovered.HasErrors()) {
    ReadStateResult failed;
    failed.diagnostics = std::move(recovered);
    return failed;
  }
  ReadStateResult result = ReadNoRecovery();
  Diagnostics all = std::move(recovered);
  all.Append(result.diagnostics);
  result.diagnostics = std::move(all);
  return result;
}

ReadStateResult LocalStateStore::ReadNoRecovery() {
  ReadStateResult result;
  std::string bytes;
  if (!ReadWholeFile(path_, bytes)) {
    if (errno != ENOENT) {
      result.diagnostics.Error("Failed to read state file",
                               "The state file could not be read: read " + path_ + ": " +
                                   ErrnoText(errno));
      return result;
    }
    bytes.clear();
  }
  result = ReadStateFile(bytes);
  if (!result.diagnostics.HasErrors()) {
    base_ = result.state;
    if (!backup_written_) back_up_ = !bytes.empty();
  }
  return result;
}

Diagnostics LocalStateStore::Write(State& state) {
  if (base_) {
    if (state.lineage.empty()) state.lineage = base_->lineage;
    state.serial = base_->serial + (SameContent(*base_, state) ? 0 : 1);
  } else {
    state.serial = 1;
  }
  return WriteBytes(state);
}

Diagnostics LocalStateStore::WriteImported(State& state) {
  if (base_ && !SameContent(*base_, state)) ++state.serial;
  return WriteBytes(state);
}

Diagnostics LocalStateStore::WriteBytes(State& state) {
  Diagnostics diags;
  if (state.lineage.empty()) state.lineage = NewUuid();
  state.cairn_version = CAIRN_VERSION;
  WriteStateResult out = WriteStateFile(state);
  if (!out.ok()) {
    diags.Error("Failed to serialize state",
                "An error occurred while serializing the state to save it: " + out.error + ".");
    return diags;
  }
  std::string current;
  if (ReadWholeFile(path_, current) && current == out.bytes) {
    base_ = state;
    return diags;
  }
  std::string error;
  if (!backup_path_.empty() && !backup_written_ && back_up_ && !current.empty()) {
    if (!WriteFileAtomically(backup_path_, current, &error, kStateFileMode)) {
      diags.Error("Failed to write state backup",
                  "Cairn could not write the backup of the previous state to " + backup_path_ +
                      ": " + error + ".");
      return diags;
    }
    backup_written_ = true;
  }
  int new_lock_fd = -1;
  auto relock = [&](int fd, std::string* err) {
    if (lock_fd_ < 0) return true;
    new_lock_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (new_lock_fd < 0 || !TryLockFd(new_lock_fd)) {
      *err = "lock the new state file: " + ErrnoText(errno);
      if (new_lock_fd >= 0) close(new_lock_fd);
      new_lock_fd = -1;
      return false;
    }
    return true;
  };
  if (!WriteFileAtomically(path_, out.bytes, &error, kStateFileMode, relock)) {
    diags.Error("Failed to save state", "Error saving state: " + error);
    return diags;
  }
  if (new_lock_fd >= 0) {
    // The lock moves to the file now at path_; whoever waited on the old one sees it was
    // replaced and retries on the new one.
    close(lock_fd_);
    lock_fd_ = new_lock_fd;
  }
  backup_written_ = true;
  created_ = false;  // written: kept
  base_ = state;
  return diags;
}

Diagnostics LocalStateStore::Lock(const LockRequest& request) {
  Diagnostics diags;
  if (lock_fd_ >= 0) return diags;
  auto start = std::chrono::steady_clock::now();
  bool told_slow = false;
  std::chrono::milliseconds pause{50};
  for (;;) {
    struct stat before {};
    bool existed = stat(path_.c_str(), &before) == 0;
    int fd = open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, kStateFileMode);
    if (fd < 0) {
      diags.Error("Error acquiring the state lock",
                  LockErrorDetail("open " + path_ + ": " + ErrnoText(errno), ""));
      return diags;
    }
    if (TryLockFd(fd)) {
      struct stat held {}, now {};
      if (fstat(fd, &held) == 0 && stat(path_.c_str(), &now) == 0 && held.st_ino == now.st_ino &&
          held.st_dev == now.st_dev) {
        lock_fd_ = fd;
        created_ = !existed;
        break;
      }
      close(fd);  // replaced while we waited: lock the file that is there now
      continue;
    }
    int err = errno;
    close(fd);
    if (err != EAGAIN && err != EACCES) {
      diags.Error("Error acquiring the state lock", LockErrorDetail(ErrnoText(err), ""));
      return diags;
    }
    auto waited = std::chrono::steady_clock::now() - start;
    if (!told_slow && waited >= std::chrono::milliseconds(400)) {
      told_slow = true;
      if (request.on_slow) request.on_slow();
    }
    if (waited >= request.timeout) {
      diags.Error("Error acquiring the state lock",
                  LockErrorDetail(ErrnoText(EAGAIN), LockInfoPath()));
      return diags;
    }
    // Wake at the 400 ms mark at the latest: whoever waits that long hears about it, even
    // when the lock comes free during the next pause (Terraform's slow message is a timer).
    auto slow_mark = std::chrono::milliseconds(400) - waited;
    if (!told_slow && slow_mark < pause) {
      std::this_thread::sleep_for(slow_mark);
    } else {
      std::this_thread::sleep_for(pause);
    }
    pause = std::min(pause * 2, std::chrono::milliseconds(400));
  }
  nlohmann::ordered_json info;
  info["ID"] = NewUuid();
  info["Operation"] = request.operation;
  info["Info"] = "";
  info["Who"] = Who();
  info["Version"] = CAIRN_VERSION;
  info["Created"] = NowRfc3339Nano();
  info["Path"] = path_;
  std::string error;
  if (!WriteFileAtomically(LockInfoPath(), GoJsonMarshal(info), &error, 0600)) {
    close(lock_fd_);
    lock_fd_ = -1;
    diags.Error("Error acquiring the state lock", LockErrorDetail(error, ""));
  }
  return diags;
}

Diagnostics LocalStateStore::Unlock() {
  Diagnostics diags;
  if (lock_fd_ < 0) return diags;
  unlink(LockInfoPath().c_str());
  // As Terraform: a state file the lock created and nothing wrote to is removed again.
  struct stat now {};
  if (created_ && fstat(lock_fd_, &now) == 0 && now.st_size == 0) unlink(path_.c_str());
  close(lock_fd_);
  lock_fd_ = -1;
  created_ = false;
  return diags;
}

}  // namespace cairn::state
