#include "providers/schema.h"

#include <algorithm>

namespace cairn::providers {

const Attribute* Block::FindAttribute(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const NestedBlock* Block::FindBlock(std::string_view type_name) const {
  for (const NestedBlock& b : blocks) {
    if (b.type_name == type_name) return &b;
  }
  return nullptr;
}

const Type& Block::ImpliedType() const {
  return implied_type_cache.Get([this] { return ComputeImpliedType(); });
}

Type Block::ComputeImpliedType() const {
  std::vector<std::pair<std::string, Type>> attrs;
  attrs.reserve(attributes.size() + blocks.size());
  for (const Attribute& a : attributes) attrs.emplace_back(a.name, a.type);
  for (const NestedBlock& b : blocks) {
    Type object = b.block.ImpliedType();
    switch (b.nesting) {
      case NestingMode::kSingle:
      case NestingMode::kGroup:
        attrs.emplace_back(b.type_name, object);
        break;
      case NestingMode::kList:
        // configschema: a list block whose body holds a dynamic type is a tuple-ish list;
        // Terraform keeps it a list of the object type when the type is known.
        attrs.emplace_back(b.type_name, Type::List(object));
        break;
      case NestingMode::kSet:
        attrs.emplace_back(b.type_name, Type::Set(object));
        break;
      case NestingMode::kMap:
        attrs.emplace_back(b.type_name, Type::Map(object));
        break;
    }
  }
  return Type::Object(std::move(attrs));
}

}  // namespace cairn::providers
