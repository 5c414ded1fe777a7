/// `cairn state mv [options] SOURCE DESTINATION`: Terraform's `state mv`, renaming resource
/// instances, resources and modules in the state, or moving them to another state file
/// (-state-out). Both states are locked for the whole command and written atomically after
/// timestamped backups; the destination is written first, so a failure never loses objects.

#include <filesystem>
#include <string>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/state_common.h"
#include "cli/state_flags.h"
#include "lang/base/go_quote.h"
#include "state/local_store.h"

namespace cairn::cli {
namespace {

constexpr const char* kStateMvHelp =
    R"(Usage: terraform [global options] state mv [options] SOURCE DESTINATION

 This command will move an item matched by the address given to the
 destination address. This command can also move to a destination address
 in a completely different state file.

 This can be used for simple resource renaming, moving items to and from
 a module, moving entire modules, and more. And because this command can also
 move data to a completely new state, it can also be used for refactoring
 one configuration into multiple separately managed Terraform configurations.

 This command will output a backup copy of the state prior to saving any
 changes. The backup cannot be disabled. Due to the destructive nature
 of this command, backups are required.

 If you're moving an item to a different state file, a backup will be created
 for each state file.

Options:

  -dry-run                If set, prints out what would've been moved but doesn't
                          actually move anything.

  -lock=false             Don't hold a state lock during the operation. This is
                          dangerous if others might concurrently run commands
                          against the same workspace.

  -lock-timeout=0s        Duration to retry a state lock.

  -ignore-remote-version  A rare option used for the remote backend only. See
                          the remote backend documentation for more information.

  -state, state-out, and -backup are legacy options supported for the local
  backend only. For more information, see the local backend's documentation.
)";

constexpr const char* kInvalidSource = "Invalid source address";
constexpr const char* kInvalidTarget = "Invalid target address";
constexpr const char* kInvalidRequest = "Invalid state move request";

/// One object `state mv` moves: a module instance, a whole resource or one instance.
struct MoveSource {
  addrs::Target::Kind kind;
  addrs::ModuleInstance module;
  addrs::Resource resource;
  addrs::InstanceKey key;

  addrs::AbsResource Resource() const { return {module, resource}; }
  addrs::AbsResourceInstance Instance() const { return {module, resource, key}; }
  std::string ToString() const {
    switch (kind) {
      case addrs::Target::Kind::kModule:
        return addrs::ToString(module);
      case addrs::Target::Kind::kResource:
        return Resource().ToString();
      case addrs::Target::Kind::kInstance:
        break;
    }
    return Instance().ToString();
  }
};

/// Terraform's StateMvCommand.sourceObjectAddrs: a module expands to itself and its
/// descendants present in the state (parents first); a resource without count/for_each is
/// taken as its single instance.
std::vector<MoveSource> SourceObjects(const state::State& st, const addrs::Target& source) {
  std::vector<MoveSource> out;
  switch (source.kind) {
    case addrs::Target::Kind::kModule: {
      std::vector<addrs::ModuleInstance> modules;
      for (const state::ResourceState& r : st.resources) {
        const addrs::ModuleInstance& m = r.addr.module;
        if (m.size() < source.module.size() ||
            !std::equal(source.module.begin(), source.module.end(), m.begin())) {
          continue;
        }
        if (modules.empty() || modules.back() != m) modules.push_back(m);
      }
      std::sort(modules.begin(), modules.end(), TerraformModuleLess);
      for (addrs::ModuleInstance& m : modules) {
        out.push_back({addrs::Target::Kind::kModule, std::move(m), {}, {}});
      }
      break;
    }
    case addrs::Target::Kind::kResource: {
      addrs::AbsResource addr{source.module, source.resource};
      if (const state::ResourceState* r = st.FindResource(addr)) {
        bool single = r->Find(addrs::InstanceKey()) != nullptr;
        out.push_back({single ? addrs::Target::Kind::kInstance : addrs::Target::Kind::kResource,
                       source.module,
                       source.resource,
                       {}});
      }
      break;
    }
    case addrs::Target::Kind::kInstance:
      out.push_back({source.kind, source.module, source.resource, source.key});
      break;
  }
  return out;
}

Diagnostics ValidateResourceMove(const addrs::AbsResource& from, const addrs::AbsResource& to) {
  Diagnostics diags;
  std::string both = "Cannot move " + from.ToString() + " to " + to.ToString() + ": ";
  if (from.resource.mode != to.resource.mode) {
    switch (from.resource.mode) {
      case addrs::ResourceMode::kManaged:
        diags.Error(kInvalidRequest, both +
                                         "a managed resource can be moved only to another "
                                         "managed resource address.");
        break;
      case addrs::ResourceMode::kData:
        diags.Error(kInvalidRequest,
                    both +
                        "a data resource can be moved only to another data resource "
                        "address.");
        break;
      default:
        diags.Error(kInvalidRequest, both + "cannot change resource mode.");
    }
  }
  if (from.resource.type != to.resource.type) {
    diags.Error(kInvalidRequest, both + "resource types don't match.");
  }
  return diags;
}

/// A configuration resource address (module names without keys), as dependencies record.
std::string ConfigResourceString(const addrs::AbsResource& addr) {
  std::string out;
  for (const addrs::ModuleInstanceStep& step : addr.module) out += "module." + step.name + ".";
  return out + addr.resource.ToString();
}

/// Whether a recorded dependency (`module.a.type.name`) refers to something `moved` covers,
/// both ways, as Terraform's TargetContains checks between a ConfigResource and the moved
/// address.
bool DependencyAffected(const std::string& dependency, const MoveSource& moved) {
  if (moved.kind != addrs::Target::Kind::kModule) {
    return dependency == ConfigResourceString(moved.Resource());
  }
  // A module instance contains a configuration resource when none of its steps has a key and
  // the resource's module path starts with the same names.
  std::string prefix;
  for (const addrs::ModuleInstanceStep& step : moved.module) {
    if (!step.key.none()) return false;
    prefix += "module." + step.name + ".";
  }
  return dependency.compare(0, prefix.size(), prefix) == 0;
}

void ClearAffectedDependencies(state::State& st, const MoveSource& moved) {
  for (state::ResourceState& r : st.resources) {
    for (state::InstanceState& i : r.instances) {
      if (!i.current) continue;
      for (const std::string& dep : i.current->dependencies) {
        if (DependencyAffected(dep, moved)) {
          i.current->dependencies.clear();
          break;
        }
      }
    }
  }
}

}  // namespace

