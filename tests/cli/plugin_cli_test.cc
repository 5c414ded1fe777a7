/// Providers as plugin executables, end to end through `cairn`:
///  - every terraform_data plan scenario (tests/planner/render/testdata) planned and applied
///    through the built-in provider and through `cairn-provider-terraform` placed in the
///    configuration's .cairn/plugins/ gives the same output and the same state, byte for byte;
///  - a plugin that crashes in apply gives a located error naming the provider and leaves the
///    state intact;
///  - the Python example provider (examples/provider-python) creates, updates, detects drift
///    and deletes real files.

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <filesystem>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

fs::path ScenarioRoot() {
  return fs::path(CAIRN_SOURCE_DIR) / "tests" / "planner" / "render" / "testdata";
}

std::vector<std::string> Scenarios() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(ScenarioRoot(), ec)) {
    if (e.is_directory() && fs::exists(e.path() / "plan.txt")) {
      out.push_back(e.path().filename().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The lines of `text`, sorted.
std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

void InstallPlugin(const ScratchDir& work, const std::string& name, const std::string& target) {
  fs::create_directories(work.path() / ".cairn" / "plugins");
  fs::create_symlink(target, work.path() / ".cairn" / "plugins" / name);
}

class PluginScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PluginScenarioTest, BuiltInAndPluginGiveTheSameResults) {
  const fs::path dir = ScenarioRoot() / GetParam();
  ScratchDir builtin, plugin;
  WriteScenario(builtin, dir);
  WriteScenario(plugin, dir);
  InstallPlugin(plugin, "cairn-provider-terraform", CAIRN_TERRAFORM_PLUGIN);
  std::vector<std::string> extra = Words(ReadFile(dir / "args"));

  std::vector<std::string> plan = {"plan", "-no-color"};
  plan.insert(plan.end(), extra.begin(), extra.end());
  CliResult b = RunCairn(builtin.path(), plan);
  CliResult p = RunCairn(plugin.path(), plan);
  EXPECT_EQ(p.out, b.out);
  EXPECT_EQ(p.err, b.err);
  EXPECT_EQ(p.exit_code, b.exit_code);
  EXPECT_EQ(b.exit_code, 0) << b.err;

  std::vector<std::string> apply = {"apply", "-no-color", "-auto-approve"};
  apply.insert(apply.end(), extra.begin(), extra.end());
  b = RunCairn(builtin.path(), apply);
  p = RunCairn(plugin.path(), apply);
  // Apply runs independent instances in parallel: the progress lines' order varies.
  EXPECT_EQ(SortedLines(MaskRunSpecific(p.out)), SortedLines(MaskRunSpecific(b.out)));
  EXPECT_EQ(p.err, b.err);
  EXPECT_EQ(p.exit_code, b.exit_code);
  EXPECT_EQ(MaskRunSpecific(plugin.Read("terraform.tfstate")),
            MaskRunSpecific(builtin.Read("terraform.tfstate")));
}

INSTANTIATE_TEST_SUITE_P(Scenarios, PluginScenarioTest, ::testing::ValuesIn(Scenarios()),
                         [](const auto& info) { return info.param; });

/// A wrapper in .cairn/plugins that starts the test plugin with a fault injected.
void InstallFaultyTestPlugin(const ScratchDir& work, const std::string& fault) {
  std::string script = "#!/bin/sh\n";
  if (!fault.empty()) script += "CAIRN_TEST_PLUGIN_FAULT=" + fault + " ";
  script += "exec '" + std::string(CAIRN_TEST_PLUGIN) + "' \"$@\"\n";
  work.Write(".cairn/plugins/cairn-provider-test", script);
  chmod((work.path() / ".cairn/plugins/cairn-provider-test").c_str(), 0755);
}

/// `text` with `dir` replaced by "DIR" and the lines of each paragraph joined (where a
/// paragraph wraps depends on the length of the scratch directory's path).
std::string Pin(std::string text, const fs::path& dir) {
  std::string from = dir.string();
  for (size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), "DIR");
  static const std::regex wrapped(R"(([^\n])\n([^\n ]))");
  return std::regex_replace(text, wrapped, "$1 $2");
}

constexpr const char* kTestConfig = R"(terraform {
  required_providers {
    test = {
      source = "cairn.dev/test/test"
    }
  }
}

resource "test_object" "a" {
  name = "a"
}
)";

