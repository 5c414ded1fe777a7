/// `cairn init`: Terraform's init for what Cairn has to set up, without ever downloading
/// anything. It loads the configuration (and the local modules it calls), finds every
/// provider the configuration and the state need (required_providers, the providers that
/// resources and provider blocks imply) among the built-in providers and the installed plugin
/// executables (cli/provider_resolver.h), starts each plugin once to check that it works, and
/// records the plugins in the dependency lock file `.cairn.lock.hcl` (the layout of Terraform's
/// `.terraform.lock.hcl`: version, constraints and an `h1:` package hash per provider). A
/// plugin whose hash differs from the one the lock file recorded is an error, as Terraform's
/// checksum mismatch is.

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/go_flags.h"
#include "cli/provider_resolver.h"
#include "cli/provider_sources.h"
#include "cli/root_module.h"
#include "cli/state_common.h"
#include "lang/base/atomic_file.h"
#include "lang/config/config_tree.h"
#include "lang/config/static_value.h"
#include "lang/syntax/navigation.h"
#include "lang/syntax/parser.h"
#include "providers/builtin.h"
#include "providers/plugin/discovery.h"
#include "providers/plugin/plugin_provider.h"
#include "providers/terraform_provider.h"
#include "state/statefile.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLockFile = ".cairn.lock.hcl";

constexpr const char* kInitHelp = R"(Usage: cairn [global options] init [options]

  Initialize a new or existing Cairn working directory: check the local
  modules the configuration calls, find the providers it requires among
  Cairn's built-in providers and the installed provider plugins, and record
  the plugins in the dependency lock file .cairn.lock.hcl.

  Cairn never downloads providers or modules. A provider that is not built in
  is an executable named cairn-provider-NAME, found in the configuration's
  .cairn/plugins directory, in $CAIRN_PLUGIN_DIR (else ~/.cairn/plugins), or
  on $PATH.

  This is always safe to run multiple times.

Options:

  -input=true             Accepted for compatibility; init asks nothing.

  -lock=false             Accepted for compatibility; init takes no state lock.

  -lock-timeout=0s        Accepted for compatibility.

  -no-color               If specified, output won't contain any color.

  -upgrade                Record the installed plugins anew, ignoring the
                          checksums the lock file recorded for them.

  -lockfile=MODE          Set a dependency lockfile mode. Currently only
                          "readonly" is valid: the lock file is checked but
                          not changed.
)";

constexpr const char* kSuccess =
    "\n"
    "Cairn has been successfully initialized!\n"
    "\n"
    "You may now begin working with Cairn. Try running \"cairn plan\" to see\n"
    "any changes that are required for your infrastructure. All Cairn commands\n"
    "should now work.\n"
    "\n"
    "If you ever set or change modules or backend configuration for Cairn,\n"
    "rerun this command to reinitialize your working directory. If you forget, other\n"
    "commands will detect it and remind you to do so if necessary.\n";

constexpr const char* kLockCreated =
    "Cairn has created a lock file .cairn.lock.hcl to record the provider\n"
    "selections it made above. Include this file in your version control repository\n"
    "so that Cairn can guarantee to make the same selections by default when\n"
    "you run \"cairn init\" in the future.\n";

constexpr const char* kLockChanged =
    "Cairn has made some changes to the provider dependency selections recorded\n"
    "in the .cairn.lock.hcl file. Review those changes and commit them to your\n"
    "version control system if they represent changes you intended to make.\n";

/// One provider the configuration requires: where it was first required and the version
/// constraints given for it.
struct Requirement {
  std::optional<Range> where;
  std::vector<std::string> constraints;
};

void Require(std::map<std::string, Requirement>& out, const std::string& source,
             std::optional<Range> where, const std::string& constraint = "") {
  Requirement& r = out[source];
  if (!r.where) r.where = where;
  if (!constraint.empty() &&
      std::find(r.constraints.begin(), r.constraints.end(), constraint) == r.constraints.end()) {
    r.constraints.push_back(constraint);
  }
}

