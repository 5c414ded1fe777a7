#include "lang/config/assemble.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

#include "lang/base/convert.h"
#include "lang/config/body_schema.h"
#include "lang/config/static_value.h"

namespace cairn::config {
namespace {

/// Positions of declarations in the Module's lists, by name, for linear-time assembly.
/// Invariant: lists only grow (push_back) or have entries replaced in place.
using NameIndex = std::unordered_map<std::string, size_t>;

struct Indexes {
  NameIndex providers, variables, locals, outputs, module_calls, resources, data, checks, imports;
};

template <typename T>
T* Lookup(std::vector<T>& list, const NameIndex& index, const std::string& key) {
  auto it = index.find(key);
  return it == index.end() ? nullptr : &list[it->second];
}

/// `value` is taken by reference so `key` (often a member of it) is read before any move.
template <typename T, typename U>
void Add(std::vector<T>& list, NameIndex& index, const std::string& key, U&& value) {
  index.emplace(key, list.size());
  list.push_back(std::forward<U>(value));
}

/// Managed and ephemeral resources share a list but not a namespace.
std::string ResourceKey(const Resource& r) {
  char mode = r.mode == ResourceMode::kManaged ? 'm' : r.mode == ResourceMode::kData ? 'd' : 'e';
  return std::string(1, mode) + r.type + "." + r.name;
}
std::string ProviderKey(const ProviderConfig& p) {
  return p.alias.empty() ? p.name : p.name + "." + p.alias;
}

/// The range of the first item of a depends_on list (Terraform points "Unsupported override"
/// there), or the expression's range.
Range FirstDependsOnRange(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::kTuple && !e.items.empty() && e.items[0]) return e.items[0]->range;
  return e.range;
}

bool HasDependsOn(const ast::Expr* e) {
  return e && !(e->kind == ast::ExprKind::kTuple && e->items.empty());
}

void UnsupportedDependsOnOverride(const ast::Expr& depends_on, Diagnostics& diags) {
  diags.Error("Unsupported override", "The depends_on argument may not be overridden.",
              FirstDependsOnRange(depends_on));
}

void AppendFile(FileDecls& f, Module& m, Indexes& ix, Diagnostics& diags) {
  for (RequiredVersion& v : f.required_versions) m.terraform.required_versions.push_back(v);
  for (Backend& b : f.backends) {
    if (m.terraform.backend) {
      diags.Error("Duplicate backend configuration",
                  fmt::format("A module may have only one backend configuration. The backend was "
                              "previously configured at {}.",
                              RangeString(m.terraform.backend->decl_range)),
                  b.decl_range);
      continue;
    }
    m.terraform.backend = b;
  }
  for (Backend& c : f.clouds) {
    if (m.terraform.cloud) {
      diags.Error("Duplicate HCP Terraform configurations",
                  fmt::format("A module may have only one 'cloud' block configuring HCP "
                              "Terraform or Terraform Enterprise. The 'cloud' block was "
                              "previously configured at {}.",
                              RangeString(m.terraform.cloud->decl_range)),
                  c.decl_range);
      continue;
    }
    m.terraform.cloud = c;
  }
  if (m.terraform.backend && m.terraform.cloud) {
    diags.Error("Both a backend and cloud configuration are present",
                fmt::format("A module may declare either one 'cloud' block OR one 'backend' "
                            "block configuring a state backend. The 'cloud' block is configured "
                            "at {}; a backend is configured at {}. Remove the backend block to "
                            "configure HCP Terraform or Terraform Enteprise.",
                            RangeString(m.terraform.cloud->decl_range),
                            RangeString(m.terraform.backend->decl_range)),
                m.terraform.backend->decl_range);
  }
  for (ProviderConfig& p : f.providers) {
    if (ProviderConfig* existing = Lookup(m.providers, ix.providers, ProviderKey(p))) {
      if (existing->alias.empty()) {
        diags.Error("Duplicate provider configuration",
                    fmt::format("A default (non-aliased) provider configuration for \"{}\" was "
                                "already given at {}. If multiple configurations are required, "
                                "set the \"alias\" argument for alternative configurations.",
                                existing->name, RangeString(existing->decl_range)),
                    p.decl_range);
      } else {
        diags.Error("Duplicate provider configuration",
                    fmt::format("A provider configuration for \"{}\" with alias \"{}\" was "
                                "already given at {}. Each configuration for the same provider "
                                "must have a distinct alias.",
                                existing->name, existing->alias,
                                RangeString(existing->decl_range)),
                    p.decl_range);
      }
      continue;
    }
    Add(m.providers, ix.providers, ProviderKey(p), std::move(p));
  }
  for (Variable& v : f.variables) {
    if (Variable* existing = Lookup(m.variables, ix.variables, v.name)) {
      diags.Error("Duplicate variable declaration",
                  fmt::format("A variable named \"{}\" was already declared at {}. Variable names "
                              "must be unique within a module.",
                              existing->name, RangeString(existing->decl_range)),
                  v.decl_range);
      *existing = std::move(v);
      continue;
    }
    Add(m.variables, ix.variables, v.name, std::move(v));
  }
  for (Local& l : f.locals) {
    if (Local* existing = Lookup(m.locals, ix.locals, l.name)) {
      diags.Error("Duplicate local value definition",
                  fmt::format("A local value named \"{}\" was already defined at {}. Local value "
                              "names must be unique within a module.",
                              existing->name, RangeString(existing->decl_range)),
                  l.decl_range);
      *existing = l;
      continue;
    }
    Add(m.locals, ix.locals, l.name, l);
  }
  for (Output& o : f.outputs) {
    if (Output* existing = Lookup(m.outputs, ix.outputs, o.name)) {
      diags.Error("Duplicate output definition",
                  fmt::format("An output named \"{}\" was already defined at {}. Output names "
                              "must be unique within a module.",
                              existing->name, RangeString(existing->decl_range)),
                  o.decl_range);
      *existing = std::move(o);
      continue;
    }
    Add(m.outputs, ix.outputs, o.name, std::move(o));
  }
  for (ModuleCall& mc : f.module_calls) {
    if (ModuleCall* existing = Lookup(m.module_calls, ix.module_calls, mc.name)) {
      diags.Error("Duplicate module call",
                  fmt::format("A module call named \"{}\" was already defined at {}. Module calls "
                              "must have unique names within a module.",
                              existing->name, RangeString(existing->decl_range)),
                  mc.decl_range);
      *existing = std::move(mc);
      continue;
    }
    Add(m.module_calls, ix.module_calls, mc.name, std::move(mc));
  }
  for (Resource& r : f.resources) {
    if (Resource* existing = Lookup(m.resources, ix.resources, ResourceKey(r))) {
      diags.Error(fmt::format("Duplicate resource \"{}\" configuration", existing->type),
                  fmt::format("A {} resource named \"{}\" was already declared at {}. Resource "
                              "names must be unique per type in each module.",
                              existing->type, existing->name, RangeString(existing->decl_range)),
                  r.decl_range);
      continue;
    }
    Add(m.resources, ix.resources, ResourceKey(r), std::move(r));
  }
  for (Resource& r : f.data_resources) {
    if (Resource* existing = Lookup(m.data_resources, ix.data, ResourceKey(r))) {
      diags.Error(fmt::format("Duplicate data \"{}\" configuration", existing->type),
                  fmt::format("A {} data resource named \"{}\" was already declared at {}. "
                              "Resource names must be unique per type in each module.",
                              existing->type, existing->name, RangeString(existing->decl_range)),
                  r.decl_range);
      continue;
    }
    Add(m.data_resources, ix.data, ResourceKey(r), std::move(r));
  }
  for (Resource& r : f.ephemeral_resources) {
    if (Resource* existing = Lookup(m.resources, ix.resources, ResourceKey(r))) {
      diags.Error(fmt::format("Duplicate ephemeral \"{}\" configuration", existing->type),
                  fmt::format("A {} ephemeral resource named \"{}\" was already declared at {}. "
                              "Resource names must be unique per type in each module.",
                              existing->type, existing->name, RangeString(existing->decl_range)),
                  r.decl_range);
      continue;
    }
    Add(m.resources, ix.resources, ResourceKey(r), std::move(r));
  }
  for (Check& c : f.checks) {
    if (c.data) {
      if (Resource* existing = Lookup(m.data_resources, ix.data, ResourceKey(*c.data))) {
        diags.Error(fmt::format("Duplicate data \"{}\" configuration", existing->type),
                    fmt::format("A {} data resource named \"{}\" was already declared at {}. "
                                "Resource names must be unique per type in each module, "
                                "including within check blocks.",
                                existing->type, existing->name,
                                RangeString(existing->decl_range)),
                    c.data->decl_range);
        continue;
      }
      Add(m.data_resources, ix.data, ResourceKey(*c.data), *c.data);
    }
    if (Check* existing = Lookup(m.checks, ix.checks, c.name)) {
      diags.Error(fmt::format("Duplicate check \"{}\" configuration", existing->name),
                  fmt::format("A check block named \"{}\" was already declared at {}. Check "
                              "blocks must be unique within each module.",
                              existing->name, RangeString(existing->decl_range)),
                  c.decl_range);
      continue;
    }
    Add(m.checks, ix.checks, c.name, std::move(c));
  }
  for (Moved& x : f.moved) m.moved.push_back(x);
  for (Removed& x : f.removed) m.removed.push_back(x);
  for (Import& x : f.imports) {
    if (!x.static_address.empty()) {
      auto [it, inserted] = ix.imports.emplace(x.static_address, m.imports.size());
      if (!inserted) {
        const Import& first = m.imports[it->second];
        diags.Error(fmt::format("Duplicate import configuration for \"{}\"", x.static_address),
                    fmt::format("An import block for the resource \"{}\" was already declared at "
                                "{}. A resource can have only one import block.",
                                x.static_address, RangeString(first.decl_range)),
                    x.to->range);
        continue;
      }
    }
    m.imports.push_back(x);
  }
}

void MergeVariable(Variable& v, const Variable& ov, Diagnostics& diags) {
  if (ov.description) v.description = ov.description;
  if (ov.sensitive) v.sensitive = ov.sensitive;
  if (ov.ephemeral) v.ephemeral = ov.ephemeral;
  if (ov.default_value) {
    v.default_value = ov.default_value;
    v.default_fits_type = ov.default_fits_type;
  }
  if (ov.type) {
    v.type = ov.type;
    v.type_constraint = ov.type_constraint;
  }
  if (ov.nullable) {
    v.nullable = ov.nullable;
    v.nullable_value = ov.nullable_value;
  }
  if (!v.default_value) return;
  Diagnostics ignored;  // the default's own problems were reported when its file was decoded
  Value val = v.default_fits_type ? EvalStatic(*v.default_value, ignored) : Value::DynamicUnknown();
  ConvertResult converted = Convert(val, v.type_constraint);
  std::string err = converted.ok() ? "" : converted.error->Format();
  if (converted.ok()) val = converted.value;
  if (!err.empty()) {
    std::string detail;
    if (ov.type && !ov.default_value) {
      detail = fmt::format(
          "Overriding this variable's type constraint has made its default value invalid: {}.",
          err);
    } else if (!ov.type && ov.default_value) {
      detail = fmt::format(
          "The overridden default value for this variable is not compatible with the variable's "
          "type constraint: {}.",
          err);
    } else {
      detail = fmt::format(
          "This variable's default value is not compatible with its type constraint: {}.", err);
    }
    diags.Error("Invalid default value for variable", detail, ov.decl_range);
  }
  if (!v.nullable_value && val.IsNull()) {
    diags.Error("Invalid default value for variable",
                "A null default value is not valid when nullable=false.", ov.decl_range);
  }
}

void MergeResource(Resource& r, const Resource& o, Diagnostics& diags) {
  if (o.count) r.count = o.count;
  if (o.for_each) r.for_each = o.for_each;
  if (o.provider) r.provider = o.provider;
  if (r.mode == ResourceMode::kManaged) {
    if (o.connection) r.connection = o.connection;
    if (o.create_before_destroy) r.create_before_destroy = o.create_before_destroy;
    if (o.ignore_changes) r.ignore_changes = o.ignore_changes;
    if (o.prevent_destroy) r.prevent_destroy = o.prevent_destroy;
    if (o.replace_triggered_by) r.replace_triggered_by = o.replace_triggered_by;
    if (!o.provisioners.empty()) r.provisioners = o.provisioners;
  }
  r.config.Merge(o.config);
  if (HasDependsOn(o.depends_on)) UnsupportedDependsOnOverride(*o.depends_on, diags);
}

/// Merges each of an override file's resource blocks into the primary declaration of the
/// same address; one without a primary is Terraform's "Missing <what> to override" (`block`
/// names the block type with its article, e.g. "a data").
void MergeResourceOverrides(std::vector<Resource>& overrides, std::vector<Resource>& primary,
                            const NameIndex& index, std::string_view what,
                            std::string_view block, Diagnostics& diags) {
  for (Resource& r : overrides) {
    Resource* existing = Lookup(primary, index, ResourceKey(r));
    if (!existing) {
      diags.Error(fmt::format("Missing {} to override", what),
                  fmt::format("There is no {} {} named \"{}\". An override file can only "
                              "override {} block defined in a primary configuration file.",
                              r.type, what, r.name, block),
                  r.decl_range);
      continue;
    }
    MergeResource(*existing, r, diags);
  }
}

void MergeFile(FileDecls& f, Module& m, Indexes& ix, Diagnostics& diags) {
  if (!f.required_versions.empty()) m.terraform.required_versions = f.required_versions;
  if (!f.backends.empty()) {
    if (f.backends.size() == 1) {
      m.terraform.cloud.reset();
      m.terraform.backend = f.backends[0];
    } else {
      diags.Error("Duplicate backend configuration",
                  fmt::format("Each override file may have only one backend configuration. A "
                              "backend was previously configured at {}.",
                              RangeString(f.backends[0].decl_range)),
                  f.backends[1].decl_range);
    }
  }
  if (!f.clouds.empty()) {
    if (f.clouds.size() == 1) {
      m.terraform.backend.reset();
      m.terraform.cloud = f.clouds[0];
    } else {
      diags.Error("Duplicate HCP Terraform configurations",
                  fmt::format("A module may have only one 'cloud' block configuring HCP "
                              "Terraform or Terraform Enterprise. The 'cloud' block was "
                              "previously configured at {}.",
                              RangeString(f.clouds[0].decl_range)),
                  f.clouds[1].decl_range);
    }
  }
  for (ProviderConfig& p : f.providers) {
    ProviderConfig* existing = Lookup(m.providers, ix.providers, ProviderKey(p));
    if (p.alias.empty()) {
      if (existing) {
        if (p.version) existing->version = p.version;
        existing->config.Merge(p.config);
      } else {
        Add(m.providers, ix.providers, ProviderKey(p), p);
      }
      continue;
    }
    if (!existing) {
      diags.Error("Missing base provider configuration for override",
                  fmt::format("There is no {} provider configuration with the alias \"{}\". An "
                              "override file can only override an aliased provider "
                              "configuration that was already defined in a primary "
                              "configuration file.",
                              p.name, p.alias),
                  p.decl_range);
      continue;
    }
    if (p.version) existing->version = p.version;
    existing->config.Merge(p.config);
  }
  for (Variable& v : f.variables) {
    Variable* existing = Lookup(m.variables, ix.variables, v.name);
    if (!existing) {
      diags.Error("Missing base variable declaration to override",
                  fmt::format("There is no variable named \"{}\". An override file can only "
                              "override a variable that was already declared in a primary "
                              "configuration file.",
                              v.name),
                  v.decl_range);
      continue;
    }
    MergeVariable(*existing, v, diags);
  }
  for (Local& l : f.locals) {
    Local* existing = Lookup(m.locals, ix.locals, l.name);
    if (!existing) {
      diags.Error("Missing base local value definition to override",
                  fmt::format("There is no local value named \"{}\". An override file can only "
                              "override a local value that was already defined in a primary "
                              "configuration file.",
                              l.name),
                  l.decl_range);
      continue;
    }
    existing->expr = l.expr;
    existing->decl_range = l.decl_range;
  }
  for (Output& o : f.outputs) {
    Output* existing = Lookup(m.outputs, ix.outputs, o.name);
    if (!existing) {
      diags.Error("Missing base output definition to override",
                  fmt::format("There is no output named \"{}\". An override file can only "
                              "override an output that was already defined in a primary "
                              "configuration file.",
                              o.name),
                  o.decl_range);
      continue;
    }
    if (o.description) existing->description = o.description;
    if (o.value) existing->value = o.value;
    if (o.sensitive) existing->sensitive = o.sensitive;
    if (o.ephemeral) existing->ephemeral = o.ephemeral;
    if (HasDependsOn(o.depends_on)) UnsupportedDependsOnOverride(*o.depends_on, diags);
  }
  for (ModuleCall& mc : f.module_calls) {
    ModuleCall* existing = Lookup(m.module_calls, ix.module_calls, mc.name);
    if (!existing) {
      diags.Error("Missing module call to override",
                  fmt::format("There is no module call named \"{}\". An override file can only "
                              "override a module call that was defined in a primary "
                              "configuration file.",
                              mc.name),
                  mc.decl_range);
      continue;
    }
    if (mc.source) {
      existing->source = mc.source;
      existing->source_text = mc.source_text;
    }
    if (mc.count) existing->count = mc.count;
    if (mc.for_each) existing->for_each = mc.for_each;
    if (mc.version) existing->version = mc.version;
    existing->config.Merge(mc.config);
    if (mc.providers) existing->providers = mc.providers;
    // Terraform checks the *base* module call's depends_on here (module_merge.go); we match it.
    if (HasDependsOn(existing->depends_on)) {
      UnsupportedDependsOnOverride(*existing->depends_on, diags);
    }
  }
  MergeResourceOverrides(f.resources, m.resources, ix.resources, "resource", "a resource",
                         diags);
  MergeResourceOverrides(f.data_resources, m.data_resources, ix.data, "data resource",
                         "a data", diags);
  MergeResourceOverrides(f.ephemeral_resources, m.resources, ix.resources, "ephemeral resource",
                         "an ephemeral", diags);
  for (Moved& x : f.moved) {
    diags.Error("Cannot override 'moved' blocks",
                "Records of moved objects can appear only in normal files, not in override files.",
                x.decl_range);
  }
  // Terraform 1.11 neither merges nor rejects `removed` blocks of override files: they are
  // ignored, and so are they here.
  for (Import& x : f.imports) {
    diags.Error("Cannot override 'import' blocks",
                "Import blocks can appear only in normal files, not in override files.",
                x.decl_range);
  }
}

}  // namespace