TEST(PluginCliTest, CrashInApplyIsLocatedAndTheStateStaysIntact) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  InstallFaultyTestPlugin(work, "");
  CliResult r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::string state_after_a = work.Read("terraform.tfstate");
  ASSERT_NE(state_after_a.find("\"id\": \"test-a\""), std::string::npos) << state_after_a;

  work.Write("main.tf", std::string(kTestConfig) + R"(
resource "test_object" "b" {
  name = "b"
}
)");
  InstallFaultyTestPlugin(work, "crash:ApplyResourceChange");
  r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Pin(r.err, work.path()),
            "\n"
            "Error: Provider plugin crashed\n"
            "\n"
            "  with test_object.b,\n"
            "  on main.tf line 13:\n"
            "  13: resource \"test_object\" \"b\" {\n"
            "\n"
            "The provider cairn.dev/test/test (plugin DIR/.cairn/plugins/cairn-provider-test) "
            "exited with status 2 while Cairn waited for its answer to ApplyResourceChange "
            "for test_object.\n"
            "\n"
            "The plugin's last lines on standard error:\n"
            "  panic: injected crash in ApplyResourceChange\n");
  // The state still holds a, and parses: the next apply (a working plugin) creates b.
  EXPECT_NE(work.Read("terraform.tfstate").find("\"id\": \"test-a\""), std::string::npos);
  InstallFaultyTestPlugin(work, "");
  r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."),
            std::string::npos)
      << r.out;
}

TEST(PluginCliTest, HangPastTheTimeoutIsLocatedAndTheStateStaysIntact) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  InstallFaultyTestPlugin(work, "");
  ASSERT_EQ(RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"}).exit_code, 0);
  work.Write("main.tf", std::string(kTestConfig) + R"(
resource "test_object" "b" {
  name = "b"
}
)");
  InstallFaultyTestPlugin(work, "hang:ApplyResourceChange");
  auto started = std::chrono::steady_clock::now();
  CliResult r = RunCairnWithEnv(work.path(), {"apply", "-no-color", "-auto-approve"},
                                {"CAIRN_PLUGIN_TIMEOUT=1"});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Pin(r.err, work.path()),
            "\n"
            "Error: Provider plugin timed out\n"
            "\n"
            "  with test_object.b,\n"
            "  on main.tf line 13:\n"
            "  13: resource \"test_object\" \"b\" {\n"
            "\n"
            "The provider cairn.dev/test/test (plugin DIR/.cairn/plugins/cairn-provider-test) "
            "did not answer ApplyResourceChange for test_object within 1s, so Cairn stopped "
            "it.\n");
  EXPECT_NE(work.Read("terraform.tfstate").find("\"id\": \"test-a\""), std::string::npos);
}

