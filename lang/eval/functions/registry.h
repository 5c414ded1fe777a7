#pragma once
/// Terraform's built-in functions: a table of definitions (parameters, return type, body)
/// and the FunctionRegistry that checks and converts arguments the way hclsyntax and cty's
/// function.Call do before running a body.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/type.h"
#include "lang/base/value.h"
#include "lang/eval/scope.h"

namespace cairn::eval::functions {

/// One parameter. Unless `allow_*` says otherwise, the registry rejects a null argument
/// ("argument must not be null"), answers an unknown argument with an unknown result of the
/// return type without running the body, and strips marks before the body runs (putting
/// them back on the result).
struct Param {
  std::string name;
  Type type;  ///< arguments are converted to it; Dynamic: passed as they are
  bool allow_null = false;
  bool allow_unknown = false;
  bool allow_marked = false;
  /// The argument is passed unevaluated, as an ExpressionClosure (hcl's
  /// customdecode.ExpressionClosureType): no conversion and no null, unknown or mark
  /// handling; only a `closure_body` sees it.
  bool takes_expression = false;
};

/// What a body reports instead of a value: an error about one argument (`arg` indexes the
/// call's arguments; "Invalid function argument") or about the call ("Error in function call").
/// As in hclsyntax, an `arg` beyond the call's arguments and parameters (Terraform's
/// fileexists reports directories as argument 1 of 1) becomes an error about the call.
struct FunctionError {
  std::optional<size_t> arg;
  std::string message;  ///< without the final period
};

struct BodyResult {
  Value value;
  std::optional<FunctionError> error;
};

inline BodyResult ArgError(size_t arg, std::string message) {
  return {Value(), FunctionError{arg, std::move(message)}};
}
inline BodyResult CallError(std::string message) {
  return {Value(), FunctionError{std::nullopt, std::move(message)}};
}

/// A function definition. `body` receives the converted, unmarked (unless allowed), non-null
/// (unless allowed), known (unless allowed) arguments; variadic ones follow the fixed ones.
struct FunctionDef {
  std::string name;
  std::vector<Param> params;
  std::optional<Param> variadic;
  /// The result type; `return_type`, when set, computes it from the converted arguments
  /// (which may be unknown) instead.
  Type returns;
  std::function<Type(const std::vector<Value>&)> return_type;
  std::function<BodyResult(const std::vector<Value>&)> body;
  /// cty's RefineResult: an unknown result (from unknown arguments) is known not to be null.
  /// False for the few functions Terraform does not refine (timeadd, plantimestamp).
  bool refine_not_null = true;
  /// Used instead of `body` by a function with `takes_expression` parameters: `closures[i]`
  /// is the closure of argument i when its parameter takes an expression, else null.
  std::function<BodyResult(const std::vector<Value>&,
                           const std::vector<const ExpressionClosure*>& closures)>
      closure_body = nullptr;
};

/// The registry of built-in functions (the groups registered by Register* below).
class BuiltinFunctions : public FunctionRegistry {
 public:
  BuiltinFunctions();
  /// Bodies may keep a pointer to their registry: it is never copied or moved.
  BuiltinFunctions(const BuiltinFunctions&) = delete;
  BuiltinFunctions& operator=(const BuiltinFunctions&) = delete;
  void Add(FunctionDef def);

  bool Has(std::string_view name) const override;
  bool TakesExpression(std::string_view name, size_t index) const override;
  /// The definition of `name`. Precondition: Has(name).
  const FunctionDef& Def(std::string_view name) const;
  std::vector<std::string> Names() const override;
  FunctionResult Call(std::string_view name, const std::vector<FunctionArg>& args,
                      const ast::FunctionCallData& call, const Range& call_range) const override;

  /// The signature of `name` as Terraform describes it (views/json/function.go): parameter
  /// names and type constraints, the variadic parameter, the return type. Precondition: Has.
  FunctionCallInfo::Signature Signature(std::string_view name) const;

