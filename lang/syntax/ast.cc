#include "lang/syntax/ast.h"

namespace cairn::ast {

Range Block::DefRange() const {
  return label_ranges.empty() ? type_range : Cover(type_range, label_ranges.back());
}

const Attribute* Body::FindAttribute(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

}  // namespace cairn::ast
