#include "cli/state_common.h"

#include <algorithm>
#include <cstring>
#include <ctime>

#include "lang/base/diagnostic_text.h"
#include "lang/base/source_index.h"

namespace cairn::cli {
namespace {

bool KeyLess(const addrs::InstanceKey& a, const addrs::InstanceKey& b) { return a < b; }

/// Terraform's Resource.Less: data resources first, then type, then name.
bool ResourceLess(const addrs::Resource& a, const addrs::Resource& b) {
  if (a.mode != b.mode) return a.mode == addrs::ResourceMode::kData;
  if (a.type != b.type) return a.type < b.type;
  return a.name < b.name;
}

}  // namespace

Args WithoutNoColor(const Args& args, Streams& io) {
  Args out;
  out.reserve(args.size());
  for (const std::string& a : args) {
    if (a == "-no-color") {
      io.no_color = true;
    } else {
      out.push_back(a);
    }
  }
  return out;
}

std::string StatePersistError(const std::string& error) {
  return "Error saving the state: " + error +
         "\n\nThe state was not saved. No items were removed from the persisted\n"
         "state. No backup was created since no modification occurred. Please\n"
         "resolve the issue above and try again.";
}

void UiError(Streams& io, const std::string& message) {
  if (io.ErrColor()) {
    io.err << "\x1b[31m" << message << "\x1b[0m\x1b[0m\n";
  } else {
    io.err << message << "\n";
  }
}

void UiOutput(Streams& io, const std::string& message) { io.out << message << "\n"; }

std::string DiagnosticsErrorText(const Diagnostics& diags) {
  auto one = [](const Diagnostic& d) {
    return d.detail.empty() ? d.summary : d.summary + ": " + d.detail;
  };
  if (diags.empty()) return "no errors";
  if (diags.size() == 1) return one(diags[0]);
  std::string out = std::to_string(diags.size()) + " problems:\n";
  for (const Diagnostic& d : diags) out += "\n- " + one(d);
  return out;
}

void ShowDiagnostics(const Diagnostics& diags, Streams& io) {
  ShowDiagnostics(diags, EmptySourceIndex(), io);
}

void ShowDiagnostics(const Diagnostics& diags, const SourceIndex& sources, Streams& io) {
  DiagnosticTextOptions options;
  options.color = io.ErrColor();
  options.width = io.ErrWidth();
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, sources, options)) {
    // Meta.showDiagnostics writes each through Ui.Error/Ui.Warn, which add a newline.
    (r.severity == Severity::kError ? io.err : io.out) << r.text << "\n";
  }
}

void PrintFlagError(const Diagnostics& diags, Streams& io) {
  std::string message = diags.empty() ? std::string() : diags[0].detail;
  UiError(io, "Error parsing command-line flags: " + message + "\n");
}

std::string CairnHelp(std::string_view terraform_help) {
  std::string out;
  out.reserve(terraform_help.size());
  for (size_t i = 0; i < terraform_help.size();) {
    if (terraform_help.compare(i, 9, "Terraform") == 0) {
      out += "Cairn";
      i += 9;
    } else if (terraform_help.compare(i, 10, "terraform ") == 0) {
      out += "cairn ";
      i += 10;
    } else {
      out += terraform_help[i++];
    }
  }
  return out;
}

bool TerraformModuleLess(const addrs::ModuleInstance& a, const addrs::ModuleInstance& b) {
  if (a.size() != b.size()) return a.size() < b.size();
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name) return a[i].name < b[i].name;
    if (a[i].key != b[i].key) return KeyLess(a[i].key, b[i].key);
  }
  return false;
}

bool TerraformInstanceLess(const addrs::AbsResourceInstance& a,
                           const addrs::AbsResourceInstance& b) {
  if (a.module != b.module) return TerraformModuleLess(a.module, b.module);
  if (a.resource != b.resource) return ResourceLess(a.resource, b.resource);
  return KeyLess(a.key, b.key);
}

bool StateHasModule(const state::State& state, const addrs::ModuleInstance& module) {
  if (module.empty()) return true;
  // Resources are sorted by module path first: the first resource at or after the module's
  // position tells.
  auto it = std::lower_bound(state.resources.begin(), state.resources.end(), module,
                             [](const state::ResourceState& r, const addrs::ModuleInstance& m) {
                               return r.addr.module < m;
                             });
  return it != state.resources.end() && it->addr.module == module;
}

