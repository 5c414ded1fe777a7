#pragma once
/// The state file: Terraform's v4 JSON layout, read the way Terraform reads it (the `version`
/// checked first, Terraform's errors for unusable files) and written normalized (Terraform's
/// field order, outputs sorted by name, object keys sorted, two-space indentation, a final
/// newline), so equal states are equal bytes.

#include <optional>
#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "state/state.h"

namespace cairn::state {

struct ReadStateResult {
  /// The state; nullopt when there is none (an empty file) or the file is unusable.
  std::optional<State> state;
  Diagnostics diagnostics;
};

/// Parses the bytes of a state file. Versions other than 4 are errors (Terraform's "Unsupported
/// state file format" texts; versions 1-3 need an upgrade by Terraform first); so are invalid
/// JSON, fields of the wrong JSON type and output values that do not match their type.
ReadStateResult ReadStateFile(std::string_view bytes);

struct WriteStateResult {
  std::string bytes;
  std::string error;  ///< empty on success (fails only for an output value that is not known)
  bool ok() const { return error.empty(); }
};

/// The file bytes for `state`. `cairn_version` is written when non-empty.
WriteStateResult WriteStateFile(const State& state);

}  // namespace cairn::state
