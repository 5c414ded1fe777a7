/// `cairn state <subcommand>`: dispatches to the state subcommands; without one (or with an
/// unknown one) prints Terraform's `state` help and exits 1.

#include <map>
#include <string>

#include "cli/commands.h"
#include "cli/state_common.h"

namespace cairn::cli {
namespace {

struct Subcommand {
  int (*run)(const Args&, Streams&);
  const char* synopsis;
};

const std::map<std::string, Subcommand>& Subcommands() {
  static const std::map<std::string, Subcommand> subcommands = {
      {"list", {RunStateList, "List resources in the state"}},
      {"mv", {RunStateMv, "Move an item in the state"}},
      {"pull", {RunStatePull, "Pull current state and output to stdout"}},
      {"push", {RunStatePush, "Update remote state from a local state file"}},
      {"rm", {RunStateRm, "Remove instances from the state"}},
      {"show", {RunStateShow, "Show a resource in the state"}},
  };
  return subcommands;
}

void PrintStateHelp(std::ostream& out) {
  out << CairnHelp(R"(Usage: terraform [global options] state <subcommand> [options] [args]

  This command has subcommands for advanced state management.

  These subcommands can be used to slice and dice the Terraform state.
  This is sometimes necessary in advanced cases. For your safety, all
  state management commands that modify the state create a timestamped
  backup of the state prior to making modifications.

  The structure and output of the commands is specifically tailored to work
  well with the common Unix utilities such as grep, awk, etc. We recommend
  using those tools to perform more advanced state tasks.

Subcommands:
)");
  for (const auto& [name, sub] : Subcommands()) {
    out << "    " << name << std::string(20 - name.size(), ' ') << sub.synopsis << "\n";
  }
}

}  // namespace

int RunState(const Args& args, Streams& io) {
  // As mitchellh/cli: global -help/-h before the subcommand shows this help.
  if (!args.empty() && (args[0] == "-help" || args[0] == "--help" || args[0] == "-h")) {
    if (args.size() > 1) {
      auto it = Subcommands().find(args[1]);
      if (it != Subcommands().end()) {
        return it->second.run(Args{"-help"}, io);
      }
    }
    PrintStateHelp(io.out);
    return 0;
  }
  if (args.empty()) {
    PrintStateHelp(io.out);
    return 1;
  }
  auto it = Subcommands().find(args[0]);
  if (it == Subcommands().end()) {
    PrintStateHelp(io.out);
    return 1;
  }
  return it->second.run(Args(args.begin() + 1, args.end()), io);
}

}  // namespace cairn::cli
