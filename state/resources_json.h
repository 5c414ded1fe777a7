#pragma once
/// The state file's `resources` array (Terraform's v4 layout), read into and written from
/// `State::resources` in one pass over the text each way: no JSON DOM is built, each
/// instance's `attributes` object is sliced out of the input and compacted into its
/// ObjectState, so a state of a million instances costs a million short strings.
/// Internal to state/statefile.cc; resources_read.cc and resources_write.cc implement it.

#include <optional>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/go_json_syntax.h"
#include "state/state.h"

namespace cairn::state {

/// Reads `resources` (a valid JSON array span) as Terraform's readStateV4 does.
/// `first_error` receives the first error Go's json.Unmarshal would report (field type
/// errors "The state file field \"resources.instances.schema_version\" has invalid value
/// string", bad base64 in `private`...) unless it is already set; such an error makes the
/// whole file unusable. Terraform's later checks (resource mode, module address, instance
/// key, status, deposed key, duplicates, dependencies, sensitive paths) add diagnostics to
/// `diags`. `out` is sorted by address with one entry per address (entries of one address
/// are merged, as Terraform merges them).
void ReadResourcesJson(const JsonSpan& resources, std::vector<ResourceState>& out,
                       std::optional<std::string>& first_error, Diagnostics& diags);

/// Appends the `resources` array as Terraform's writeStateV4 writes it with
/// json.MarshalIndent(state, "", "  "): the array's first line continues the current line,
/// nested lines are indented from depth one; resources in Terraform's file order (module
/// address text, then mode text "data" < "managed", type, name), instances by key with the
/// current object before deposed ones.
void AppendResourcesJson(std::string& out, const std::vector<ResourceState>& resources);

}  // namespace cairn::state