int RunStateMv(const Args& args, Streams& io) {
  bool dry_run = false, ignore_remote_version = false;
  std::string backup_path = "-", backup_out_path = "-", state_out_path;
  StateFlags state_flags;
  state_flags.state_path.clear();
  GoFlags flags;
  flags.Bool("dry-run", &dry_run);
  flags.String("backup", &backup_path);
  flags.String("backup-out", &backup_out_path);
  flags.String("state-out", &state_out_path);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  state_flags.Register(flags);
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  if (parsed.help) {
    io.out << CairnHelp(kStateMvHelp);
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  if (!usage.HasErrors()) state_flags.Validate(usage);
  if (usage.HasErrors()) {
    PrintFlagError(usage, io);
    return 1;
  }
  if (parsed.positional.size() != 2) {
    UiError(io, "Exactly two arguments expected.\n");
    io.out << CairnHelp(kStateMvHelp);
    return 1;
  }
  if (state_flags.state_path.empty()) state_flags.state_path = "terraform.tfstate";
  if (backup_path == "-" || backup_path.empty()) {
    backup_path = TimestampedBackupPath(state_flags.state_path);
  }

  state::LocalStateStore from_store(state_flags.state_path, backup_path);
  Diagnostics lock = LockState(from_store, state_flags, "state-mv", io);
  if (lock.HasErrors()) {
    ShowDiagnostics(lock, io);
    return 1;
  }
  std::optional<state::LocalStateStore> to_store;
  auto finish = [&](int code) {
    Diagnostics unlock;
    if (to_store) unlock.Append(to_store->Unlock());
    unlock.Append(from_store.Unlock());
    if (!unlock.empty()) ShowDiagnostics(unlock, io);
    return code;
  };

  state::ReadStateResult read_from = from_store.Read();
  if (read_from.diagnostics.HasErrors()) {
    UiError(io, "Failed to refresh source state: " + DiagnosticsErrorText(read_from.diagnostics));
    return finish(1);
  }
  if (!read_from.state) {
    UiError(io, kStateNotFound);
    return finish(1);
  }
  state::State& state_from = *read_from.state;

  std::optional<state::State> separate_to;
  std::error_code ec;
  if (!state_out_path.empty() &&
      std::filesystem::weakly_canonical(state_out_path, ec) ==
          std::filesystem::weakly_canonical(state_flags.state_path, ec)) {
    // The same file: one state, one lock (Terraform would read it twice and let the second
    // write drop what the first added).
    state_out_path.clear();
  }
  if (!state_out_path.empty()) {
    if (backup_out_path == "-" || backup_out_path.empty()) {
      backup_out_path = TimestampedBackupPath(state_out_path);
    }
    to_store.emplace(state_out_path, backup_out_path);
    Diagnostics lock_to = LockState(*to_store, state_flags, "state-mv", io);
    if (lock_to.HasErrors()) {
      ShowDiagnostics(lock_to, io);
      to_store.reset();
      return finish(1);
    }
    state::ReadStateResult read_to = to_store->Read();
    if (read_to.diagnostics.HasErrors()) {
      UiError(io,
              "Failed to refresh destination state: " + DiagnosticsErrorText(read_to.diagnostics));
      return finish(1);
    }
    separate_to = read_to.state ? std::move(*read_to.state) : state::State();
  }
  state::State& state_to = separate_to ? *separate_to : state_from;

  Diagnostics diags;
  addrs::ParseAddrResult<addrs::Target> source = addrs::ParseTarget(parsed.positional[0]);
  diags.Append(source.diagnostics);
  addrs::ParseAddrResult<addrs::Target> dest = addrs::ParseTarget(parsed.positional[1]);
  diags.Append(dest.diagnostics);
  if (diags.HasErrors() || !source.addr || !dest.addr) {
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  const addrs::Target& dest_addr = *dest.addr;
  const std::string prefix = dry_run ? "Would move" : "Move";

  std::vector<MoveSource> sources = SourceObjects(state_from, *source.addr);
  if (sources.empty()) {
    diags.Error(kInvalidSource, "Cannot move " + source.addr->ToString() +
                                    ": does not match anything in the current state.");
    ShowDiagnostics(diags, io);
    return finish(1);
  }
  size_t moved = 0;
  std::string out;
  auto flush = [&] {
    io.out << out;
    out.clear();
  };
  for (const MoveSource& from : sources) {
    switch (from.kind) {
      case addrs::Target::Kind::kModule: {
        if (dest_addr.kind != addrs::Target::Kind::kModule) {
          diags.Error(kInvalidTarget, "Cannot move " + from.ToString() + " to " +
                                          dest_addr.ToString() +
                                          ": the target must also be a module.");
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        addrs::ModuleInstance to = dest_addr.module;
        const addrs::ModuleInstance& search = source.addr->module;
        to.insert(to.end(), from.module.begin() + static_cast<long>(search.size()),
                  from.module.end());
        if (StateHasModule(state_to, to)) {
          flush();
          UiError(io,
                  "Error moving state: destination module already exists\n\n"
                  "Please ensure your addresses and state paths are valid. No\n"
                  "state was persisted. Your existing states are untouched.");
          return finish(1);
        }
        if (!StateHasModule(state_from, from.module)) {
          diags.Error(kInvalidSource,
                      "The current state does not contain " + from.ToString() + ".");
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        ++moved;
        out +=
            prefix + " " + GoQuote(from.ToString()) + " to " + GoQuote(addrs::ToString(to)) + "\n";
        if (!dry_run) {
          std::vector<state::ResourceState> taken;
          auto& rs = state_from.resources;
          auto keep = std::stable_partition(
              rs.begin(), rs.end(),
              [&](const state::ResourceState& r) { return r.addr.module != from.module; });
          taken.assign(std::make_move_iterator(keep), std::make_move_iterator(rs.end()));
          rs.erase(keep, rs.end());
          for (state::ResourceState& r : taken) {
            r.addr.module = to;
            InsertResource(state_to, std::move(r));
          }
        }
        break;
      }
      case addrs::Target::Kind::kResource: {
        addrs::AbsResource from_addr = from.Resource();
        if (dest_addr.kind != addrs::Target::Kind::kResource) {
          diags.Error(kInvalidTarget,
                      "Cannot move " + from.ToString() + " to " + dest_addr.ToString() +
                          ": the source is a whole resource (not a resource instance) so the "
                          "target must also be a whole resource.");
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        addrs::AbsResource to_addr{dest_addr.module, dest_addr.resource};
        diags.Append(ValidateResourceMove(from_addr, to_addr));
        if (state_to.FindResource(to_addr)) {
          diags.Error(kInvalidTarget, "Cannot move to " + to_addr.ToString() +
                                          ": there is already a resource at that address in "
                                          "the current state.");
        }
        if (!state_from.FindResource(from_addr)) {
          diags.Error(kInvalidSource,
                      "The current state does not contain " + from_addr.ToString() + ".");
        }
        if (diags.HasErrors()) {
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        ++moved;
        out += prefix + " " + GoQuote(from_addr.ToString()) + " to " + GoQuote(to_addr.ToString()) +
               "\n";
        if (!dry_run) {
          state::ResourceState* found = state_from.FindResource(from_addr);
          state::ResourceState r = std::move(*found);
          state_from.resources.erase(state_from.resources.begin() +
                                     (found - state_from.resources.data()));
          r.addr = to_addr;
          InsertResource(state_to, std::move(r));
        }
        break;
      }
      case addrs::Target::Kind::kInstance: {
        addrs::AbsResourceInstance from_addr = from.Instance();
        addrs::AbsResourceInstance to_addr;
        if (dest_addr.kind == addrs::Target::Kind::kInstance) {
          to_addr = {dest_addr.module, dest_addr.resource, dest_addr.key};
        } else if (dest_addr.kind == addrs::Target::Kind::kResource) {
          to_addr = {dest_addr.module, dest_addr.resource, {}};
        } else {
          diags.Error(kInvalidTarget, "Cannot move " + from.ToString() + " to " +
                                          dest_addr.ToString() +
                                          ": the target must also be a resource instance.");
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        diags.Append(
            ValidateResourceMove(from_addr.ContainingResource(), to_addr.ContainingResource()));
        if (FindInstance(state_to, to_addr)) {
          diags.Error(kInvalidTarget, "Cannot move to " + to_addr.ToString() +
                                          ": there is already a resource instance at that "
                                          "address in the current state.");
        }
        if (!FindInstance(state_from, from_addr)) {
          diags.Error(kInvalidSource,
                      "The current state does not contain " + from_addr.ToString() + ".");
        }
        if (diags.HasErrors()) {
          flush();
          ShowDiagnostics(diags, io);
          return finish(1);
        }
        ++moved;
        // Terraform prints the destination as the user wrote it.
        out += prefix + " " + GoQuote(from_addr.ToString()) + " to " +
               GoQuote(parsed.positional[1]) + "\n";
        if (!dry_run) {
          const state::ResourceState* from_resource =
              state_from.FindResource(from_addr.ContainingResource());
          std::string provider = from_resource->provider;
          state::InstanceState instance = *from_resource->Find(from_addr.key);
          ForgetInstance(state_from, from_addr);
          instance.key = to_addr.key;
          state::ResourceState* to_resource = state_to.FindResource(to_addr.ContainingResource());
          if (!to_resource) {
            state::ResourceState r;
            r.addr = to_addr.ContainingResource();
            r.provider = std::move(provider);
            InsertResource(state_to, std::move(r));
            to_resource = state_to.FindResource(to_addr.ContainingResource());
          }
          auto& instances = to_resource->instances;
          auto it = std::lower_bound(
              instances.begin(), instances.end(), instance.key,
              [](const state::InstanceState& i, const addrs::InstanceKey& k) { return i.key < k; });
          instances.insert(it, std::move(instance));
        }
        break;
      }
    }
    if (!dry_run) ClearAffectedDependencies(state_to, from);
  }
  flush();

  if (dry_run) {
    if (moved == 0) UiOutput(io, "Would have moved nothing.");
    return finish(0);
  }

  // The destination first: if writing the source fails afterwards, the objects exist twice
  // rather than nowhere.
  state::StateStore& to_writer = to_store ? static_cast<state::StateStore&>(*to_store)
                                          : static_cast<state::StateStore&>(from_store);
  Diagnostics written = to_writer.Write(state_to);
  if (written.HasErrors()) {
    UiError(io, StatePersistError(DiagnosticsErrorText(written)));
    return finish(1);
  }
  if (to_store) {
    written = from_store.Write(state_from);
    if (written.HasErrors()) {
      UiError(io, StatePersistError(DiagnosticsErrorText(written)));
      return finish(1);
    }
  }
  if (!diags.empty()) ShowDiagnostics(diags, io);
  UiOutput(io, moved == 0 ? std::string("No matching objects found.")
                          : "Successfully moved " + std::to_string(moved) + " object(s).");
  return finish(0);
}

}  // namespace cairn::cli
