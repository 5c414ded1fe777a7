#include "tests/cli/cli_runner.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace cairn::testing {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  std::string tmpl = (fs::temp_directory_path() / "cairn-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void ScratchDir::Write(const std::string& relative, const std::string& content) const {
  fs::path p = path_ / relative;
  fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << content;
}

std::string ScratchDir::Read(const std::string& relative) const { return ReadFile(path_ / relative); }

std::string ReadFile(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string MaskRunSpecific(const std::string& text) {
  static const std::regex after(R"(after [0-9]+s)");
  static const std::regex uuid(R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  static const std::regex deposed(R"(deposed object [0-9a-f]{8})");
  return std::regex_replace(
      std::regex_replace(std::regex_replace(text, after, "after Ns"), uuid, "UUID"), deposed,
      "deposed object KEY");
}

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

void WriteScenario(const ScratchDir& work, const fs::path& scenario) {
  work.Write("main.tf", ReadFile(scenario / "b.tf"));
  for (const auto& sub : fs::directory_iterator(scenario)) {
    if (!sub.is_directory()) continue;
    for (const auto& e : fs::recursive_directory_iterator(sub.path())) {
      if (!e.is_regular_file()) continue;
      work.Write(fs::relative(e.path(), scenario).generic_string(), ReadFile(e.path()));
    }
  }
  work.Write("terraform.tfstate", ReadFile(scenario / "state.tfstate"));
}

std::string SortLeadingRefreshLines(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> refresh;
  std::string rest, line;
  bool leading = true;
  while (std::getline(in, line)) {
    if (leading && line.find(": Refreshing state...") != std::string::npos) {
      refresh.push_back(line);
      continue;
    }
    leading = false;
    rest += line + "\n";
  }
  std::sort(refresh.begin(), refresh.end());
  std::string out;
  for (const std::string& r : refresh) out += r + "\n";
  return out + rest;
}

namespace {

std::string ReadAllFrom(const fs::path& p) { return ReadFile(p); }

}  // namespace

CliResult RunCairn(const fs::path& cwd, const std::vector<std::string>& args,
                   const std::string& stdin_text) {
  return RunCairnWithEnv(cwd, args, {}, stdin_text);
}

CliResult RunCairnWithEnv(const fs::path& cwd, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_env,
                          const std::string& stdin_text) {
  ScratchDir io;
  fs::path in = io.path() / "stdin", out = io.path() / "stdout", err = io.path() / "stderr";
  {
    std::ofstream f(in, std::ios::binary);
    f << stdin_text;
  }
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(cwd.c_str()) != 0) _exit(126);
    int fi = open(in.c_str(), O_RDONLY);
    int fo = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fi < 0 || fo < 0 || fe < 0) _exit(126);
    dup2(fi, 0);
    dup2(fo, 1);
    dup2(fe, 2);
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
      std::string kv = *e;
      if (kv.rfind("TF_", 0) == 0 || kv.rfind("CAIRN_", 0) == 0 || kv.rfind("NO_COLOR=", 0) == 0)
        continue;
      env.push_back(kv);
    }
    env.push_back("NO_COLOR=1");
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (auto& kv : env) envp.push_back(kv.data());
    envp.push_back(nullptr);
    std::vector<char*> argv;
    std::string bin = CAIRN_BINARY;
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execve(bin.c_str(), argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadAllFrom(out);
  r.err = ReadAllFrom(err);
  return r;
}

}  // namespace cairn::testing
