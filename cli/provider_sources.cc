#include "cli/provider_sources.h"

#include <algorithm>
#include <cctype>

#include "lang/config/static_value.h"
#include "providers/terraform_provider.h"

namespace cairn::cli {

std::string NormalizeSource(std::string source) {
  std::transform(source.begin(), source.end(), source.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  size_t slashes = static_cast<size_t>(std::count(source.begin(), source.end(), '/'));
  if (slashes == 0) return "registry.terraform.io/hashicorp/" + source;
  if (slashes == 1) return "registry.terraform.io/" + source;
  return source;
}

std::string SourceFor(const config::Module& module, const std::string& name,
                      std::string* constraint) {
  for (const config::RequiredProvider& rp : module.terraform.required_providers) {
    if (rp.name != name || rp.attribute == nullptr || rp.attribute->expr == nullptr) continue;
    Diagnostics ignored;  // the loader reported problems with required_providers already
    Value v = config::EvalStatic(*rp.attribute->expr, ignored);
    if (v.IsKnown() && !v.IsNull() && v.type().IsString()) {
      // The legacy form `name = "~> 1.0"`: a version constraint only.
      if (constraint) *constraint = v.AsString();
      break;
    }
    if (v.IsKnown() && !v.IsNull() && v.type().IsObject()) {
      if (const Value* c = v.Find("version");
          constraint && c && c->IsKnown() && !c->IsNull() && c->type().IsString()) {
        *constraint = c->AsString();
      }
      const Value* source = v.Find("source");
      if (source && source->IsKnown() && !source->IsNull() && source->type().IsString()) {
        return NormalizeSource(source->AsString());
      }
    }
  }
  if (name == "terraform") return std::string(providers::kTerraformProviderSource);
  return NormalizeSource(name);
}

std::string SourceOfStateProvider(const std::string& provider) {
  size_t open = provider.find("provider[\"");
  if (open == std::string::npos) return "";
  size_t start = open + 10;
  size_t end = provider.find('"', start);
  return end == std::string::npos ? "" : provider.substr(start, end - start);
}

}  // namespace cairn::cli
