#include "providers/builtin.h"

#include "providers/terraform_provider.h"

namespace cairn::providers {

const std::vector<std::string_view>& BuiltinProviderSources() {
  static const std::vector<std::string_view> sources = {kTerraformProviderSource};
  return sources;
}

std::string_view CanonicalBuiltinSource(std::string_view source) {
  if (source == kTerraformProviderSource || source == "terraform") {
    return kTerraformProviderSource;
  }
  return {};
}

std::unique_ptr<Provider> MakeBuiltinProvider(std::string_view source) {
  if (CanonicalBuiltinSource(source) == kTerraformProviderSource) {
    return std::make_unique<TerraformProvider>();
  }
  return nullptr;
}

}  // namespace cairn::providers
