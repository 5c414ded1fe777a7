#include "lang/config/static_value.h"

#include <fmt/format.h>

#include "lang/base/convert.h"

namespace cairn::config {
namespace {

void CollectVariables(const ast::Expr& e, std::vector<std::string>& bound,
                      std::vector<const ast::Expr*>& out);

void CollectChild(const ast::ExprPtr& e, std::vector<std::string>& bound,
                  std::vector<const ast::Expr*>& out) {
  if (e) CollectVariables(*e, bound, out);
}

void CollectVariables(const ast::Expr& e, std::vector<std::string>& bound,
                      std::vector<const ast::Expr*>& out) {
  switch (e.kind) {
    case ast::ExprKind::kScopeTraversal: {
      bool is_bound = false;
      for (const std::string& b : bound) is_bound = is_bound || b == e.root_name;
      if (!is_bound) out.push_back(&e);
      return;
    }
    case ast::ExprKind::kFor:
    case ast::ExprKind::kTemplateFor: {
      const ast::ForData* f = e.for_data.get();
      if (!f) return;
      CollectChild(f->collection, bound, out);
      size_t mark = bound.size();
      if (!f->key_var.empty()) bound.push_back(f->key_var);
      if (!f->value_var.empty()) bound.push_back(f->value_var);
      CollectChild(f->key_expr, bound, out);
      CollectChild(f->value_expr, bound, out);
      CollectChild(f->condition, bound, out);
      bound.resize(mark);
      return;
    }
    default:
      break;
  }
  for (const ast::ExprPtr& p : e.parts) CollectChild(p, bound, out);
  for (const ast::TraversalStep& s : e.steps) CollectChild(s.key, bound, out);
  CollectChild(e.operand, bound, out);
  CollectChild(e.other, bound, out);
  CollectChild(e.condition, bound, out);
  CollectChild(e.index, bound, out);
  CollectChild(e.each, bound, out);
  for (const ast::ExprPtr& p : e.items) CollectChild(p, bound, out);
  for (const ast::ObjectItem& item : e.object_items) {
    if (!item.key_is_bare_name) CollectChild(item.key, bound, out);
    CollectChild(item.value, bound, out);
  }
  if (e.call) {
    for (const ast::ExprPtr& p : e.call->args) CollectChild(p, bound, out);
  }
}


/// Converts for an operator; nullopt when not possible or not known.
std::optional<Value> Known(const Value& v, const Type& want) {
  if (!v.IsKnown() || v.IsNull()) return std::nullopt;
  ConvertResult r = Convert(v, want);
  if (!r.ok() || !r.value.IsKnown() || r.value.IsNull()) return std::nullopt;
  return r.value;
}

Value EvalBinary(const ast::Expr& e, const Value& a, const Value& b) {
  using Op = ast::BinaryOperator;
  switch (e.binary_op) {
    case Op::kOr:
    case Op::kAnd: {
      auto x = Known(a, Type::Bool());
      auto y = Known(b, Type::Bool());
      if (!x || !y) return Value::Unknown(Type::Bool());
      return Value::Bool(e.binary_op == Op::kOr ? x->AsBool() || y->AsBool()
                                                : x->AsBool() && y->AsBool());
    }
    case Op::kEqual:
    case Op::kNotEqual: {
      Value eq = a.Equals(b);
      if (!eq.IsKnown()) return Value::Unknown(Type::Bool());
      return Value::Bool(e.binary_op == Op::kEqual ? eq.AsBool() : !eq.AsBool());
    }
    default:
      break;
  }
  auto x = Known(a, Type::Number());
  auto y = Known(b, Type::Number());
  bool comparison = e.binary_op == Op::kLessThan || e.binary_op == Op::kLessThanOrEqual ||
                    e.binary_op == Op::kGreaterThan || e.binary_op == Op::kGreaterThanOrEqual;
  if (!x || !y) return Value::Unknown(comparison ? Type::Bool() : Type::Number());
  const Number& m = x->AsNumber();
  const Number& n = y->AsNumber();
  std::optional<Number> r;
  switch (e.binary_op) {
    case Op::kLessThan: return Value::Bool(m.Compare(n) < 0);
    case Op::kLessThanOrEqual: return Value::Bool(m.Compare(n) <= 0);
    case Op::kGreaterThan: return Value::Bool(m.Compare(n) > 0);
    case Op::kGreaterThanOrEqual: return Value::Bool(m.Compare(n) >= 0);
    case Op::kAdd: r = m.Add(n); break;
    case Op::kSubtract: r = m.Sub(n); break;
    case Op::kMultiply: r = m.Mul(n); break;
    case Op::kDivide: r = m.Div(n); break;
    case Op::kModulo: r = m.Mod(n); break;
    default: break;
  }
  return r ? Value::Num(*r) : Value::Unknown(Type::Number());
}

}  // namespace

Value EvalStatic(const ast::Expr& e, Diagnostics& diags) {
  switch (e.kind) {
    case ast::ExprKind::kLiteral:
      switch (e.literal.kind) {
        case ast::LiteralValue::Kind::kNull:
          return Value();
        case ast::LiteralValue::Kind::kBool:
          return Value::Bool(e.literal.boolean);
        case ast::LiteralValue::Kind::kNumber: {
          std::optional<Number> n = Number::Parse(e.literal.text);
          return n ? Value::Num(*n) : Value::Unknown(Type::Number());
        }
        case ast::LiteralValue::Kind::kString:
          return Value::String(e.literal.text);
      }
      return Value::DynamicUnknown();
    case ast::ExprKind::kTemplate: {
      std::string text;
      bool known = true;
      for (const ast::ExprPtr& p : e.parts) {
        if (!p) continue;
        Value v = EvalStatic(*p, diags);
        auto s = Known(v, Type::String());
        if (!s) {
          known = false;
          continue;
        }
        text += s->AsString();
      }
      return known ? Value::String(std::move(text)) : Value::Unknown(Type::String());
    }
    case ast::ExprKind::kTemplateWrap:
    case ast::ExprKind::kParens:
      return e.operand ? EvalStatic(*e.operand, diags) : Value::DynamicUnknown();
    case ast::ExprKind::kScopeTraversal:
      diags.Error("Variables not allowed", "Variables may not be used here.", e.root_range);
      return Value::DynamicUnknown();
    case ast::ExprKind::kFunctionCall:
      diags.Error("Function calls not allowed", "Functions may not be called here.", e.range);
      return Value::DynamicUnknown();
    case ast::ExprKind::kConditional: {
      Value c = e.condition ? EvalStatic(*e.condition, diags) : Value::DynamicUnknown();
      Value a = e.operand ? EvalStatic(*e.operand, diags) : Value::DynamicUnknown();
      Value b = e.other ? EvalStatic(*e.other, diags) : Value::DynamicUnknown();
      auto truth = Known(c, Type::Bool());
      if (!truth) return Value::DynamicUnknown();
      return truth->AsBool() ? a : b;
    }
    case ast::ExprKind::kUnaryOp: {
      Value a = e.operand ? EvalStatic(*e.operand, diags) : Value::DynamicUnknown();
      if (e.unary_op == ast::UnaryOperator::kNot) {
        auto b = Known(a, Type::Bool());
        return b ? Value::Bool(!b->AsBool()) : Value::Unknown(Type::Bool());
      }
      auto n = Known(a, Type::Number());
      return n ? Value::Num(n->AsNumber().Neg()) : Value::Unknown(Type::Number());
    }
    case ast::ExprKind::kBinaryOp: {
      Value a = e.operand ? EvalStatic(*e.operand, diags) : Value::DynamicUnknown();
      Value b = e.other ? EvalStatic(*e.other, diags) : Value::DynamicUnknown();
      return EvalBinary(e, a, b);
    }
    case ast::ExprKind::kTuple: {
      std::vector<Value> items;
      for (const ast::ExprPtr& p : e.items) {
        items.push_back(p ? EvalStatic(*p, diags) : Value::DynamicUnknown());
      }
      return Value::Tuple(std::move(items));
    }
    case ast::ExprKind::kObject: {
      std::vector<std::pair<std::string, Value>> attrs;
      bool known = true;
      for (const ast::ObjectItem& item : e.object_items) {
        std::string key;
        if (item.key && item.key_is_bare_name) {
          key = item.key->kind == ast::ExprKind::kScopeTraversal ? item.key->root_name
                                                                  : item.key->literal.text;
        } else if (item.key) {
          auto k = Known(EvalStatic(*item.key, diags), Type::String());
          if (k) {
            key = k->AsString();
          } else {
            known = false;
          }
        }
        Value v = item.value ? EvalStatic(*item.value, diags) : Value::DynamicUnknown();
        attrs.emplace_back(std::move(key), std::move(v));
      }
      return known ? Value::Object(std::move(attrs)) : Value::DynamicUnknown();
    }
    case ast::ExprKind::kRelativeTraversal:
    case ast::ExprKind::kSplat:
      if (e.operand) EvalStatic(*e.operand, diags);
      return Value::DynamicUnknown();
    case ast::ExprKind::kIndex:
      if (e.operand) EvalStatic(*e.operand, diags);
      if (e.index) EvalStatic(*e.index, diags);
      return Value::DynamicUnknown();
    case ast::ExprKind::kFor:
      if (e.for_data && e.for_data->collection) EvalStatic(*e.for_data->collection, diags);
      return Value::DynamicUnknown();
    default:
      return Value::DynamicUnknown();
  }
}

Range StartRange(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kTemplate:
      if (!e.heredoc && !e.parts.empty() && e.parts[0]) return StartRange(*e.parts[0]);
      return e.range;
    case ast::ExprKind::kBinaryOp:
      return e.operand ? StartRange(*e.operand) : e.range;
    case ast::ExprKind::kConditional:
      return e.condition ? StartRange(*e.condition) : e.range;
    case ast::ExprKind::kTuple:
    case ast::ExprKind::kObject:
      return e.open_range;
    case ast::ExprKind::kFunctionCall:
      return e.call ? Cover(e.call->name_range, e.call->open_paren_range) : e.range;
    case ast::ExprKind::kFor:
      return e.for_data ? e.for_data->open_range : e.range;
    default:
      return e.range;
  }
}

