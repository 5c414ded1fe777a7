// The functions whose arguments are expressions rather than values (hcl's
// customdecode.ExpressionClosureType): try and can (hcl's ext/tryfunc) and templatestring
// (Terraform's MakeTemplateStringFunc).

#include <unicode/uchar.h>

#include <fmt/format.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "lang/eval/variables.h"
#include "lang/syntax/parser.h"

namespace cairn::eval::functions {
namespace {

BodyResult Ok(Value v) { return {std::move(v), std::nullopt}; }

/// hcl's Range.String(): "file:line,col-col", or "file:line,col-line,col" across lines.
std::string RangeString(const Range& r) {
  if (r.start.line == r.end.line) {
    return fmt::format("{}:{},{}-{}", r.filename.str(), r.start.line, r.start.column,
                       r.end.column);
  }
  return fmt::format("{}:{},{}-{},{}", r.filename.str(), r.start.line, r.start.column,
                     r.end.line, r.end.column);
}

/// hcl's Diagnostic.Error() ("subject: summary; detail").
std::string DiagnosticError(const Diagnostic& d) {
  return fmt::format("{}: {}; {}", d.subject ? RangeString(*d.subject) : "<nil>", d.summary,
                     d.detail);
}

/// hcl's Diagnostics.Error(): the first diagnostic, and how many others there are.
std::string DiagnosticsError(const Diagnostics& diags) {
  if (diags.empty()) return "no diagnostics";
  std::string out = DiagnosticError(diags[0]);
  if (diags.size() > 1) out += fmt::format(", and {} other diagnostic(s)", diags.size() - 1);
  return out;
}

/// hcl's tryfunc try: the value of the first argument that evaluates without errors; unknown
/// as soon as an argument (before one succeeds) refers to an unknown value.
BodyResult Try(const std::vector<Value>&, const std::vector<const ExpressionClosure*>& args) {
  if (args.empty()) return CallError("at least one argument is required");
  Diagnostics all;
  for (const ExpressionClosure* closure : args) {
    if (closure->DependsOnUnknowns()) return Ok(Value::DynamicUnknown());
    FunctionResult r = closure->Evaluate();
    if (!r.diagnostics.HasErrors()) return Ok(std::move(r.value));
    all.Append(r.diagnostics);
  }
  std::string message = "no expression succeeded:\n";
  for (const Diagnostic& d : all) {
    if (d.subject) {
      message += fmt::format("- {} (at {})\n  {}\n", d.summary, RangeString(*d.subject), d.detail);
    } else {
      message += fmt::format("- {}\n  {}\n", d.summary, d.detail);
    }
  }
  message += "\nAt least one expression must produce a successful result";
  return CallError(std::move(message));
}

BodyResult Can(const std::vector<Value>&, const std::vector<const ExpressionClosure*>& args) {
  if (args[0]->DependsOnUnknowns()) return Ok(Value::Unknown(Type::Bool()));
  return Ok(Value::Bool(!args[0]->Evaluate().diagnostics.HasErrors()));
}

/// Terraform's isValidTemplateStringExpr: a reference, possibly indexed, splatted or
/// traversed further.
bool IsTemplateReference(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kScopeTraversal:
      return true;
    case ast::ExprKind::kRelativeTraversal:
    case ast::ExprKind::kIndex:
    case ast::ExprKind::kSplat:
      return e.operand && IsTemplateReference(*e.operand);
    default:
      return false;
  }
}

/// hclsyntax.ValidIdentifier: ID_Start followed by ID_Continue or `-`.
bool ValidIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    UChar32 r = static_cast<UChar32>(d.rune);
    bool ok = i == 0 ? u_hasBinaryProperty(r, UCHAR_ID_START)
                     : (r == '-' || u_hasBinaryProperty(r, UCHAR_ID_CONTINUE));
    if (!ok) return false;
    i += d.size;
  }
  return true;
}

/// The functions a template rendered by templatestring can call: the built-ins, except that
/// the template functions and the filesystem functions report why they cannot be used there.
class TemplateFunctions : public FunctionRegistry {
 public:
  explicit TemplateFunctions(const FunctionRegistry& inner) : inner_(inner) {}

  bool Has(std::string_view name) const override { return inner_.Has(name); }
  std::vector<std::string> Names() const override { return inner_.Names(); }
  bool TakesExpression(std::string_view name, size_t index) const override {
    return inner_.TakesExpression(name, index);
  }
  FunctionResult Call(std::string_view name, const std::vector<FunctionArg>& args,
                      const ast::FunctionCallData& call, const Range& call_range) const override {
    static const std::set<std::string, std::less<>> kTemplateFunctions = {"templatefile",
                                                                          "templatestring"};
    static const std::set<std::string, std::less<>> kFilesystemFunctions = {
        "file",        "filebase64",       "filebase64sha256", "filebase64sha512",
        "fileexists",  "filemd5",          "fileset",          "filesha1",
        "filesha256",  "filesha512",       "templatefile"};
    std::string message;
    if (kTemplateFunctions.count(name) != 0) {
      message = fmt::format("cannot recursively call {} from inside another template function",
                            name);
    } else if (kFilesystemFunctions.count(name) != 0) {
      message = fmt::format(
          "cannot use filesystem access functions like {} in templatestring templates; "
          "consider passing the function result as a template variable instead",
          name);
    } else {
      return inner_.Call(name, args, call, call_range);
    }
    FunctionResult out;
    out.value = Value::DynamicUnknown();
    out.diagnostics.Error(
        "Error in function call",
        fmt::format("Call to function \"{}\" failed: {}.", call.name, message),
        Range{call.name_range.filename, call.name_range.start, call.open_paren_range.end},
        call_range);
    return out;
  }

