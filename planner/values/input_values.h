#pragma once
/// Values for a root module's input variables, gathered from where Terraform gathers them:
/// environment (`TF_VAR_name`, then `CAIRN_VAR_name` over it), `terraform.tfvars`, then
/// `cairn.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars` / `*.auto.tfvars.json` in name
/// order, then `-var` and `-var-file` in command-line order (a later source wins).

#include <map>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"
#include "lang/base/value.h"
#include "lang/config/module.h"

namespace cairn::planner {

/// Where a value came from; decides how it is parsed and how errors about it are worded.
enum class InputSource {
  kEnvironment,  ///< TF_VAR_ / CAIRN_VAR_: raw string, parsed as HCL only for non-string types
  kFile,         ///< a tfvars file (HCL or JSON): an expression with a source range
  kCommandLine,  ///< -var name=value: like the environment
  kInput,        ///< typed at the interactive prompt: like the environment
};

/// One variable's raw value before type conversion. For kFile, `value` is the evaluated
/// constant expression and `range` its source range; for the others `value` is a string
/// (converted against the declared type later, HCL-parsed when that type is not a string)
/// and `range` is a synthetic range naming the source (e.g. `<value for var.x>`).
struct InputValue {
  Value value;
  InputSource source = InputSource::kCommandLine;
  Range range;
};

/// Name → raw value, after precedence was applied.
using InputValues = std::map<std::string, InputValue, std::less<>>;

/// One `-var` or `-var-file` argument, in the order given on the command line.
struct VarArgument {
  bool is_file = false;  ///< -var-file=PATH (else -var NAME=VALUE)
  std::string text;      ///< the argument's value as typed
};

struct CollectInputsResult {
  InputValues values;
  Diagnostics diagnostics;
};

/// Gathers values for `module`'s variables from `dir` (where the automatic tfvars files are
/// looked for), `environ` (NAME=VALUE strings, e.g. from `environ`) and `args`. Values for
/// undeclared variables: a warning for files and the environment is ignored, an error for
/// `-var` — as Terraform words them. Functions are not allowed in tfvars files.
CollectInputsResult CollectInputValues(const config::Module& module, std::string_view dir,
                                       const std::vector<std::string>& environ,
                                       const std::vector<VarArgument>& args);

}  // namespace cairn::planner