void AssembleModule(std::vector<FileDecls>& primary, std::vector<FileDecls>& overrides,
                    Module& module, Diagnostics& diags) {
  bool have_required_providers = false;
  for (FileDecls& f : primary) {
    for (FileDecls::RequiredProvidersBlock& rp : f.required_providers) {
      if (have_required_providers) {
        diags.Error("Duplicate required providers configuration",
                    fmt::format("A module may have only one required providers configuration. "
                                "The required providers were previously configured at {}.",
                                RangeString(*module.terraform.required_providers_range)),
                    rp.decl_range);
        continue;
      }
      have_required_providers = true;
      module.terraform.required_providers_range = rp.decl_range;
      module.terraform.required_providers = rp.providers;
    }
  }
  for (FileDecls& f : overrides) {
    for (FileDecls::RequiredProvidersBlock& rp : f.required_providers) {
      for (RequiredProvider& p : rp.providers) {
        auto& list = module.terraform.required_providers;
        auto it = std::find_if(list.begin(), list.end(),
                               [&](const RequiredProvider& x) { return x.name == p.name; });
        if (it != list.end()) {
          *it = p;
        } else {
          list.push_back(p);
        }
      }
    }
  }
  Indexes indexes;
  for (FileDecls& f : primary) AppendFile(f, module, indexes, diags);
  for (FileDecls& f : overrides) MergeFile(f, module, indexes, diags);
}

}  // namespace cairn::config