void CollectConfigRequirements(const config::Config& config,
                               std::map<std::string, Requirement>& out) {
  const config::Module& m = config.module;
  for (const config::RequiredProvider& rp : m.terraform.required_providers) {
    std::string constraint;
    std::string source = SourceFor(m, rp.name, &constraint);
    Require(out, source,
            rp.attribute ? std::optional<Range>(rp.attribute->range) : std::nullopt,
            constraint);
  }
  auto add_resource = [&](const config::Resource& r) {
    std::string name = r.provider ? r.provider->name : r.type.substr(0, r.type.find('_'));
    Require(out, SourceFor(m, name), r.decl_range);
  };
  for (const config::Resource& r : m.resources) add_resource(r);
  for (const config::Resource& r : m.data_resources) add_resource(r);
  for (const config::ProviderConfig& p : m.providers) {
    Require(out, SourceFor(m, p.name), p.decl_range);
  }
  for (const auto& child : config.children) CollectConfigRequirements(*child, out);
}

void AddSources(const config::Config& config, syntax::ParsedSources& sources) {
  for (const auto& file : config.module.files) sources.Add(*file);
  for (const auto& child : config.children) AddSources(*child, sources);
}

/// "- KEY in DIR" for every local module call, depth first in call-name order (Terraform's
/// module installer events), and errors for module sources Cairn cannot fetch.
void ListModules(const config::Config& config, const fs::path& dir, std::string& out,
                 Diagnostics& diags) {
  for (const std::string& call : config.remote_calls) {
    for (const config::ModuleCall& mc : config.module.module_calls) {
      if (mc.name != call) continue;
      diags.Error("Module source not supported",
                  "Cairn does not download modules: the module \"" + call +
                      "\" comes from " +
                      (mc.source_text.empty() ? std::string("a remote source")
                                              : "\"" + mc.source_text + "\"") +
                      ". Put the module in a local directory and refer to it with a path "
                      "such as \"./modules/" +
                      call + "\".",
                  mc.source ? std::optional<Range>(mc.source->range) : mc.decl_range);
    }
  }
  for (const auto& child : config.children) {
    std::string name = child->path.substr(child->path.rfind('.') + 1);
    fs::path child_dir = dir;
    for (const config::ModuleCall& mc : config.module.module_calls) {
      if (mc.name == name) child_dir = (dir / mc.source_text).lexically_normal();
    }
    std::string shown = child_dir.generic_string();
    while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
    out += "- " + child->path + " in " + shown + "\n";
    ListModules(*child, child_dir, out, diags);
  }
}

