#include "lang/config/type_constraint.h"

#include <fmt/format.h>

#include "lang/config/static_value.h"

namespace cairn::config {
namespace {

constexpr const char* kInvalidType = "Invalid type specification";

Range ArgsRange(const ast::FunctionCallData& call) {
  return Cover(call.open_paren_range, call.close_paren_range);
}

/// hcl.ExprAsKeyword on an object key.
std::string KeyKeyword(const ast::ObjectItem& item) {
  if (!item.key) return "";
  if (item.key_is_bare_name) {
    if (item.key->kind == ast::ExprKind::kScopeTraversal) return item.key->root_name;
    if (item.key->kind == ast::ExprKind::kLiteral) return item.key->literal.text;
  }
  return std::string(ExprAsKeyword(*item.key));
}

/// typeexpr.getType with constraint = true and withDefaults = true. Returns the primitive name,
/// "any", "complex", or "" on error.
std::string GetType(const ast::Expr& expr, Diagnostics& diags) {
  std::string_view kw = ExprAsKeyword(expr);
  if (kw == "bool" || kw == "string" || kw == "number" || kw == "any") return std::string(kw);
  if (kw == "list" || kw == "map" || kw == "set") {
    diags.Error(kInvalidType,
                fmt::format("The {} type constructor requires one argument specifying the element "
                            "type.",
                            kw),
                expr.range);
    return "";
  }
  if (kw == "object") {
    diags.Error(kInvalidType,
                "The object type constructor requires one argument specifying the attribute "
                "types and values as a map.",
                expr.range);
    return "";
  }
  if (kw == "tuple") {
    diags.Error(kInvalidType,
                "The tuple type constructor requires one argument specifying the element types "
                "as a list.",
                expr.range);
    return "";
  }
  if (!kw.empty()) {
    diags.Error(kInvalidType,
                fmt::format("The keyword \"{}\" is not a valid type specification.", kw),
                expr.range);
    return "";
  }
  if (expr.kind != ast::ExprKind::kFunctionCall || !expr.call || expr.call->expand_final) {
    diags.Error(kInvalidType,
                "A type specification is either a primitive type keyword (bool, number, string) "
                "or a complex type constructor call, like list(string).",
                expr.range);
    return "";
  }
  const ast::FunctionCallData& call = *expr.call;
  const std::string& name = call.name;
  if (name == "bool" || name == "string" || name == "number") {
    diags.Error(kInvalidType,
                fmt::format("Primitive type keyword \"{}\" does not expect arguments.", name),
                ArgsRange(call));
    return "";
  }
  if (name == "any") {
    diags.Error(kInvalidType,
                fmt::format("Type constraint keyword \"{}\" does not expect arguments.", name),
                ArgsRange(call));
    return "";
  }
  if (call.args.size() != 1) {
    Range context = ArgsRange(call);
    Range subject = context;
    if (call.args.size() > 1) subject = Cover(call.args[1]->range, call.args.back()->range);
    std::string detail;
    if (name == "list" || name == "set" || name == "map") {
      detail = fmt::format(
          "The {} type constructor requires one argument specifying the element type.", name);
    } else if (name == "object") {
      detail =
          "The object type constructor requires one argument specifying the attribute types "
          "and values as a map.";
    } else if (name == "tuple") {
      detail =
          "The tuple type constructor requires one argument specifying the element types as a "
          "list.";
    }
    if (!detail.empty()) {
      diags.Error(kInvalidType, detail, subject, context);
      return "";
    }
  }
  if (name == "list" || name == "set" || name == "map") {
    return GetType(*call.args[0], diags).empty() ? "" : "complex";
  }
  if (name == "object") {
    const ast::Expr& arg = *call.args[0];
    if (arg.kind != ast::ExprKind::kObject) {
      diags.Error(kInvalidType,
                  "Object type constructor requires a map whose keys are attribute names and "
                  "whose values are the corresponding attribute types.",
                  arg.range, expr.range);
      return "";
    }
    bool ok = true;
    for (const ast::ObjectItem& item : arg.object_items) {
      std::string attr_name = KeyKeyword(item);
      if (attr_name.empty()) {
        diags.Error(kInvalidType, "Object constructor map keys must be attribute names.",
                    item.key ? item.key->range : arg.range, expr.range);
        ok = false;
        continue;
      }
      if (!item.value) continue;
      const ast::Expr* aty = item.value.get();
      const ast::Expr* default_expr = nullptr;
      if (aty->kind == ast::ExprKind::kFunctionCall && aty->call &&
          aty->call->name == "optional") {
        const ast::FunctionCallData& opt = *aty->call;
        if (opt.args.empty()) {
          diags.Error(kInvalidType,
                      "Optional attribute modifier requires the attribute type as its argument.",
                      ArgsRange(opt), aty->range);
          ok = false;
          continue;
        }
        if (opt.args.size() == 2) {
          default_expr = opt.args[1].get();
        } else if (opt.args.size() > 2) {
          diags.Error(kInvalidType,
                      "Optional attribute modifier expects at most two arguments: the attribute "
                      "type, and a default value.",
                      ArgsRange(opt), aty->range);
          ok = false;
        }
        aty = opt.args[0].get();
      }
      StaticValue default_value;
      size_t before = diags.ErrorCount();
      if (default_expr) default_value = EvalStatic(*default_expr, diags);
      bool default_ok = diags.ErrorCount() == before;
      std::string t = GetType(*aty, diags);
      if (t.empty()) ok = false;
      if (default_expr && default_ok && (t == "string" || t == "number" || t == "bool")) {
        std::string err = ConvertPrimitiveError(default_value, t);
        if (!err.empty()) {
          diags.Error("Invalid default value for optional attribute",
                      fmt::format("This default value is not compatible with the attribute's "
                                  "type constraint: {}.",
                                  err),
                      default_expr->range);
        }
      }
    }
    return ok ? "complex" : "";
  }
  if (name == "tuple") {
    const ast::Expr& arg = *call.args[0];
    if (arg.kind != ast::ExprKind::kTuple) {
      diags.Error(kInvalidType, "Tuple type constructor requires a list of element types.",
                  arg.range, expr.range);
      return "";
    }
    bool ok = true;
    for (const ast::ExprPtr& item : arg.items) {
      if (item && GetType(*item, diags).empty()) ok = false;
    }
    return ok ? "complex" : "";
  }
  if (name == "optional") {
    diags.Error(kInvalidType,
                "Keyword \"optional\" is valid only as a modifier for object type attributes.",
                call.name_range);
    return "";
  }
  diags.Error(kInvalidType, fmt::format("Keyword \"{}\" is not a valid type constructor.", name),
              expr.range);
  return "";
}

}  // namespace

std::string CheckVariableType(const ast::Expr& expr, Diagnostics& diags) {
  std::string quoted;
  if (IsQuotedString(expr, &quoted)) {
    constexpr const char* kPrefix =
        "Terraform 0.11 and earlier required type constraints to be given in quotes, but that "
        "form is now deprecated and will be removed in a future version of Terraform. ";
    if (quoted == "string") {
      diags.Error("Invalid quoted type constraints",
                  std::string(kPrefix) + "Remove the quotes around \"string\".", expr.range);
    } else if (quoted == "list" || quoted == "map") {
      diags.Error("Invalid quoted type constraints",
                  fmt::format("{}Remove the quotes around \"{}\" and write {}(string) instead to "
                              "explicitly indicate that the {} elements are strings.",
                              kPrefix, quoted, quoted, quoted),
                  expr.range);
    } else {
      diags.Error("Invalid legacy variable type hint",
                  "To provide a full type expression, remove the surrounding quotes and give the "
                  "type expression directly.",
                  expr.range);
    }
    return "";
  }
  std::string_view kw = ExprAsKeyword(expr);
  if (kw == "list" || kw == "map") return "complex";
  std::string t = GetType(expr, diags);
  return t == "complex" ? "" : t;
}

}  // namespace cairn::config
