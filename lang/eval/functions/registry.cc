#include "lang/eval/functions/registry.h"

#include <utility>

#include "lang/base/convert.h"
#include "lang/base/value_json.h"

namespace cairn::eval::functions {

BuiltinFunctions::BuiltinFunctions() = default;

void BuiltinFunctions::Add(FunctionDef def) {
  std::string name = def.name;
  defs_.insert_or_assign(std::move(name), std::move(def));
}

bool BuiltinFunctions::Has(std::string_view name) const { return defs_.find(name) != defs_.end(); }

const FunctionDef& BuiltinFunctions::Def(std::string_view name) const {
  return defs_.find(name)->second;
}

bool BuiltinFunctions::TakesExpression(std::string_view name, size_t index) const {
  const FunctionDef& def = Def(name);
  if (index < def.params.size()) return def.params[index].takes_expression;
  return def.variadic && def.variadic->takes_expression;
}

std::vector<std::string> BuiltinFunctions::Names() const {
  std::vector<std::string> out;
  out.reserve(defs_.size());
  for (const auto& [name, def] : defs_) out.push_back(name);
  return out;
}

Range StartRange(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kTemplate:
      if (!e.parts.empty() && e.parts[0]) return StartRange(*e.parts[0]);
      return e.range;
    case ast::ExprKind::kFunctionCall:
      return Range{e.call->name_range.filename, e.call->name_range.start,
                   e.call->open_paren_range.end};
    case ast::ExprKind::kBinaryOp:
      return e.operand ? StartRange(*e.operand) : e.range;
    case ast::ExprKind::kConditional:
      return e.condition ? StartRange(*e.condition) : e.range;
    case ast::ExprKind::kUnaryOp:
    case ast::ExprKind::kIndex:
    case ast::ExprKind::kSplat:
      return e.op_range;
    case ast::ExprKind::kTuple:
    case ast::ExprKind::kObject:
      return e.open_range;
    case ast::ExprKind::kFor:
      return e.for_data ? e.for_data->open_range : e.range;
    default:
      return e.range;
  }
}

namespace {

/// The expression an argument came from: with a final `...`, every expanded argument points
/// at the expanded expression.
const ast::Expr& ArgExpr(const ast::FunctionCallData& call, size_t i) {
  if (i >= call.args.size() || (call.expand_final && i + 1 >= call.args.size())) {
    return *call.args.back();
  }
  return *call.args[i];
}

}  // namespace

FunctionCallInfo::Signature BuiltinFunctions::Signature(std::string_view name) const {
  const FunctionDef& def = defs_.find(name)->second;
  FunctionCallInfo::Signature sig;
  sig.name = def.name;
  for (const Param& p : def.params) sig.params.push_back({p.name, EncodeTypeJson(p.type)});
  if (def.variadic) sig.variadic_param = FunctionParamInfo{def.variadic->name,
                                                           EncodeTypeJson(def.variadic->type)};
  sig.return_type_json = EncodeTypeJson(def.returns);
  return sig;
}

FunctionResult BuiltinFunctions::Call(std::string_view name, const std::vector<FunctionArg>& args,
                                      const ast::FunctionCallData& call,
                                      const Range& call_range) const {
  FunctionResult out = CallUnannotated(name, args, call, call_range);
  // hclsyntax tags argument and call errors with the function called (FunctionCallDiagExtra);
  // renderers show "while calling f(a, b)".
  for (Diagnostic& d : out.diagnostics.items()) {
    if (d.summary == "Invalid function argument" || d.summary == "Error in function call") {
      d.function_call = FunctionCallInfo{call.name, Signature(name)};
    }
  }
  return out;
}