 private:
  /// Call without the function-call annotation on its diagnostics.
  FunctionResult CallUnannotated(std::string_view name, const std::vector<FunctionArg>& args,
                                 const ast::FunctionCallData& call,
                                 const Range& call_range) const;

  std::map<std::string, FunctionDef, std::less<>> defs_;
};

/// What the functions that touch the world outside the expression depend on. Groups that
/// need it receive it when they register (and keep a copy).
struct FunctionOptions {
  /// The directory relative paths are resolved against (file, fileset, templatefile, ...),
  /// as Go's filepath.Join does (errors name the cleaned join; Terraform passes "." for every
  /// module, so paths are relative to the working directory and modules use path.module).
  std::string base_dir = ".";
  /// True while planning or validating: the impure functions (timestamp, uuid, bcrypt) then
  /// return unknown (not null) values of their result type, as Terraform does before apply.
  bool planning = false;
  /// The time the plan was made (plantimestamp); unset: plantimestamp is unknown, as in
  /// `terraform validate`.
  std::optional<std::chrono::system_clock::time_point> plan_time;
};

/// A registry with every implemented function, bound to `options`. The functions keep
/// pointers into the registry (templatefile calls the others), so it lives on the heap and
/// is never moved.
std::unique_ptr<BuiltinFunctions> MakeBuiltins(const FunctionOptions& options);

/// The registry made by MakeBuiltins with default options (built once, never destroyed).
const BuiltinFunctions& Builtins();

/// hclsyntax's Expression.StartRange: the range an argument error points at (a quoted
/// string's first part, a tuple's `[`, a function call's name and `(`...).
Range StartRange(const ast::Expr& e);

// The groups, as Terraform's documentation groups them (one file each).
void RegisterNumericFunctions(BuiltinFunctions& r);
void RegisterStringFunctions(BuiltinFunctions& r);
/// format and formatlist (string group; format.cc).
void RegisterFormatFunctions(BuiltinFunctions& r);
void RegisterConversionFunctions(BuiltinFunctions& r);
void RegisterCollectionFunctions(BuiltinFunctions& r);
void RegisterEncodingFunctions(BuiltinFunctions& r);
/// csvdecode (encoding group; csv.cc).
void RegisterCsvFunctions(BuiltinFunctions& r);
/// yamlencode (encoding group; yaml_encode.cc).
void RegisterYamlEncodeFunction(BuiltinFunctions& r);
/// yamldecode (encoding group; yaml_decode.cc).
void RegisterYamlDecodeFunction(BuiltinFunctions& r);
/// textencodebase64 and textdecodebase64 (encoding group; text_encoding.cc).
void RegisterTextEncodingFunctions(BuiltinFunctions& r);
/// The hash and crypto group (crypto.cc); uuid and bcrypt are unknown while planning.
void RegisterCryptoFunctions(BuiltinFunctions& r, const FunctionOptions& options);
/// formatdate, plantimestamp, timeadd, timecmp, timestamp (`options.planning`, `plan_time`).
void RegisterDateTimeFunctions(BuiltinFunctions& r, const FunctionOptions& options);
void RegisterNetworkFunctions(BuiltinFunctions& r);
/// abspath, basename, dirname, file, filebase64, fileexists, fileset, pathexpand,
/// templatefile and the file* hashes (`options.base_dir`; templatefile calls the other
/// functions of `r`).
void RegisterFilesystemFunctions(BuiltinFunctions& r, const FunctionOptions& options);
/// regex, regexall and replace (string group; regex.cc).
void RegisterRegexFunctions(BuiltinFunctions& r);
/// setintersection, setproduct, setsubtract, setunion (collection group; sets.cc).
void RegisterSetFunctions(BuiltinFunctions& r);
/// try and can (functions group) and templatestring (string group), whose arguments are
/// expressions (closures.cc).
void RegisterClosureFunctions(BuiltinFunctions& r);

}  // namespace cairn::eval::functions
