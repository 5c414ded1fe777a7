#pragma once
/// Go's path/filepath functions on Unix (Clean, Join, Dir, Base, IsAbs, Rel), which Terraform's
/// filesystem functions use, so paths and the paths in errors come out as Terraform prints
/// them.

#include <optional>
#include <string>
#include <string_view>

namespace cairn::eval::functions {

/// filepath.Clean: the shortest equivalent path ("" becomes ".").
std::string GoCleanPath(std::string_view path);
/// filepath.Join(a, b): empty elements ignored, the result cleaned ("" when both are empty).
std::string GoJoinPath(std::string_view a, std::string_view b);
/// filepath.Dir.
std::string GoDirPath(std::string_view path);
/// filepath.Base.
std::string GoBasePath(std::string_view path);
inline bool GoIsAbsPath(std::string_view path) { return !path.empty() && path[0] == '/'; }
/// filepath.Rel; nullopt when `target` cannot be made relative to `base`.
std::optional<std::string> GoRelPath(std::string_view base, std::string_view target);

}  // namespace cairn::eval::functions
