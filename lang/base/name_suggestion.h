#pragma once
/// "Did you mean" suggestions, as Terraform makes them (its didyoumean package).

#include <string>
#include <string_view>
#include <vector>

namespace cairn {

/// The Levenshtein distance between `a` and `b`, over bytes (the names compared are
/// identifiers and commands, ASCII in practice). O(|a|·|b|) time, O(|b|) memory.
size_t EditDistance(std::string_view a, std::string_view b);

/// Terraform's didyoumean.NameSuggestion: the first of `candidates` within edit distance 2
/// of `given`, or "" when none is.
std::string NameSuggestion(std::string_view given, const std::vector<std::string>& candidates);
std::string NameSuggestion(std::string_view given, const std::vector<std::string_view>& candidates);

}  // namespace cairn
