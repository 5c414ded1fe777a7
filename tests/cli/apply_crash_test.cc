/// Apply loses nothing when killed. A configuration of real files (the test provider's
/// `test_file`: one file with a random id per object) is applied while `cairn apply` is
/// SIGKILLed at random moments; after each kill the state parses, and the next apply (which
/// replays the journal and looks for possibly-created objects by their idempotency tokens)
/// ends with exactly one file per configured object and every file recorded: 0 orphans,
/// 0 duplicates. Also: two applies at once on one state (one gets the lock error).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/cli_runner.h"

extern char** environ;

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

/// Starts build/cairn in `cwd` with output to `log`; returns its pid.
pid_t StartCairn(const fs::path& cwd, const std::vector<std::string>& args, const fs::path& log,
                 const std::vector<std::string>& extra_env = {}) {
  std::vector<std::string> argv_s = {CAIRN_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s;
  for (char** e = environ; *e; ++e) {
    std::string v = *e;
    if (v.rfind("TF_", 0) == 0 || v.rfind("CAIRN_", 0) == 0) continue;
    env_s.push_back(v);
  }
  env_s.push_back("NO_COLOR=1");
  env_s.insert(env_s.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  return rc == 0 ? pid : -1;
}

int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// The configuration of version `v`: 12 base files, 12 files naming a base file's id, and
/// top files depending on those; later versions update, replace and remove some.
std::string Config(const fs::path& dir, int v, int delay_ms) {
  std::string d = dir.string();
  std::string out = R"(terraform {
  required_providers {
    test = { source = "cairn.dev/test/test" }
  }
}
)";
  out += "resource \"test_file\" \"base\" {\n  count = 12\n  directory = \"" + d +
         "\"\n  name = \"base-${count.index}\"\n  content = \"" +
         (v == 1 ? "second" : "first") + "\"\n  delay_ms = " + std::to_string(delay_ms) +
         "\n}\n";
  out += "resource \"test_file\" \"mid\" {\n  count = 12\n  directory = \"" + d +
         "\"\n  name = \"mid-" + (v == 2 ? "b" : "a") +
         "-${count.index}\"\n  content = test_file.base[count.index].id\n  delay_ms = " +
         std::to_string(delay_ms) + "\n}\n";
  out += "resource \"test_file\" \"top\" {\n  count = " + std::string(v == 2 ? "3" : "6") +
         "\n  directory = \"" + d +
         "\"\n  name = \"top-${count.index}\"\n  content = test_file.mid[count.index].id\n"
         "  delay_ms = " +
         std::to_string(delay_ms) + "\n}\n";
  return out;
}

std::set<std::string> ExpectedNames(int v) {
  std::set<std::string> names;
  for (int i = 0; i < 12; ++i) names.insert("base-" + std::to_string(i));
  for (int i = 0; i < 12; ++i) names.insert(std::string("mid-") + (v == 2 ? "b-" : "a-") +
                                            std::to_string(i));
  for (int i = 0; i < (v == 2 ? 3 : 6); ++i) names.insert("top-" + std::to_string(i));
  return names;
}

/// name -> ids of the files in `dir`.
std::map<std::string, std::vector<std::string>> FilesByName(const fs::path& dir) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string file = e.path().filename().string();
    if (file.size() != 21 || file.substr(16) != ".json") continue;
    std::ifstream in(e.path());
    std::string line;
    std::getline(in, line);
    out[line.substr(5)].push_back(file.substr(0, 16));
  }
  return out;
}

/// The ids of the test_file objects the state file records (current and deposed).
std::multiset<std::string> StateIds(const fs::path& state_path) {
  std::multiset<std::string> ids;
  nlohmann::json state = nlohmann::json::parse(ReadFile(state_path), nullptr, false);
  if (!state.is_object()) return ids;
  for (const auto& r : state["resources"]) {
    for (const auto& i : r["instances"]) ids.insert(i["attributes"]["id"].get<std::string>());
  }
  return ids;
}

