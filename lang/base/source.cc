#include "lang/base/source.h"

#include <memory>
#include <mutex>
#include <unordered_map>

namespace cairn {

FileName FileName::Intern(std::string_view name) {
  static std::mutex mu;
  static auto* table = new std::unordered_map<std::string_view, std::unique_ptr<std::string>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = table->find(name);
  if (it != table->end()) return FileName(it->second.get());
  auto owned = std::make_unique<std::string>(name);
  const std::string* p = owned.get();
  table->emplace(std::string_view(*p), std::move(owned));
  return FileName(p);
}

Range Cover(const Range& a, const Range& b) {
  Range r;
  r.filename = a.filename;
  r.start = a.start.byte <= b.start.byte ? a.start : b.start;
  r.end = a.end.byte >= b.end.byte ? a.end : b.end;
  return r;
}

}  // namespace cairn
