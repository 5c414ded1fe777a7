#pragma once
/// What `console`, `plan` and `apply` share: the root module of the working directory loaded,
/// its input variables collected (-var, -var-file, tfvars files, environment), and the
/// sources diagnostics quote.

#include <memory>
#include <string>
#include <vector>

#include "cli/streams.h"
#include "lang/base/diagnostic.h"
#include "lang/config/loader.h"
#include "lang/syntax/navigation.h"
#include "planner/values/input_values.h"

namespace cairn::cli {

/// A loaded root module. Not movable: `sources` points into `loaded` and `inputs`.
struct RootModule {
  config::LoadResult loaded;
  planner::CollectInputsResult inputs;
  syntax::ParsedSources sources;
  /// Load and input diagnostics, in Terraform's order.
  Diagnostics diagnostics;
};

/// Loads the module in `dir` and collects its input values. With `unset_as_unknown`, required
/// variables without a value are unknown instead of an error (as `terraform console` does).
/// With `ask` (an interactive terminal and -input=true), required variables that have no
/// value are asked for on it first, as Terraform's UIInput asks: in name order, the
/// description's lines indented, then "  Enter a value: " (bold with `color`).
std::unique_ptr<RootModule> LoadRootModule(const std::string& dir,
                                           const std::vector<planner::VarArgument>& vars,
                                           bool unset_as_unknown, Streams* ask = nullptr,
                                           bool color = false);

/// Prints diagnostics as Terraform's human views do: errors to stderr, warnings to stdout.
void PrintDiagnostics(const Diagnostics& diags, const SourceIndex& sources, Streams& io,
                      bool color);

}  // namespace cairn::cli
