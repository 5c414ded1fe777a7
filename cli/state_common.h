#pragma once
/// What the `state` subcommands and `force-unlock` share, as Terraform's StateMeta does:
/// its old-style messages (Ui.Error lines, "Error parsing command-line flags"), the order in
/// which it lists resource instances, finding the instances an address selects, and the
/// timestamped backups state commands write.

#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/streams.h"
#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/base/source_index.h"
#include "state/state.h"

namespace cairn::cli {

/// Terraform's Meta.process: removes every `-no-color` argument (wherever it is) and turns
/// colour off when there was one.
Args WithoutNoColor(const Args& args, Streams& io);

/// Terraform's errStateNotFound.
inline constexpr const char* kStateNotFound =
    "No state file was found!\n\n"
    "State management commands require a state file. Run this command\n"
    "in a directory where Terraform has been run or use the -state flag\n"
    "to point the command to a specific state location.";

/// Terraform's errStateRmPersist (state rm and state mv), with %s = `error`.
std::string StatePersistError(const std::string& error);

/// A line on stderr as Terraform's Ui.Error writes it (red when colour is on).
void UiError(Streams& io, const std::string& message);
/// A line on stdout as Terraform's Ui.Output writes it.
void UiOutput(Streams& io, const std::string& message);

/// Diagnostics as one error text, as Terraform's tfdiags `Err().Error()`: "Summary: Detail"
/// for one, "N problems:\n\n- Summary: Detail\n- ..." for several.
std::string DiagnosticsErrorText(const Diagnostics& diags);

/// Renders diagnostics as Terraform's showDiagnostics (errors on stderr, warnings on stdout).
void ShowDiagnostics(const Diagnostics& diags, Streams& io);
/// The same, quoting the source lines diagnostics point at from `sources`.
void ShowDiagnostics(const Diagnostics& diags, const SourceIndex& sources, Streams& io);

/// The flag-parsing error of the state commands: "Error parsing command-line flags: MSG\n"
/// as a Ui.Error line. `diags` holds GoFlags' "Failed to parse command-line flags" error.
void PrintFlagError(const Diagnostics& diags, Streams& io);

/// The help text of a state command, as Cairn shows it: Terraform's text with the product
/// name replaced ("Terraform" -> "Cairn", "terraform " -> "cairn ").
std::string CairnHelp(std::string_view terraform_help);

/// Terraform's AbsResourceInstance.Less, the order of `state list` and `state rm`: module
/// paths by length first, then step by step; data resources before managed ones; type, name,
/// key.
bool TerraformInstanceLess(const addrs::AbsResourceInstance& a,
                           const addrs::AbsResourceInstance& b);
/// Terraform's ModuleInstance.Less (shorter paths first).
bool TerraformModuleLess(const addrs::ModuleInstance& a, const addrs::ModuleInstance& b);

struct InstanceLookup {
  std::vector<addrs::AbsResourceInstance> instances;  ///< sorted by TerraformInstanceLess
  Diagnostics diagnostics;
};

/// The resource instances `text` (a target address) selects in `state`, as Terraform's
/// StateMeta.lookupResourceInstanceAddr: a module selects every instance in it and below it,
/// a resource all its instances, an instance itself. Unless `allow_missing`, an address that
/// selects nothing is an error ("Unknown module", "Unknown resource", "Unknown resource
/// instance"); an address that does not parse always is.
InstanceLookup LookupResourceInstances(const state::State& state, std::string_view text,
                                       bool allow_missing);

/// Whether `state` has a resource in exactly `module` (Terraform keeps a module in the state
/// while it has resources; the root module always exists).
bool StateHasModule(const state::State& state, const addrs::ModuleInstance& module);

/// The instance at `addr` (current or deposed objects), or null.
const state::InstanceState* FindInstance(const state::State& state,
                                         const addrs::AbsResourceInstance& addr);

/// Removes the instance at `addr` with all its objects, then its resource when no instance
/// is left (Terraform's ForgetResourceInstanceAll + RemoveResourceIfEmpty). No-op when absent.
void ForgetInstance(state::State& state, const addrs::AbsResourceInstance& addr);

/// Inserts `resource` keeping `state.resources` sorted. Precondition: no resource at its
/// address yet.
void InsertResource(state::State& state, state::ResourceState resource);

/// Terraform's backup path for state commands: `<path>.<unix seconds>.backup`.
std::string TimestampedBackupPath(const std::string& state_path);

/// Go's os.Open error text: "open PATH: no such file or directory".
std::string GoOpenError(const std::string& path, int err);

}  // namespace cairn::cli
