/// `cairn-provider-terraform`: the built-in terraform.io/builtin/terraform provider
/// (terraform_data) served as a plugin executable, from the same C++ code Cairn runs
/// in-process.

#include "providers/plugin/plugin_server.h"
#include "providers/terraform_provider.h"

int main() {
  cairn::providers::TerraformProvider provider;
  cairn::providers::plugin::ServeOptions options;
  options.name = "terraform";
  options.version = CAIRN_VERSION;
  return cairn::providers::plugin::ServeProvider(provider, options);
}
