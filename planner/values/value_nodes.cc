#include "planner/values/value_nodes.h"

#include <fmt/format.h>

#include "lang/base/convert.h"
#include "lang/base/type_defaults.h"
#include "lang/config/static_value.h"
#include "lang/eval/evaluate.h"
#include "planner/values/expression_values.h"

namespace cairn::planner {
namespace {

/// hcl.Range.String(): `file:line,col-col` or `file:line,col-line,col`.
std::string RangeString(const Range& r) {
  if (r.start.line == r.end.line) {
    return fmt::format("{}:{},{}-{}", r.filename.str(), r.start.line, r.start.column,
                       r.end.column);
  }
  return fmt::format("{}:{},{}-{},{}", r.filename.str(), r.start.line, r.start.column,
                     r.end.line, r.end.column);
}

/// The name an object type constraint's item declares (a bare name or a quoted string).
std::string ItemName(const ast::ObjectItem& item) {
  if (!item.key) return "";
  if (item.key->kind == ast::ExprKind::kScopeTraversal && item.key->steps.empty()) {
    return item.key->root_name;
  }
  std::string text;
  if (config::IsQuotedString(*item.key, &text)) return text;
  if (item.key->kind == ast::ExprKind::kLiteral) return item.key->literal.text;
  return "";
}

/// hcl typeexpr's defaults for `optional(type, default)` attributes at any depth of the type
/// expression `e` (whose decoded type is `type`), or null when there are none. The loader
/// checked the expression; anything unexpected here just has no defaults.
std::shared_ptr<const TypeDefaults> BuildTypeDefaults(const ast::Expr& e, const Type& type) {
  if (e.kind != ast::ExprKind::kFunctionCall || !e.call || e.call->args.empty()) return nullptr;
  const ast::FunctionCallData& call = *e.call;
  auto node = std::make_shared<TypeDefaults>();
  node->type = type;
  auto add_child = [&](const std::string& key, const ast::Expr& sub, const Type& sub_type) {
    if (auto child = BuildTypeDefaults(sub, sub_type)) node->children[key] = std::move(child);
  };
  if ((call.name == "list" || call.name == "set" || call.name == "map") && type.IsCollection()) {
    add_child("", *call.args[0], type.ElementType());
  } else if (call.name == "tuple" && type.IsTuple() &&
             call.args[0]->kind == ast::ExprKind::kTuple) {
    const auto& items = call.args[0]->items;
    for (size_t i = 0; i < items.size() && i < type.TupleElements().size(); ++i) {
      add_child(std::to_string(i), *items[i], type.TupleElements()[i]);
    }
  } else if (call.name == "object" && type.IsObject() &&
             call.args[0]->kind == ast::ExprKind::kObject) {
    for (const ast::ObjectItem& item : call.args[0]->object_items) {
      std::string name = ItemName(item);
      int index = type.AttributeIndex(name);
      if (index < 0 || !item.value) continue;
      const Type& attr_type = type.Attributes()[index].second;
      const ast::Expr* attr_expr = item.value.get();
      if (attr_expr->kind == ast::ExprKind::kFunctionCall && attr_expr->call &&
          attr_expr->call->name == "optional" && !attr_expr->call->args.empty()) {
        const auto& args = attr_expr->call->args;
        if (args.size() == 2) {
          Diagnostics ignored;
          ConvertResult c = Convert(config::EvalStatic(*args[1], ignored), attr_type);
          if (c.ok() && !ignored.HasErrors()) node->values[name] = c.value;
        }
        attr_expr = args[0].get();
      }
      add_child(name, *attr_expr, attr_type);
    }
  }
  if (node->empty()) return nullptr;
  return node;
}

std::string TrimSpace(const std::string& s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

}  // namespace

bool DecodedBool(const ast::Expr* e) {
  if (!e) return false;
  Diagnostics ignored;  // the loader reported problems with these already
  bool out = false;
  config::DecodeBool(*e, ignored, &out);
  return out;
}

std::string DecodedString(const ast::Expr* e) {
  if (!e) return "";
  Diagnostics ignored;
  std::string out;
  config::DecodeString(*e, ignored, &out);
  return out;
}


/// Adds an error about `expr` with Terraform's expression-values hints.
void ValueNodes::ErrorAbout(const ast::Expr& expr, std::string summary, std::string detail,
                const Range& subject) {
  diags_.Error(std::move(summary), std::move(detail), subject);
  diags_.items().back().values = ExpressionValues(expr, scope_);
}

/// Evaluates `expr`; its errors get Terraform's values hints for the traversals in the
/// part of `expr` each is about: hclsyntax's Expression, which is the operand or argument
/// (the subject) for operand and argument errors, else the context's expression.
eval::EvalResult ValueNodes::Eval(const ast::Expr& expr) {
  eval::EvalResult r = eval::Evaluate(expr, scope_, functions_);
  for (Diagnostic& d : r.diagnostics.items()) {
    if (d.severity != Severity::kError || !d.values.empty() || !d.subject) continue;
    const bool about_subject =
        d.summary == "Invalid operand" || d.summary == "Invalid function argument";
    const Range& about = d.context && !about_subject ? *d.context : *d.subject;
    if (about.filename != expr.range.filename) continue;
    d.values = ExpressionValues(expr, scope_, false, false, &about);
  }
  return r;
}

/// prepareFinalInputVariableValue, then the validation rules.
void ValueNodes::EvaluateVariable(const config::Variable& var, const InputValue* raw, const std::string& addr,
                      Value& slot) {
  Diagnostics& diags = diags_;
  const Type& type = var.type_constraint;
  Type concrete = WithoutOptionalAttributes(type);
  bool sensitive = DecodedBool(var.sensitive);
  Marks marks = (sensitive ? Marks::Sensitive() : Marks()) |
                (DecodedBool(var.ephemeral) ? Marks::Ephemeral() : Marks());
  auto fail = [&] { slot = Value::Unknown(concrete).WithMarks(marks); };

  std::optional<Value> default_value;
  if (var.default_value) {
    Diagnostics ignored;  // reported by the loader
    Value d = config::EvalStatic(*var.default_value, ignored);
    ConvertResult c = Convert(d, type);
    default_value = c.ok() && var.default_fits_type ? c.value : Value::Unknown(concrete);
  }

  if (validating_) {
    // Terraform's validate walk: the value is not known yet.
    slot = Value::Unknown(concrete);
    for (const config::CheckRule& rule : var.validations) {
      ValidateVariable(var, rule, var.decl_range);
    }
    slot = slot.WithMarks(marks);
    return;
  }
  std::string non_file_source;
  Range source_range = var.decl_range;
  if (raw && raw->source == InputSource::kFile) {
    source_range = raw->range;
  } else if (raw) {
    switch (raw->source) {
      case InputSource::kCommandLine:
        non_file_source = fmt::format("set using -var=\"{}=...\"", var.name);
        break;
      case InputSource::kEnvironment:
        non_file_source = fmt::format(
            "set using the {} environment variable",
            raw->env_name.empty() ? "TF_VAR_" + var.name : raw->env_name);
        break;
      case InputSource::kInput:
        non_file_source = "set using an interactive prompt";
        break;
      case InputSource::kFile:
        break;
    }
  }

  Value given;
  if (raw) {
    given = raw->value;
  } else if (!default_value) {
    diags.Error("No value for required variable",
                fmt::format("The root module input variable \"{}\" is not set, and has no "
                            "default value. Use a -var or -var-file command line argument to "
                            "provide a value for this variable.",
                            var.name),
                var.decl_range);
    fail();
    return;
  } else {
    given = *default_value;
  }
  if (!given.IsNull()) {
    if (var.type) {
      if (auto defaults = BuildTypeDefaults(*var.type, type)) given = defaults->Apply(given);
    }
  }
  ConvertResult converted = Convert(given, type);
  if (!converted.ok()) {
    // Terraform formats this error with %s, which leaves the path out.
    std::string err = converted.error->message;
    if (!non_file_source.empty()) {
      diags.Error("Invalid value for input variable",
                  fmt::format("Unsuitable value for {} {}: {}.", addr, non_file_source, err),
                  var.decl_range);
    } else if (sensitive) {
      diags.Error("Invalid value for input variable",
                  fmt::format("The given value is not suitable for {}, which is sensitive: {}. "
                              "Invalid value defined at {}.",
                              addr, err, RangeString(source_range)),
                  var.decl_range);
    } else {
      diags.Error("Invalid value for input variable",
                  fmt::format("The given value is not suitable for {} declared at {}: {}.",
                              addr, RangeString(var.decl_range), err),
                  source_range);
    }
    fail();
    return;
  }
  Value val = converted.value;
  if (val.IsNull() && !var.nullable_value) {
    if (default_value) {
      val = *default_value;
    } else {
      if (!non_file_source.empty()) {
        diags.Error("Required variable not set",
                    fmt::format("Unsuitable value for {} {}: required variable may not be set "
                                "to null.",
                                addr, non_file_source),
                    var.decl_range);
      } else {
        diags.Error("Required variable not set",
                    fmt::format("The given value is not suitable for {} defined at {}: "
                                "required variable may not be set to null.",
                                addr, RangeString(var.decl_range)),
                    source_range);
      }
      fail();
      return;
    }
  }
  // Validation rules see the variable's own value without the sensitive mark (Terraform
  // puts the unmarked final value in their context); everything else sees it marked.
  slot = val;
  for (const config::CheckRule& rule : var.validations) {
    ValidateVariable(var, rule, source_range);
  }
  slot = val.WithMarks(marks);
}

/// evalVariableValidation.
void ValueNodes::ValidateVariable(const config::Variable& var, const config::CheckRule& rule,
                      const Range& value_range) {
  if (!rule.condition || !rule.error_message) return;
  Diagnostics& diags = diags_;
  eval::EvalResult result = Eval(*rule.condition);
  diags.Append(result.diagnostics);
  eval::EvalResult message = Eval(*rule.error_message);
  diags.Append(message.diagnostics);
  std::optional<std::string> failure = CheckResult(
      result.value, message, *rule.condition, *rule.error_message,
      /*variable_validation=*/true);
  if (!failure) return;
  ErrorAbout(*rule.condition, "Invalid value for variable",
             fmt::format("{}\n\nThis was checked by the validation rule at {}.", *failure,
                         RangeString(rule.decl_range)),
             value_range);
}

/// The shared part of evalVariableValidation and evalCheckRule: nullopt when the condition
/// holds, is unknown, or could not be decided (then the diagnostics say why); else the error
/// message to show. The two differ in words and in how an unknown message is treated.
std::optional<std::string> ValueNodes::CheckResult(const Value& result_in, const eval::EvalResult& message,
                                       const ast::Expr& condition,
                                       const ast::Expr& error_message,
                                       bool variable_validation) {
  Diagnostics& diags = diags_;
  const char* invalid = variable_validation ? "Invalid variable validation result"
                                            : "Invalid condition result";
  if (!result_in.IsKnown()) return std::nullopt;
  if (result_in.IsNull()) {
    ErrorAbout(condition, invalid,
               variable_validation
                   ? "Validation condition expression must return either true or false, not "
                     "null."
                   : "Condition expression must return either true or false, not null.",
               condition.range);
    return std::nullopt;
  }
  ConvertResult b = Convert(result_in, Type::Bool());
  if (!b.ok()) {
    ErrorAbout(condition, invalid,
               fmt::format("Invalid {}condition result value: {}.",
                           variable_validation ? "validation " : "", b.error->Format()),
               condition.range);
    return std::nullopt;
  }
  Value result = b.value.UnmarkedDeep();
  if (!result.IsKnown() || result.IsNull() || result.AsBool()) return std::nullopt;
  const Value& msg = message.value;
  bool message_failed = message.diagnostics.HasErrors();
  if (variable_validation && !message_failed && !msg.IsKnown()) {
    ErrorAbout(error_message, "Invalid error message",
               "Unsuitable value for error message: expression refers to values that won't "
               "be known until the apply phase.",
               error_message.range);
    diags.items().back().values =
        ExpressionValues(error_message, scope_, /*include_unknown=*/true);
    return std::nullopt;
  }
  std::string text;
  if (!message_failed && msg.IsKnown() && !msg.IsNull()) {
    ConvertResult s = Convert(msg, Type::String());
    if (!s.ok()) {
      ErrorAbout(error_message, "Invalid error message",
                 fmt::format("Unsuitable value for error message: {}.", s.error->Format()),
                 error_message.range);
    } else if (s.value.DeepMarks().sensitive()) {
      ErrorAbout(error_message, "Error message refers to sensitive values",
                 "The error expression used to explain this condition refers to sensitive "
                 "values. Terraform will not display the resulting message.\n\nYou can "
                 "correct this by removing references to sensitive values, or by carefully "
                 "using the nonsensitive() function if the expression will not reveal the "
                 "sensitive data.",
                 error_message.range);
      text = "The error message included a sensitive value, so it will not be displayed.";
    } else if (s.value.IsKnown()) {
      text = TrimSpace(s.value.UnmarkedDeep().AsString());
    }
  }
  if (text.empty()) text = "Failed to evaluate condition error message.";
  return text;
}

/// Terraform's evalCheckErrorMessage: the message, or "" after reporting why there is none
/// (an unknown message is "" without a diagnostic).
std::string ValueNodes::CheckErrorMessage(const ast::Expr& expr, const eval::EvalResult& message) {
  if (message.diagnostics.HasErrors()) return "";
  ConvertResult s = Convert(message.value, Type::String());
  if (!s.ok()) {
    ErrorAbout(expr, "Invalid error message",
               fmt::format("Unsuitable value for error message: {}.", s.error->Format()),
               expr.range);
    return "";
  }
  if (!s.value.IsKnown()) return "";
  if (s.value.IsNull()) {
    ErrorAbout(expr, "Invalid error message",
               "Unsuitable value for error message: must not be null.", expr.range);
    return "";
  }
  if (s.value.IsSensitive()) {
    diags_.Warning(
        "Error message refers to sensitive values",
        "The error expression used to explain this condition refers to sensitive values, so "
        "Terraform will not display the resulting message.\n\nYou can correct this by "
        "removing references to sensitive values, or by carefully using the nonsensitive() "
        "function if the expression will not reveal the sensitive data.",
        expr.range);
    diags_.items().back().values = ExpressionValues(expr, scope_);
    return "";
  }
  return TrimSpace(s.value.Unmarked().AsString());
}

/// Terraform's evalCheckRule for an output's precondition.
void ValueNodes::CheckCondition(const config::CheckRule& rule, const std::string& failed_summary) {
  Diagnostics& diags = diags_;
  eval::EvalResult result = Eval(*rule.condition);
  diags.Append(result.diagnostics);
  eval::EvalResult message = Eval(*rule.error_message);
  diags.Append(message.diagnostics);
  std::string text = CheckErrorMessage(*rule.error_message, message);
  const Value& r = result.value;
  if (!r.IsKnown()) return;
  if (r.IsNull()) {
    ErrorAbout(*rule.condition, "Invalid condition result",
               "Condition expression must return either true or false, not null.",
               rule.condition->range);
    return;
  }
  ConvertResult b = Convert(r, Type::Bool());
  if (!b.ok()) {
    ErrorAbout(*rule.condition, "Invalid condition result",
               fmt::format("Invalid condition result value: {}.", b.error->Format()),
               rule.condition->range);
    return;
  }
  Value v = b.value.UnmarkedDeep();
  if (!v.IsKnown() || v.AsBool()) return;
  if (text.empty()) {
    text = "This check failed, but has an invalid error message as described in the other "
           "accompanying messages.";
  }
  ErrorAbout(*rule.condition, failed_summary, text,
             rule.condition->range);
}


void ValueNodes::EvaluateLocal(const config::Local& local, Value& slot) {
  if (!local.expr) return;
  Diagnostics& diags = diags_;
  eval::EvalResult r = Eval(*local.expr);
  diags.Append(r.diagnostics);
  if (r.diagnostics.HasErrors()) return;
  slot = std::move(r.value);
}

void ValueNodes::EvaluateOutput(const config::Output& output, bool root, OutputValue& slot) {
  Diagnostics& diags = diags_;
  if (root && DecodedBool(output.ephemeral)) {
    diags.Error("Ephemeral output not allowed",
                "Ephemeral outputs are not allowed in context of a root module",
                output.decl_range);
    return;
  }
  size_t errors_before = diags.ErrorCount();
  for (const config::CheckRule& rule : output.preconditions) {
    if (rule.condition && rule.error_message) {
      CheckCondition(rule, "Module output value precondition failed");
    }
  }
  if (diags.ErrorCount() > errors_before) return;
  if (!output.value) return;
  eval::EvalResult r = Eval(*output.value);
  diags.Append(r.diagnostics);
  if (r.diagnostics.HasErrors()) return;
  Marks marks = r.value.DeepMarks();
  if (root && marks.ephemeral() && !DecodedBool(output.ephemeral)) {
    diags.Error("Ephemeral value not allowed",
                "This output value is not declared as returning an ephemeral value, so it "
                "cannot be set to a result derived from an ephemeral value.",
                output.value->range);
    return;
  }
  if (root && !slot.sensitive && marks.sensitive()) {
    diags.Error("Output refers to sensitive values",
                "To reduce the risk of accidentally exporting sensitive data that was intended "
                "to be only internal, Terraform requires that any root module output "
                "containing sensitive data be explicitly marked as sensitive, to confirm your "
                "intent.\n\nIf you do intend to export this data, annotate the output value "
                "as sensitive by adding the following argument:\n    sensitive = true",
                output.decl_range);
    return;
  }
  slot.value = slot.sensitive ? r.value.WithMarks(Marks::Sensitive()) : r.value;
}


}  // namespace cairn::planner
