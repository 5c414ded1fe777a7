/// The state commands beyond the goldens of tests/cli/testdata/state_*: help texts, the state
/// files they leave (backups, serials, lineages, dependencies), Cairn's deterministic order
/// where Terraform's is random, and locking: commands that find the state locked fail or
/// wait, and concurrent `state rm` runs never lose an update or corrupt the file.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "state/local_store.h"
#include "state/statefile.h"
#include "tests/cli/cli_runner.h"

extern char** environ;

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLineage = "11111111-1111-4111-8111-111111111111";

/// A v4 state with `instances` of terraform_data resources given as (name, index_key JSON or
/// "" for none, dependencies JSON array).
struct Inst {
  std::string module;  // "" for the root module
  std::string name;
  std::string key;  // JSON of index_key, "" for none
  std::string deps = "";
};

std::string StateJson(const std::vector<Inst>& instances, int serial = 5) {
  nlohmann::ordered_json s;
  s["version"] = 4;
  s["terraform_version"] = "1.11.4";
  s["serial"] = serial;
  s["lineage"] = kLineage;
  s["outputs"] = nlohmann::ordered_json::object();
  s["resources"] = nlohmann::ordered_json::array();
  int id = 0;
  for (const Inst& i : instances) {
    auto& rs = s["resources"];
    if (rs.empty() || rs.back()["name"] != i.name || rs.back().value("module", "") != i.module) {
      nlohmann::ordered_json r;
      if (!i.module.empty()) r["module"] = i.module;
      r["mode"] = "managed";
      r["type"] = "terraform_data";
      r["name"] = i.name;
      r["provider"] = "provider[\"terraform.io/builtin/terraform\"]";
      r["instances"] = nlohmann::ordered_json::array();
      rs.push_back(r);
    }
    nlohmann::ordered_json o;
    if (!i.key.empty()) o["index_key"] = nlohmann::ordered_json::parse(i.key);
    o["schema_version"] = 0;
    o["attributes"] = {{"id", "id-" + std::to_string(id++)},
                       {"input", nullptr},
                       {"output", nullptr},
                       {"triggers_replace", nullptr}};
    o["sensitive_attributes"] = nlohmann::ordered_json::array();
    if (!i.deps.empty()) o["dependencies"] = nlohmann::ordered_json::parse(i.deps);
    rs.back()["instances"].push_back(o);
  }
  s["check_results"] = nullptr;
  return s.dump(2) + "\n";
}

state::State ReadState(const fs::path& path) {
  state::ReadStateResult r = state::ReadStateFile(ReadFile(path));
  EXPECT_FALSE(r.diagnostics.HasErrors());
  EXPECT_TRUE(r.state.has_value());
  return r.state ? *r.state : state::State();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> BackupsIn(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string name = e.path().filename().string();
    if (name.rfind("terraform.tfstate.", 0) == 0 && name.size() > 25 &&
        name.compare(name.size() - 7, 7, ".backup") == 0) {
      out.push_back(name);
    }
  }
  return out;
}

/// Starts cairn without waiting (posix_spawn: nothing runs between fork and exec), stdout and
/// stderr to files.
pid_t StartCairn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::string bin = CAIRN_BINARY;
  std::vector<std::string> copy = args;
  std::vector<char*> argv{bin.data()};
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env{"NO_COLOR=1", "PATH=/usr/bin:/bin"};
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(rc, 0);
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(StateCliTest, StateWithoutSubcommandShowsHelpAndFails) {
  ScratchDir dir;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"state"}, {"state", "bogus"}, {"state", "-help"}}) {
    CliResult r = RunCairn(dir.path(), args);
    EXPECT_EQ(r.exit_code, args.size() == 2 && args[1] == "-help" ? 0 : 1);
    EXPECT_EQ(r.out,
              "Usage: cairn [global options] state <subcommand> [options] [args]\n\n"
              "  This command has subcommands for advanced state management.\n\n"
              "  These subcommands can be used to slice and dice the Cairn state.\n"
              "  This is sometimes necessary in advanced cases. For your safety, all\n"
              "  state management commands that modify the state create a timestamped\n"
              "  backup of the state prior to making modifications.\n\n"
              "  The structure and output of the commands is specifically tailored to work\n"
              "  well with the common Unix utilities such as grep, awk, etc. We recommend\n"
              "  using those tools to perform more advanced state tasks.\n\n"
              "Subcommands:\n"
              "    list                List resources in the state\n"
              "    mv                  Move an item in the state\n"
              "    pull                Pull current state and output to stdout\n"
              "    push                Update remote state from a local state file\n"
              "    rm                  Remove instances from the state\n"
              "    show                Show a resource in the state\n");
    EXPECT_EQ(r.err, "");
  }
}

