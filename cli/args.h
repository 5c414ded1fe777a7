#pragma once
/// Terraform spells long flags with one dash (`-check`, `-write=false`); CLI11 wants two.

#include <string>
#include <vector>

namespace cairn::cli {

/// Rewrites `-name` and `-name=value` (a single dash and at least two characters) to
/// `--name...` so CLI11 parses Terraform-style flags. `-` alone (standard input) and anything
/// after `--` are left as they are.
std::vector<std::string> NormalizeFlags(const std::vector<std::string>& args);

}  // namespace cairn::cli
