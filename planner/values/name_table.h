#pragma once
/// A read-mostly map from names to dense indices: open addressing with linear probing over
/// one array of {hash, name, index} slots, so a lookup usually touches one cache line (the
/// node-based std::unordered_map costs a miss per node on 100k-name modules).

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace cairn::planner {

class NameTable {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  /// Prepares room for `n` names (the table is kept at most half full).
  void Reserve(size_t n) {
    size_t want = 16;
    while (want < 2 * n) want *= 2;
    if (want > slots_.size()) Rehash(want);
  }

  /// Adds `name` → `index` unless `name` is present (the first index wins). `name` must stay
  /// valid while the table lives.
  void Insert(std::string_view name, uint32_t index) {
    if (2 * (count_ + 1) > slots_.size()) Rehash(slots_.empty() ? 16 : 2 * slots_.size());
    uint64_t h = Hash(name);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& s = slots_[i];
      if (s.index == kMissing) {
        s = {h, name, index};
        ++count_;
        return;
      }
      if (s.hash == h && s.name == name) return;
    }
  }

  /// The index of `name`, or kMissing.
  uint32_t Find(std::string_view name) const {
    if (slots_.empty()) return kMissing;
    uint64_t h = Hash(name);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.index == kMissing) return kMissing;
      if (s.hash == h && s.name == name) return s.index;
    }
  }

  size_t size() const { return count_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view name;
    uint32_t index = kMissing;
  };

  static uint64_t Hash(std::string_view name) { return std::hash<std::string_view>{}(name); }

  void Rehash(size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    count_ = 0;
    for (const Slot& s : old) {
      if (s.index != kMissing) Insert(s.name, s.index);
    }
  }

  std::vector<Slot> slots_;  // size is zero or a power of two
  size_t count_ = 0;
};

}  // namespace cairn::planner
