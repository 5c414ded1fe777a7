#pragma once
/// Deterministic generators of realistic configurations for benchmarks.

#include <cstddef>
#include <string>

namespace cairn::bench {

/// Returns a configuration of at least `target_bytes` bytes exercising most of the syntax
/// (resources with nested blocks, variables with types and validations, locals with maps and
/// `for` expressions, templates, heredocs, comments, conditionals, splats, function calls), with
/// uneven spacing so that formatting has work to do. The same arguments give the same text.
std::string GenerateConfig(size_t target_bytes, unsigned seed = 1);

}  // namespace cairn::bench
