#include <fmt/format.h>

#include <filesystem>

#include "lang/config/loader.h"
#include "planner/plan/planner.h"

namespace cairn::planner {
namespace {

bool IsLocalSource(const std::string& s) {
  return s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s == "." || s == "..";
}

void LoadChildren(ModuleTree& node, const std::string& dir, int depth, Diagnostics& diags) {
  for (const config::ModuleCall& call : node.module->module_calls) {
    if (!IsLocalSource(call.source_text)) {
      diags.Error("Module not installed",
                  fmt::format("This module's source {} is not a local path (\"./...\" or "
                              "\"../...\"). Cairn never downloads modules: copy the module "
                              "into the configuration and use a local source path.",
                              call.source_text.empty() ? "" : "\"" + call.source_text + "\""),
                  call.source ? call.source->range : call.decl_range);
      continue;
    }
    if (depth > 64) {
      diags.Error("Module calls nested too deeply",
                  "Module calls are nested more than 64 levels deep; a module probably calls "
                  "itself.",
                  call.decl_range);
      continue;
    }
    std::filesystem::path child_dir =
        (std::filesystem::path(dir) / call.source_text).lexically_normal();
    std::string child = child_dir.generic_string();
    if (child.size() > 1 && child.back() == '/') child.pop_back();
    std::error_code ec;
    if (!std::filesystem::is_directory(child_dir, ec)) {
      diags.Error("Unreadable module directory",
                  fmt::format("The directory {} does not exist or cannot be read.", child),
                  call.source ? call.source->range : call.decl_range);
      continue;
    }
    config::LoadResult loaded = config::LoadModule(child);
    diags.Append(loaded.diagnostics);
    auto tree = std::make_unique<ModuleTree>();
    tree->owned = std::make_unique<config::Module>(std::move(loaded.module));
    if (tree->owned->dir.empty()) tree->owned->dir = child;
    tree->module = tree->owned.get();
    LoadChildren(*tree, child, depth + 1, diags);
    node.children[call.name] = std::move(tree);
  }
}

}  // namespace

LoadModuleTreeResult LoadModuleTree(const config::Module& root) {
  LoadModuleTreeResult out;
  out.tree = std::make_unique<ModuleTree>();
  std::string dir = root.dir.empty() ? "." : root.dir;
  out.tree->module = &root;
  LoadChildren(*out.tree, dir, 0, out.diagnostics);
  return out;
}

}  // namespace cairn::planner
