#include "cli/provider_resolver.h"

#include "providers/builtin.h"

namespace cairn::cli {

providers::Provider* BuiltinProviderResolver::Resolve(std::string_view source) {
  std::string_view canonical = providers::CanonicalBuiltinSource(source);
  if (canonical.empty()) return nullptr;
  auto it = providers_.find(canonical);
  if (it == providers_.end()) {
    it = providers_.emplace(std::string(canonical), providers::MakeBuiltinProvider(canonical))
             .first;
  }
  return it->second.get();
}

}  // namespace cairn::cli
