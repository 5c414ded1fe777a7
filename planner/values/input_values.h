#pragma once
/// Values for a root module's input variables, gathered from where Terraform gathers them:
/// environment (`TF_VAR_name`, then `CAIRN_VAR_name` over it), `terraform.tfvars`, then
/// `cairn.tfvars`, `terraform.tfvars.json`, then `cairn.tfvars.json`, `*.auto.tfvars` /
/// `*.auto.tfvars.json` in name order, then `-var` and `-var-file` in command-line order (a
/// later source wins).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"
#include "lang/base/value.h"
#include "lang/config/module.h"
#include "lang/syntax/ast.h"

namespace cairn::planner {

/// Where a value came from; decides how it is parsed and how errors about it are worded.
enum class InputSource {
  kEnvironment,  ///< TF_VAR_ / CAIRN_VAR_: raw string, parsed as HCL only for non-string types
  kFile,         ///< a tfvars file (HCL or JSON): an expression with a source range
  kCommandLine,  ///< -var name=value: like the environment
  kInput,        ///< typed at the interactive prompt: like the environment
};

/// One variable's value before type conversion (Terraform's InputValue after
/// ParseVariableValues). For kFile, `value` is the file's constant expression evaluated and
/// `range` its source range. For the others `value` is the raw string when the variable has
/// no `type` or a primitive one (Terraform's literal parsing mode), else the value of the
/// string parsed as an HCL expression; `range` is an empty range in the synthetic file
/// `<value for var.NAME>` (there is no source to point at).
struct InputValue {
  Value value;
  InputSource source = InputSource::kCommandLine;
  Range range;
  /// kEnvironment: the environment variable that gave the value (`TF_VAR_x`, `CAIRN_VAR_x`).
  std::string env_name;
};

/// Name → value, after precedence was applied. Only declared variables have entries.
using InputValues = std::map<std::string, InputValue, std::less<>>;

/// One `-var` or `-var-file` argument, in the order given on the command line.
struct VarArgument {
  bool is_file = false;  ///< -var-file=PATH (else -var NAME=VALUE)
  std::string text;      ///< the argument's value as typed
};

struct CollectInputsResult {
  InputValues values;
  Diagnostics diagnostics;
  /// The tfvars files that were read (HCL parsed, JSON with an empty body), so diagnostics
  /// can quote them; diagnostics' ranges point into these by file name.
  std::vector<std::unique_ptr<ast::File>> files;
};

/// Gathers values for `module`'s variables from `dir` (where the automatic tfvars files are
/// looked for; file names in diagnostics are `dir` joined with the name, relative to the
/// working directory as LoadModule does), `environ` (NAME=VALUE strings, e.g. from
/// `environ`) and `args` (-var-file paths are used as given, relative to the working
/// directory). As Terraform's collectVariableValues + ParseVariableValues:
///  - reading problems ("Failed to read variables file", "Invalid -var option", syntax
///    errors, "Variable declaration in .tfvars file", blocks in a tfvars file) are reported
///    and nothing else is done when there are any;
///  - then values are parsed (functions and references are not allowed in tfvars files:
///    "Function calls not allowed", "Variables not allowed"; a -var/env string is parsed as
///    HCL for non-primitive types, with errors in `<value for var.NAME>`), values for
///    undeclared variables give Terraform's warnings (files, at most two plus a summary),
///    nothing (environment) or errors (-var); and a declared variable with neither a value
///    nor a default is "No value for required variable".
/// When the result has errors the caller stops, as Terraform does, before evaluating.
///
/// `prompted` holds raw strings typed at the interactive prompt (kInput) for variables that
/// had no value otherwise (Terraform asks only for those; a prompted name that has a value
/// from elsewhere is ignored). They are parsed like -var values.
CollectInputsResult CollectInputValues(
    const config::Module& module, std::string_view dir, const std::vector<std::string>& environ,
    const std::vector<VarArgument>& args,
    const std::map<std::string, std::string, std::less<>>& prompted = {});

/// The required variables (no default) of `module` that `values` has no value for, in
/// declaration order: what an interactive `plan`/`apply` asks for before collecting again
/// with `prompted`.
std::vector<const config::Variable*> UnsetRequiredVariables(const config::Module& module,
                                                            const InputValues& values);

}  // namespace cairn::planner
