#pragma once
/// Replacing a file's content so that a crash at any moment leaves either the old content or
/// the new one, never a truncated or half-written file.

#include <string>
#include <string_view>

namespace cairn {

/// Writes `content` to a temporary file beside `path`, fsyncs it, gives it `path`'s permission
/// bits (or `new_file_mode` when `path` does not exist yet), renames it over `path` and fsyncs
/// the directory. On failure returns false with `error` set (errno's text) and leaves `path` as
/// it was; the temporary file is removed.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         unsigned new_file_mode = 0644);

}  // namespace cairn