namespace {

/// gohcl.DecodeExpression: evaluate, convert to `want`, then require a known non-null value.
bool DecodeInto(const ast::Expr& expr, const Type& want, Diagnostics& diags, Value* out) {
  Value v = EvalStatic(expr, diags);
  ConvertResult r = Convert(v, want);
  std::string err;
  if (!r.ok()) {
    err = r.error->Format();
  } else if (!r.value.IsKnown()) {
    err = "value must be known";
  } else if (r.value.IsNull()) {
    err = "null value is not allowed";
  }
  if (!err.empty()) {
    diags.Error("Unsuitable value type", "Unsuitable value: " + err, StartRange(expr), expr.range);
    return false;
  }
  *out = r.value;
  return true;
}

}  // namespace

bool DecodeBool(const ast::Expr& expr, Diagnostics& diags, bool* out) {
  Value v;
  if (!DecodeInto(expr, Type::Bool(), diags, &v)) return false;
  if (out) *out = v.AsBool();
  return true;
}

bool DecodeString(const ast::Expr& expr, Diagnostics& diags, std::string* out) {
  Value v;
  if (!DecodeInto(expr, Type::String(), diags, &v)) return false;
  if (out) *out = v.AsString();
  return true;
}

std::vector<const ast::Expr*> Variables(const ast::Expr& expr) {
  std::vector<std::string> bound;
  std::vector<const ast::Expr*> out;
  CollectVariables(expr, bound, out);
  return out;
}

std::string_view ExprAsKeyword(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  if (e->kind == ast::ExprKind::kScopeTraversal && e->steps.empty()) return e->root_name;
  return {};
}

bool IsQuotedString(const ast::Expr& expr, std::string* text) {
  if (expr.kind == ast::ExprKind::kLiteral) {
    // A quoted string may come out of the parser as a bare literal part.
    if (expr.literal.kind != ast::LiteralValue::Kind::kString) return false;
    if (text) *text = expr.literal.text;
    return true;
  }
  if (expr.kind != ast::ExprKind::kTemplate || expr.heredoc) return false;
  std::string s;
  for (const ast::ExprPtr& p : expr.parts) {
    if (!p || p->kind != ast::ExprKind::kLiteral ||
        p->literal.kind != ast::LiteralValue::Kind::kString) {
      return false;
    }
    s += p->literal.text;
  }
  if (expr.parts.size() > 1) return false;
  if (text) *text = std::move(s);
  return true;
}

}  // namespace cairn::config
