#include "lang/config/type_constraint.h"

#include <algorithm>

#include <fmt/format.h>

#include "lang/base/convert.h"
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

/// typeexpr.getType with constraint = true and withDefaults = true. Returns the dynamic
/// pseudo-type after an error.
Type GetType(const ast::Expr& expr, Diagnostics& diags) {
  std::string_view kw = ExprAsKeyword(expr);
  if (kw == "bool") return Type::Bool();
  if (kw == "string") return Type::String();
  if (kw == "number") return Type::Number();
  if (kw == "any") return Type::Dynamic();
  if (kw == "list" || kw == "map" || kw == "set") {
    diags.Error(kInvalidType,
                fmt::format("The {} type constructor requires one argument specifying the element "
                            "type.",
                            kw),
                expr.range);
    return Type::Dynamic();
  }
  if (kw == "object") {
    diags.Error(kInvalidType,
                "The object type constructor requires one argument specifying the attribute "
                "types and values as a map.",
                expr.range);
    return Type::Dynamic();
  }
  if (kw == "tuple") {
    diags.Error(kInvalidType,
                "The tuple type constructor requires one argument specifying the element types "
                "as a list.",
                expr.range);
    return Type::Dynamic();
  }
  if (!kw.empty()) {
    diags.Error(kInvalidType,
                fmt::format("The keyword \"{}\" is not a valid type specification.", kw),
                expr.range);
    return Type::Dynamic();
  }
  if (expr.kind != ast::ExprKind::kFunctionCall || !expr.call || expr.call->expand_final) {
    diags.Error(kInvalidType,
                "A type specification is either a primitive type keyword (bool, number, string) "
                "or a complex type constructor call, like list(string).",
                expr.range);
    return Type::Dynamic();
  }
  const ast::FunctionCallData& call = *expr.call;
  const std::string& name = call.name;
  if (name == "bool" || name == "string" || name == "number") {
    diags.Error(kInvalidType,
                fmt::format("Primitive type keyword \"{}\" does not expect arguments.", name),
                ArgsRange(call));
    return Type::Dynamic();
  }
  if (name == "any") {
    diags.Error(kInvalidType,
                fmt::format("Type constraint keyword \"{}\" does not expect arguments.", name),
                ArgsRange(call));
    return Type::Dynamic();
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
      return Type::Dynamic();
    }
  }
  if (name == "list") return Type::List(GetType(*call.args[0], diags));
  if (name == "set") return Type::Set(GetType(*call.args[0], diags));
  if (name == "map") return Type::Map(GetType(*call.args[0], diags));
  if (name == "object") {
    const ast::Expr& arg = *call.args[0];
    if (arg.kind != ast::ExprKind::kObject) {
      diags.Error(kInvalidType,
                  "Object type constructor requires a map whose keys are attribute names and "
                  "whose values are the corresponding attribute types.",
                  arg.range, expr.range);
      return Type::Dynamic();
    }
    std::vector<std::pair<std::string, Type>> attributes;
    std::vector<std::string> optional;
    for (const ast::ObjectItem& item : arg.object_items) {
      std::string attr_name = KeyKeyword(item);
      if (attr_name.empty()) {
        diags.Error(kInvalidType, "Object constructor map keys must be attribute names.",
                    item.key ? item.key->range : arg.range, expr.range);
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
          continue;
        }
        if (opt.args.size() <= 2) optional.push_back(attr_name);
        if (opt.args.size() == 2) {
          default_expr = opt.args[1].get();
        } else if (opt.args.size() > 2) {
          diags.Error(kInvalidType,
                      "Optional attribute modifier expects at most two arguments: the attribute "
                      "type, and a default value.",
                      ArgsRange(opt), aty->range);
        }
        aty = opt.args[0].get();
      }
      Value default_value;
      size_t before = diags.ErrorCount();
      if (default_expr) default_value = EvalStatic(*default_expr, diags);
      bool default_ok = diags.ErrorCount() == before;
      if (default_expr && !default_ok) {
        // Terraform leaves the attribute required when its default cannot be evaluated.
        std::erase(optional, attr_name);
      }
      Type t = GetType(*aty, diags);
      if (default_expr && default_ok) {
        ConvertResult converted = Convert(default_value, t);
        if (!converted.ok()) {
          diags.Error("Invalid default value for optional attribute",
                      fmt::format("This default value is not compatible with the attribute's "
                                  "type constraint: {}.",
                                  converted.error->Format()),
                      default_expr->range);
        }
      }
      attributes.emplace_back(attr_name, t);
    }
    std::sort(attributes.begin(), attributes.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    attributes.erase(std::unique(attributes.begin(), attributes.end(),
                                 [](const auto& a, const auto& b) { return a.first == b.first; }),
                     attributes.end());
    return Type::Object(std::move(attributes), std::move(optional));
  }
  if (name == "tuple") {
    const ast::Expr& arg = *call.args[0];
    if (arg.kind != ast::ExprKind::kTuple) {
      diags.Error(kInvalidType, "Tuple type constructor requires a list of element types.",
                  arg.range, expr.range);
      return Type::Dynamic();
    }
    std::vector<Type> elements;
    for (const ast::ExprPtr& item : arg.items) {
      elements.push_back(item ? GetType(*item, diags) : Type::Dynamic());
    }
    return Type::Tuple(std::move(elements));
  }
  if (name == "optional") {
    diags.Error(kInvalidType,
                "Keyword \"optional\" is valid only as a modifier for object type attributes.",
                call.name_range);
    return Type::Dynamic();
  }
  diags.Error(kInvalidType, fmt::format("Keyword \"{}\" is not a valid type constructor.", name),
              expr.range);
  return Type::Dynamic();
}

}  // namespace

Type DecodeVariableType(const ast::Expr& expr, Diagnostics& diags) {
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
    return Type::Dynamic();
  }
  std::string_view kw = ExprAsKeyword(expr);
  if (kw == "list") return Type::List(Type::Dynamic());
  if (kw == "map") return Type::Map(Type::Dynamic());
  size_t before = diags.ErrorCount();
  Type t = GetType(expr, diags);
  return diags.ErrorCount() == before ? t : Type::Dynamic();
}

}  // namespace cairn::config