std::string Base64(const unsigned char* data, size_t size) {
  std::string out(4 * ((size + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                          static_cast<int>(size));
  out.resize(static_cast<size_t>(n));
  return out;
}

/// SHA-256 of a file's content (following symlinks); false when it cannot be read.
bool Sha256File(const fs::path& path, unsigned char digest[32], std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path.string();
    return false;
  }
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  char buf[65536];
  while (in) {
    in.read(buf, sizeof buf);
    if (in.gcount() > 0) EVP_DigestUpdate(ctx, buf, static_cast<size_t>(in.gcount()));
  }
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  return true;
}

/// Terraform's `h1:` package hash (dirhash.Hash1) of a package holding one file: the plugin
/// executable under its own name.
bool PluginHash(const fs::path& executable, std::string* hash, std::string* error) {
  unsigned char file_digest[32];
  if (!Sha256File(executable, file_digest, error)) return false;
  static const char kHex[] = "0123456789abcdef";
  std::string summary;
  for (unsigned char c : file_digest) {
    summary += kHex[c >> 4];
    summary += kHex[c & 15];
  }
  summary += "  " + executable.filename().string() + "\n";
  unsigned char digest[32];
  unsigned int len = 0;
  EVP_Digest(summary.data(), summary.size(), digest, &len, EVP_sha256(), nullptr);
  *hash = "h1:" + Base64(digest, len);
  return true;
}

/// One provider block of the lock file.
struct LockedProvider {
  std::string version;
  std::string constraints;
  std::vector<std::string> hashes;
  bool operator==(const LockedProvider&) const = default;
};
using Locks = std::map<std::string, LockedProvider>;

/// Reads the lock file (missing: no locks). Errors point into it.
Locks ReadLocks(const std::string& text, Diagnostics& diags,
                std::unique_ptr<ast::File>& keep) {
  Locks locks;
  syntax::ParseResult parsed = syntax::ParseFile(text, kLockFile);
  diags.Append(parsed.diagnostics);
  keep = std::move(parsed.file);
  if (parsed.diagnostics.HasErrors()) return locks;
  for (const ast::Block& b : keep->body.blocks) {
    if (b.type != "provider" || b.labels.size() != 1) {
      diags.Error("Invalid dependency lock file",
                  "The lock file may contain only provider blocks with one label, the "
                  "provider's source address.",
                  b.DefRange());
      continue;
    }
    LockedProvider p;
    for (const ast::Attribute& a : b.body->attributes) {
      Value v = config::EvalStatic(*a.expr, diags);
      if (a.name == "version" && v.IsKnown() && v.type().IsString()) p.version = v.AsString();
      if (a.name == "constraints" && v.IsKnown() && v.type().IsString()) {
        p.constraints = v.AsString();
      }
      if (a.name == "hashes" && v.IsKnown() && !v.IsNull() &&
          (v.type().IsTuple() || v.type().IsList())) {
        for (const Value& h : v.Elements()) {
          if (h.IsKnown() && h.type().IsString()) p.hashes.push_back(h.AsString());
        }
      }
    }
    locks[b.labels[0]] = std::move(p);
  }
  return locks;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

/// The lock file's text, as Terraform's hclwrite lays out `.terraform.lock.hcl`.
std::string LockFileText(const Locks& locks, const std::vector<std::string>& builtins) {
  std::string out =
      "# This file is maintained automatically by \"cairn init\".\n"
      "# Manual edits may be lost in future updates.\n";
  for (const std::string& b : builtins) {
    out += "\n# " + b + " is built in to Cairn: nothing to lock.\n";
  }
  for (const auto& [source, p] : locks) {
    out += "\nprovider " + Quote(source) + " {\n";
    const bool both = !p.version.empty() && !p.constraints.empty();
    if (!p.version.empty()) out += std::string("  version") + (both ? "    " : "") + " = " +
                                   Quote(p.version) + "\n";
    if (!p.constraints.empty()) out += "  constraints = " + Quote(p.constraints) + "\n";
    out += "  hashes = [\n";
    for (const std::string& h : p.hashes) out += "    " + Quote(h) + ",\n";
    out += "  ]\n}\n";
  }
  return out;
}

std::string JoinConstraints(const std::vector<std::string>& cs) {
  std::string out;
  for (const std::string& c : cs) out += (out.empty() ? "" : ", ") + c;
  return out;
}

/// Where plugins are looked for, as the "not found" error lists them.
std::string SearchedPlaces(const std::string& executable) {
  std::string user;
  if (const char* d = std::getenv("CAIRN_PLUGIN_DIR"); d && *d) {
    user = std::string(d) + " ($CAIRN_PLUGIN_DIR)";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    user = std::string(home) + "/.cairn/plugins";
  } else {
    user = "~/.cairn/plugins";
  }
  return "an executable named " + executable + " in .cairn/plugins, in " + user +
         " and on $PATH";
}


/// A version as numbers: "1.2.3" -> {1, 2, 3} (a missing part is 0; a pre-release suffix
/// after '-' is ignored). False when it is not of that form.
bool ParseVersion(std::string_view text, std::vector<long>& out, size_t* parts = nullptr) {
  out.assign(3, 0);
  text = text.substr(0, text.find_first_of("-+"));
  if (!text.empty() && text[0] == 'v') text.remove_prefix(1);
  size_t n = 0;
  while (!text.empty()) {
    size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    if (part.empty() || n >= 3 || part.find_first_not_of("0123456789") != std::string_view::npos) {
      return false;
    }
    out[n++] = std::stol(std::string(part));
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  if (parts) *parts = n;
  return n > 0;
}

/// Whether `version` satisfies `constraints` (Terraform's syntax: comma-separated `=`, `!=`,
/// `>`, `>=`, `<`, `<=`, `~>` terms; a bare version means `=`). `why` says what the plugin
/// reports when it does not.
bool VersionMatches(const std::string& version, const std::string& constraints,
                    std::string* why) {
  std::vector<long> have;
  if (!ParseVersion(version, have)) {
    *why = version.empty() ? "reports no version" : "reports the version \"" + version + "\"";
    return false;
  }
  *why = "is version " + version;
  std::string_view rest = constraints;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view term = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!term.empty() && term.front() == ' ') term.remove_prefix(1);
    while (!term.empty() && term.back() == ' ') term.remove_suffix(1);
    std::string op;
    while (!term.empty() && std::string_view("=!<>~").find(term.front()) != std::string_view::npos) {
      op += term.front();
      term.remove_prefix(1);
    }
    while (!term.empty() && term.front() == ' ') term.remove_prefix(1);
    std::vector<long> want;
    size_t parts = 0;
    if (!ParseVersion(term, want, &parts)) return false;
    bool ok = false;
    if (op.empty() || op == "=") ok = have == want;
    else if (op == "!=") ok = have != want;
    else if (op == ">") ok = have > want;
    else if (op == ">=") ok = have >= want;
    else if (op == "<") ok = have < want;
    else if (op == "<=") ok = have <= want;
    else if (op == "~>") {
      // ~> X.Y allows X.*, >= X.Y; ~> X.Y.Z allows X.Y.*, >= X.Y.Z.
      size_t fixed = parts <= 1 ? 1 : parts - 1;
      ok = have >= want && std::equal(have.begin(), have.begin() + static_cast<long>(fixed),
                                      want.begin());
    }
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int RunInit(const Args& args, Streams& io) {
  bool upgrade = false, lock = true, get = true, backend = true, reconfigure = false,
       migrate_state = false, force_copy = false, ignore_remote_version = false, json = false;
  std::string input = "true", lock_timeout = "0s", lockfile, from_module, test_directory;
  std::vector<std::string> plugin_dirs, backend_configs;
  GoFlags flags;
  flags.Bool("upgrade", &upgrade);
  flags.Bool("lock", &lock);
  flags.Bool("get", &get);
  flags.Bool("backend", &backend);
  flags.Bool("reconfigure", &reconfigure);
  flags.Bool("migrate-state", &migrate_state);
  flags.Bool("force-copy", &force_copy);
  flags.Bool("ignore-remote-version", &ignore_remote_version);
  flags.Bool("json", &json);
  flags.String("input", &input);
  flags.String("lock-timeout", &lock_timeout);
  flags.String("lockfile", &lockfile);
  flags.String("from-module", &from_module);
  flags.String("test-directory", &test_directory);
  flags.Repeated("plugin-dir", [&](const std::string& v) { plugin_dirs.push_back(v); });
  flags.Repeated("backend-config", [&](const std::string& v) { backend_configs.push_back(v); });
  GoFlags::Result parsed = flags.Parse(WithoutNoColor(args, io));
  const bool color = io.ErrColor() && !io.no_color;
  if (parsed.help) {
    io.out << kInitHelp;
    return 0;
  }
  Diagnostics usage = parsed.diagnostics;
  long long ms = 0;
  if (!usage.HasErrors() && !ParseGoDuration(lock_timeout, &ms)) {
    usage.Error("Failed to parse command-line flags",
                "invalid value \"" + lock_timeout + "\" for flag -lock-timeout: parse error");
  }
  auto unsupported = [&](const std::string& flag, const std::string& why) {
    usage.Error("Unsupported option",
                "The " + flag + " option is not supported by cairn init: " + why);
  };
  if (!from_module.empty()) {
    unsupported("-from-module", "Cairn does not download modules.");
  }
  if (!plugin_dirs.empty()) {
    unsupported("-plugin-dir",
                "Cairn finds provider plugins in .cairn/plugins, $CAIRN_PLUGIN_DIR (else "
                "~/.cairn/plugins) and on $PATH.");
  }
  if (!backend_configs.empty()) {
    unsupported("-backend-config", "Cairn keeps its state in a local file.");
  }
  if (json) unsupported("-json", "init has no machine-readable output yet.");
  if (migrate_state || force_copy) {
    unsupported(migrate_state ? "-migrate-state" : "-force-copy",
                "Cairn keeps its state in a local file; there is nothing to migrate.");
  }
  if (!lockfile.empty() && lockfile != "readonly") {
    usage.Error("Invalid argument", "The -lockfile option only supports \"readonly\".");
  }
  if (!parsed.positional.empty()) {
    usage.Error("Unexpected argument",
                "Too many command line arguments. Did you mean to use -chdir?");
  }
  if (usage.HasErrors()) {
    PrintUsageErrors(usage, "init", io, color);
    return 1;
  }

  config::ConfigResult loaded = config::LoadConfig(".");
  syntax::ParsedSources sources;
  AddSources(loaded.root, sources);
  Diagnostics diags = loaded.diagnostics;
  if (diags.HasErrors()) {
    PrintDiagnostics(diags, sources, io, color);
    return 1;
  }

  io.out << "Initializing the backend...\n";
  const config::TerraformSettings& settings = loaded.root.module.terraform;
  if (settings.cloud || (settings.backend && settings.backend->type != "local")) {
    Diagnostics b;
    b.Error("Unsupported backend",
            settings.cloud ? std::string("Cairn keeps its state in a local file: HCP Terraform "
                                         "(the \"cloud\" block) is not supported.")
                           : "Cairn keeps its state in a local file: the \"" +
                                 settings.backend->type + "\" backend is not supported.",
            settings.cloud ? settings.cloud->decl_range : settings.backend->type_range);
    PrintDiagnostics(b, sources, io, color);
    return 1;
  }

  if (!loaded.root.module.module_calls.empty()) {
    io.out << "Initializing modules...\n";
    std::string listed;
    Diagnostics module_diags;
    if (get) ListModules(loaded.root, ".", listed, module_diags);
    io.out << listed;
    if (module_diags.HasErrors()) {
      PrintDiagnostics(module_diags, sources, io, color);
      return 1;
    }
  }

  io.out << "Initializing provider plugins...\n";
  std::map<std::string, Requirement> required;
  CollectConfigRequirements(loaded.root, required);
  {
    std::ifstream state_file("terraform.tfstate", std::ios::binary);
    if (state_file) {
      std::stringstream bytes;
      bytes << state_file.rdbuf();
      state::ReadStateResult read = state::ReadStateFile(bytes.str());
      if (read.state) {
        for (const state::ResourceState& r : read.state->resources) {
          std::string source = SourceOfStateProvider(r.provider);
          if (!source.empty()) Require(required, source, std::nullopt);
        }
      }
    }
  }

  // The previous selections.
  Locks previous;
  bool had_lock_file = false;
  std::unique_ptr<ast::File> lock_ast;
  {
    std::ifstream in(kLockFile, std::ios::binary);
    if (in) {
      had_lock_file = true;
      std::stringstream text;
      text << in.rdbuf();
      Diagnostics lock_diags;
      previous = ReadLocks(text.str(), lock_diags, lock_ast);
      if (lock_ast) sources.Add(*lock_ast);
      if (lock_diags.HasErrors()) {
        PrintDiagnostics(lock_diags, sources, io, color);
        return 1;
      }
    }
  }

  InstalledProviderResolver resolver;
  Locks locks;
  std::vector<std::string> builtins;
  Diagnostics problems;
  for (const auto& [source, req] : required) {
    const std::string constraint = JoinConstraints(req.constraints);
    auto locked = previous.find(source);
    const bool is_locked = locked != previous.end() && !upgrade;
    // A plugin in .cairn/plugins wins over a built-in provider (provider_resolver.h).
    providers::Provider* p = resolver.Resolve(source);
    const std::string origin = resolver.Origin(source);
    if (p && origin == "built-in") {
      io.out << "- " << source << " is built in to Cairn\n";
      builtins.push_back(source);
      continue;
    }
    if (is_locked) {
      io.out << "- Reusing previous version of " << source << " from the dependency lock file\n";
    } else if (!constraint.empty()) {
      io.out << "- Finding " << source << " versions matching \"" << constraint << "\"...\n";
    } else {
      io.out << "- Finding latest version of " << source << "...\n";
    }
    const std::string executable = providers::plugin::PluginExecutableName(source);
    // The plugin's path as shown: relative to the working directory when below it.
    std::string shown = origin;
    std::error_code ec;
    const std::string cwd = fs::current_path(ec).string() + "/";
    if (!ec && shown.rfind(cwd, 0) == 0) shown = shown.substr(cwd.size());
    if (shown.rfind("./", 0) == 0) shown = shown.substr(2);
    if (!p || origin.empty()) {
      problems.Error("Failed to find provider " + source,
                     "Cairn has no built-in provider " + source + " and found no plugin for it: " +
                         "it looked for " + SearchedPlaces(executable) +
                         ". Cairn never downloads providers: install the plugin there and run "
                         "\"cairn init\" again.",
                     req.where);
      continue;
    }
    auto* plugin = dynamic_cast<providers::plugin::PluginProvider*>(p);
    if (plugin && !plugin->started()) {
      for (Diagnostic d : plugin->start_diagnostics()) {
        if (!d.subject) d.subject = req.where;
        problems.Add(std::move(d));
      }
      continue;
    }
    LockedProvider entry;
    entry.version = plugin ? plugin->plugin_version() : "";
    entry.constraints = constraint;
    if (!constraint.empty()) {
      std::string why;
      if (!VersionMatches(entry.version, constraint, &why)) {
        problems.Error("Incompatible provider version",
                       "The plugin " + shown + " for " + source + " " + why +
                           ", which the version constraint \"" + constraint + "\" does not allow.",
                       req.where);
        continue;
      }
    }
    std::string hash, error;
    if (!PluginHash(origin, &hash, &error)) {
      problems.Error("Failed to read provider plugin " + source,
                     "Cairn could not compute the checksum of " + shown + ": " + error + ".",
                     req.where);
      continue;
    }
    if (is_locked && std::find(locked->second.hashes.begin(), locked->second.hashes.end(),
                               hash) == locked->second.hashes.end()) {
      problems.Error(
          "Failed to install provider",
          "Error while installing " + source + ": the plugin " + shown +
              " doesn't match any of the checksums previously recorded in the dependency lock "
              "file. If the plugin was changed on purpose, run \"cairn init -upgrade\" to "
              "record it.",
          req.where);
      continue;
    }
    entry.hashes = is_locked ? locked->second.hashes : std::vector<std::string>{hash};
    io.out << "- Using plugin " << executable
           << (entry.version.empty() ? "" : " v" + entry.version) << " at " << shown << "\n";
    locks[source] = std::move(entry);
  }
  if (problems.HasErrors()) {
    PrintDiagnostics(problems, sources, io, color);
    return 1;
  }

  // Locks of providers the configuration no longer needs are dropped, as Terraform does.
  std::string text = LockFileText(locks, builtins);
  std::string old_text;
  if (had_lock_file) {
    std::ifstream in(kLockFile, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    old_text = s.str();
  }
  // Terraform writes no lock file for built-in providers alone; Cairn does the same unless
  // there is one already.
  if (text != old_text && (had_lock_file || !locks.empty())) {
    if (lockfile == "readonly") {
      Diagnostics ro;
      ro.Error("Provider dependency changes detected",
               "Changes to the required provider dependencies were detected, but the lock file "
               "is read-only. To use and record these requirements, run \"cairn init\" "
               "without the \"-lockfile=readonly\" flag.");
      PrintDiagnostics(ro, sources, io, color);
      return 1;
    }
    std::string error;
    if (!WriteFileAtomically(kLockFile, text, &error, 0644)) {
      Diagnostics w;
      w.Error("Failed to update dependency lock file",
              "Error writing the dependency lock file " + std::string(kLockFile) + ": " + error +
                  ".");
      PrintDiagnostics(w, sources, io, color);
      return 1;
    }
    io.out << (had_lock_file ? kLockChanged : kLockCreated);
  }
  io.out << kSuccess;
  return 0;
}

}  // namespace cairn::cli
