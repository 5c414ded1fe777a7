/// `cairn state list [options] [address...]`: Terraform's `state list`, the resource
/// instances recorded in the state, in Terraform's order, optionally filtered by addresses
/// and by id.

#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStateListHelp =
    R"(Usage: terraform [global options] state list [options] [address...]

  List resources in the Terraform state.

  This command lists resource instances in the Terraform state. The address
  argument can be used to filter the instances by resource or module. If
  no pattern is given, all resource instances are listed.

  The addresses must either be module addresses or absolute resource
  addresses, such as:
      aws_instance.example
      module.example
      module.example.module.child
      module.example.aws_instance.example

  An error will be returned if any of the resources or modules given as
  filter addresses do not exist in the state.

Options:

  -state=statefile    Path to a Terraform state file to use to look
                      up Terraform-managed resources. By default, Terraform
                      will consult the state of the currently-selected
                      workspace.

  -id=ID              Filters the results to include only instances whose
                      resource types have an attribute named "id" whose value
                      equals the given id string.
)";

/// Terraform's states.LegacyInstanceObjectID: the object's string "id" attribute.
std::string LegacyObjectId(const state::ObjectState* object) {
  if (!object) return "<not created>";
  nlohmann::json attrs = nlohmann::json::parse(object->attributes_json.str(), nullptr, false);
  if (!attrs.is_object()) return "<invalid>";
  auto it = attrs.find("id");
  if (it == attrs.end() || it->is_null()) return "<none>";
  if (!it->is_string()) return "<invalid>";
  return it->get<std::string>();
}

}  // namespace

int RunStateList(const Args& args, Streams& io) {
  std::string state_path, id;
  GoFlags flags;
  flags.String("state", &state_path);
  flags.String("id", &id);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStateListHelp);
    return 0;
  }
  if (parsed.diagnostics.HasErrors()) {
    PrintFlagError(parsed.diagnostics, io);
    io.out << CairnHelp(kStateListHelp);
    return 1;
  }
  if (state_path.empty()) state_path = "terraform.tfstate";

  state::LocalStateStore store(state_path, "");
  state::ReadStateResult read = store.Read();
  if (read.diagnostics.HasErrors()) {
    UiError(io, "Failed to load state: " + DiagnosticsErrorText(read.diagnostics));
    return 1;
  }
  if (!read.state) {
    UiError(io, kStateNotFound);
    return 1;
  }
  const state::State& st = *read.state;

  std::vector<addrs::AbsResourceInstance> instances;
  Diagnostics diags;
  if (parsed.positional.empty()) {
    for (const state::ResourceState& r : st.resources) {
      for (const state::InstanceState& i : r.instances) {
        instances.push_back({r.addr.module, r.addr.resource, i.key});
      }
    }
    std::sort(instances.begin(), instances.end(), TerraformInstanceLess);
  } else {
    for (const std::string& text : parsed.positional) {
      InstanceLookup found = LookupResourceInstances(st, text, /*allow_missing=*/false);
      instances.insert(instances.end(), found.instances.begin(), found.instances.end());
      diags.Append(found.diagnostics);
    }
  }
  if (diags.HasErrors()) {
    ShowDiagnostics(diags, io);
    return 1;
  }
  std::string out;
  for (const addrs::AbsResourceInstance& addr : instances) {
    const state::InstanceState* instance = FindInstance(st, addr);
    if (!instance) continue;
    if (!id.empty() && id != LegacyObjectId(instance->current ? &*instance->current : nullptr)) {
      continue;
    }
    out += addr.ToString();
    out += '\n';
  }
  io.out << out;
  ShowDiagnostics(diags, io);
  return 0;
}

}  // namespace cairn::cli
