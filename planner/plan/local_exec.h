#pragma once
/// The `local-exec` provisioner (Terraform's builtin/provisioners/local-exec) and the pieces
/// an apply engine needs around it: the meta-arguments of a provisioner block, decoding a
/// local-exec block in a scope, running its command (output streamed line by line), and the
/// progress lines Terraform prints for provisioners. Texts are Terraform 1.11's
/// (tests/cli/testdata/provisioner_reference holds what terraform printed).
///
/// The apply engine does, per provisioner of an instance whose `when` matches (create-time
/// ones only after the object was created, not for a tainted object):
///   1. DecodeLocalExec(p, scope with `self`, evaluator) -> Value; errors end provisioning
///      (nothing printed for the step);
///   2. print FormatProvisioningStart(addr, p.type);
///   3. RunLocalExec(LocalExecConfigFromValue(value), line -> print FormatProvisionOutput(
///      addr, p.type, line), stop);
///   4. locate the result's diagnostics with InProvisionerBody(diags, p, addr); if there are
///      errors and the meta says on_failure = continue, drop them (Terraform prints nothing);
///      otherwise they are the instance's errors: a create-time failure leaves the new object
///      in the state as tainted, a destroy-time one keeps the object (not destroyed).

#include <atomic>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/config/module.h"
#include "lang/eval/scope.h"
#include "planner/plan/body_decode.h"
#include "providers/schema.h"

