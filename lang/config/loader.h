#pragma once
/// Loading a configuration directory: Terraform's LoadConfigDir for `*.tf` and `*.cairn` files.

#include <string_view>

#include "lang/base/diagnostic.h"
#include "lang/config/module.h"

namespace cairn::config {

struct LoadResult {
  Module module;
  /// In Terraform's order (not sorted): per primary file its syntax then decoding problems,
  /// then the override files likewise, then duplicate/override problems across files.
  Diagnostics diagnostics;
};

/// Reads every `*.tf` and `*.cairn` file directly in `dir` (not subdirectories; hidden, `~` and
/// `#...#` editor files skipped), primary files in name order, then the override files
/// (`override.tf`, `*_override.tf`, likewise for `.cairn`) merged into them. File names in
/// diagnostics are `dir` joined with the file's name, relative to the working directory when
/// `dir` is absolute. `*.tf.json` files are not supported: each gets a warning and is skipped.
/// A directory that cannot be read is an error ("Failed to read module directory").
LoadResult LoadModule(std::string_view dir);

}  // namespace cairn::config
