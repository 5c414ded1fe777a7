#include "state/state.h"

#include <algorithm>
#include <ostream>

#include "state/json_cursor.h"

namespace cairn::state {

std::shared_ptr<const std::string> JsonText::Shared(std::string text) {
  static const auto* common = new std::shared_ptr<const std::string>[3]{
      std::make_shared<const std::string>(""), std::make_shared<const std::string>("{}"),
      std::make_shared<const std::string>("[]")};
  for (int i = 0; i < 3; ++i) {
    if (*common[i] == text) return common[i];
  }
  return std::make_shared<const std::string>(std::move(text));
}

std::ostream& operator<<(std::ostream& os, const JsonText& t) { return os << t.str(); }

std::string ObjectState::Id() const {
  // attributes_json is a compact JSON object (the invariant), so the cursor meets no error.
  if (attributes_json.empty()) return "";
  JsonCursor cursor(attributes_json);
  if (cursor.PeekKind() != JsonKind::kObject) return "";
  cursor.Open();
  std::string key;
  while (cursor.NextMember(key)) {
    if (key == "id" && cursor.PeekKind() == JsonKind::kString) return cursor.ReadString();
    cursor.Take();
  }
  return "";
}

const InstanceState* ResourceState::Find(const addrs::InstanceKey& key) const {
  auto it = std::lower_bound(instances.begin(), instances.end(), key,
                             [](const InstanceState& i, const addrs::InstanceKey& k) {
                               return i.key < k;
                             });
  return it != instances.end() && it->key == key ? &*it : nullptr;
}

namespace {
template <typename Vec>
auto LowerBound(Vec& resources, const addrs::AbsResource& addr) {
  return std::lower_bound(resources.begin(), resources.end(), addr,
                          [](const ResourceState& r, const addrs::AbsResource& a) {
                            return r.addr < a;
                          });
}
}  // namespace

const ResourceState* State::FindResource(const addrs::AbsResource& addr) const {
  auto it = LowerBound(resources, addr);
  return it != resources.end() && it->addr == addr ? &*it : nullptr;
}

ResourceState* State::FindResource(const addrs::AbsResource& addr) {
  auto it = LowerBound(resources, addr);
  return it != resources.end() && it->addr == addr ? &*it : nullptr;
}

const ObjectState* State::FindCurrent(const addrs::AbsResourceInstance& addr) const {
  const ResourceState* r = FindResource(addr.ContainingResource());
  if (!r) return nullptr;
  const InstanceState* i = r->Find(addr.key);
  return i && i->current ? &*i->current : nullptr;
}

namespace {

/// The instance `addr` in `resources` (created, with its resource, when `create`), or null.
InstanceState* FindInstance(std::vector<ResourceState>& resources,
                            const addrs::AbsResourceInstance& addr, bool create,
                            const std::string& provider, const std::string& each) {
  addrs::AbsResource resource_addr = addr.ContainingResource();
  auto rit = LowerBound(resources, resource_addr);
  if (rit == resources.end() || rit->addr != resource_addr) {
    if (!create) return nullptr;
    ResourceState r;
    r.addr = resource_addr;
    r.provider = provider;
    r.each = each;
    rit = resources.insert(rit, std::move(r));
  }
  auto& instances = rit->instances;
  auto iit = std::lower_bound(instances.begin(), instances.end(), addr.key,
                              [](const InstanceState& i, const addrs::InstanceKey& k) {
                                return i.key < k;
                              });
  if (iit == instances.end() || iit->key != addr.key) {
    if (!create) return nullptr;
    InstanceState i;
    i.key = addr.key;
    iit = instances.insert(iit, std::move(i));
  }
  return &*iit;
}

/// Removes the instance of `addr` when it has no object left, and its resource when it has
/// no instance left.
void Prune(std::vector<ResourceState>& resources, const addrs::AbsResourceInstance& addr) {
  auto rit = LowerBound(resources, addr.ContainingResource());
  if (rit == resources.end() || rit->addr != addr.ContainingResource()) return;
  auto& instances = rit->instances;
  auto iit = std::lower_bound(instances.begin(), instances.end(), addr.key,
                              [](const InstanceState& i, const addrs::InstanceKey& k) {
                                return i.key < k;
                              });
  if (iit != instances.end() && iit->key == addr.key && !iit->current && iit->deposed.empty()) {
    instances.erase(iit);
  }
  if (instances.empty()) resources.erase(rit);
}

}  // namespace

void State::SetCurrent(const addrs::AbsResourceInstance& addr, std::optional<ObjectState> object,
                       const std::string& provider, const std::string& each) {
  InstanceState* i = FindInstance(resources, addr, object.has_value(), provider, each);
  if (!i) return;
  const bool removed = !object;
  i->current = std::move(object);
  if (removed) Prune(resources, addr);
}

void State::SetDeposed(const addrs::AbsResourceInstance& addr, const std::string& deposed_key,
                       std::optional<ObjectState> object, const std::string& provider,
                       const std::string& each) {
  InstanceState* i = FindInstance(resources, addr, object.has_value(), provider, each);
  if (!i) return;
  if (object) {
    i->deposed[deposed_key] = std::move(*object);
  } else {
    i->deposed.erase(deposed_key);
    Prune(resources, addr);
  }
}

size_t State::InstanceCount() const {
  size_t n = 0;
  for (const ResourceState& r : resources) {
    for (const InstanceState& i : r.instances) n += i.current ? 1 : 0;
  }
  return n;
}

}  // namespace cairn::state
