#include "cli/args.h"

namespace cairn::cli {

std::vector<std::string> NormalizeFlags(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool passthrough = false;
  for (const auto& a : args) {
    if (passthrough) {
      out.push_back(a);
      continue;
    }
    if (a == "--") {
      passthrough = true;
      out.push_back(a);
      continue;
    }
    if (a.size() >= 3 && a[0] == '-' && a[1] != '-') {
      out.push_back("-" + a);
    } else {
      out.push_back(a);
    }
  }
  return out;
}

}  // namespace cairn::cli