 private:
  const FunctionRegistry& inner_;
};

/// Terraform's makeRenderTemplateFunc: `tmpl` evaluated with only `vars` in scope.
BodyResult RenderTemplate(const ast::Expr& tmpl, const Value& vars,
                          const FunctionRegistry& registry) {
  const Type& t = vars.type();
  if (!(t.IsMap() || t.IsObject())) return ArgError(1, "invalid vars value: must be a map");
  for (const std::string& name : vars.Keys()) {
    if (!ValidIdentifier(name)) {
      return ArgError(1, fmt::format("invalid template variable name {}: must start with a "
                                     "letter, followed by zero or more letters, digits, and "
                                     "underscores",
                                     GoQuote(name)));
    }
  }
  for (const ast::Expr* traversal : ExpressionVariables(tmpl)) {
    if (vars.Find(traversal->root_name) == nullptr) {
      return ArgError(1, fmt::format("vars map does not contain key {}, referenced at {}",
                                     GoQuote(traversal->root_name),
                                     RangeString(traversal->root_range)));
    }
  }
  MapScope scope;
  for (size_t i = 0; i < vars.Keys().size(); ++i) {
    scope.SetRoot(vars.Keys()[i], vars.Elements()[i]);
  }
  TemplateFunctions functions(registry);
  EvalResult r = eval::Evaluate(tmpl, scope, functions);
  if (r.diagnostics.HasErrors()) return CallError(DiagnosticsError(r.diagnostics));
  return Ok(std::move(r.value));
}

/// `registry`: the functions the template may call.
BodyResult TemplateString(const std::vector<Value>& values,
                          const std::vector<const ExpressionClosure*>& closures,
                          const FunctionRegistry& registry) {
  const Value& vars = values[1];
  if (!vars.IsKnown()) return Ok(Value::Unknown(Type::String()).RefineNotNull());
  const ExpressionClosure& closure = *closures[0];
  const ast::Expr& e = closure.expr();
  if (e.kind == ast::ExprKind::kTemplateWrap) {
    return ArgError(0,
                    "invalid template expression: templatestring is only for rendering "
                    "templates retrieved dynamically from elsewhere; to treat the inner "
                    "expression as template syntax, write the reference expression directly "
                    "without any template interpolation syntax");
  }
  if (e.kind == ast::ExprKind::kTemplate) {
    bool literal = e.parts.size() == 1 && e.parts[0]->kind == ast::ExprKind::kLiteral;
    if (literal) {
      return ArgError(0,
                      "invalid template expression: templatestring is only for rendering "
                      "templates retrieved dynamically from elsewhere, and so does not support "
                      "providing a literal template; consider using a template string "
                      "expression instead");
    }
    return ArgError(0,
                    "invalid template expression: templatestring is only for rendering "
                    "templates retrieved dynamically from elsewhere; to render an inline "
                    "template, consider using a plain template string expression");
  }
  if (!IsTemplateReference(e)) {
    return ArgError(0,
                    "invalid template expression: must be a direct reference to a single "
                    "string from elsewhere, containing valid Terraform template syntax");
  }
  FunctionResult tmpl = closure.Evaluate();
  if (tmpl.diagnostics.HasErrors()) {
    return ArgError(0, "invalid template expression: " + DiagnosticsError(tmpl.diagnostics));
  }
  if (!tmpl.value.IsKnown()) return Ok(Value::Unknown(Type::String()).RefineNotNull());
  if (!tmpl.value.type().IsString() || tmpl.value.IsNull()) {
    return ArgError(0, "invalid template value: a string is required");
  }
  Marks marks = tmpl.value.marks();
  syntax::ExprParseResult parsed =
      syntax::ParseTemplate(tmpl.value.Unmarked().AsString(), "<templatestring argument>",
                            Pos{1, 1, 0});
  if (parsed.diagnostics.HasErrors() || !parsed.expr) {
    return ArgError(0, "invalid template: " + DiagnosticsError(parsed.diagnostics));
  }
  BodyResult r = RenderTemplate(*parsed.expr, vars, registry);
  if (r.error) return r;
  ConvertResult s = Convert(r.value, Type::String());
  if (!s.ok()) return CallError("invalid template result: " + s.error->message);
  return Ok(marks.empty() ? s.value : s.value.WithMarks(marks));
}

}  // namespace

void RegisterClosureFunctions(BuiltinFunctions& r) {
  Param expressions{"expressions", Type::Dynamic()};
  expressions.takes_expression = true;
  Param expression = expressions;
  expression.name = "expression";
  Param tmpl = expressions;
  tmpl.name = "template";
  tmpl.type = Type::String();  // what the signature says; the closure is checked by the body
  FunctionDef try_def{"try", {}, expressions, Type::Dynamic(), nullptr, nullptr};
  try_def.closure_body = Try;
  r.Add(std::move(try_def));
  FunctionDef can_def{"can", {expression}, std::nullopt, Type::Bool(), nullptr, nullptr};
  can_def.closure_body = Can;
  r.Add(std::move(can_def));
  // `vars` takes unknowns: only an unknown object (not one with unknown attributes) makes the
  // result unknown before rendering.
  FunctionDef ts{"templatestring",
                 {tmpl, Param{"vars", Type::Dynamic(), false, /*allow_unknown=*/true}},
                 std::nullopt,
                 Type::String(),
                 nullptr,
                 nullptr};
  const BuiltinFunctions* registry = &r;
  ts.closure_body = [registry](const std::vector<Value>& values,
                               const std::vector<const ExpressionClosure*>& closures) {
    return TemplateString(values, closures, *registry);
  };
  r.Add(std::move(ts));
}

}  // namespace cairn::eval::functions
