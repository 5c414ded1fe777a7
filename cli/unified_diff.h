#pragma once
/// `fmt -diff`'s unified diff. Like Terraform, it runs the system's `diff -u` on two temporary
/// files, so the hunks are exactly GNU diff's.

#include <string>
#include <string_view>

namespace cairn::cli {

/// Returns `diff --label=old/PATH --label=new/PATH -u` of `before` and `after` in `out`.
/// Returns false with a reason in `error` when the diff could not be produced.
bool UnifiedDiff(std::string_view before, std::string_view after, const std::string& path,
                 std::string& out, std::string& error);

}  // namespace cairn::cli
