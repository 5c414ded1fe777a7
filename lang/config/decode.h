#pragma once
/// Decoding one parsed file's top-level blocks into declarations (Terraform's parseConfigFile
/// and the decode*Block functions of internal/configs), with Terraform's load-time diagnostics.
/// Detecting duplicates across files and applying overrides is assemble.h's job.

#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/config/module.h"

namespace cairn::config {

/// The declarations of one file, in source order.
struct FileDecls {
  std::vector<RequiredVersion> required_versions;
  struct RequiredProvidersBlock {
    Range decl_range;
    std::vector<RequiredProvider> providers;
  };
  std::vector<RequiredProvidersBlock> required_providers;
  std::vector<Backend> backends;
  std::vector<Backend> clouds;
  std::vector<ProviderConfig> providers;
  std::vector<Variable> variables;
  std::vector<Local> locals;
  std::vector<Output> outputs;
  std::vector<ModuleCall> module_calls;
  std::vector<Resource> resources;
  std::vector<Resource> ephemeral_resources;
  std::vector<Resource> data_resources;
  std::vector<Moved> moved;
  std::vector<Removed> removed;
  std::vector<Import> imports;
  std::vector<Check> checks;
};

/// Decodes `file`. `override_file` relaxes required arguments as Terraform does for
/// `override.tf` / `*_override.tf` files.
FileDecls DecodeFile(const ast::File& file, bool override_file, Diagnostics& diags);

}  // namespace cairn::config
