/// `cairn state show [options] ADDRESS`: Terraform's `state show`: one resource instance's
/// current object as `show` prints it, decoded with its provider's schema.
///
/// Terraform's order of checks: flags, the argument count, the address, the configuration
/// (loaded for its provider requirements; unset variables allowed), the state, the instance.

#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/provider_resolver.h"
#include "cli/root_module.h"
#include "cli/state_common.h"
#include "planner/plan/plan.h"
#include "planner/render/state_human.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStateShowHelp =
    R"(Usage: terraform [global options] state show [options] ADDRESS

  Shows the attributes of a resource in the Terraform state.

  This command shows the attributes of a single resource in the Terraform
  state. The address argument must be used to specify a single resource.
  You can view the list of available resources with "terraform state list".

Options:

  -state=statefile    Path to a Terraform state file to use to look
                      up Terraform-managed resources. By default it will
                      use the state "terraform.tfstate" if it exists.
)";

/// Terraform's errNoInstanceFound and errParsingAddress share this paragraph (the blank
/// after "modify" is Terraform's).
constexpr const char* kSpecificInstance =
    "This command requires that the address references one specific instance.\n"
    "To view the available instances, use \"terraform state list\". Please modify \n"
    "the address to reference a specific instance.";

}  // namespace

int RunStateShow(const Args& args, Streams& io) {
  std::string state_path;
  GoFlags flags;
  flags.String("state", &state_path);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStateShowHelp);
    return 0;
  }
  // Terraform 1.11's state show writes these two lines to stderr as they are (no Ui.Error
  // newline, no colour).
  if (parsed.diagnostics.HasErrors()) {
    io.err << "Error parsing command-line flags: " << parsed.diagnostics[0].detail << "\n";
    return 1;
  }
  if (parsed.positional.size() != 1) {
    io.err << "Exactly one argument expected.\n";
    io.out << CairnHelp(kStateShowHelp);
    return 1;
  }
  const std::string& text = parsed.positional[0];
  addrs::ParseAddrResult<addrs::AbsResourceInstance> addr = addrs::ParseAbsResourceInstance(text);
  if (addr.diagnostics.HasErrors() || !addr.addr) {
    UiError(io, "Error parsing instance address: " + text + "\n\n" + kSpecificInstance);
    return 1;
  }
  const bool color = io.ErrColor() && !io.no_color;
  std::unique_ptr<RootModule> root = LoadRootModule(".", {}, /*unset_as_unknown=*/true);
  if (root->loaded.diagnostics.HasErrors()) {
    ShowDiagnostics(root->loaded.diagnostics, root->sources, io);
    return 1;
  }
  if (state_path.empty()) state_path = "terraform.tfstate";
  state::LocalStateStore store(state_path, "");
  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    PrintDiagnostics(read.diagnostics, root->sources, io, color);
    return 1;
  }
  if (!read.state) {
    UiError(io, kStateNotFound);
    return 1;
  }
  const state::ResourceState* resource = read.state->FindResource(addr.addr->ContainingResource());
  const state::InstanceState* instance = resource ? resource->Find(addr.addr->key) : nullptr;
  if (!instance || !instance->current) {
    UiError(io, std::string("No instance found for the given address!\n\n") + kSpecificInstance);
    return 1;
  }

  // The schema of the instance's provider (built-in or plugin); without one the attributes
  // are shown in the JSON's own shapes.
  planner::Schemas schemas;
  InstalledProviderResolver resolver;
  std::string source = planner::ProviderSource(resource->provider);
  if (providers::Provider* provider = resolver.Resolve(source)) {
    schemas.emplace(source, provider->GetProviderSchema());
  }
  state::State single;
  state::ResourceState copy;
  copy.addr = resource->addr;
  copy.each = resource->each;
  copy.provider = resource->provider;
  copy.instances.push_back({instance->key, instance->current, {}});
  single.resources.push_back(std::move(copy));
  planner::HumanStateOptions options;
  options.color = io.OutColor() && !io.no_color;
  io.out << planner::RenderStateHuman(single, schemas, options);
  return 0;
}

}  // namespace cairn::cli
