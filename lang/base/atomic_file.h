#pragma once
/// Replacing a file's content so that a crash at any moment leaves either the old content or
/// the new one, never a truncated or half-written file.

#include <functional>
#include <string>
#include <string_view>

namespace cairn {

/// Writes `content` to a temporary file beside `path`, fsyncs it, gives it `path`'s permission
/// bits (or `new_file_mode` when `path` does not exist yet), renames it over `path` and fsyncs
/// the directory. On failure returns false with `error` set (errno's text) and leaves `path` as
/// it was; the temporary file is removed.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         unsigned new_file_mode = 0644);

/// As above; `before_rename` is called with the temporary file's descriptor once its content
/// is synced, just before the file replaces `path` (the descriptor is closed afterwards: dup
/// it to keep the open file, e.g. to go on holding a lock on it). When it returns false the
/// write is abandoned, with `error` as it set it.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error,
                         unsigned new_file_mode,
                         const std::function<bool(int fd, std::string* error)>& before_rename);

}  // namespace cairn