FunctionResult BuiltinFunctions::CallUnannotated(std::string_view name,
                                                 const std::vector<FunctionArg>& args,
                                                 const ast::FunctionCallData& call,
                                                 const Range& call_range) const {
  FunctionResult out;
  const FunctionDef& def = defs_.find(name)->second;
  auto arg_range = [&](size_t i) {
    return call.args.empty() ? call.close_paren_range : StartRange(ArgExpr(call, i));
  };
  const size_t fixed = def.params.size();
  out.value = Value::DynamicUnknown();
  if (args.size() < fixed) {
    std::string detail = "Function \"" + def.name + "\" expects" +
                         (def.variadic ? " at least " : " ") + std::to_string(fixed) +
                         " argument(s). Missing value for \"" + def.params[args.size()].name +
                         "\".";
    out.diagnostics.Error("Not enough function arguments", std::move(detail),
                          call.close_paren_range, call_range);
    return out;
  }
  if (args.size() > fixed && !def.variadic) {
    out.diagnostics.Error(
        "Too many function arguments",
        "Function \"" + def.name + "\" expects only " + std::to_string(fixed) + " argument(s).",
        arg_range(fixed), call_range);
    return out;
  }
  auto param_of = [&](size_t i) -> const Param& {
    return i < fixed ? def.params[i] : *def.variadic;
  };
  auto arg_error = [&](size_t i, const std::string& message) {
    out.diagnostics.Error("Invalid function argument",
                          "Invalid value for \"" + param_of(i).name + "\" parameter: " +
                              message + ".",
                          arg_range(i), call_range);
  };

  // hclsyntax converts every argument to its parameter's type first.
  std::vector<Value> values;
  values.reserve(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    const Param& p = param_of(i);
    if (p.type.IsDynamic() || p.takes_expression) {
      values.push_back(args[i].value);
      continue;
    }
    ConvertResult c = Convert(args[i].value, p.type);
    if (!c.ok()) {
      arg_error(i, c.error->message);
      values.push_back(Value::Unknown(p.type));
      continue;
    }
    values.push_back(std::move(c.value));
  }
  if (out.diagnostics.HasErrors()) return out;

  // cty's function.Call: null checks, then unknowns, with marks moved to the result.
  Marks marks;
  for (size_t i = 0; i < values.size(); ++i) {
    const Param& p = param_of(i);
    if (p.takes_expression) continue;
    if (!p.allow_marked) {
      marks |= values[i].DeepMarks();
      if (values[i].ContainsMarked()) values[i] = values[i].UnmarkedDeep();
    }
    if (values[i].IsNull() && !p.allow_null) {
      arg_error(i, "argument must not be null");
      return out;
    }
  }
  Type result_type = def.return_type ? def.return_type(values) : def.returns;
  for (size_t i = 0; i < values.size(); ++i) {
    const Param& p = param_of(i);
    if (!p.allow_unknown && !p.takes_expression && !values[i].IsWhollyKnown()) {
      Value unknown = Value::Unknown(result_type);
      if (def.refine_not_null) unknown = unknown.RefineNotNull();
      out.value = unknown.WithMarks(marks);
      return out;
    }
  }
  BodyResult r;
  if (def.closure_body) {
    std::vector<const ExpressionClosure*> closures;
    closures.reserve(args.size());
    for (const FunctionArg& a : args) closures.push_back(a.closure);
    r = def.closure_body(values, closures);
  } else {
    r = def.body(values);
  }
  if (r.error) {
    const bool has_param = r.error->arg && (*r.error->arg < fixed || def.variadic);
    if (r.error->arg && *r.error->arg < args.size()) {
      arg_error(*r.error->arg, r.error->message);
    } else if (has_param) {
      // hclsyntax: an error about a parameter the call has no argument for (a variadic
      // one) points at the whole call.
      out.diagnostics.Error("Invalid function argument",
                            "Invalid value for \"" + param_of(*r.error->arg).name +
                                "\" parameter: " + r.error->message + ".",
                            call_range);
    } else {
      // hclsyntax: an argument index beyond every parameter is reported about the call.
      out.diagnostics.Error(
          "Error in function call",
          "Call to function \"" + def.name + "\" failed: " + r.error->message + ".",
          Range{call.name_range.filename, call.name_range.start, call.open_paren_range.end},
          call_range);
    }
    out.value = Value::Unknown(result_type).WithMarks(marks);
    return out;
  }
  out.value = marks.empty() ? std::move(r.value) : r.value.WithMarks(marks);
  return out;
}

std::unique_ptr<BuiltinFunctions> MakeBuiltins(const FunctionOptions& options) {
  auto r = std::make_unique<BuiltinFunctions>();
  RegisterNumericFunctions(*r);
  RegisterStringFunctions(*r);
  RegisterFormatFunctions(*r);
  RegisterConversionFunctions(*r);
  RegisterCollectionFunctions(*r);
  RegisterEncodingFunctions(*r);
  RegisterCsvFunctions(*r);
  RegisterYamlEncodeFunction(*r);
  RegisterYamlDecodeFunction(*r);
  RegisterTextEncodingFunctions(*r);
  RegisterCryptoFunctions(*r, options);
  RegisterDateTimeFunctions(*r, options);
  RegisterNetworkFunctions(*r);
  RegisterFilesystemFunctions(*r, options);
  RegisterRegexFunctions(*r);
  RegisterSetFunctions(*r);
  RegisterClosureFunctions(*r);
  return r;
}

const BuiltinFunctions& Builtins() {
  static const BuiltinFunctions* registry = MakeBuiltins(FunctionOptions{}).release();
  return *registry;
}

}  // namespace cairn::eval::functions
