#include "lang/base/name_suggestion.h"

#include <algorithm>

namespace cairn {
namespace {

template <typename Candidates>
std::string FirstWithinTwo(std::string_view given, const Candidates& candidates) {
  for (std::string_view c : candidates) {
    if (EditDistance(given, c) < 3) return std::string(c);
  }
  return "";
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string NameSuggestion(std::string_view given, const std::vector<std::string>& candidates) {
  return FirstWithinTwo(given, candidates);
}

std::string NameSuggestion(std::string_view given,
                           const std::vector<std::string_view>& candidates) {
  return FirstWithinTwo(given, candidates);
}

}  // namespace cairn
