#pragma once
/// Running the real `cairn` binary in a scratch directory, for CLI tests that assert exactly
/// what a user sees (stdout, stderr, exit code).

#include <filesystem>
#include <string>
#include <vector>

namespace cairn::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// A fresh temporary directory, removed when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `relative` (creating parent directories).
  void Write(const std::string& relative, const std::string& content) const;
  /// Reads a file below the directory ("" when missing).
  std::string Read(const std::string& relative) const;

 private:
  std::filesystem::path path_;
};

/// Runs CAIRN_BINARY with `args` in `cwd`, feeding `stdin_text` on standard input, with
/// NO_COLOR=1 and TF_/CAIRN_ variables cleared. Captures stdout and stderr separately.
CliResult RunCairn(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                   const std::string& stdin_text = "");

/// RunCairn with `env` ("NAME=VALUE") added to the child's environment after the clearing.
CliResult RunCairnWithEnv(const std::filesystem::path& cwd, const std::vector<std::string>& args,
                          const std::vector<std::string>& env, const std::string& stdin_text = "");

/// Reads a whole file (for goldens); "" when missing.
std::string ReadFile(const std::filesystem::path& path);

/// `text` without what differs from run to run of the same apply: durations ("after 2s" ->
/// "after Ns"), the random UUIDs terraform_data gives its objects (and a state its lineage)
/// -> "UUID", and random deposed keys ("deposed object KEY").
std::string MaskRunSpecific(const std::string& text);

/// The whitespace-separated words of `text` (a scenario's `args`, a command line).
std::vector<std::string> Words(const std::string& text);

/// Writes a two-step scenario (tests/planner/render/testdata/<name>) into `work`: its b.tf as
/// main.tf, the module directories it calls (mod/, mod_a/, ...), and state.tfstate (what
/// terraform recorded after applying a.tf) as terraform.tfstate.
void WriteScenario(const ScratchDir& work, const std::filesystem::path& scenario);

/// The text with its leading "Refreshing state..." lines sorted: Terraform refreshes in
/// parallel, so its order of those lines varies from run to run (Cairn prints them in the
/// order it walks the configuration).
std::string SortLeadingRefreshLines(const std::string& text);

}  // namespace cairn::testing
