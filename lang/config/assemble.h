#pragma once
/// Combining decoded files into one Module (Terraform's NewModule): primary files are appended
/// (duplicate declarations are errors), then override files are merged into what they override
/// (Terraform's module_merge.go rules).

#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/config/decode.h"
#include "lang/config/module.h"

namespace cairn::config {

/// Fills `module`'s declaration lists from the decoded files.
void AssembleModule(std::vector<FileDecls>& primary, std::vector<FileDecls>& overrides,
                    Module& module, Diagnostics& diags);

}  // namespace cairn::config
