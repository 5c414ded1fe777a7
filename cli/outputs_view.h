#pragma once
/// Output values as Terraform's human views show them (`output`, the Outputs: section of
/// `apply`): `name = value` in console notation, `<sensitive>` for sensitive ones.

#include <map>
#include <string>

#include "state/state.h"

namespace cairn::cli {

using OutputStates = std::map<std::string, state::OutputState, std::less<>>;

/// One `name = value` line per output, sorted by name, sensitive values as `<sensitive>`;
/// every line ends with "\n".
std::string RenderOutputLines(const OutputStates& outputs);

}  // namespace cairn::cli