TEST(PluginCliTest, KilledCairnLeavesNoPluginRunning) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  InstallFaultyTestPlugin(work, "");
  ASSERT_EQ(RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"}).exit_code, 0);
  std::string state_before = work.Read("terraform.tfstate");
  work.Write("main.tf", std::string(kTestConfig) + R"(
resource "test_object" "b" {
  name = "b"
}
)");
  // The plugin records its pid and hangs in ApplyResourceChange.
  work.Write(".cairn/plugins/cairn-provider-test",
             "#!/bin/sh\necho $$ > plugin.pid\nCAIRN_TEST_PLUGIN_FAULT=hang:ApplyResourceChange "
             "CAIRN_TEST_PLUGIN_DRAIN_MS=500 exec '" +
                 std::string(CAIRN_TEST_PLUGIN) + "'\n");
  chmod((work.path() / ".cairn/plugins/cairn-provider-test").c_str(), 0755);
  pid_t cairn = fork();
  if (cairn == 0) {
    if (chdir(work.path().c_str()) != 0) _exit(126);
    int null = open("/dev/null", O_RDWR);
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    execl(CAIRN_BINARY, CAIRN_BINARY, "apply", "-no-color", "-auto-approve", (char*)nullptr);
    _exit(127);
  }
  ASSERT_GT(cairn, 0);
  // Wait until the plugin runs and the apply of b is under way, then kill Cairn outright.
  pid_t plugin = -1;
  for (int i = 0; i < 500 && plugin <= 0; ++i) {
    std::string text = work.Read("plugin.pid");
    if (!text.empty() && text.back() == '\n') plugin = std::atoi(text.c_str());
    if (plugin <= 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_GT(plugin, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kill(cairn, SIGKILL);
  int status = 0;
  waitpid(cairn, &status, 0);
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    gone = kill(plugin, 0) != 0 && errno == ESRCH;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone) << "plugin " << plugin << " still runs after Cairn was killed";
  if (!gone) kill(plugin, SIGKILL);
  // The state is what it was; the next run with a working plugin creates b.
  EXPECT_EQ(work.Read("terraform.tfstate"), state_before);
  InstallFaultyTestPlugin(work, "");
  CliResult r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Apply complete! Resources: 1 added, 0 changed, 0 destroyed."),
            std::string::npos)
      << r.out;
}

TEST(PluginCliTest, MalformedAnswerInPlanIsLocated) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  InstallFaultyTestPlugin(work, "garbage:PlanResourceChange");
  CliResult r = RunCairn(work.path(), {"plan", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "\nPlanning failed. Cairn encountered an error while generating this plan.\n\n");
  EXPECT_EQ(Pin(r.err, work.path()),
            "\n"
            "Error: Provider plugin sent an invalid answer\n"
            "\n"
            "  on main.tf line 9:\n"
            "   9: resource \"test_object\" \"a\" {\n"
            "\n"
            "The provider cairn.dev/test/test (plugin DIR/.cairn/plugins/cairn-provider-test) "
            "broke the protocol while Cairn waited for its answer to PlanResourceChange for "
            "test_object: invalid JSON: invalid character 'h' in literal true (expecting 'r'). "
            "Cairn stopped the plugin.\n");
}

TEST(PluginCliTest, PluginStderrGoesToTheLogOnlyWhenAsked) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  work.Write(".cairn/plugins/cairn-provider-test",
             "#!/bin/sh\necho 'hello from the plugin' >&2\nexec '" + std::string(CAIRN_TEST_PLUGIN) +
                 "'\n");
  chmod((work.path() / ".cairn/plugins/cairn-provider-test").c_str(), 0755);
  CliResult quiet = RunCairn(work.path(), {"plan", "-no-color"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  CliResult logged = RunCairnWithEnv(work.path(), {"plan", "-no-color"}, {"CAIRN_LOG=1"});
  EXPECT_EQ(logged.exit_code, 0) << logged.err;
  EXPECT_EQ(logged.err, "[cairn-provider-test] hello from the plugin\n");
  EXPECT_EQ(logged.out, quiet.out);
}

TEST(PluginCliTest, UserPluginDirAndBuiltInPrecedence) {
  ScratchDir work, user;
  work.Write("main.tf", std::string(kTestConfig) + R"(
resource "terraform_data" "t" {
  input = "x"
}
)");
  // The test provider is found in $CAIRN_PLUGIN_DIR; a cairn-provider-terraform there does
  // not shadow the built-in terraform provider (it would fail: it exits at once).
  fs::create_symlink(CAIRN_TEST_PLUGIN, user.path() / "cairn-provider-test");
  user.Write("cairn-provider-terraform", "#!/bin/sh\nexit 3\n");
  chmod((user.path() / "cairn-provider-terraform").c_str(), 0755);
  CliResult r = RunCairnWithEnv(work.path(), {"plan", "-no-color"},
                                {"CAIRN_PLUGIN_DIR=" + user.path().string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Plan: 2 to add, 0 to change, 0 to destroy."), std::string::npos) << r.out;
  // In the configuration's .cairn/plugins it is chosen on purpose, and its failure shows.
  InstallPlugin(work, "cairn-provider-terraform", (user.path() / "cairn-provider-terraform").string());
  r = RunCairnWithEnv(work.path(), {"plan", "-no-color"},
                      {"CAIRN_PLUGIN_DIR=" + user.path().string()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(Pin(r.err, work.path())
                .find("Error: Provider plugin crashed\n\n  on main.tf line 13:\n  13: resource "
                      "\"terraform_data\" \"t\" "
                      "{\n\nThe provider terraform.io/builtin/terraform (plugin "
                      "DIR/.cairn/plugins/cairn-provider-terraform) exited with status 3 while "
                      "Cairn waited for its answer to initialize.\n"),
            std::string::npos)
      << r.err;
}

TEST(PluginCliTest, ProvidersSchemaShowsAPluginsSchema) {
  ScratchDir work;
  work.Write("main.tf", kTestConfig);
  InstallPlugin(work, "cairn-provider-test", CAIRN_TEST_PLUGIN);
  CliResult r = RunCairn(work.path(), {"providers", "schema", "-json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind(R"({"format_version":"1.0","provider_schemas":{"cairn.dev/test/test":)"
                        R"({"provider":{"version":0,"block":{"attributes":{"label":)"
                        R"({"type":"string","description_kind":"plain","optional":true}},)"
                        R"("description_kind":"plain"}},"resource_schemas":{"test_file":)",
                        0),
            0u)
      << r.out;
}

TEST(PluginCliTest, MissingPluginIsNamed) {
  ScratchDir work;
  work.Write("main.tf", R"(terraform {
  required_providers {
    nothere = {
      source = "example.com/acme/nothere"
    }
  }
}

resource "nothere_thing" "a" {}
)");
  CliResult r = RunCairn(work.path(), {"plan", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("This configuration requires provider example.com/acme/nothere, but Cairn"),
            std::string::npos)
      << r.err;
}

bool HavePython() { return std::system("python3 -c 'import sys' >/dev/null 2>&1") == 0; }

TEST(PluginCliTest, PythonExampleProviderManagesRealFiles) {
  if (!HavePython()) GTEST_SKIP() << "python3 is not installed (scripts/setup.sh installs it)";
  ScratchDir work;
  InstallPlugin(work, "cairn-provider-pyfile",
                CAIRN_SOURCE_DIR "/examples/provider-python/cairn-provider-pyfile");
  std::string config = R"(terraform {
  required_providers {
    pyfile = {
      source = "example.com/examples/pyfile"
    }
  }
}

resource "pyfile_file" "hello" {
  path    = "out/hello.txt"
  content = "CONTENT"
}

# Its content is unknown until hello is applied.
resource "pyfile_file" "sum" {
  path    = "out/hello.sha256"
  content = pyfile_file.hello.sha256
  mode    = "0600"
}

output "sha" {
  value = pyfile_file.hello.sha256
}
)";
  auto write_config = [&](const std::string& content) {
    std::string c = config;
    c.replace(c.find("CONTENT"), 7, content);
    work.Write("main.tf", c);
  };
  write_config("hello\\n");
  CliResult r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(work.Read("out/hello.txt"), "hello\n");
  EXPECT_EQ(work.Read("out/hello.sha256"),
            "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
  struct stat st;
  ASSERT_EQ(stat((work.path() / "out" / "hello.sha256").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(r.out.find("      + content = (known after apply)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pyfile_file.hello: Creation complete after 0s [id=out/hello.txt]"),
            std::string::npos)
      << r.out;
  // sha256("hello\n")
  EXPECT_NE(r.out.find("sha = \"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\""),
            std::string::npos)
      << r.out;

  r = RunCairn(work.path(), {"plan", "-no-color", "-detailed-exitcode"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;

  // Drift: the file changed outside Cairn; the plan puts it back.
  work.Write("out/hello.txt", "edited\n");
  r = RunCairn(work.path(), {"plan", "-no-color", "-detailed-exitcode"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("pyfile_file.hello has changed"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("~ update in-place"), std::string::npos) << r.out;

  write_config("bye\\n");
  r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(work.Read("out/hello.txt"), "bye\n");
  EXPECT_EQ(work.Read("out/hello.sha256"),
            "abc6fd595fc079d3114d4b71a4d84b1d1d0f79df1e70f8813212f2a65d8916df");
  EXPECT_NE(r.out.find("Apply complete! Resources: 0 added, 2 changed, 0 destroyed."),
            std::string::npos)
      << r.out;

  // No resource left in the configuration: the file is deleted.
  work.Write("main.tf", R"(terraform {
  required_providers {
    pyfile = {
      source = "example.com/examples/pyfile"
    }
  }
}
)");
  r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(work.path() / "out" / "hello.txt"));
  EXPECT_FALSE(fs::exists(work.path() / "out" / "hello.sha256"));
  EXPECT_NE(r.out.find("Apply complete! Resources: 0 added, 0 changed, 2 destroyed."),
            std::string::npos)
      << r.out;
}

TEST(PluginCliTest, PythonExampleDataSourceReadsAFile) {
  if (!HavePython()) GTEST_SKIP() << "python3 is not installed (scripts/setup.sh installs it)";
  ScratchDir work;
  InstallPlugin(work, "cairn-provider-pyfile",
                CAIRN_SOURCE_DIR "/examples/provider-python/cairn-provider-pyfile");
  work.Write("main.tf", R"(terraform {
  required_providers {
    pyfile = {
      source = "example.com/examples/pyfile"
    }
  }
}

data "pyfile_read" "in" {
  path = "in.txt"
}

output "content" {
  value = data.pyfile_read.in.content
}
)");
  CliResult r = RunCairn(work.path(), {"plan", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Error: File not found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("There is no file at in.txt."), std::string::npos) << r.err;
  work.Write("in.txt", "from disk");
  r = RunCairn(work.path(), {"apply", "-no-color", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("content = \"from disk\""), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cairn::testing
