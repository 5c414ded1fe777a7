/// cairn's entry point: global options (Terraform's: -chdir, -help, -version), then dispatch to
/// a subcommand. Nothing below cli/ includes this layer.

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/streams.h"
#include "lang/base/name_suggestion.h"

namespace cairn::cli {
namespace {

struct Command {
  std::function<int(const Args&, Streams&)> run;
  const char* synopsis;
  bool main;  // listed under "Main commands"
};

const std::map<std::string, Command>& Commands() {
  static const std::map<std::string, Command> commands = {
      {"apply", {RunApply, "Create or update infrastructure", true}},
      {"console", {RunConsole, "Try Cairn expressions at an interactive command prompt", false}},
      {"force-unlock", {RunForceUnlock, "Release a stuck lock on the current workspace", false}},
      {"destroy", {RunDestroy, "Destroy previously-created infrastructure", true}},
      {"fmt", {RunFmt, "Reformat your configuration in the standard style", false}},
      {"graph", {RunGraph, "Generate a Graphviz graph of the steps in an operation", false}},
      {"import", {RunImport, "Associate existing infrastructure with a Cairn resource", false}},
      {"output", {RunOutput, "Show output values from your root module", false}},
      {"plan", {RunPlan, "Show changes required by the current configuration", true}},
      {"refresh", {RunRefresh, "Update the state to match remote systems", false}},
      {"show", {RunShow, "Show the current state or a saved plan", false}},
      {"providers", {RunProviders, "Show the providers required for this configuration", false}},
      {"state", {RunState, "Advanced state management", false}},
      {"validate", {RunValidate, "Check whether the configuration is valid", true}},
      {"version", {RunVersion, "Show the current Cairn version", false}},
      {"taint", {RunTaint, "Mark a resource instance as not fully functional", false}},
      {"untaint", {RunUntaint, "Remove the 'tainted' state from a resource instance", false}},
      {"init", {RunInit, "Prepare your working directory for other commands", true}},
  };
  return commands;
}

void PrintHelp(std::ostream& out) {
  out << "Usage: cairn [global options] <subcommand> [args]\n\n"
         "The available commands for execution are listed below.\n"
         "The primary workflow commands are given first, followed by\n"
         "less common or more advanced commands.\n\n"
         "Main commands:\n";
  for (const auto& [name, c] : Commands()) {
    if (c.main) out << "  " << name << std::string(14 - name.size(), ' ') << c.synopsis << "\n";
  }
  out << "\nAll other commands:\n";
  for (const auto& [name, c] : Commands()) {
    if (!c.main) out << "  " << name << std::string(14 - name.size(), ' ') << c.synopsis << "\n";
  }
  out << "\nGlobal options (use these before the subcommand, if any):\n"
         "  -chdir=DIR    Switch to a different working directory before executing the\n"
         "                given subcommand.\n"
         "  -help         Show this help output, or the help for a specified subcommand.\n"
         "  -version      An alias for the \"version\" subcommand.\n";
}

int Main(int argc, char** argv) {
  Streams io = ProcessStreams();
  std::vector<std::string> args(argv + 1, argv + argc);
  size_t i = 0;
  bool help = false;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("-chdir=", 0) == 0 || a.rfind("--chdir=", 0) == 0) {
      std::string dir = a.substr(a.find('=') + 1);
      if (chdir(dir.c_str()) != 0) {
        io.err << "Error handling -chdir option: chdir " << dir << ": " << std::strerror(errno)
               << "\n";
        return 1;
      }
    } else if (a == "-help" || a == "--help" || a == "-h") {
      help = true;
    } else if (a == "-version" || a == "--version" || a == "-v") {
      args[i] = "version";
      break;
    } else if (a == "-no-color") {
      io.no_color = true;
    } else {
      break;
    }
  }
  if (i >= args.size()) {
    PrintHelp(help ? io.out : io.err);
    return help ? 0 : 127;
  }
  const std::string name = args[i];
  Args rest(args.begin() + i + 1, args.end());
  if (help) rest.insert(rest.begin(), "-help");
  auto it = Commands().find(name);
  if (it == Commands().end()) {
    io.err << "Cairn has no command named \"" << name << "\".";
    std::string best;
    size_t best_d = 3;
    for (const auto& [cmd, c] : Commands()) {
      size_t d = EditDistance(name, cmd);
      if (d < best_d) best_d = d, best = cmd;
    }
    if (!best.empty()) io.err << " Did you mean \"" << best << "\"?";
    io.err << "\n\nTo see all of Cairn's top-level commands, run:\n  cairn -help\n\n";
    return 1;
  }
  return it->second.run(rest, io);
}

}  // namespace
}  // namespace cairn::cli

int main(int argc, char** argv) { return cairn::cli::Main(argc, argv); }
