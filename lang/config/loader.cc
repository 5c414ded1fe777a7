#include "lang/config/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "lang/config/assemble.h"
#include "lang/config/decode.h"
#include "lang/syntax/parser.h"

namespace cairn::config {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

/// Terraform's IsIgnoredFile.
bool IsIgnoredFile(std::string_view name) {
  return name.empty() || name.front() == '.' || name.back() == '~' ||
         (name.front() == '#' && name.back() == '#');
}

bool IsOverride(std::string_view name, std::string_view ext) {
  std::string_view base = name.substr(0, name.size() - ext.size());
  return base == "override" || EndsWith(base, "_override");
}

/// The directory as it should prefix file names: relative to the working directory when given
/// as an absolute path (as Terraform prints them).
fs::path DisplayDir(std::string_view dir) {
  fs::path p(dir);
  if (p.is_absolute()) {
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    if (!ec) {
      fs::path rel = p.lexically_normal().lexically_relative(cwd.lexically_normal());
      if (!rel.empty()) p = rel;
    }
  }
  return p;
}

std::string DisplayName(const fs::path& dir, const std::string& name) {
  std::string s = (dir / name).lexically_normal().generic_string();
  return s;
}

}  // namespace

LoadResult LoadModule(std::string_view dir) {
  LoadResult result;
  result.module.dir = std::string(dir);
  Diagnostics& diags = result.diagnostics;

  std::error_code ec;
  fs::directory_iterator it(fs::path(dir), ec);
  if (ec || !fs::is_directory(fs::path(dir))) {
    diags.Error("Failed to read module directory",
                fmt::format("Module directory {} does not exist or cannot be read.", dir));
    return result;
  }
  std::vector<std::string> primary_names, override_names;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    std::error_code type_ec;
    if (it->is_directory(type_ec)) continue;
    std::string name = it->path().filename().string();
    if (IsIgnoredFile(name)) continue;
    std::string_view ext = EndsWith(name, ".tf")      ? ".tf"
                           : EndsWith(name, ".cairn") ? ".cairn"
                           : EndsWith(name, ".tf.json") ? ".tf.json"
                                                        : "";
    if (ext.empty()) continue;
    (IsOverride(name, ext) ? override_names : primary_names).push_back(name);
  }
  std::sort(primary_names.begin(), primary_names.end());
  std::sort(override_names.begin(), override_names.end());

  fs::path display_dir = DisplayDir(dir);
  auto load_group = [&](const std::vector<std::string>& names, bool override_file,
                        std::vector<FileDecls>& decls) {
    for (const std::string& name : names) {
      std::string display = DisplayName(display_dir, name);
      if (EndsWith(name, ".tf.json")) {
        diags.Warning("JSON configuration files are not supported",
                      fmt::format("Cairn does not read the JSON configuration syntax yet, so "
                                  "{} was skipped.",
                                  display));
        continue;
      }
      std::ifstream in(fs::path(dir) / name, std::ios::binary);
      if (!in) {
        diags.Error("Failed to read file",
                    fmt::format("The file \"{}\" could not be read.", display));
        continue;
      }
      std::ostringstream buf;
      buf << in.rdbuf();
      syntax::ParseResult parsed = syntax::ParseFile(buf.str(), display);
      diags.Append(parsed.diagnostics);
      decls.push_back(DecodeFile(*parsed.file, override_file, diags));
      result.module.files.push_back(std::move(parsed.file));
    }
  };
  std::vector<FileDecls> primary, overrides;
  load_group(primary_names, false, primary);
  load_group(override_names, true, overrides);
  AssembleModule(primary, overrides, result.module, diags);
  return result;
}

}  // namespace cairn::config
