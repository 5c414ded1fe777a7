#include "lang/config/static_value.h"

#include <cstdlib>
#include <set>

#include <fmt/format.h>

namespace cairn::config {
namespace {

using Kind = StaticValue::Kind;

StaticValue Unknown() { return {}; }

bool ParseNumber(const std::string& text, double* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return false;
  *out = v;
  return true;
}

bool Truthy(const StaticValue& v, bool* out) {
  if (v.kind == Kind::kBool) {
    *out = v.boolean;
    return true;
  }
  if (v.kind == Kind::kString && (v.string == "true" || v.string == "false")) {
    *out = v.string == "true";
    return true;
  }
  return false;
}

bool AsNumber(const StaticValue& v, double* out) {
  if (v.kind == Kind::kNumber) {
    *out = v.number;
    return true;
  }
  if (v.kind == Kind::kString) return ParseNumber(v.string, out);
  return false;
}

StaticValue Number(double d) {
  StaticValue v;
  v.kind = Kind::kNumber;
  v.number = d;
  v.string = fmt::format("{}", d);
  return v;
}

StaticValue Bool(bool b) {
  StaticValue v;
  v.kind = Kind::kBool;
  v.boolean = b;
  return v;
}

/// The string form of a primitive for template interpolation; false when not a primitive.
bool AsString(const StaticValue& v, std::string* out) {
  switch (v.kind) {
    case Kind::kString:
    case Kind::kNumber:
      *out = v.string;
      return true;
    case Kind::kBool:
      *out = v.boolean ? "true" : "false";
      return true;
    default:
      return false;
  }
}

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

}  // namespace

StaticValue EvalStatic(const ast::Expr& e, Diagnostics& diags) {
  switch (e.kind) {
    case ast::ExprKind::kLiteral: {
      StaticValue v;
      switch (e.literal.kind) {
        case ast::LiteralValue::Kind::kNull:
          v.kind = Kind::kNull;
          break;
        case ast::LiteralValue::Kind::kBool:
          v.kind = Kind::kBool;
          v.boolean = e.literal.boolean;
          break;
        case ast::LiteralValue::Kind::kNumber:
          v.kind = Kind::kNumber;
          v.string = e.literal.text;
          ParseNumber(e.literal.text, &v.number);
          break;
        case ast::LiteralValue::Kind::kString:
          v.kind = Kind::kString;
          v.string = e.literal.text;
          break;
      }
      return v;
    }
    case ast::ExprKind::kTemplate: {
      std::string text;
      bool known = true;
      for (const ast::ExprPtr& p : e.parts) {
        if (!p) continue;
        StaticValue pv = EvalStatic(*p, diags);
        std::string s;
        if (!AsString(pv, &s)) {
          known = false;
          continue;
        }
        text += s;
      }
      if (!known) return Unknown();
      StaticValue v;
      v.kind = Kind::kString;
      v.string = std::move(text);
      return v;
    }
    case ast::ExprKind::kTemplateWrap:
    case ast::ExprKind::kParens:
      return e.operand ? EvalStatic(*e.operand, diags) : Unknown();
    case ast::ExprKind::kScopeTraversal:
      diags.Error("Variables not allowed", "Variables may not be used here.", e.root_range);
      return Unknown();
    case ast::ExprKind::kFunctionCall:
      diags.Error("Function calls not allowed", "Functions may not be called here.", e.range);
      return Unknown();
    case ast::ExprKind::kConditional: {
      StaticValue c = e.condition ? EvalStatic(*e.condition, diags) : Unknown();
      StaticValue a = e.operand ? EvalStatic(*e.operand, diags) : Unknown();
      StaticValue b = e.other ? EvalStatic(*e.other, diags) : Unknown();
      bool truth;
      if (!Truthy(c, &truth)) return Unknown();
      return truth ? a : b;
    }
    case ast::ExprKind::kUnaryOp: {
      StaticValue a = e.operand ? EvalStatic(*e.operand, diags) : Unknown();
      if (e.unary_op == ast::UnaryOperator::kNot) {
        bool truth;
        return Truthy(a, &truth) ? Bool(!truth) : Unknown();
      }
      double d;
      return AsNumber(a, &d) ? Number(-d) : Unknown();
    }
    case ast::ExprKind::kBinaryOp: {
      StaticValue a = e.operand ? EvalStatic(*e.operand, diags) : Unknown();
      StaticValue b = e.other ? EvalStatic(*e.other, diags) : Unknown();
      using Op = ast::BinaryOperator;
      bool x, y;
      double m, n;
      switch (e.binary_op) {
        case Op::kOr:
          return Truthy(a, &x) && Truthy(b, &y) ? Bool(x || y) : Unknown();
        case Op::kAnd:
          return Truthy(a, &x) && Truthy(b, &y) ? Bool(x && y) : Unknown();
        case Op::kEqual:
        case Op::kNotEqual: {
          if (a.kind == Kind::kUnknown || b.kind == Kind::kUnknown) return Unknown();
          bool eq = a.kind == b.kind &&
                    (a.kind == Kind::kNull || (a.kind == Kind::kBool && a.boolean == b.boolean) ||
                     (a.kind == Kind::kNumber && a.number == b.number) ||
                     (a.kind == Kind::kString && a.string == b.string));
          if (a.kind == Kind::kTuple || a.kind == Kind::kObject) return Unknown();
          return Bool(e.binary_op == Op::kEqual ? eq : !eq);
        }
        default:
          break;
      }
      if (!AsNumber(a, &m) || !AsNumber(b, &n)) return Unknown();
      switch (e.binary_op) {
        case Op::kLessThan: return Bool(m < n);
        case Op::kLessThanOrEqual: return Bool(m <= n);
        case Op::kGreaterThan: return Bool(m > n);
        case Op::kGreaterThanOrEqual: return Bool(m >= n);
        case Op::kAdd: return Number(m + n);
        case Op::kSubtract: return Number(m - n);
        case Op::kMultiply: return Number(m * n);
        case Op::kDivide: return n == 0 ? Unknown() : Number(m / n);
        default: return Unknown();
      }
    }
    case ast::ExprKind::kTuple: {
      for (const ast::ExprPtr& p : e.items) {
        if (p) EvalStatic(*p, diags);
      }
      StaticValue v;
      v.kind = Kind::kTuple;
      return v;
    }
    case ast::ExprKind::kObject: {
      for (const ast::ObjectItem& item : e.object_items) {
        if (item.key && !item.key_is_bare_name) EvalStatic(*item.key, diags);
        if (item.value) EvalStatic(*item.value, diags);
      }
      StaticValue v;
      v.kind = Kind::kObject;
      return v;
    }
    case ast::ExprKind::kRelativeTraversal:
    case ast::ExprKind::kSplat:
      if (e.operand) EvalStatic(*e.operand, diags);
      return Unknown();
    case ast::ExprKind::kIndex:
      if (e.operand) EvalStatic(*e.operand, diags);
      if (e.index) EvalStatic(*e.index, diags);
      return Unknown();
    case ast::ExprKind::kFor:
      if (e.for_data && e.for_data->collection) EvalStatic(*e.for_data->collection, diags);
      return Unknown();
    default:
      return Unknown();
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

std::string ConvertPrimitiveError(const StaticValue& v, std::string_view type) {
  if (v.kind == Kind::kUnknown || v.kind == Kind::kNull) return "";
  if (type == "string") {
    return v.kind == Kind::kTuple || v.kind == Kind::kObject ? "string required" : "";
  }
  if (type == "number") {
    if (v.kind == Kind::kNumber) return "";
    double d;
    if (v.kind == Kind::kString) return ParseNumber(v.string, &d) ? "" : "a number is required";
    return "number required";
  }
  if (type == "bool") {
    if (v.kind == Kind::kBool) return "";
    if (v.kind == Kind::kString) {
      const std::string& s = v.string;
      if (s == "true" || s == "false" || s == "1" || s == "0") return "";
      std::string lower;
      for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == "true" || lower == "false") {
        return fmt::format("a bool is required; to convert from string, use lowercase \"{}\"",
                           lower);
      }
      return "a bool is required";
    }
    return "bool required";
  }
  return "";
}

namespace {

bool DecodePrimitive(const ast::Expr& expr, std::string_view type, Diagnostics& diags,
                     StaticValue* out) {
  StaticValue v = EvalStatic(expr, diags);
  std::string err = ConvertPrimitiveError(v, type);
  if (err.empty() && v.kind == Kind::kUnknown) err = "value must be known";
  if (err.empty() && v.kind == Kind::kNull) err = "null value is not allowed";
  if (!err.empty()) {
    diags.Error("Unsuitable value type", "Unsuitable value: " + err, StartRange(expr), expr.range);
    return false;
  }
  *out = v;
  return true;
}

}  // namespace

bool DecodeBool(const ast::Expr& expr, Diagnostics& diags, bool* out) {
  StaticValue v;
  if (!DecodePrimitive(expr, "bool", diags, &v)) return false;
  bool b = v.kind == Kind::kBool ? v.boolean : (v.string == "true" || v.string == "1");
  if (out) *out = b;
  return true;
}

bool DecodeString(const ast::Expr& expr, Diagnostics& diags, std::string* out) {
  StaticValue v;
  if (!DecodePrimitive(expr, "string", diags, &v)) return false;
  if (out) AsString(v, out);
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
