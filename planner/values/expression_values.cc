#include "planner/values/expression_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "lang/base/go_quote.h"
#include "lang/config/static_value.h"

namespace cairn::planner {
namespace {

/// One static step applied as hcl's TraverseAttr / TraverseIndex do (marks of the container
/// carried to the element); nullopt when the step does not apply.
std::optional<Value> ApplyStep(const Value& in, const ast::TraversalStep& step) {
  if (!in.IsKnown() || in.IsNull()) {
    if (!in.IsKnown()) return Value::DynamicUnknown().WithMarks(in.marks());
    return std::nullopt;
  }
  Marks marks = in.marks();
  const Type& t = in.type();
  if (step.kind == ast::TraversalStep::Kind::kAttr) {
    if (!t.IsObject() && !t.IsMap()) return std::nullopt;
    const Value* v = in.Find(step.name);
    if (!v) return std::nullopt;
    return v->WithMarks(marks);
  }
  if (!step.key || step.key->kind != ast::ExprKind::kLiteral) return std::nullopt;
  const ast::LiteralValue& key = step.key->literal;
  if (t.IsList() || t.IsTuple()) {
    std::optional<Number> n = key.kind == ast::LiteralValue::Kind::kNumber ||
                                      key.kind == ast::LiteralValue::Kind::kString
                                  ? Number::Parse(key.text)
                                  : std::nullopt;
    std::optional<int64_t> i = n ? n->ToInt64() : std::nullopt;
    if (!i || *i < 0 || static_cast<size_t>(*i) >= in.Length()) return std::nullopt;
    return in[static_cast<size_t>(*i)].WithMarks(marks);
  }
  if ((t.IsMap() || t.IsObject()) && (key.kind == ast::LiteralValue::Kind::kString ||
                                       key.kind == ast::LiteralValue::Kind::kNumber)) {
    const Value* v = in.Find(key.text);
    if (!v) return std::nullopt;
    return v->WithMarks(marks);
  }
  return std::nullopt;
}

std::string KeyString(const ast::TraversalStep& step) {
  if (!step.key || step.key->kind != ast::ExprKind::kLiteral) return "...";
  const ast::LiteralValue& key = step.key->literal;
  switch (key.kind) {
    case ast::LiteralValue::Kind::kString:
      return GoQuote(key.text);
    case ast::LiteralValue::Kind::kNumber:
      if (auto n = Number::Parse(key.text)) return n->ToGoGString();
      return key.text;
    case ast::LiteralValue::Kind::kBool:
      return key.boolean ? "true" : "false";
    case ast::LiteralValue::Kind::kNull:
      return "null";
  }
  return "...";
}

}  // namespace

std::string CompactValueString(const Value& v) {
  if (v.IsSensitive()) return "(sensitive value)";
  const Type& t = v.type();
  if (v.IsNull()) return "null";
  if (!v.IsKnown()) return "(not yet known)";
  if (t.IsBool()) return v.AsBool() ? "true" : "false";
  if (t.IsNumber()) return v.AsNumber().ToGoGString();
  if (t.IsString()) return GoQuote(v.AsString());
  if (t.IsCollection() || t.IsTuple()) {
    size_t n = v.Length();
    if (n == 0) return "empty " + t.FriendlyName();
    if (n == 1) return t.FriendlyName() + " with 1 element";
    return fmt::format("{} with {} elements", t.FriendlyName(), n);
  }
  if (t.IsObject()) {
    const auto& attrs = t.Attributes();
    if (attrs.empty()) return "object with no attributes";
    if (attrs.size() == 1) return fmt::format("object with 1 attribute {}", GoQuote(attrs[0].first));
    return fmt::format("object with {} attributes", attrs.size());
  }
  return t.FriendlyName();
}

std::vector<ExpressionValue> ExpressionValues(const ast::Expr& expr, const eval::Scope& scope,
                                              bool include_unknown, bool include_sensitive,
                                              const Range* within) {
  std::vector<ExpressionValue> out;
  std::set<std::string, std::less<>> seen;
  for (const ast::Expr* traversal : config::Variables(expr)) {
    if (within && (traversal->range.end.byte <= within->start.byte ||
                   traversal->range.start.byte >= within->end.byte)) {
      continue;  // a traversal about which the diagnostic is (inside it or around it) overlaps
    }
    const std::vector<ast::TraversalStep>& steps = traversal->steps;
    // Longest prefix first: root + `len` steps, down to one step.
    for (size_t len = steps.size(); len >= 1; --len) {
      std::vector<ast::TraversalStep> prefix_view;  // Lookup wants a vector; copy the shapes
      prefix_view.reserve(len);
      for (size_t i = 0; i < len; ++i) {
        ast::TraversalStep s;
        s.kind = steps[i].kind;
        s.name = steps[i].name;
        s.range = steps[i].range;
        if (steps[i].key) {
          s.key = std::make_unique<ast::Expr>(ast::ExprKind::kLiteral);
          s.key->literal = steps[i].key->literal;
          s.key->range = steps[i].key->range;
        }
        prefix_view.push_back(std::move(s));
      }
      eval::ScopeLookup found =
          scope.Lookup(traversal->root_name, prefix_view, traversal->root_range, traversal->range);
      if (found.diagnostics.HasErrors()) continue;
      std::optional<Value> v = found.value;
      for (size_t i = found.steps_used; i < len && v; ++i) v = ApplyStep(*v, prefix_view[i]);
      if (!v) continue;
      std::string text = traversal->root_name;
      for (size_t i = 0; i < len; ++i) {
        if (steps[i].kind == ast::TraversalStep::Kind::kAttr) {
          text += "." + steps[i].name;
        } else {
          text += "[" + KeyString(steps[i]) + "]";
        }
      }
      if (seen.count(text)) break;
      std::string statement;
      if (v->IsSensitive()) {
        if (!include_sensitive) break;
        statement = "has a sensitive value";
      } else if (!v->IsKnown()) {
        const Type& t = v->type();
        if (!t.IsDynamic()) {
          statement = include_unknown
                          ? fmt::format("is a {}, known only after apply", t.FriendlyName())
                          : fmt::format("is a {}", t.FriendlyName());
        } else {
          if (!include_unknown) break;
          statement = "will be known only after apply";
        }
      } else {
        statement = "is " + CompactValueString(*v);
      }
      out.push_back({text, statement});
      seen.insert(text);
      break;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ExpressionValue& a, const ExpressionValue& b) {
              return a.traversal < b.traversal;
            });
  return out;
}

}  // namespace cairn::planner
