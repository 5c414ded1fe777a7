#pragma once
/// The local state store: a state file (default `terraform.tfstate`) written atomically with
/// mode 0600, the previous content kept as `<path>.backup` on the first change a command makes,
/// and Terraform's local lock: an fcntl write lock on the state file itself, with the lock's
/// details in `.<name>.lock.info` beside it, so Cairn and Terraform exclude each other.

#include <optional>
#include <string>

#include "state/store.h"

namespace cairn::state {

class LocalStateStore : public StateStore {
 public:
  /// `backup_path` "" disables backups.
  explicit LocalStateStore(std::string path, std::string backup_path);
  /// `path` with backups at `path + ".backup"`.
  explicit LocalStateStore(std::string path);
  ~LocalStateStore() override;
  LocalStateStore(const LocalStateStore&) = delete;
  LocalStateStore& operator=(const LocalStateStore&) = delete;

  /// Replays a journal an interrupted apply left (journal.h) into the state file first,
  /// under the lock (taken for the purpose when not held; when someone else holds it, an
  /// apply is running and the file is read as it is).
  ReadStateResult Read() override;
  Diagnostics Write(State& state) override;
  Diagnostics WriteImported(State& state) override;
  Diagnostics Lock(const LockRequest& request) override;
  Diagnostics Unlock() override;

  const std::string& path() const { return path_; }
  /// `.terraform.tfstate.lock.info` for `terraform.tfstate`, in the same directory.
  std::string LockInfoPath() const;

 private:
  std::string path_;
  std::string backup_path_;
  std::optional<State> base_;
  /// The file existed when first read: its content (still on disk when the first write
  /// comes, the lock held) becomes the backup.
  bool back_up_ = false;
  bool backup_written_ = false;
  /// Replays and removes the journal of an interrupted apply, if any (a warning says so).
  Diagnostics RecoverJournal();
  ReadStateResult ReadNoRecovery();
  /// Writes `state` with its bookkeeping already set.
  Diagnostics WriteBytes(State& state);

  int lock_fd_ = -1;          ///< holds an open-file-description lock on the state file
  bool created_ = false;      ///< Lock created the state file (removed if still empty)
};

}  // namespace cairn::state
