#pragma once
/// Every subcommand is a function from its arguments (after the subcommand name, flags as the
/// user wrote them) to an exit code, writing only through `Streams`.

#include <string>
#include <vector>

#include "cli/streams.h"

namespace cairn::cli {

using Args = std::vector<std::string>;

int RunVersion(const Args& args, Streams& io);

}  // namespace cairn::cli
