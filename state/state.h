#pragma once
/// The state: what Cairn last recorded about a working directory's infrastructure, in
/// Terraform's v4 state file layout. Pure data; reading and writing live in statefile.h,
/// storage and locking behind StateStore (store.h).

#include <cstdint>
#include <map>
#include <string>

#include "lang/base/value.h"

namespace cairn::state {

/// The Terraform release whose state format Cairn writes; used as `terraform_version` of a
/// state Cairn creates (a state read from a file keeps the version it was written with).
inline constexpr const char* kTerraformCompatVersion = "1.11.0";

/// A root module output recorded in the state. Its type is `value.type()`.
struct OutputState {
  Value value;  ///< unmarked; `sensitive` says whether it may be shown
  bool sensitive = false;
};

/// A state snapshot. Invariant: `resources_json` and `check_results_json` are compact JSON
/// texts (an array; an array or `null`), kept exactly as read until a planner owns them.
struct State {
  std::string terraform_version = kTerraformCompatVersion;
  /// The Cairn version that last wrote the file ("" when Terraform wrote it).
  std::string cairn_version;
  uint64_t serial = 0;
  std::string lineage;  ///< "" until the first write assigns a random UUID
  std::map<std::string, OutputState, std::less<>> outputs;
  std::string resources_json = "[]";
  std::string check_results_json = "null";
};

/// Whether two states record the same outputs, resources and check results (Terraform's
/// StatesMarshalEqual: serial, lineage and versions are not compared).
bool SameContent(const State& a, const State& b);

}  // namespace cairn::state