const state::InstanceState* FindInstance(const state::State& state,
                                         const addrs::AbsResourceInstance& addr) {
  const state::ResourceState* r = state.FindResource(addr.ContainingResource());
  return r ? r->Find(addr.key) : nullptr;
}

void ForgetInstance(state::State& state, const addrs::AbsResourceInstance& addr) {
  auto rit = std::lower_bound(
      state.resources.begin(), state.resources.end(), addr.ContainingResource(),
      [](const state::ResourceState& r, const addrs::AbsResource& a) { return r.addr < a; });
  if (rit == state.resources.end() || rit->addr != addr.ContainingResource()) return;
  auto& instances = rit->instances;
  auto iit = std::lower_bound(
      instances.begin(), instances.end(), addr.key,
      [](const state::InstanceState& i, const addrs::InstanceKey& k) { return i.key < k; });
  if (iit != instances.end() && iit->key == addr.key) instances.erase(iit);
  if (instances.empty()) state.resources.erase(rit);
}

void InsertResource(state::State& state, state::ResourceState resource) {
  auto it = std::lower_bound(
      state.resources.begin(), state.resources.end(), resource.addr,
      [](const state::ResourceState& r, const addrs::AbsResource& a) { return r.addr < a; });
  state.resources.insert(it, std::move(resource));
}

InstanceLookup LookupResourceInstances(const state::State& state, std::string_view text,
                                       bool allow_missing) {
  InstanceLookup result;
  addrs::ParseAddrResult<addrs::Target> parsed = addrs::ParseTarget(text);
  if (parsed.diagnostics.HasErrors() || !parsed.addr) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  const addrs::Target& target = *parsed.addr;
  auto add_resource = [&](const state::ResourceState& r) {
    for (const state::InstanceState& i : r.instances) {
      result.instances.push_back({r.addr.module, r.addr.resource, i.key});
    }
  };
  switch (target.kind) {
    case addrs::Target::Kind::kModule: {
      bool found = false;
      for (const state::ResourceState& r : state.resources) {
        // Terraform's test: the module itself, a descendant, or (for a last step without a
        // key) any instance of that module call; exactly what Target::Contains checks.
        if (target.Contains({r.addr.module, r.addr.resource, {}})) {
          found = true;
          add_resource(r);
        }
      }
      if (!found && !allow_missing) {
        result.diagnostics.Error(
            "Unknown module",
            "The current state contains no module at " + addrs::ToString(target.module) +
                ". If you've just added this module to the configuration, you must run "
                "\"terraform apply\" first to create the module's entry in the state.");
      }
      break;
    }
    case addrs::Target::Kind::kResource: {
      addrs::AbsResource addr{target.module, target.resource};
      const state::ResourceState* r = state.FindResource(addr);
      if (!r) {
        if (!allow_missing) {
          result.diagnostics.Error(
              "Unknown resource",
              "The current state contains no resource " + addr.ToString() +
                  ". If you've just added this resource to the configuration, you must run "
                  "\"terraform apply\" first to create the resource's entry in the state.");
        }
        break;
      }
      add_resource(*r);
      break;
    }
    case addrs::Target::Kind::kInstance: {
      addrs::AbsResourceInstance addr{target.module, target.resource, target.key};
      if (!FindInstance(state, addr)) {
        if (!allow_missing) {
          result.diagnostics.Error(
              "Unknown resource instance",
              "The current state contains no resource instance " + addr.ToString() +
                  ". If you've just added its resource to the configuration or have changed "
                  "the count or for_each arguments, you must run \"terraform apply\" first to "
                  "update the resource's entry in the state.");
        }
        break;
      }
      result.instances.push_back(std::move(addr));
      break;
    }
  }
  std::sort(result.instances.begin(), result.instances.end(), TerraformInstanceLess);
  return result;
}

std::string TimestampedBackupPath(const std::string& state_path) {
  return state_path + "." + std::to_string(static_cast<long long>(std::time(nullptr))) + ".backup";
}

std::string GoOpenError(const std::string& path, int err) {
  std::string s = std::strerror(err);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return "open " + path + ": " + s;
}

}  // namespace cairn::cli
