#include "state/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_set>

#include "state/statefile.h"

namespace cairn::state {
namespace {

constexpr std::string_view kFrameMark = "#J ";

uint64_t Fnv1a(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string Hex64(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 15];
  return out;
}

std::string Frame(std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 48);
  out += kFrameMark;
  out += std::to_string(payload.size());
  out += ' ';
  out += Hex64(Fnv1a(payload));
  out += '\n';
  out += payload;
  out += '\n';
  return out;
}

const char* ActionName(JournalRecord::Action a) {
  switch (a) {
    case JournalRecord::Action::kCreate: return "create";
    case JournalRecord::Action::kUpdate: return "update";
    case JournalRecord::Action::kDelete: return "delete";
  }
  return "create";
}

/// A fresh 128-bit random token in hex.
std::string NewToken() {
  thread_local std::mt19937_64 rng = [] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }();
  return Hex64(rng()) + Hex64(rng());
}

std::string ErrnoText(int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

Diagnostics WriteAll(int fd, const std::string& path, std::string_view bytes) {
  Diagnostics d;
  while (!bytes.empty()) {
    ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      d.Error("Failed to write the apply journal",
              "write " + path + ": " + ErrnoText(errno) +
                  ". Cairn stops before changing anything it could not record.");
      return d;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return d;
}

Diagnostics SyncDir(const std::string& path) {
  Diagnostics d;
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return d;
  fsync(fd);
  close(fd);
  return d;
}

std::string HeaderFrame(const State& base) {
  nlohmann::json meta = {{"k", "header"}, {"lineage", base.lineage}, {"serial", base.serial}};
  return Frame(meta.dump());
}

/// Applies a result record to `state`.
void ApplyResult(const JournalRecord& r, std::optional<ObjectState> object, State& state) {
  if (!r.depose_current_to.empty()) {
    if (const ObjectState* current = state.FindCurrent(r.addr)) {
      ObjectState old = *current;
      state.SetDeposed(r.addr, r.depose_current_to, std::move(old), r.provider, r.each);
    }
  }
  if (r.deposed_key.empty()) {
    state.SetCurrent(r.addr, std::move(object), r.provider, r.each);
  } else {
    state.SetDeposed(r.addr, r.deposed_key, std::move(object), r.provider, r.each);
  }
}

}  // namespace

std::string EncodeJournalRecord(const JournalRecord& r) {
  nlohmann::json meta;
  meta["k"] = r.kind == JournalRecord::Kind::kIntent ? "intent" : "result";
  meta["id"] = r.id;
  if (r.kind == JournalRecord::Kind::kIntent) meta["action"] = ActionName(r.action);
  meta["addr"] = r.addr.ToString();
  if (!r.deposed_key.empty()) meta["deposed"] = r.deposed_key;
  if (!r.depose_current_to.empty()) meta["depose"] = r.depose_current_to;
  meta["provider"] = r.provider;
  if (!r.each.empty()) meta["each"] = r.each;
  std::string payload = meta.dump();
  if (r.object) {
    State one;
    one.terraform_version = kTerraformCompatVersion;
    if (r.deposed_key.empty()) {
      one.SetCurrent(r.addr, *r.object, r.provider, r.each);
    } else {
      one.SetDeposed(r.addr, r.deposed_key, *r.object, r.provider, r.each);
    }
    payload += '\n';
    payload += WriteStateFile(one).bytes;
  }
  return Frame(payload);
}

ParsedJournal ParseJournal(std::string_view bytes) {
  ParsedJournal out;
  size_t pos = 0;
  while (pos < bytes.size()) {
    std::string_view rest = bytes.substr(pos);
    size_t eol = rest.find('\n');
    if (rest.substr(0, kFrameMark.size()) != kFrameMark || eol == std::string_view::npos) break;
    std::string_view head = rest.substr(kFrameMark.size(), eol - kFrameMark.size());
    size_t space = head.find(' ');
    if (space == std::string_view::npos) break;
    size_t n = 0;
    bool ok = space > 0;
    for (char c : head.substr(0, space)) {
      ok = ok && c >= '0' && c <= '9' && n < (size_t{1} << 40);
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    if (!ok || rest.size() < eol + 1 + n + 1 || rest[eol + 1 + n] != '\n') break;
    std::string_view payload = rest.substr(eol + 1, n);
    if (head.substr(space + 1) != Hex64(Fnv1a(payload))) break;
    size_t meta_end = payload.find('\n');
    nlohmann::json meta =
        nlohmann::json::parse(payload.substr(0, meta_end), nullptr, /*allow_exceptions=*/false);
    if (!meta.is_object() || !meta.contains("k") || !meta["k"].is_string()) break;
    const std::string kind = meta["k"];
    if (kind == "header") {
      if (out.has_header) break;
      out.has_header = true;
      out.lineage = meta.value("lineage", "");
      out.serial = meta.value("serial", uint64_t{0});
      pos += eol + 1 + n + 1;
      continue;
    }
    if (!out.has_header || (kind != "intent" && kind != "result")) break;
    JournalRecord r;
    r.kind = kind == "intent" ? JournalRecord::Kind::kIntent : JournalRecord::Kind::kResult;
    r.id = meta.value("id", "");
    std::string action = meta.value("action", "create");
    r.action = action == "delete"   ? JournalRecord::Action::kDelete
               : action == "update" ? JournalRecord::Action::kUpdate
                                    : JournalRecord::Action::kCreate;
    auto addr = addrs::ParseAbsResourceInstance(meta.value("addr", ""));
    if (!addr.addr) break;
    r.addr = *addr.addr;
    r.deposed_key = meta.value("deposed", "");
    r.depose_current_to = meta.value("depose", "");
    r.provider = meta.value("provider", "");
    r.each = meta.value("each", "");
    if (meta_end != std::string_view::npos) {
      ReadStateResult one = ReadStateFile(payload.substr(meta_end + 1));
      if (one.diagnostics.HasErrors() || !one.state || one.state->resources.size() != 1 ||
          one.state->resources[0].instances.size() != 1) {
        break;
      }
      const InstanceState& i = one.state->resources[0].instances[0];
      if (r.deposed_key.empty()) {
        if (!i.current) break;
        r.object = *i.current;
      } else {
        auto d = i.deposed.find(r.deposed_key);
        if (d == i.deposed.end()) break;
        r.object = d->second;
      }
    }
    out.records.push_back(std::move(r));
    pos += eol + 1 + n + 1;
  }
  out.ignored_bytes = bytes.size() - pos;
  return out;
}

void ReplayJournal(const std::vector<JournalRecord>& records, State& state) {
  std::unordered_set<std::string> answered;
  for (const JournalRecord& r : records) {
    if (r.kind == JournalRecord::Kind::kResult) answered.insert(r.id);
  }
  for (const JournalRecord& r : records) {
    if (r.kind == JournalRecord::Kind::kResult) {
      ApplyResult(r, r.object, state);
      continue;
    }
    if (answered.count(r.id) || r.action != JournalRecord::Action::kCreate || !r.object) continue;
    // A create in flight when the journal stopped: the object may exist. Keep what was
    // planned, with the token the provider can find it by. A current object (a create
    // before destroy's old one) moves aside as deposed so that neither is forgotten.
    if (const ObjectState* current = state.FindCurrent(r.addr);
        current && current->idempotency_token.empty()) {
      ObjectState old = *current;
      state.SetDeposed(r.addr, r.id.substr(0, 8), std::move(old), r.provider, r.each);
    }
    ObjectState possibly = *r.object;
    possibly.status = ObjectState::Status::kTainted;
    possibly.idempotency_token = r.id;
    state.SetCurrent(r.addr, std::move(possibly), r.provider, r.each);
  }
}

std::string JournalPath(const std::string& state_path) {
  size_t slash = state_path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : state_path.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? state_path : state_path.substr(slash + 1);
  return dir + "." + name + ".journal";
}

Journal::Journal(State base) : state_(std::move(base)) {}

Journal::~Journal() {
  if (fd_ >= 0) close(fd_);
}

std::unique_ptr<Journal> Journal::Create(std::string path, State base, Diagnostics& diags) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    diags.Error("Failed to create the apply journal",
                "open " + path + ": " + ErrnoText(errno) +
                    ". Cairn records every change in it before making the change, so it "
                    "applies nothing without one.");
    return nullptr;
  }
  auto j = std::unique_ptr<Journal>(new Journal(std::move(base)));
  j->path_ = std::move(path);
  j->fd_ = fd;
  std::lock_guard<std::mutex> lock(j->mu_);
  Diagnostics d = j->AppendLocked(HeaderFrame(j->state_), /*sync=*/true);
  d.Append(SyncDir(j->path_));
  diags.Append(d);
  if (d.HasErrors()) return nullptr;
  return j;
}