/// The idempotency tokens of the possibly-created objects of a state file.
std::set<std::string> PossiblyCreatedTokens(const fs::path& state_path) {
  std::set<std::string> tokens;
  nlohmann::json state = nlohmann::json::parse(ReadFile(state_path), nullptr, false);
  if (!state.is_object()) return tokens;
  for (const auto& r : state["resources"]) {
    for (const auto& i : r["instances"]) {
      if (i.contains("cairn_idempotency_token")) {
        tokens.insert(i["cairn_idempotency_token"].get<std::string>());
      }
    }
  }
  return tokens;
}

/// The tokens the files in `dir` were created with.
std::vector<std::string> FileTokens(const fs::path& dir) {
  std::vector<std::string> tokens;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream in(e.path());
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("token=", 0) == 0) tokens.push_back(line.substr(6));
    }
  }
  return tokens;
}

class ApplyCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(work_.path() / ".cairn" / "plugins");
    fs::create_symlink(CAIRN_TEST_PLUGIN,
                       work_.path() / ".cairn" / "plugins" / "cairn-provider-test");
    files_ = work_.path() / "files";
    fs::create_directories(files_);
  }

  /// Checks that the state file parses (`state list` succeeds). A kill before the first
  /// apply stored anything leaves no state file, or the empty one the lock created (as
  /// Terraform's would): then nothing may exist either (the base state is stored before the
  /// first provider call).
  void ExpectStateParses(int round) {
    const fs::path state = work_.path() / "terraform.tfstate";
    if (!fs::exists(state) || fs::file_size(state) == 0) {
      EXPECT_TRUE(fs::is_empty(files_)) << "round " << round << ": objects without a state";
      EXPECT_FALSE(fs::exists(work_.path() / ".terraform.tfstate.journal")) << "round " << round;
      return;
    }
    CliResult list = RunCairn(work_.path(), {"state", "list"});
    EXPECT_EQ(list.exit_code, 0) << "round " << round << ": " << list.err;
  }

  /// After a complete apply of version `v`: one file per configured name, each recorded.
  void ExpectExact(int v, int round) {
    std::map<std::string, std::vector<std::string>> files = FilesByName(files_);
    std::set<std::string> names;
    std::multiset<std::string> on_disk;
    for (const auto& [name, ids] : files) {
      names.insert(name);
      EXPECT_EQ(ids.size(), 1u) << "round " << round << ": duplicate files named " << name;
      duplicates_ += ids.size() - 1;
      for (const std::string& id : ids) on_disk.insert(id);
    }
    EXPECT_EQ(names, ExpectedNames(v)) << "round " << round;
    std::multiset<std::string> recorded = StateIds(work_.path() / "terraform.tfstate");
    for (const std::string& id : on_disk) {
      if (!recorded.count(id)) ++orphans_;
      EXPECT_EQ(recorded.count(id), 1u) << "round " << round << ": file " << id
                                        << " not recorded exactly once";
    }
    EXPECT_EQ(recorded.size(), on_disk.size()) << "round " << round;
  }

  ScratchDir work_;
  fs::path files_;
  size_t orphans_ = 0;
  size_t duplicates_ = 0;
};

