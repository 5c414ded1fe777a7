#pragma once
/// Every subcommand is a function from its arguments (after the subcommand name, flags as the
/// user wrote them) to an exit code, writing only through `Streams`.

#include <string>
#include <vector>

#include "cli/streams.h"

namespace cairn::cli {

using Args = std::vector<std::string>;

int RunVersion(const Args& args, Streams& io);
/// `validate [-json] [-no-color] [DIR]`: load-time checks of a configuration directory.
int RunValidate(const Args& args, Streams& io);

/// `fmt`: rewrites configuration files to the canonical layout (Terraform's exit codes: 0, 2 on
/// errors, 3 with -check when a file needs formatting, 1 on bad flags).
int RunFmt(const Args& args, Streams& io);

/// `output [-json|-raw] [-state=PATH] [NAME]`: the outputs recorded in the state file.
int RunOutput(const Args& args, Streams& io);

/// `console [-var ...] [-var-file ...]`: evaluates expressions read from standard input in
/// the root module's scope.
int RunConsole(const Args& args, Streams& io);

/// `plan [options]`: the changes to the root module's outputs (configurations without
/// resources); 0, 1 on errors, 2 with -detailed-exitcode when something changes.
int RunPlan(const Args& args, Streams& io);

/// `apply [options]`: plans, asks for approval (or -auto-approve), records the outputs in the
/// state.
int RunApply(const Args& args, Streams& io);
int RunDestroy(const Args& args, Streams& io);

/// `graph [-type=TYPE] [-draw-cycles] [-plan=FILE]`: the dependency graph in DOT.
int RunGraph(const Args& args, Streams& io);

/// `refresh [options]`: `apply -refresh-only -auto-approve` showing only progress lines,
/// warnings and the outputs, as Terraform's refresh.
int RunRefresh(const Args& args, Streams& io);

/// `cairn show [PLANFILE]`: the state or a saved plan (text, -json, -markdown).
int RunShow(const Args& args, Streams& io);

/// `providers schema -json`: the schemas of the providers the configuration and the state
/// require (built-in providers only), as `terraform providers schema -json` prints them.
int RunProviders(const Args& args, Streams& io);

/// `state <subcommand>`: the state management commands below (Terraform's exit codes: 0, 1 on
/// any error; the help and exit code 1 without a known subcommand).
int RunState(const Args& args, Streams& io);
/// `state list [-state=PATH] [-id=ID] [address...]`: the resource instances in the state.
int RunStateList(const Args& args, Streams& io);
/// `state rm [options] ADDRESS...`: forgets resource instances.
int RunStateRm(const Args& args, Streams& io);
/// `state mv [options] SOURCE DESTINATION`: renames or moves instances, resources, modules.
int RunStateMv(const Args& args, Streams& io);
/// `state show [-state=PATH] ADDRESS`: one resource instance's current object.
int RunStateShow(const Args& args, Streams& io);
/// `state pull`: prints the stored state.
int RunStatePull(const Args& args, Streams& io);
/// `state push [options] PATH|-`: replaces the stored state with a snapshot.
int RunStatePush(const Args& args, Streams& io);
/// `force-unlock [-force] LOCK_ID`: Terraform's refusal for local state.
int RunForceUnlock(const Args& args, Streams& io);
/// `taint [options] ADDRESS`: marks a resource instance's current object as tainted.
int RunTaint(const Args& args, Streams& io);
/// `untaint [options] ADDRESS`: marks a tainted resource instance's object as ready again.
int RunUntaint(const Args& args, Streams& io);
/// `init [options]`: finds the providers the configuration requires (built in or installed
/// plugins, never downloaded) and records the plugins in `.cairn.lock.hcl`.
int RunInit(const Args& args, Streams& io);

/// `import [options] ADDR ID`: imports an existing object into the state (Terraform's exit
/// codes: 0, 1 on any error).
int RunImport(const Args& args, Streams& io);

}  // namespace cairn::cli
