#include "lang/config/module.h"

#include <algorithm>

namespace cairn::config {

const ast::Attribute* BodyView::Find(std::string_view name) const {
  for (const ast::Attribute* a : attributes) {
    if (a->name == name) return a;
  }
  return nullptr;
}

void BodyView::Merge(const BodyView& o) {
  for (const ast::Attribute* a : o.attributes) {
    auto it = std::find_if(attributes.begin(), attributes.end(),
                           [&](const ast::Attribute* x) { return x->name == a->name; });
    if (it != attributes.end()) {
      *it = a;
    } else {
      attributes.push_back(a);
    }
  }
  std::vector<std::string_view> overridden;
  for (const ast::Block* b : o.blocks) {
    if (std::find(overridden.begin(), overridden.end(), b->type) == overridden.end()) {
      overridden.push_back(b->type);
    }
  }
  std::erase_if(blocks, [&](const ast::Block* b) {
    return std::find(overridden.begin(), overridden.end(), b->type) != overridden.end();
  });
  blocks.insert(blocks.end(), o.blocks.begin(), o.blocks.end());
}

}  // namespace cairn::config