Diagnostics Journal::AppendLocked(const std::string& bytes, bool sync) {
  if (fd_ < 0) return {};
  Diagnostics d = WriteAll(fd_, path_, bytes);
  if (d.HasErrors()) return d;
  unsynced_ = true;
  if (sync) {
    if (fdatasync(fd_) != 0) {
      d.Error("Failed to write the apply journal", "fsync " + path_ + ": " + ErrnoText(errno));
      return d;
    }
    unsynced_ = false;
  }
  return d;
}

std::string Journal::Intent(JournalRecord record, std::string* error) {
  record.kind = JournalRecord::Kind::kIntent;
  record.id = NewToken();
  std::string frame = EncodeJournalRecord(record);
  uint64_t mine = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Diagnostics d = AppendLocked(frame, /*sync=*/false);
    if (d.HasErrors()) {
      if (error) *error = d.begin()->detail;
      return "";
    }
    if (fd_ < 0) return record.id;
    open_.emplace(record.id, std::move(frame));
    mine = ++written_;
  }
  if (std::string e = SyncUpTo(mine); !e.empty()) {
    if (error) *error = e;
    return "";
  }
  return record.id;
}

std::string Journal::SyncUpTo(uint64_t seq) {
  // Group commit: one thread syncs for every record written before it started; the others
  // wait for a sync that covers theirs.
  std::unique_lock<std::mutex> lock(sync_mu_);
  while (synced_.load() < seq) {
    if (syncing_) {
      sync_cv_.wait(lock);
      continue;
    }
    syncing_ = true;
    lock.unlock();
    uint64_t target = 0;
    int fd = -1;
    {
      std::lock_guard<std::mutex> l(mu_);
      target = written_;
      if (fd_ >= 0) fd = fcntl(fd_, F_DUPFD_CLOEXEC, 0);
    }
    std::string error;
    if (fd >= 0) {
      if (fdatasync(fd) != 0) error = "fsync " + path_ + ": " + ErrnoText(errno);
      close(fd);
    }
    lock.lock();
    syncing_ = false;
    if (error.empty()) {
      uint64_t s = synced_.load();
      while (s < target && !synced_.compare_exchange_weak(s, target)) {
      }
    }
    sync_cv_.notify_all();
    if (!error.empty()) return error;
  }
  return "";
}

