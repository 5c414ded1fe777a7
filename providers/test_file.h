#pragma once
/// `test_file`, a resource of the test provider whose objects are real files, so that crash
/// tests can count what exists: each object is `DIRECTORY/<id>.json`, where `id` is random
/// (as a cloud's ids are), holding the object's name, content and the idempotency token of
/// the create that made it. Orphans (files no state records) and duplicates (two files of
/// one name) are visible on disk.
///
///   directory  required string; a change requires replacement
///   name       required string; a change requires replacement
///   content    optional string
///   delay_ms   optional number: a delete sleeps this long first; a create or update sleeps
///              half of it, writes, and sleeps the other half before it answers (so a crash
///              can leave a file made but never reported). A provider Stop() during the first
///              sleep ends the operation unmade ("Operation stopped"); the second half is not
///              cut short. A plugin whose client died starts nothing new
///   id         computed string (16 random hex digits)
///
/// ReadResource with an idempotency token looks for the file its create wrote.

#include <atomic>

#include "providers/provider.h"

namespace cairn::providers {

inline constexpr std::string_view kTestFileType = "test_file";

Schema TestFileSchema();
PlanResourceChangeResponse PlanTestFile(const PlanResourceChangeRequest& request);
ApplyResourceChangeResponse ApplyTestFile(const ApplyResourceChangeRequest& request,
                                          const std::atomic<bool>& stopped);
ReadResourceResponse ReadTestFile(const ReadResourceRequest& request);

}  // namespace cairn::providers
