#pragma once
/// The apply journal: an append-only file beside the state in which apply records an intent
/// before each provider call that changes an object and the result after it, so a crash, a
/// kill or a power cut at any moment loses no object. The state file is compacted from it at
/// the end of an apply (and every few seconds during one), never rewritten per object; any
/// command that finds a journal replays it into the state first (LocalStateStore::Read).
///
/// File layout: a sequence of frames `#J <n> <fnv1a-64 hex>\n<n bytes>\n`. A frame's payload
/// is one line of JSON metadata, followed for records that carry an object by a newline and a
/// one-resource state file (statefile.h) holding that object. The first frame is a header
/// naming the state it continues (lineage and serial): a journal whose header does not match
/// the state file was already compacted into it. A torn or corrupt frame (a crash in the
/// middle of a write) ends the journal: it and everything after it are ignored.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "state/state.h"

namespace cairn::state {

/// One journal record.
struct JournalRecord {
  enum class Kind : uint8_t { kIntent, kResult };
  enum class Action : uint8_t { kCreate, kUpdate, kDelete };
  Kind kind = Kind::kIntent;
  /// The intent's id (for a result: the id of the intent it answers); a create's id is the
  /// idempotency token its provider receives.
  std::string id;
  Action action = Action::kCreate;  ///< intents only
  addrs::AbsResourceInstance addr;
  std::string deposed_key;  ///< "" for the current object
  /// Results only: before `object` becomes the current object, the current one moves aside
  /// as this deposed key (a create before destroy's old object), in the same record.
  std::string depose_current_to;
  std::string provider;     ///< the state's provider configuration address
  std::string each;         ///< the resource's `each` ("", "list", "map")
  /// Intents of creates: the planned object (unknown values null). Results: the object now
  /// (nullopt: there is none any more).
  std::optional<ObjectState> object;
};

/// The frame bytes of `record` (its object, when any, as a one-resource state file).
std::string EncodeJournalRecord(const JournalRecord& record);

struct ParsedJournal {
  std::string lineage;
  uint64_t serial = 0;
  bool has_header = false;
  std::vector<JournalRecord> records;
  /// Bytes after the last whole frame (a write the crash cut short), ignored.
  size_t ignored_bytes = 0;
};

/// Reads a journal's frames up to the first torn or corrupt one.
ParsedJournal ParseJournal(std::string_view bytes);

/// Applies `records` to `state` in order: a result sets (or removes) the object it names; an
/// intent without a result leaves the object as it was, except a create's, whose planned
/// object becomes a possibly-created object (ObjectState::idempotency_token) unless the
/// instance has a current object already.
void ReplayJournal(const std::vector<JournalRecord>& records, State& state);

/// The journal file of the state file `state_path`: `.NAME.journal` in its directory.
std::string JournalPath(const std::string& state_path);

/// A journal being written, holding the state its records make. Thread-safe: Intent and
/// Result may be called from many threads at once.
class Journal {
 public:
  /// A journal without a file: records are applied to `base` in memory only.
  explicit Journal(State base);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// Creates the journal file `path` (replacing any) with a header naming `base`'s lineage
  /// and serial, synced with its directory.
  static std::unique_ptr<Journal> Create(std::string path, State base, Diagnostics& diags);

  /// Appends an intent and syncs it to disk before returning; returns its id (a fresh random
  /// token). A journal that cannot be written returns "" with the error in `error`: the
  /// caller must not make the provider call.
  std::string Intent(JournalRecord record, std::string* error);
  /// Appends a result (synced by the next intent, checkpoint or Close) and applies it to the
  /// journal's state.
  void Result(JournalRecord record);

  /// A copy of the state the records so far make.
  State Snapshot() const;

  /// Compaction: `write` stores a snapshot (setting its lineage and serial, as
  /// StateStore::Write does); on success the journal starts over from it, carrying the
  /// intents still open. Records wait meanwhile, so nothing falls between the two.
  template <typename WriteFn>
  Diagnostics Checkpoint(WriteFn&& write) {
    std::lock_guard<std::mutex> lock(mu_);
    State snapshot = state_;
    Diagnostics d = write(snapshot);
    if (d.HasErrors()) return d;
    state_.lineage = snapshot.lineage;
    state_.serial = snapshot.serial;
    d.Append(RestartLocked());
    return d;
  }

  /// Syncs what is written; when `remove`, deletes the file (after the state was stored).
  Diagnostics Close(bool remove);

  const std::string& path() const { return path_; }

 private:
  Diagnostics AppendLocked(const std::string& bytes, bool sync);
  Diagnostics RestartLocked();
  /// Returns once the records up to number `seq` are on disk; an error text otherwise.
  std::string SyncUpTo(uint64_t seq);

  mutable std::mutex mu_;
  std::string path_;  ///< "" for an in-memory journal
  int fd_ = -1;
  State state_;
  bool unsynced_ = false;
  uint64_t written_ = 0;  ///< intents written (guarded by mu_)
  std::mutex sync_mu_;    ///< never held with mu_
  std::condition_variable sync_cv_;
  bool syncing_ = false;  ///< guarded by sync_mu_
  std::atomic<uint64_t> synced_{0};
  /// Intents without a result yet, by id (their frames, carried over by a checkpoint).
  std::unordered_map<std::string, std::string> open_;
};

}  // namespace cairn::state
