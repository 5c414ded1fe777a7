#include "lang/config/config_tree.h"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "lang/config/loader.h"

namespace cairn::config {
namespace {

namespace fs = std::filesystem;

bool IsLocalSource(std::string_view s) {
  return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s == "." || s == "..";
}

void LoadChildren(Config& parent, const fs::path& parent_dir, std::vector<fs::path>& stack,
                  Diagnostics& diags) {
  std::vector<const ModuleCall*> calls;
  for (const ModuleCall& call : parent.module.module_calls) calls.push_back(&call);
  std::sort(calls.begin(), calls.end(),
            [](const ModuleCall* a, const ModuleCall* b) { return a->name < b->name; });
  for (const ModuleCall* call : calls) {
    if (!call->source) continue;
    if (!IsLocalSource(call->source_text)) {
      parent.remote_calls.push_back(call->name);
      continue;
    }
    fs::path dir = (parent_dir / call->source_text).lexically_normal();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(dir, ec);
    if (std::find(stack.begin(), stack.end(), canonical) != stack.end()) {
      diags.Error("Recursive module call",
                  fmt::format("Module \"{}\" calls {}, which is already being loaded by one of "
                              "its callers; modules cannot call themselves.",
                              call->name, dir.generic_string()),
                  call->source->range);
      continue;
    }
    auto child = std::make_unique<Config>();
    child->path = parent.path.empty() ? call->name : parent.path + "." + call->name;
    std::string dir_text = dir.generic_string();
    if (!fs::is_directory(dir, ec)) {
      diags.Error("Unreadable module directory",
                  fmt::format("The directory {} could not be read for module \"{}\" at {}:{}.",
                              dir_text, call->name, call->decl_range.filename.str(),
                              call->decl_range.start.line),
                  call->decl_range);
      continue;
    }
    LoadResult loaded = LoadModule(dir_text);
    diags.Append(loaded.diagnostics);
    child->module = std::move(loaded.module);
    stack.push_back(canonical);
    LoadChildren(*child, dir, stack, diags);
    stack.pop_back();
    parent.children.push_back(std::move(child));
  }
}

}  // namespace

ConfigResult LoadConfig(std::string_view dir) {
  ConfigResult result;
  LoadResult root = LoadModule(dir);
  result.diagnostics = std::move(root.diagnostics);
  result.root.module = std::move(root.module);
  if (result.diagnostics.HasErrors()) return result;
  std::error_code ec;
  std::vector<fs::path> stack{fs::weakly_canonical(fs::path(dir), ec)};
  LoadChildren(result.root, fs::path(dir), stack, result.diagnostics);
  return result;
}

}  // namespace cairn::config
