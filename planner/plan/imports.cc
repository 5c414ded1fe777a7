#include "planner/plan/imports.h"

#include "lang/base/convert.h"

namespace cairn::planner {
namespace {

/// The instance key a literal index step names (`[0]`, `["a"]`); nullopt for another literal.
std::optional<addrs::InstanceKey> LiteralKey(const ast::Expr& key) {
  if (key.kind != ast::ExprKind::kLiteral) return std::nullopt;
  if (key.literal.kind == ast::LiteralValue::Kind::kString) {
    return addrs::InstanceKey::String(key.literal.text);
  }
  if (key.literal.kind != ast::LiteralValue::Kind::kNumber) return std::nullopt;
  const std::string& text = key.literal.text;
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 18) {
    return std::nullopt;
  }
  return addrs::InstanceKey::Int(std::stoll(text));
}

}  // namespace

std::optional<ImportTo> ParseImportTo(const ast::Expr& to) {
  ImportTo out;
  const ast::Expr* e = &to;
  if (e->kind == ast::ExprKind::kIndex && e->operand &&
      e->operand->kind == ast::ExprKind::kScopeTraversal) {
    out.key_expr = e->index.get();
    e = e->operand.get();
  }
  if (e->kind != ast::ExprKind::kScopeTraversal) return std::nullopt;
  // The traversal as (is_attr, name, key) steps, the root name first.
  struct Step {
    bool attr;
    const std::string* name;
    const ast::Expr* key;
  };
  std::vector<Step> steps{{true, &e->root_name, nullptr}};
  for (const ast::TraversalStep& s : e->steps) {
    steps.push_back({s.kind == ast::TraversalStep::Kind::kAttr, &s.name, s.key.get()});
  }
  size_t i = 0;
  while (i + 1 < steps.size() && steps[i].attr && *steps[i].name == "module") {
    if (!steps[i + 1].attr) return std::nullopt;
    addrs::ModuleInstanceStep step{*steps[i + 1].name, {}};
    i += 2;
    if (i < steps.size() && !steps[i].attr) {
      std::optional<addrs::InstanceKey> k = steps[i].key ? LiteralKey(*steps[i].key) : std::nullopt;
      if (!k) return std::nullopt;
      step.key = *k;
      ++i;
    }
    out.module.push_back(std::move(step));
  }
  if (i < steps.size() && steps[i].attr && *steps[i].name == "resource") ++i;
  if (i + 2 > steps.size() || !steps[i].attr || !steps[i + 1].attr) return std::nullopt;
  if (*steps[i].name == "data") return std::nullopt;
  out.resource = {addrs::ResourceMode::kManaged, *steps[i].name, *steps[i + 1].name};
  i += 2;
  if (i < steps.size()) {
    if (out.key_expr || steps[i].attr || i + 1 != steps.size() || !steps[i].key) {
      return std::nullopt;
    }
    std::optional<addrs::InstanceKey> k = LiteralKey(*steps[i].key);
    if (!k) return std::nullopt;
    out.key = *k;
  }
  return out;
}

std::optional<std::string> ImportId(const Value& value, const ast::Expr& expr, bool validating,
                                    Diagnostics& diags) {
  auto invalid = [&](std::string detail) {
    diags.Error("Invalid import id argument", std::move(detail), expr.range);
    return std::nullopt;
  };
  Value v = value.UnmarkedDeep();
  if (v.IsKnown() && !v.IsNull() && v.type() != Type::String()) {
    ConvertResult c = Convert(v, Type::String());
    if (!c.ok()) return invalid("The import ID value is unsuitable: not a string.");
    v = c.value;
  }
  if (v.IsNull()) return invalid("The import ID cannot be null.");
  if (!v.IsKnown()) {
    if (validating) return std::nullopt;
    return invalid(
        "The import block \"id\" argument depends on resource attributes that cannot be "
        "determined until apply, so Terraform cannot plan to import this resource.");
  }
  if (v.type() != Type::String()) {
    return invalid("The import ID value is unsuitable: not a string.");
  }
  if (v.AsString().empty()) {
    return invalid(
        "The import ID value evaluates to an empty string, please provide a non-empty value.");
  }
  return v.AsString();
}

}  // namespace cairn::planner
