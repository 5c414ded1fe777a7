#pragma once
/// Where `plan` and `apply` get providers: the built-in ones (providers/builtin.h); plugins
/// come with #5.

#include <map>
#include <memory>
#include <string>

#include "planner/plan/planner.h"

namespace cairn::cli {

/// Resolves sources to built-in providers, one instance per source for the command's life.
class BuiltinProviderResolver : public planner::ProviderResolver {
 public:
  providers::Provider* Resolve(std::string_view source) override;

 private:
  std::map<std::string, std::unique_ptr<providers::Provider>, std::less<>> providers_;
};

}  // namespace cairn::cli