/// 50 rounds in the suite; bench/crash/run.sh sets CAIRN_CRASH_ROUNDS=1000 (and a seed).
TEST_F(ApplyCrashTest, KilledAtRandomMomentsLosesNothing) {
  const char* rounds_env = std::getenv("CAIRN_CRASH_ROUNDS");
  const int rounds = rounds_env ? std::atoi(rounds_env) : 50;
  const unsigned seed = std::getenv("CAIRN_CRASH_SEED")
                            ? static_cast<unsigned>(std::atol(std::getenv("CAIRN_CRASH_SEED")))
                            : 20261122u;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> when_us(0, 250000);
  int recovered = 0, possibly = 0, adopted = 0, killed_mid_run = 0;
  for (int round = 0; round < rounds; ++round) {
    const int v = round % 3;
    work_.Write("main.tf", Config(files_, v, 25));
    pid_t pid = StartCairn(work_.path(), {"apply", "-auto-approve"}, work_.path() / "kill.log");
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(when_us(rng)));
    kill(pid, SIGKILL);
    int rc = Wait(pid);
    killed_mid_run += rc == 128 + SIGKILL ? 1 : 0;
    // The journal the kill left is replayed by the next command, here `state list`.
    recovered += fs::exists(work_.path() / ".terraform.tfstate.journal") ? 1 : 0;
    ExpectStateParses(round);
    EXPECT_FALSE(fs::exists(work_.path() / ".terraform.tfstate.journal")) << "round " << round;
    std::set<std::string> tokens = PossiblyCreatedTokens(work_.path() / "terraform.tfstate");
    possibly += static_cast<int>(tokens.size());
    CliResult again = RunCairn(work_.path(), {"apply", "-auto-approve"});
    ASSERT_EQ(again.exit_code, 0) << "round " << round << ":\n" << again.out << again.err;
    // A possibly-created object whose file exists was adopted (its file kept its token).
    for (const std::string& token : FileTokens(files_)) adopted += tokens.count(token) ? 1 : 0;
    ExpectExact(v, round);
    EXPECT_FALSE(fs::exists(work_.path() / ".terraform.tfstate.journal")) << "round " << round;
  }
  // No plugin process outlives its cairn (each exits when its standard input closes).
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CliResult final_plan = RunCairn(work_.path(), {"plan", "-detailed-exitcode"});
  EXPECT_EQ(final_plan.exit_code, 0) << final_plan.out << final_plan.err;
  std::printf("crash test (seed %u): %d kills (%d mid-run), %d journals replayed, %d creates "
              "in flight (possibly created), %d of them found and adopted; %zu orphans, %zu "
              "duplicates\n",
              seed, rounds, killed_mid_run, recovered, possibly, adopted, orphans_, duplicates_);
  EXPECT_GT(recovered, rounds / 5) << "the kills should land inside applies";
  EXPECT_EQ(orphans_, 0u);
  EXPECT_EQ(duplicates_, 0u);
}