void Journal::Result(JournalRecord record) {
  record.kind = JournalRecord::Kind::kResult;
  std::string frame = EncodeJournalRecord(record);
  std::lock_guard<std::mutex> lock(mu_);
  // A result that cannot be written is still applied to the state the end writes; the intent
  // on disk then makes a replay look for the object rather than forget it.
  (void)AppendLocked(frame, /*sync=*/false);
  open_.erase(record.id);
  std::optional<ObjectState> object = std::move(record.object);
  ApplyResult(record, std::move(object), state_);
}

State Journal::Snapshot() const {
  std::lock_guard<std::mutex> lock(mu_);
  return state_;
}

Diagnostics Journal::RestartLocked() {
  if (fd_ < 0) return {};
  // The new segment goes to a temporary file renamed over the old one: at every moment the
  // file on disk is either the old journal (matching the old state) or the new one.
  std::string tmp = path_ + ".tmp";
  Diagnostics d;
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    d.Error("Failed to write the apply journal", "open " + tmp + ": " + ErrnoText(errno));
    return d;
  }
  std::string bytes = HeaderFrame(state_);
  for (const auto& [id, frame] : open_) bytes += frame;
  d = WriteAll(fd, tmp, bytes);
  if (!d.HasErrors() && fdatasync(fd) != 0) {
    d.Error("Failed to write the apply journal", "fsync " + tmp + ": " + ErrnoText(errno));
  }
  if (d.HasErrors() || rename(tmp.c_str(), path_.c_str()) != 0) {
    if (!d.HasErrors()) {
      d.Error("Failed to write the apply journal", "rename " + tmp + ": " + ErrnoText(errno));
    }
    close(fd);
    unlink(tmp.c_str());
    return d;
  }
  close(fd_);
  fd_ = fd;
  unsynced_ = false;
  d.Append(SyncDir(path_));
  // What the old segment held is in the stored state, the open intents in the new one.
  uint64_t s = synced_.load();
  while (s < written_ && !synced_.compare_exchange_weak(s, written_)) {
  }
  return d;
}

Diagnostics Journal::Close(bool remove) {
  std::lock_guard<std::mutex> lock(mu_);
  Diagnostics d;
  if (fd_ < 0) return d;
  if (unsynced_ && fdatasync(fd_) != 0) {
    d.Error("Failed to write the apply journal", "fsync " + path_ + ": " + ErrnoText(errno));
  }
  close(fd_);
  fd_ = -1;
  if (remove && !d.HasErrors()) {
    unlink(path_.c_str());
    d.Append(SyncDir(path_));
  }
  return d;
}

}  // namespace cairn::state
