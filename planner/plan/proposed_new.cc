#include "planner/plan/proposed_new.h"

#include <string>
#include <utility>
#include <vector>

namespace cairn::planner {
namespace {

const Value* Attr(const Value& object, const std::string& name) {
  if (!object.IsKnown() || object.IsNull()) return nullptr;
  return object.Find(name);
}

Value NestedProposed(const providers::NestedBlock& nb, const Value& prior, const Value& config) {
  if (!config.IsKnown() || config.IsNull()) return config;
  switch (nb.nesting) {
    case providers::NestingMode::kSingle:
    case providers::NestingMode::kGroup:
      return ProposedNew(nb.block, prior.IsKnown() ? prior : Value::Null(config.type()), config);
    case providers::NestingMode::kList: {
      // Elements correspond by index.
      std::vector<Value> out;
      const bool have_prior = prior.IsKnown() && !prior.IsNull();
      const std::vector<Value>& items = config.Elements();
      for (size_t i = 0; i < items.size(); ++i) {
        Value p = have_prior && i < prior.Length() ? prior.Elements()[i]
                                                    : Value::Null(items[i].type());
        out.push_back(ProposedNew(nb.block, p, items[i]));
      }
      if (out.empty()) return config;
      return Value::List(config.type().ElementType(), std::move(out));
    }
    case providers::NestingMode::kMap: {
      std::vector<std::pair<std::string, Value>> out;
      const std::vector<std::string>& keys = config.Keys();
      for (size_t i = 0; i < keys.size(); ++i) {
        const Value* p = Attr(prior, keys[i]);
        out.emplace_back(keys[i], ProposedNew(nb.block,
                                              p ? *p : Value::Null(config.Elements()[i].type()),
                                              config.Elements()[i]));
      }
      if (out.empty()) return config;
      return Value::Map(config.type().ElementType(), std::move(out));
    }
    case providers::NestingMode::kSet:
      // Set elements have no identity to match on: the configuration stands.
      return config;
  }
  return config;
}

}  // namespace

Value AllAttributesNull(const providers::Block& schema) {
  std::vector<std::pair<std::string, Value>> out;
  for (const providers::Attribute& a : schema.attributes) {
    out.emplace_back(a.name, Value::Null(a.type));
  }
  Type t = schema.ImpliedType();
  for (const providers::NestedBlock& b : schema.blocks) {
    const Type& bt = t.Attributes()[t.AttributeIndex(b.type_name)].second;
    switch (b.nesting) {
      case providers::NestingMode::kList:
        out.emplace_back(b.type_name, Value::List(bt.ElementType(), {}));
        break;
      case providers::NestingMode::kSet:
        out.emplace_back(b.type_name, Value::Set(bt.ElementType(), {}));
        break;
      case providers::NestingMode::kMap:
        out.emplace_back(b.type_name, Value::Map(bt.ElementType(), {}));
        break;
      default:
        out.emplace_back(b.type_name, Value::Null(bt));
    }
  }
  return Value::Object(std::move(out));
}

Value ProposedNew(const providers::Block& schema, const Value& prior_in, const Value& config) {
  if (config.IsNull() || !config.IsKnown()) return config;
  Value prior = prior_in.IsNull() ? AllAttributesNull(schema) : prior_in;
  if (!prior.IsKnown()) return config;
  std::vector<std::pair<std::string, Value>> out;
  for (const providers::Attribute& a : schema.attributes) {
    const Value* c = Attr(config, a.name);
    const Value* p = Attr(prior, a.name);
    Value cv = c ? *c : Value::Null(a.type);
    if (a.computed && cv.IsNull()) {
      out.emplace_back(a.name, p ? *p : Value::Null(a.type));
    } else {
      out.emplace_back(a.name, cv);
    }
  }
  for (const providers::NestedBlock& b : schema.blocks) {
    const Value* c = Attr(config, b.type_name);
    const Value* p = Attr(prior, b.type_name);
    if (!c) continue;
    out.emplace_back(b.type_name, NestedProposed(b, p ? *p : Value::Null(c->type()), *c));
  }
  return Value::Object(std::move(out));
}

}  // namespace cairn::planner