TEST_F(ApplyCrashTest, TwoAppliesAtOnceOneGetsTheLockError) {
  work_.Write("main.tf", Config(files_, 0, 60));
  pid_t first = StartCairn(work_.path(), {"apply", "-auto-approve"}, work_.path() / "first.log");
  ASSERT_GT(first, 0);
  // Wait until the first apply is applying (its journal exists: it holds the lock).
  const fs::path journal = work_.path() / ".terraform.tfstate.journal";
  for (int i = 0; i < 500 && !fs::exists(journal); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(fs::exists(journal)) << ReadFile(work_.path() / "first.log");
  CliResult second = RunCairn(work_.path(), {"apply", "-auto-approve"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("Error acquiring the state lock"), std::string::npos) << second.err;
  EXPECT_EQ(Wait(first), 0) << ReadFile(work_.path() / "first.log");
  ExpectExact(0, 0);
  CliResult plan = RunCairn(work_.path(), {"plan", "-detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << plan.out << plan.err;
}

/// Waits until the apply started in `work` holds its journal (it is applying).
bool WaitForJournal(const fs::path& work) {
  const fs::path journal = work / ".terraform.tfstate.journal";
  for (int i = 0; i < 1000 && !fs::exists(journal); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return fs::exists(journal);
}

TEST_F(ApplyCrashTest, FirstInterruptFinishesWhatRunsAndStartsNothingNew) {
  work_.Write("main.tf", Config(files_, 0, 150));
  const fs::path log = work_.path() / "interrupted.log";
  pid_t pid = StartCairn(work_.path(), {"apply", "-auto-approve", "-parallelism=4"}, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitForJournal(work_.path()));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  kill(pid, SIGINT);
  EXPECT_EQ(Wait(pid), 1);
  std::string out = ReadFile(log);
  EXPECT_NE(out.find("Stopping operation...\n\nInterrupt received.\n"
                     "Please wait for Cairn to finish the operations in progress.\n"
                     "Gracefully shutting down...\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("Error: Apply interrupted"), std::string::npos) << out;
  // Every operation that started finished: each "Creating..." has its "Creation complete".
  size_t creating = 0, complete = 0;
  for (size_t p = 0; (p = out.find("Creating...", p)) != std::string::npos; ++p) ++creating;
  for (size_t p = 0; (p = out.find("Creation complete", p)) != std::string::npos; ++p) ++complete;
  EXPECT_GT(creating, 0u);
  EXPECT_EQ(creating, complete) << out;
  EXPECT_LT(complete, 30u) << "nothing new starts after the interrupt";
  EXPECT_FALSE(fs::exists(work_.path() / ".terraform.tfstate.journal"));
  // What finished is recorded: exactly the files on disk, and the rest comes next time.
  std::multiset<std::string> recorded = StateIds(work_.path() / "terraform.tfstate");
  EXPECT_EQ(recorded.size(), complete);
  CliResult again = RunCairn(work_.path(), {"apply", "-auto-approve"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  ExpectExact(0, 0);
}

TEST_F(ApplyCrashTest, SecondInterruptStopsAtOnceAndLosesNothing) {
  work_.Write("main.tf", Config(files_, 0, 400));
  const fs::path log = work_.path() / "interrupted.log";
  pid_t pid = StartCairn(work_.path(), {"apply", "-auto-approve"}, log);
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(WaitForJournal(work_.path()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, SIGINT);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGINT);
  EXPECT_EQ(Wait(pid), 1);
  std::string out = ReadFile(log);
  EXPECT_NE(out.find("Two interrupts received. Exiting immediately."), std::string::npos) << out;
  // It did not wait for the creates in progress (400 ms each) to finish.
  size_t creating = 0, complete = 0;
  for (size_t p = 0; (p = out.find("Creating...", p)) != std::string::npos; ++p) ++creating;
  for (size_t p = 0; (p = out.find("Creation complete", p)) != std::string::npos; ++p) ++complete;
  EXPECT_GT(creating, complete) << out;
  ExpectStateParses(0);
  CliResult again = RunCairn(work_.path(), {"apply", "-auto-approve"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  ExpectExact(0, 0);
}

std::string Header() {
  return "terraform {\n  required_providers {\n    test = { source = \"cairn.dev/test/test\" }\n"
         "  }\n}\n";
}

std::string File(const std::string& name, const fs::path& dir, const std::string& content) {
  return "resource \"test_file\" \"" + name + "\" {\n  directory = \"" + dir.string() +
         "\"\n  name = \"" + name + "\"\n  content = " + content + "\n}\n";
}

/// The resource addresses in the order their "Creating..." lines came.
std::vector<std::string> CreationOrder(const std::string& out) {
  std::vector<std::string> order;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    size_t p = line.find(": Creating...");
    if (p != std::string::npos) order.push_back(line.substr(0, p));
  }
  return order;
}

TEST_F(ApplyCrashTest, LongestRemainingPathStartsFirst) {
  // Three independent files declared first, then a chain of three: with one worker, the
  // chain's head goes first because the most work waits behind it.
  std::string config = Header();
  for (const char* n : {"a", "b", "c"}) config += File(n, files_, "\"x\"");
  config += File("c1", files_, "\"x\"");
  config += File("c2", files_, "test_file.c1.id");
  config += File("c3", files_, "test_file.c2.id");
  work_.Write("main.tf", config);
  CliResult r = RunCairn(work_.path(), {"apply", "-auto-approve", "-parallelism=1"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::vector<std::string> order = CreationOrder(r.out);
  ASSERT_EQ(order.size(), 6u) << r.out;
  EXPECT_EQ(order[0], "test_file.c1") << r.out;
}

TEST_F(ApplyCrashTest, FailureSkipsDependentsAndIndependentBranchesFinish) {
  std::string config = Header();
  config += File("ok", files_, "\"x\"");
  config += File("after_ok", files_, "test_file.ok.id");
  config += "resource \"test_file\" \"broken\" {\n  directory = \"" +
            (work_.path() / "missing").string() + "\"\n  name = \"broken\"\n}\n";
  config += File("after_broken", files_, "test_file.broken.id");
  config += File("after_after", files_, "test_file.after_broken.id");
  work_.Write("main.tf", config);
  CliResult r = RunCairn(work_.path(), {"apply", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 1);
  std::vector<std::string> order = CreationOrder(r.out);
  std::set<std::string> started(order.begin(), order.end());
  EXPECT_EQ(started, (std::set<std::string>{"test_file.ok", "test_file.after_ok",
                                            "test_file.broken"}))
      << r.out;
  EXPECT_NE(r.out.find("test_file.after_ok: Creation complete"), std::string::npos) << r.out;
  const std::string missing = (work_.path() / "missing").string();
  EXPECT_NE(r.err.find("Error: Failed to write test_file\n\n  with test_file.broken,\n  on "
                       "main.tf line 16:\n  16: "
                       "resource \"test_file\" \"broken\" {\n\ncannot create " +
                       missing + "/"),
            std::string::npos)
      << r.err;
  std::multiset<std::string> recorded = StateIds(work_.path() / "terraform.tfstate");
  EXPECT_EQ(recorded.size(), 2u);
  EXPECT_EQ(FilesByName(files_).size(), 2u);
  CliResult list = RunCairn(work_.path(), {"state", "list"});
  EXPECT_EQ(list.out, "test_file.after_ok\ntest_file.ok\n");
}

TEST_F(ApplyCrashTest, DestroyUsesTheObjectsOwnProviderConfiguration) {
  // The test provider deletes a labelled object only through the configuration that made it.
  work_.Write("main.tf", Header() + R"(provider "test" {
  alias = "two"
  label = "two"
}
resource "test_object" "a" {
  provider = test.two
  name     = "a"
}
resource "test_object" "b" {
  name = "b"
}
)");
  CliResult applied = RunCairn(work_.path(), {"apply", "-auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << applied.out << applied.err;
  CliResult destroyed = RunCairn(work_.path(), {"destroy", "-auto-approve"});
  EXPECT_EQ(destroyed.exit_code, 0) << destroyed.out << destroyed.err;
  EXPECT_NE(destroyed.out.find("Destroy complete! Resources: 2 destroyed."), std::string::npos);
  // Removed from the configuration: the object is deleted through the same configuration.
  CliResult again = RunCairn(work_.path(), {"apply", "-auto-approve"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  work_.Write("main.tf", Header() + R"(provider "test" {
  alias = "two"
  label = "two"
}
resource "test_object" "other" {
  provider = test.two
  name     = "other"
}
)");
  CliResult orphans = RunCairn(work_.path(), {"apply", "-auto-approve"});
  EXPECT_EQ(orphans.exit_code, 0) << orphans.out << orphans.err;
  CliResult list = RunCairn(work_.path(), {"state", "list"});
  EXPECT_EQ(list.out, "test_object.other\n");
}

TEST_F(ApplyCrashTest, TheJournalIsCompactedIntoTheStateWhileApplying) {
  // A chain of ten 40 ms resources, each finishing before the 100 ms checkpoint interval is
  // up: the interval runs across them, and the state file records the first objects while
  // the apply is still working on the last ones.
  std::string config = Header();
  for (int i = 0; i < 10; ++i) {
    config += "resource \"test_sleep\" \"s" + std::to_string(i) + "\" {\n  duration_ms = 40\n";
    if (i > 0) config += "  input       = test_sleep.s" + std::to_string(i - 1) + ".id\n";
    config += "}\n";
  }
  work_.Write("main.tf", config);
  const fs::path log = work_.path() / "apply.log";
  pid_t pid = StartCairn(work_.path(), {"apply", "-auto-approve"}, log,
                         {"CAIRN_CHECKPOINT_MS=100"});
  ASSERT_GT(pid, 0);
  bool seen = false;
  for (int i = 0; i < 400 && !seen; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const std::string out = ReadFile(log);
    if (out.find("test_sleep.s9: Creating...") != std::string::npos) break;
    seen = ReadFile(work_.path() / "terraform.tfstate").find("\"test_sleep\"") !=
               std::string::npos &&
           fs::exists(work_.path() / ".terraform.tfstate.journal");
  }
  EXPECT_TRUE(seen) << "the state recorded nothing before the last resource started:\n"
                    << ReadFile(log);
  EXPECT_EQ(Wait(pid), 0) << ReadFile(log);
  EXPECT_FALSE(fs::exists(work_.path() / ".terraform.tfstate.journal"));
  CliResult list = RunCairn(work_.path(), {"state", "list"});
  EXPECT_EQ(list.out,
            "test_sleep.s0\ntest_sleep.s1\ntest_sleep.s2\ntest_sleep.s3\ntest_sleep.s4\n"
            "test_sleep.s5\ntest_sleep.s6\ntest_sleep.s7\ntest_sleep.s8\ntest_sleep.s9\n");
}

}  // namespace
}  // namespace cairn::testing