namespace cairn::planner {

/// The provisioner type Cairn runs.
inline constexpr std::string_view kLocalExecType = "local-exec";

/// A provisioner block's `when` and `on_failure`.
struct ProvisionerMeta {
  bool when_destroy = false;         ///< `when = destroy` (default: create)
  bool on_failure_continue = false;  ///< `on_failure = continue` (default: fail)
};

struct ProvisionerMetaResult {
  ProvisionerMeta meta;
  Diagnostics diagnostics;
};

/// Reads `when` and `on_failure` (config::DecodeProvisionerKeywords): bare keywords read from
/// the AST, with Terraform's load-time diagnostics ("Quoted keywords are deprecated",
/// "Invalid \"when\" keyword", "Invalid \"on_failure\" keyword", and for a destroy-time
/// provisioner "Invalid reference from destroy provisioner"); a bad value keeps the default.
/// config::LoadModule reports the same diagnostics when it loads the module, so a caller
/// working on a module that loaded without errors gets no errors here.
ProvisionerMetaResult DecodeProvisionerMeta(const config::Provisioner& provisioner);

/// Terraform's check before any walk, for every provisioner block of the configuration (all
/// modules): a type Terraform does not know is "Missing required provisioner plugin"
/// (sourceless, Terraform's text with Cairn's name), sorted by text as Terraform sorts them;
/// Terraform's other built-in types ("file", "remote-exec", which connect to the created
/// object) are "Unsupported provisioner" errors at the block, since Cairn runs only local-exec.
Diagnostics CheckProvisionerTypes(std::span<const config::Module* const> modules);

/// local-exec's arguments (Terraform's provisioner schema): command (required string),
/// environment (map of string), interpreter (list of string), quiet (bool), working_dir
/// (string).
const providers::Block& LocalExecSchema();

/// The provisioner block's body without its meta-arguments (`when`, `on_failure`) and its
/// `connection`, `lifecycle` and `_` blocks: what the provisioner's schema decodes.
config::BodyView ProvisionerConfigBody(const config::Provisioner& provisioner);

/// Decodes a local-exec block with LocalExecSchema() in `scope` (the caller's scope holds
/// `self`, `count.index`, `each.*`, ...): hcl's and Terraform's errors ("Missing required
/// argument" at the block's opening brace, "Unsupported argument", "Incorrect attribute value
/// type", ...). The value may hold unknowns (validation) and marks (sensitive values).
DecodeBodyResult DecodeLocalExec(const config::Provisioner& provisioner,
                                 const eval::Scope& scope, BodyEvaluator& evaluator);

/// What RunLocalExec runs.
struct LocalExecConfig {
  std::string command;  ///< may be empty: RunLocalExec reports it, as Terraform does
  /// argv before the command; empty means `/bin/sh -c`.
  std::vector<std::string> interpreter;
  std::string working_dir;  ///< empty: the current directory
  /// Added to (and overriding) the process environment; sorted by name.
  std::vector<std::pair<std::string, std::string>> environment;
  bool quiet = false;
  /// The configuration held a sensitive value: every output message is replaced by
  /// "(output suppressed due to sensitive value in config)", as Terraform does.
  bool suppress_output = false;
};

/// Reads a decoded local-exec value (of LocalExecSchema().ImpliedType(), marks allowed): null
/// list elements and null environment values are skipped, as Terraform does; a null or
/// unknown command is the empty command.
LocalExecConfig LocalExecConfigFromValue(const Value& value);

/// The argv RunLocalExec runs: the interpreter (default `/bin/sh -c`), then the command.
std::vector<std::string> LocalExecArgv(const LocalExecConfig& config);

/// The first message of a run: `Executing: ["/bin/sh" "-c" "echo hi"]` (Go's %q of the argv)
/// or, with quiet, `local-exec: Executing: Suppressed by quiet=true`.
std::string ExecutingMessage(const LocalExecConfig& config);

struct LocalExecResult {
  /// Empty on success; otherwise one error without a location (see InProvisionerBody):
  /// "Invalid local-exec provisioner command" ("The command must be a non-empty string.") or
  /// "local-exec provisioner error" ("Error running command 'CMD': exit status 1. Output: ..."
  /// with the last 8 KiB of output; "chdir DIR: no such file or directory", "exec: \"x\":
  /// executable file not found in $PATH", "fork/exec PATH: ...", "signal: killed" as Go words
  /// them).
  Diagnostics diagnostics;
  bool started = false;  ///< the process was started
  /// The exit code when the process exited; -1 otherwise (not started, or killed by a signal).
  int exit_code = -1;
};

/// Runs a local-exec command as Terraform does on Linux: posix_spawn of LocalExecArgv (a
/// program name without '/' is looked up in PATH), the process environment plus
/// `environment`, in `working_dir`, stdout and stderr merged into one pipe. `output_message`
/// receives ExecutingMessage first, then each line of output without its '\n' (a partial
/// line after 100 ms without output, as Terraform's line reader does); never concurrently
/// for one run. Waits until the process exits and its output ends. When `stop` is given and
/// becomes 2, the process is killed (SIGKILL) and the run ends with "signal: killed".
/// Thread-safe: runs may proceed concurrently on several threads.
LocalExecResult RunLocalExec(const LocalExecConfig& config,
                             const std::function<void(std::string_view message)>& output_message,
                             const std::atomic<int>* stop = nullptr);

/// The same, killing the process as soon as `kill_now` (polled about every 100 ms, may be
/// empty) returns true, e.g. `[&] { return interrupt.Get() >= 2; }` with the apply engine's
/// planner::apply::InterruptLevel.
LocalExecResult RunLocalExec(const LocalExecConfig& config,
                             const std::function<void(std::string_view message)>& output_message,
                             const std::function<bool()>& kill_now);

/// Gives each diagnostic without a subject the provisioner block's body as subject (its
/// opening brace, as Terraform's WholeContainingBody diagnostics do) and `address` (the
/// instance: "with ADDR,"), as Terraform's InConfigBody does.
void InProvisionerBody(Diagnostics& diagnostics, const config::Provisioner& provisioner,
                       std::string_view address);

/// What RunProvisioners needs for one resource instance.
struct ProvisionRequest {
  const config::Resource* resource = nullptr;
  /// Run the `when = destroy` provisioners (before the object is destroyed); otherwise the
  /// create-time ones (after the object was created; never for a tainted object).
  bool destroy = false;
  std::string address;  ///< the instance, e.g. `module.m.terraform_data.a[0]`
  /// The scope the provisioners' arguments see (`self` = the object, `count.index`, ...).
  const eval::Scope* scope = nullptr;
  BodyEvaluator* evaluator = nullptr;
  /// Receives whole lines to print on stdout ("ADDR: Provisioning with ..." and each
  /// "ADDR (local-exec): ..." line), each ending in '\n'; never concurrently for one run.
  std::function<void(std::string_view text)> print;
  /// Polled while a command runs: true kills it (the second Ctrl-C); may be empty.
  std::function<bool()> kill_now;
};

struct ProvisionResult {
  /// Errors make the instance fail: a create-time failure leaves the new object in the state
  /// as tainted; a destroy-time one leaves the object in place (not destroyed).
  Diagnostics diagnostics;
  size_t ran = 0;  ///< provisioners started
};

/// Terraform's applyProvisioners for one instance: each provisioner of the resource whose
/// `when` matches, in order: its arguments decoded (errors end the run before its progress
/// line), "Provisioning with 'local-exec'...", the command run with its output printed, its
/// errors located in the provisioner block; errors of an `on_failure = continue` provisioner
/// are dropped (Terraform prints nothing), any other error ends the run. A provisioner type
/// other than local-exec is an error here (CheckProvisionerTypes reports them up front).
ProvisionResult RunProvisioners(const ProvisionRequest& request);

/// "ADDR: Provisioning with 'TYPE'...\n" (Terraform's PreProvisionInstanceStep hook).
std::string FormatProvisioningStart(std::string_view address, std::string_view type);

/// What Terraform's ProvisionOutput hook prints for one message: the message split at '\n'
/// and '\r', each line with trailing white space removed and, when not empty, prefixed by
/// "ADDR (TYPE): "; the lines joined, surrounding white space trimmed, then "\n" (a blank
/// message prints an empty line).
std::string FormatProvisionOutput(std::string_view address, std::string_view type,
                                  std::string_view message);

}  // namespace cairn::planner