TEST(StateCliTest, SubcommandHelpNamesCairn) {
  ScratchDir dir;
  for (const char* sub : {"list", "rm", "mv", "pull", "push", "show"}) {
    CliResult r = RunCairn(dir.path(), {"state", sub, "-help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_EQ(r.out.rfind(std::string("Usage: cairn [global options] state ") + sub + " ", 0), 0u)
        << r.out;
    std::string text = r.out;  // the default state file's name stays terraform.tfstate
    for (size_t p = text.find("terraform.tfstate"); p != std::string::npos;
         p = text.find("terraform.tfstate", p)) {
      text.erase(p, 17);
    }
    EXPECT_EQ(text.find("erraform"), std::string::npos) << r.out;
  }
  CliResult r = RunCairn(dir.path(), {"force-unlock", "-help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("Usage: cairn [global options] force-unlock LOCK_ID\n", 0), 0u);
  CliResult main_help = RunCairn(dir.path(), {"-help"});
  EXPECT_NE(main_help.out.find("  state         Advanced state management\n"), std::string::npos);
  EXPECT_NE(main_help.out.find("  force-unlock  Release a stuck lock on the current workspace\n"),
            std::string::npos);
}

TEST(StateCliTest, ListFiltersById) {
  ScratchDir dir;
  dir.Write("terraform.tfstate", StateJson({{"", "a", ""}, {"", "c", "0"}, {"", "c", "1"}}));
  CliResult r = RunCairn(dir.path(), {"state", "list", "-id=id-2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "terraform_data.c[1]\n");
  r = RunCairn(dir.path(), {"state", "list", "-id", "id-0", "terraform_data.c"});
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(StateCliTest, RmWritesTimestampedBackupOfThePreviousState) {
  ScratchDir dir;
  std::string before = StateJson({{"", "a", ""}, {"", "b", ""}});
  dir.Write("terraform.tfstate", before);
  CliResult r = RunCairn(dir.path(), {"state", "rm", "terraform_data.a"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Removed terraform_data.a\nSuccessfully removed 1 resource instance(s).\n");
  std::vector<std::string> backups = BackupsIn(dir.path());
  ASSERT_EQ(backups.size(), 1u);
  EXPECT_EQ(dir.Read(backups[0]), before);
  state::State after = ReadState(dir.path() / "terraform.tfstate");
  EXPECT_EQ(after.serial, 6u);
  EXPECT_EQ(after.lineage, kLineage);
  ASSERT_EQ(after.resources.size(), 1u);
  EXPECT_EQ(after.resources[0].addr.ToString(), "terraform_data.b");
  EXPECT_FALSE(fs::exists(dir.path() / ".terraform.tfstate.lock.info"));

  // -backup=PATH puts it there instead; a dry run writes nothing.
  r = RunCairn(dir.path(), {"state", "rm", "-dry-run", "terraform_data.b"});
  EXPECT_EQ(r.out, "Would remove terraform_data.b\n");
  EXPECT_EQ(ReadState(dir.path() / "terraform.tfstate").serial, 6u);
  std::string current = dir.Read("terraform.tfstate");
  r = RunCairn(dir.path(), {"state", "rm", "-backup=saved.tfstate", "terraform_data.b"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(dir.Read("saved.tfstate"), current);
  EXPECT_TRUE(ReadState(dir.path() / "terraform.tfstate").resources.empty());
}

TEST(StateCliTest, RmWithoutMatchLeavesTheStateAlone) {
  ScratchDir dir;
  std::string before = StateJson({{"", "a", ""}});
  dir.Write("terraform.tfstate", before);
  CliResult r = RunCairn(dir.path(), {"state", "rm", "terraform_data.zz"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(dir.Read("terraform.tfstate"), before);
  EXPECT_TRUE(BackupsIn(dir.path()).empty());
}

TEST(StateCliTest, MvClearsDependenciesOnTheMovedObject) {
  ScratchDir dir;
  dir.Write("terraform.tfstate", StateJson({{"", "a", ""},
                                            {"", "b", "", R"(["terraform_data.a"])"},
                                            {"", "c", "", R"(["terraform_data.b"])"},
                                            {"module.m", "d", "", R"(["terraform_data.a"])"},
                                            {"", "e", "", R"(["module.m.terraform_data.d"])"}}));
  CliResult r = RunCairn(dir.path(), {"state", "mv", "terraform_data.a", "terraform_data.a2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Move \"terraform_data.a\" to \"terraform_data.a2\"\n"
            "Successfully moved 1 object(s).\n");
  state::State s = ReadState(dir.path() / "terraform.tfstate");
  auto deps = [&](const std::string& module, const std::string& name) {
    for (const state::ResourceState& rs : s.resources) {
      if (addrs::ToString(rs.addr.module) == module && rs.addr.resource.name == name) {
        return rs.instances.at(0).current->dependencies;
      }
    }
    ADD_FAILURE() << name;
    return std::vector<std::string>{};
  };
  EXPECT_TRUE(deps("", "b").empty());
  EXPECT_TRUE(deps("module.m", "d").empty());
  EXPECT_EQ(deps("", "c"), std::vector<std::string>{"terraform_data.b"});
  EXPECT_EQ(deps("", "e"), std::vector<std::string>{"module.m.terraform_data.d"});

  // Moving the module clears what depends on anything in it.
  r = RunCairn(dir.path(), {"state", "mv", "module.m", "module.q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  s = ReadState(dir.path() / "terraform.tfstate");
  EXPECT_TRUE(deps("", "e").empty());
  EXPECT_EQ(deps("", "c"), std::vector<std::string>{"terraform_data.b"});
}

TEST(StateCliTest, MvOfAModuleMovesItsDescendantsParentsFirst) {
  // Terraform walks a Go map here (random order); Cairn goes parents first.
  ScratchDir dir;
  dir.Write("terraform.tfstate", StateJson({{"module.n[0].module.inner.module.deep", "x", ""},
                                            {"module.n[0].module.inner", "i", ""},
                                            {"module.n[0]", "b", ""},
                                            {"module.n[1]", "b", ""}}));
  CliResult r = RunCairn(dir.path(), {"state", "mv", "module.n[0]", "module.q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Move \"module.n[0]\" to \"module.q\"\n"
            "Move \"module.n[0].module.inner\" to \"module.q.module.inner\"\n"
            "Move \"module.n[0].module.inner.module.deep\" to "
            "\"module.q.module.inner.module.deep\"\n"
            "Successfully moved 3 object(s).\n");
  r = RunCairn(dir.path(), {"state", "list"});
  EXPECT_EQ(r.out,
            "module.n[1].terraform_data.b\n"
            "module.q.terraform_data.b\n"
            "module.q.module.inner.terraform_data.i\n"
            "module.q.module.inner.module.deep.terraform_data.x\n");
}

TEST(StateCliTest, MvToAnotherStateFileWritesBothWithBackups) {
  ScratchDir dir;
  dir.Write("terraform.tfstate", StateJson({{"", "a", ""}, {"", "b", ""}}));
  CliResult r = RunCairn(dir.path(), {"state", "mv", "-state-out=out.tfstate", "terraform_data.a",
                                      "terraform_data.z"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  state::State from = ReadState(dir.path() / "terraform.tfstate");
  state::State to = ReadState(dir.path() / "out.tfstate");
  ASSERT_EQ(from.resources.size(), 1u);
  EXPECT_EQ(from.resources[0].addr.ToString(), "terraform_data.b");
  ASSERT_EQ(to.resources.size(), 1u);
  EXPECT_EQ(to.resources[0].addr.ToString(), "terraform_data.z");
  EXPECT_EQ(to.resources[0].provider, "provider[\"terraform.io/builtin/terraform\"]");
  EXPECT_NE(to.lineage, kLineage);  // a new state gets its own lineage
  EXPECT_EQ(to.serial, 1u);
  EXPECT_EQ(BackupsIn(dir.path()).size(), 1u);  // out.tfstate had no previous content
}

TEST(StateCliTest, MvWithStateOutNamingTheSameFileKeepsEverything) {
  ScratchDir dir;
  dir.Write("terraform.tfstate", StateJson({{"", "a", ""}, {"", "b", ""}}));
  CliResult r = RunCairn(dir.path(), {"state", "mv", "-state-out=./terraform.tfstate",
                                      "terraform_data.a", "terraform_data.z"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCairn(dir.path(), {"state", "list"});
  EXPECT_EQ(r.out, "terraform_data.b\nterraform_data.z\n");
}

TEST(StateCliTest, PushKeepsThePushedLineageAndSerial) {
  ScratchDir dir;
  dir.Write("pushed.tfstate", StateJson({{"", "a", ""}}, 7));
  CliResult r = RunCairn(dir.path(), {"state", "push", "pushed.tfstate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  state::State s = ReadState(dir.path() / "terraform.tfstate");
  EXPECT_EQ(s.serial, 7u);  // no previous state: the snapshot as it is
  EXPECT_EQ(s.lineage, kLineage);

  dir.Write("newer.tfstate", StateJson({{"", "a", ""}, {"", "b", ""}}, 9));
  r = RunCairn(dir.path(), {"state", "push", "newer.tfstate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadState(dir.path() / "terraform.tfstate").serial, 10u);  // changed: one more
  EXPECT_FALSE(dir.Read("terraform.tfstate.backup").empty());

  // -force over a newer serial with the same content keeps the pushed serial.
  dir.Write("same.tfstate", StateJson({{"", "a", ""}, {"", "b", ""}}, 2));
  r = RunCairn(dir.path(), {"state", "push", "same.tfstate"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "Failed to write state: cannot import state with serial 2 over newer state with "
            "serial 10\n");
  r = RunCairn(dir.path(), {"state", "push", "-force", "same.tfstate"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadState(dir.path() / "terraform.tfstate").serial, 2u);
}

TEST(StateCliTest, PullPrintsNothingWithoutState) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"state", "pull"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(dir.path() / "terraform.tfstate"));
}

TEST(StateCliTest, CommandsFailWhileTheStateIsLocked) {
  ScratchDir dir;
  std::string before = StateJson({{"", "a", ""}, {"", "b", ""}});
  dir.Write("terraform.tfstate", before);
  state::LocalStateStore holder((dir.path() / "terraform.tfstate").string());
  ASSERT_FALSE(holder.Lock({}).HasErrors());
  nlohmann::json info = nlohmann::json::parse(dir.Read(".terraform.tfstate.lock.info"));
  std::string id = info["ID"];

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"state", "rm", "terraform_data.a"},
        {"state", "mv", "terraform_data.a", "terraform_data.q"},
        {"state", "push", "-force", "terraform.tfstate"}}) {
    CliResult r = RunCairn(dir.path(), args);
    EXPECT_EQ(r.exit_code, 1) << args[1];
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("\nError: Error acquiring the state lock\n\nError message: resource "
                          "temporarily unavailable\nLock Info:\n  ID:        " +
                              id + "\n",
                          0),
              0u)
        << r.err;
  }
  // Reading needs no lock.
  CliResult r = RunCairn(dir.path(), {"state", "list"});
  EXPECT_EQ(r.out, "terraform_data.a\nterraform_data.b\n");
  // force-unlock cannot release another process's local lock.
  r = RunCairn(dir.path(), {"force-unlock", "-force", id});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "Failed to unlock state: LocalState not locked\n");

  // With -lock-timeout, a command waits for the lock to be released.
  pid_t waiting =
      StartCairn({"state", "rm", "-lock-timeout=20s",
                  "-state=" + (dir.path() / "terraform.tfstate").string(), "terraform_data.a"},
                 dir.path() / "out", dir.path() / "err");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  holder.Unlock();
  EXPECT_EQ(Wait(waiting), 0) << dir.Read("err");
  EXPECT_EQ(dir.Read("out"),
            "Acquiring state lock. This may take a few moments...\n"
            "Removed terraform_data.a\n"
            "Successfully removed 1 resource instance(s).\n");
  EXPECT_EQ(dir.Read("terraform.tfstate").find("\"a\""), std::string::npos);
}

TEST(StateCliTest, ConcurrentRmNeverLosesAnUpdate) {
  ScratchDir dir;
  constexpr int kInstances = 16, kWaiting = 8;
  std::vector<Inst> all;
  for (int i = 0; i < kInstances; ++i) all.push_back({"", "x", std::to_string(i)});
  dir.Write("terraform.tfstate", StateJson(all, 1));
  std::string state_path = (dir.path() / "terraform.tfstate").string();
  auto addr = [](int i) { return "terraform_data.x[" + std::to_string(i) + "]"; };

  // Waiting for the lock: every removal lands, one write after the other.
  std::vector<pid_t> pids;
  for (int i = 0; i < kWaiting; ++i) {
    pids.push_back(StartCairn({"state", "rm", "-lock-timeout=60s", "-state=" + state_path, addr(i)},
                              dir.path() / ("out." + std::to_string(i)),
                              dir.path() / ("err." + std::to_string(i))));
  }
  for (int i = 0; i < kWaiting; ++i) {
    EXPECT_EQ(Wait(pids[i]), 0) << dir.Read("err." + std::to_string(i));
  }
  state::State s = ReadState(dir.path() / "terraform.tfstate");
  EXPECT_EQ(s.serial, 1u + kWaiting);
  EXPECT_EQ(s.lineage, kLineage);
  EXPECT_EQ(s.InstanceCount(), static_cast<size_t>(kInstances - kWaiting));

  // Not waiting: each run either removes its instance or fails on the lock, and the state
  // records exactly the removals that reported success.
  pids.clear();
  for (int i = kWaiting; i < kInstances; ++i) {
    pids.push_back(StartCairn({"state", "rm", "-state=" + state_path, addr(i)},
                              dir.path() / ("out." + std::to_string(i)),
                              dir.path() / ("err." + std::to_string(i))));
  }
  std::set<std::string> expected;
  for (int i = kWaiting; i < kInstances; ++i) {
    int code = Wait(pids[i - kWaiting]);
    std::string err = dir.Read("err." + std::to_string(i));
    if (code == 0) {
      EXPECT_EQ(dir.Read("out." + std::to_string(i)),
                "Removed " + addr(i) + "\nSuccessfully removed 1 resource instance(s).\n");
    } else {
      EXPECT_EQ(code, 1);
      EXPECT_NE(err.find("Error: Error acquiring the state lock"), std::string::npos) << err;
      expected.insert(addr(i));
    }
  }
  CliResult listed = RunCairn(dir.path(), {"state", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<std::string> lines = Lines(listed.out);
  EXPECT_EQ(std::set<std::string>(lines.begin(), lines.end()), expected);
  EXPECT_EQ(lines.size(), expected.size());
  EXPECT_FALSE(fs::exists(dir.path() / ".terraform.tfstate.lock.info"));
}

}  // namespace
}  // namespace cairn::testing
