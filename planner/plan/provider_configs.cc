#include "planner/plan/provider_configs.h"

#include <fmt/format.h>

#include "planner/plan/planner.h"

namespace cairn::planner {
namespace {

/// `name` or `name.alias` as a traversal in a `providers` map; false for anything else.
bool ProviderTraversal(const ast::Expr* e, std::string* name, std::string* alias) {
  if (!e || e->kind != ast::ExprKind::kScopeTraversal || e->steps.size() > 1) return false;
  *name = e->root_name;
  alias->clear();
  if (!e->steps.empty()) {
    if (e->steps[0].kind != ast::TraversalStep::Kind::kAttr) return false;
    *alias = e->steps[0].name;
  }
  return true;
}

const config::ProviderConfig* FindBlock(const config::Module& m, const std::string& local,
                                        const std::string& alias) {
  for (const config::ProviderConfig& p : m.providers) {
    if (p.name == local && p.alias == alias) return &p;
  }
  return nullptr;
}

}  // namespace

std::string ProviderConfigRef::Address(std::string_view source) const {
  std::string out;
  for (const std::string& step : module) out += "module." + step + ".";
  out += "provider[\"" + std::string(source) + "\"]";
  if (!alias.empty()) out += "." + alias;
  return out;
}

std::optional<ProviderConfigRef> ResolveProviderConfig(const ModuleTree& root,
                                                       const std::vector<std::string>& path,
                                                       const std::string& local,
                                                       const std::string& alias) {
  // trees[i] is the module at path[0..i); calls[i] the call that loads trees[i + 1].
  std::vector<const ModuleTree*> trees = {&root};
  std::vector<const config::ModuleCall*> calls;
  for (const std::string& step : path) {
    const ModuleTree* t = trees.back();
    auto it = t->children.find(step);
    if (it == t->children.end()) return std::nullopt;
    const config::ModuleCall* call = nullptr;
    for (const config::ModuleCall& c : t->module->module_calls) {
      if (c.name == step) call = &c;
    }
    calls.push_back(call);
    trees.push_back(it->second.get());
  }
  std::string name = local, al = alias;
  for (size_t depth = trees.size(); depth-- > 0;) {
    if (const config::ProviderConfig* b = FindBlock(*trees[depth]->module, name, al)) {
      return ProviderConfigRef{std::vector<std::string>(path.begin(), path.begin() +
                                                        static_cast<std::ptrdiff_t>(depth)),
                               name, al, b};
    }
    if (depth == 0) {
      if (!al.empty()) return std::nullopt;
      return ProviderConfigRef{{}, name, "", nullptr};
    }
    // What the call passes for `name`/`name.alias`, if anything.
    const config::ModuleCall* call = calls[depth - 1];
    bool passed = false;
    if (call && call->providers && call->providers->kind == ast::ExprKind::kObject) {
      for (const ast::ObjectItem& item : call->providers->object_items) {
        std::string kn, ka, vn, va;
        if (!ProviderTraversal(item.key.get(), &kn, &ka) ||
            !ProviderTraversal(item.value.get(), &vn, &va)) {
          continue;
        }
        if (kn == name && ka == al) {
          name = vn;
          al = va;
          passed = true;
          break;
        }
      }
    }
    // Without a `providers` entry only the default configuration is inherited.
    if (!passed && !al.empty()) return std::nullopt;
  }
  return std::nullopt;
}

namespace {

void CheckMaps(const ModuleTree& tree, const std::string& path, Diagnostics& out) {
  for (const config::ModuleCall& call : tree.module->module_calls) {
    auto child = tree.children.find(call.name);
    if (child == tree.children.end()) continue;
    std::string child_path = (path.empty() ? "" : path + ".") + "module." + call.name;
    if (call.providers && call.providers->kind == ast::ExprKind::kObject) {
      for (const ast::ObjectItem& item : call.providers->object_items) {
        std::string name, alias;
        if (!ProviderTraversal(item.key.get(), &name, &alias)) continue;
        bool declared = false;
        for (const config::RequiredProvider& rp :
             child->second->module->terraform.required_providers) {
          declared = declared || rp.name == name;
        }
        if (declared) continue;
        std::string display = "hashicorp/" + name;
        out.Warning("Reference to undefined provider",
                    fmt::format("There is no explicit declaration for local provider name "
                                "\"{}\" in {}, so Terraform is assuming you mean to pass a "
                                "configuration for \"{}\".\n\nIf you also control the child "
                                "module, add a required_providers entry named \"{}\" with the "
                                "source address \"{}\".",
                                name, child_path, display, name, display),
                    item.key->range);
      }
    }
    CheckMaps(*child->second, child_path, out);
  }
}

}  // namespace

Diagnostics CheckProvidersMaps(const ModuleTree& root) {
  Diagnostics out;
  CheckMaps(root, "", out);
  return out;
}

}  // namespace cairn::planner
