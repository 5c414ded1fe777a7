// The local-exec provisioner (planner/plan/local_exec.cc): decoding, Terraform's texts, and
// running commands. Expected texts are what Terraform 1.11 printed (see
// tests/cli/testdata/provisioner_reference).

#include "planner/plan/local_exec.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "lang/config/loader.h"
#include "lang/eval/evaluate.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

class Evaluator : public BodyEvaluator {
 public:
  eval::EvalResult Evaluate(const ast::Expr& expr, const eval::Scope& scope) override {
    return eval::Evaluate(expr, scope);
  }
};

/// Loads `source` as main.tf of a scratch directory (diagnostics name "main.tf").
class LocalExecTest : public ::testing::Test {
 protected:
  LocalExecTest() {
    dir_ = fs::temp_directory_path() / ("cairn_local_exec_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    previous_ = fs::current_path();
    fs::current_path(dir_);
  }
  ~LocalExecTest() override {
    fs::current_path(previous_);
    fs::remove_all(dir_);
  }

  const config::Module& Load(const std::string& source) {
    std::ofstream(dir_ / "main.tf") << source;
    loaded_ = config::LoadModule(".");
    return loaded_.module;
  }

  static std::string Texts(const Diagnostics& diags) {
    std::string out;
    for (const Diagnostic& d : diags) {
      out += d.severity == Severity::kError ? "error: " : "warning: ";
      out += d.summary + ": " + d.detail;
      if (d.subject) {
        out += fmt::format(" @{}:{}", d.subject->start.line, d.subject->start.column);
      }
      if (!d.address.empty()) out += " with " + d.address;
      out += "\n";
    }
    return out;
  }

  fs::path dir_;
  fs::path previous_;
  config::LoadResult loaded_;
};

/// Runs `config`, collecting the messages.
struct ExecRun {
  LocalExecResult result;
  std::vector<std::string> messages;
};
ExecRun RunIt(const LocalExecConfig& config, const std::atomic<int>* stop = nullptr) {
  ExecRun r;
  r.result = RunLocalExec(
      config, [&](std::string_view m) { r.messages.emplace_back(m); }, stop);
  return r;
}

LocalExecConfig Command(std::string command) {
  LocalExecConfig c;
  c.command = std::move(command);
  return c;
}

std::string Detail(const LocalExecResult& r) {
  return r.diagnostics.empty() ? "" : r.diagnostics[0].summary + ": " + r.diagnostics[0].detail;
}

TEST_F(LocalExecTest, MetaArgumentsAreBareKeywords) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    command = "a"
  }
  provisioner "local-exec" {
    when       = destroy
    on_failure = continue
    command    = "b"
  }
  provisioner "local-exec" {
    when       = create
    on_failure = fail
    command    = "c"
  }
}
)");
  ASSERT_EQ(Texts(loaded_.diagnostics), "");
  const auto& ps = m.resources[0].provisioners;
  ASSERT_EQ(ps.size(), 3u);
  ProvisionerMetaResult a = DecodeProvisionerMeta(ps[0]);
  EXPECT_FALSE(a.meta.when_destroy);
  EXPECT_FALSE(a.meta.on_failure_continue);
  ProvisionerMetaResult b = DecodeProvisionerMeta(ps[1]);
  EXPECT_TRUE(b.meta.when_destroy);
  EXPECT_TRUE(b.meta.on_failure_continue);
  ProvisionerMetaResult c = DecodeProvisionerMeta(ps[2]);
  EXPECT_FALSE(c.meta.when_destroy);
  EXPECT_FALSE(c.meta.on_failure_continue);
  EXPECT_EQ(Texts(a.diagnostics) + Texts(b.diagnostics) + Texts(c.diagnostics), "");
}

TEST_F(LocalExecTest, BadMetaArgumentsGetTerraformsTexts) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    when       = "destroy"
    on_failure = bogus
    command    = "a"
  }
  provisioner "local-exec" {
    when    = later
    command = "b"
  }
}
)");
  const auto& ps = m.resources[0].provisioners;
  ASSERT_EQ(ps.size(), 2u);
  ProvisionerMetaResult a = DecodeProvisionerMeta(ps[0]);
  EXPECT_TRUE(a.meta.when_destroy);  // a quoted keyword still counts (with a warning)
  EXPECT_FALSE(a.meta.on_failure_continue);
  EXPECT_EQ(Texts(a.diagnostics),
            "warning: Quoted keywords are deprecated: In this context, keywords are expected "
            "literally rather than in quotes. Terraform 0.11 and earlier required quotes, but "
            "quoted keywords are now deprecated and will be removed in a future version of "
            "Terraform. Remove the quotes surrounding this keyword to silence this warning. @3:18\n"
            "error: Invalid \"on_failure\" keyword: The \"on_failure\" argument requires one of "
            "the following keywords: continue or fail. @4:18\n");
  ProvisionerMetaResult b = DecodeProvisionerMeta(ps[1]);
  EXPECT_FALSE(b.meta.when_destroy);
  EXPECT_EQ(Texts(b.diagnostics),
            "error: Invalid \"when\" keyword: The \"when\" argument requires one of the "
            "following keywords: create or destroy. @8:15\n");
}

TEST_F(LocalExecTest, UnknownProvisionerTypes) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "foo" {}
  provisioner "local-exec" {
    command = "x"
  }
  provisioner "bar" {}
}
resource "terraform_data" "b" {
  provisioner "remote-exec" {}
  provisioner "foo" {}
}
)");
  const config::Module* mods[] = {&m};
  EXPECT_EQ(Texts(CheckProvisionerTypes(mods)),
            "error: Missing required provisioner plugin: This configuration requires "
            "provisioner plugin \"bar\", which isn't available. If you're intending to use an "
            "external provisioner plugin, you must install it manually into one of the plugin "
            "search directories before running Cairn.\n"
            "error: Missing required provisioner plugin: This configuration requires "
            "provisioner plugin \"foo\", which isn't available. If you're intending to use an "
            "external provisioner plugin, you must install it manually into one of the plugin "
            "search directories before running Cairn.\n"
            "error: Missing required provisioner plugin: This configuration requires "
            "provisioner plugin \"foo\", which isn't available. If you're intending to use an "
            "external provisioner plugin, you must install it manually into one of the plugin "
            "search directories before running Cairn.\n"
            "error: Unsupported provisioner: Cairn runs only \"local-exec\" provisioners: the "
            "\"remote-exec\" provisioner, which connects to the created object, is not "
            "supported. @9:3\n");
}

TEST_F(LocalExecTest, DestroyProvisionersReferOnlyToSelf) {
  const config::Module& m = Load(R"(locals { x = 1 }
resource "terraform_data" "a" {
  provisioner "local-exec" {
    when    = destroy
    command = "${local.x} ${self.id} ${path.module} ${count.index} ${each.key} ${each.value}"
    connection {
      host = local.x
    }
  }
  provisioner "chef" {}
}
)");
  std::string detail =
      "Destroy-time provisioners and their connection configurations may only reference "
      "attributes of the related resource, via 'self', 'count.index', or 'each.key'.\n\n"
      "References to other resources during the destroy phase can cause dependency cycles and "
      "interact poorly with create_before_destroy.";
  std::string line5 = "error: Invalid reference from destroy provisioner: " + detail + " @5:15\n";
  std::string line7 = "error: Invalid reference from destroy provisioner: " + detail + " @7:14\n";
  // LoadModule reports them (and the removed provisioner type) ...
  EXPECT_EQ(Texts(loaded_.diagnostics),
            line5 + line5 + line7 +
                "error: The \"chef\" provisioner has been removed: The \"chef\" provisioner was "
                "deprecated in Terraform 0.13.4 has been removed from Terraform. Visit "
                "https://learn.hashicorp.com/collections/terraform/provision for alternatives to "
                "using provisioners that are a better fit for the Terraform workflow. @10:15\n");
  // ... and so does DecodeProvisionerMeta, for the provisioner it reads.
  const auto& ps = m.resources[0].provisioners;
  ASSERT_EQ(ps.size(), 1u);
  ProvisionerMetaResult meta = DecodeProvisionerMeta(ps[0]);
  EXPECT_TRUE(meta.meta.when_destroy);
  EXPECT_EQ(Texts(meta.diagnostics), line5 + line5 + line7);
}

TEST_F(LocalExecTest, ResourceConnectionOfADestroyProvisioner) {
  Load(R"(locals { x = 1 }
resource "terraform_data" "a" {
  connection {
    host = local.x
    user = self.id
  }
  provisioner "local-exec" {
    when    = destroy
    command = "x"
  }
}
)");
  EXPECT_EQ(Texts(loaded_.diagnostics),
            "error: Invalid reference from destroy provisioner: Destroy-time provisioners and "
            "their connection configurations may only reference attributes of the related "
            "resource, via 'self', 'count.index', or 'each.key'.\n\nReferences to other "
            "resources during the destroy phase can cause dependency cycles and interact poorly "
            "with create_before_destroy. @4:12\n");
}

TEST_F(LocalExecTest, DecodesArgumentsWithTheSchema) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    when        = destroy
    command     = "echo ${self.id}"
    interpreter = ["bash", "-c"]
    environment = { B = "2", A = 1 }
    working_dir = "/tmp"
    quiet       = true
    connection {
      host = "x"
    }
  }
}
)");
  ASSERT_EQ(Texts(loaded_.diagnostics), "");
  eval::MapScope scope;
  scope.SetRoot("self", Value::Object({{"id", Value::String("abc")}}));
  Evaluator ev;
  DecodeBodyResult d = DecodeLocalExec(m.resources[0].provisioners[0], scope, ev);
  EXPECT_EQ(Texts(d.diagnostics), "");
  LocalExecConfig c = LocalExecConfigFromValue(d.value);
  EXPECT_EQ(c.command, "echo abc");
  EXPECT_EQ(c.interpreter, (std::vector<std::string>{"bash", "-c"}));
  EXPECT_EQ(c.environment,
            (std::vector<std::pair<std::string, std::string>>{{"A", "1"}, {"B", "2"}}));
  EXPECT_EQ(c.working_dir, "/tmp");
  EXPECT_TRUE(c.quiet);
  EXPECT_FALSE(c.suppress_output);
  EXPECT_EQ(ExecutingMessage(c), "local-exec: Executing: Suppressed by quiet=true");
  c.quiet = false;
  EXPECT_EQ(ExecutingMessage(c), R"(Executing: ["bash" "-c" "echo abc"])");
}

TEST_F(LocalExecTest, DecodeErrorsAreHclsAndTerraforms) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    commandd    = "x"
    interpreter = "sh"
    environment = { A = ["x"] }
    quiet       = "maybe"
  }
}
)");
  eval::MapScope scope;
  Evaluator ev;
  DecodeBodyResult d = DecodeLocalExec(m.resources[0].provisioners[0], scope, ev);
  // DecodeBody's order; Terraform's views sort diagnostics by position when they print them.
  EXPECT_EQ(Texts(d.diagnostics),
            "error: Unsupported argument: An argument named \"commandd\" is not expected here. "
            "Did you mean \"command\"? @3:5\n"
            "error: Missing required argument: The argument \"command\" is required, but no "
            "definition was found. @2:28\n"
            "error: Incorrect attribute value type: Inappropriate value for attribute "
            "\"environment\": element \"A\": string required. @5:19\n"
            "error: Incorrect attribute value type: Inappropriate value for attribute "
            "\"interpreter\": list of string required. @4:19\n"
            "error: Incorrect attribute value type: Inappropriate value for attribute \"quiet\": "
            "a bool is required. @6:19\n");
}

TEST_F(LocalExecTest, SensitiveConfigSuppressesEveryMessage) {
  LocalExecConfig c = LocalExecConfigFromValue(
      Value::Object({{"command", Value::String("echo 1; echo 2").WithMarks(Marks::Sensitive())},
                     {"environment", Value::Null(Type::Map(Type::String()))},
                     {"interpreter", Value::Null(Type::List(Type::String()))},
                     {"quiet", Value::Null(Type::Bool())},
                     {"working_dir", Value::Null(Type::String())}}));
  EXPECT_TRUE(c.suppress_output);
  ExecRun r = RunIt(c);
  EXPECT_EQ(Detail(r.result), "");
  EXPECT_EQ(r.messages, (std::vector<std::string>(
                            3, "(output suppressed due to sensitive value in config)")));
}

TEST_F(LocalExecTest, RunProvisionersAsTerraformDoes) {
  // tests/cli/testdata/provisioner_reference/{create,fail_taints,on_failure_continue}.
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    command    = "echo out1; exit 3"
    on_failure = continue
  }
  provisioner "local-exec" {
    command = "echo ${self.input} >&2"
  }
  provisioner "local-exec" {
    when    = destroy
    command = "echo destroying ${self.id}"
  }
  provisioner "local-exec" {
    command = "echo out2; exit 2"
  }
  provisioner "local-exec" {
    command = "echo never runs"
  }
}
)");
  ASSERT_EQ(Texts(loaded_.diagnostics), "");
  eval::MapScope scope;
  scope.SetRoot("self", Value::Object({{"id", Value::String("abc")},
                                       {"input", Value::String("x")}}));
  Evaluator ev;
  std::string printed;
  ProvisionRequest req;
  req.resource = &m.resources[0];
  req.address = "terraform_data.a";
  req.scope = &scope;
  req.evaluator = &ev;
  req.print = [&](std::string_view text) { printed += text; };
  ProvisionResult create = RunProvisioners(req);
  EXPECT_EQ(create.ran, 3u);
  EXPECT_EQ(printed,
            "terraform_data.a: Provisioning with 'local-exec'...\n"
            "terraform_data.a (local-exec): Executing: [\"/bin/sh\" \"-c\" \"echo out1; exit 3\"]\n"
            "terraform_data.a (local-exec): out1\n"
            "terraform_data.a: Provisioning with 'local-exec'...\n"
            "terraform_data.a (local-exec): Executing: [\"/bin/sh\" \"-c\" \"echo x >&2\"]\n"
            "terraform_data.a (local-exec): x\n"
            "terraform_data.a: Provisioning with 'local-exec'...\n"
            "terraform_data.a (local-exec): Executing: [\"/bin/sh\" \"-c\" \"echo out2; exit 2\"]\n"
            "terraform_data.a (local-exec): out2\n");
  EXPECT_EQ(Texts(create.diagnostics),
            "error: local-exec provisioner error: Error running command 'echo out2; exit 2': "
            "exit status 2. Output: out2\n @13:28 with terraform_data.a\n");

  printed.clear();
  req.destroy = true;
  ProvisionResult destroy = RunProvisioners(req);
  EXPECT_EQ(destroy.ran, 1u);
  EXPECT_EQ(Texts(destroy.diagnostics), "");
  EXPECT_EQ(printed,
            "terraform_data.a: Provisioning with 'local-exec'...\n"
            "terraform_data.a (local-exec): Executing: [\"/bin/sh\" \"-c\" \"echo destroying "
            "abc\"]\n"
            "terraform_data.a (local-exec): destroying abc\n");
}

TEST_F(LocalExecTest, RunProvisionersStopsAtArgumentErrorsBeforePrinting) {
  const config::Module& m = Load(R"(resource "terraform_data" "a" {
  provisioner "local-exec" {
    command = self.nope
  }
}
)");
  eval::MapScope scope;
  scope.SetRoot("self", Value::Object({{"id", Value::String("abc")}}));
  Evaluator ev;
  std::string printed;
  ProvisionRequest req;
  req.resource = &m.resources[0];
  req.address = "terraform_data.a";
  req.scope = &scope;
  req.evaluator = &ev;
  req.print = [&](std::string_view text) { printed += text; };
  ProvisionResult r = RunProvisioners(req);
  EXPECT_EQ(r.ran, 0u);
  EXPECT_EQ(printed, "");
  ASSERT_TRUE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.diagnostics[0].summary, "Unsupported attribute");
}

TEST(RunLocalExecTest, RunsThroughTheShellAndStreamsLines) {
  ExecRun r = RunIt(Command("echo hi; echo there >&2; printf 'no newline'"));
  EXPECT_EQ(Detail(r.result), "");
  EXPECT_TRUE(r.result.started);
  EXPECT_EQ(r.result.exit_code, 0);
  EXPECT_EQ(r.messages,
            (std::vector<std::string>{
                R"(Executing: ["/bin/sh" "-c" "echo hi; echo there >&2; printf 'no newline'"])",
                "hi", "there", "no newline"}));
}

TEST(RunLocalExecTest, NonZeroExitIsTerraformsError) {
  ExecRun r = RunIt(Command("echo out1; echo err1 >&2; exit 3"));
  EXPECT_EQ(r.result.exit_code, 3);
  EXPECT_EQ(Detail(r.result),
            "local-exec provisioner error: Error running command 'echo out1; echo err1 >&2; "
            "exit 3': exit status 3. Output: out1\nerr1\n");
  EXPECT_EQ(r.messages.size(), 3u);
}

TEST(RunLocalExecTest, ErrorOutputKeepsTheLast8KiB) {
  ExecRun r = RunIt(Command("head -c 10000 /dev/zero | tr '\\0' a; echo; echo end; exit 1"));
  ASSERT_FALSE(r.result.diagnostics.empty());
  const std::string& d = r.result.diagnostics[0].detail;
  std::string prefix = "Error running command '" +
                       std::string("head -c 10000 /dev/zero | tr '\\0' a; echo; echo end; exit 1") +
                       "': exit status 1. Output: ";
  ASSERT_EQ(d.substr(0, prefix.size()), prefix);
  std::string out = d.substr(prefix.size());
  EXPECT_EQ(out.size(), 8192u);
  EXPECT_EQ(out, std::string(8192 - 5, 'a') + "\nend\n");
}

TEST(RunLocalExecTest, EnvironmentWorkingDirAndInterpreter) {
  ::setenv("CAIRN_LOCAL_EXEC_INHERITED", "inherited", 1);
  ::setenv("CAIRN_LOCAL_EXEC_OVERRIDDEN", "old", 1);
  LocalExecConfig c = Command("echo $CAIRN_LOCAL_EXEC_INHERITED $CAIRN_LOCAL_EXEC_OVERRIDDEN $FOO; pwd");
  c.environment = {{"CAIRN_LOCAL_EXEC_OVERRIDDEN", "new"}, {"FOO", "bar"}};
  c.working_dir = "/";
  c.interpreter = {"bash", "-c"};
  ExecRun r = RunIt(c);
  EXPECT_EQ(Detail(r.result), "");
  ASSERT_EQ(r.messages.size(), 3u);
  EXPECT_EQ(r.messages[0],
            R"(Executing: ["bash" "-c" "echo $CAIRN_LOCAL_EXEC_INHERITED $CAIRN_LOCAL_EXEC_OVERRIDDEN $FOO; pwd"])");
  EXPECT_EQ(r.messages[1], "inherited new bar");
  EXPECT_EQ(r.messages[2], "/");
}

TEST(RunLocalExecTest, InterpreterWithoutShell) {
  LocalExecConfig c = Command("a b");
  c.interpreter = {"/bin/echo", "x\ty"};
  ExecRun r = RunIt(c);
  EXPECT_EQ(Detail(r.result), "");
  EXPECT_EQ(r.messages, (std::vector<std::string>{R"(Executing: ["/bin/echo" "x\ty" "a b"])",
                                                  "x\ty a b"}));
}

TEST(RunLocalExecTest, StartFailuresAreGosTexts) {
  LocalExecConfig c = Command("echo x");
  c.working_dir = "/nonexistent-cairn-dir";
  EXPECT_EQ(Detail(RunIt(c).result),
            "local-exec provisioner error: Error running command 'echo x': chdir "
            "/nonexistent-cairn-dir: no such file or directory. Output: ");
  c.working_dir.clear();
  c.interpreter = {"nosuchinterp-cairn", "-c"};
  ExecRun r = RunIt(c);
  EXPECT_FALSE(r.result.started);
  EXPECT_EQ(r.messages.size(), 1u);  // "Executing: ..." came first, as in Terraform
  EXPECT_EQ(Detail(r.result),
            "local-exec provisioner error: Error running command 'echo x': exec: "
            "\"nosuchinterp-cairn\": executable file not found in $PATH. Output: ");
  c.interpreter = {"/no/such/interp", "-c"};
  EXPECT_EQ(Detail(RunIt(c).result),
            "local-exec provisioner error: Error running command 'echo x': fork/exec "
            "/no/such/interp: no such file or directory. Output: ");
}

TEST(RunLocalExecTest, EmptyCommand) {
  ExecRun r = RunIt(Command(""));
  EXPECT_TRUE(r.messages.empty());
  EXPECT_EQ(Detail(r.result),
            "Invalid local-exec provisioner command: The command must be a non-empty string.");
}

TEST(RunLocalExecTest, PartialLineAfterAPause) {
  ExecRun r = RunIt(Command("printf 'part'; sleep 0.4; echo ial"));
  EXPECT_EQ(Detail(r.result), "");
  EXPECT_EQ(r.messages, (std::vector<std::string>{
                            R"(Executing: ["/bin/sh" "-c" "printf 'part'; sleep 0.4; echo ial"])",
                            "part", "ial"}));
}

TEST(RunLocalExecTest, StopKillsTheProcess) {
  std::atomic<int> stop{0};
  std::atomic<bool> started{false};
  std::thread stopper([&] {
    while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stop = 1;  // a graceful stop lets the command run on
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop = 2;
  });
  auto begin = std::chrono::steady_clock::now();
  std::vector<std::string> messages;
  LocalExecResult r = RunLocalExec(
      Command("echo started; sleep 30; echo never"),
      [&](std::string_view m) {
        messages.emplace_back(m);
        if (m == "started") started = true;
      },
      &stop);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(Detail(r),
            "local-exec provisioner error: Error running command 'echo started; sleep 30; echo "
            "never': signal: killed. Output: started\n");
  EXPECT_EQ(messages.size(), 2u);
}

TEST(RunLocalExecTest, ConcurrentRunsKeepTheirOwnOutput) {
  std::vector<std::thread> threads;
  std::vector<ExecRun> runs(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&runs, i] {
      runs[i] = RunIt(Command(fmt::format("for n in 1 2 3; do echo {}-$n; sleep 0.01; done", i)));
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(Detail(runs[i].result), "");
    ASSERT_EQ(runs[i].messages.size(), 4u);
    EXPECT_EQ(runs[i].messages[3], fmt::format("{}-3", i));
  }
}

TEST(FormatTest, ProgressLinesAsTerraformPrintsThem) {
  EXPECT_EQ(FormatProvisioningStart("terraform_data.a", "local-exec"),
            "terraform_data.a: Provisioning with 'local-exec'...\n");
  EXPECT_EQ(FormatProvisionOutput("terraform_data.a", "local-exec", "hi"),
            "terraform_data.a (local-exec): hi\n");
  // Trailing white space goes, leading stays; blank messages print an empty line.
  EXPECT_EQ(FormatProvisionOutput("terraform_data.a", "local-exec", "  a  "),
            "terraform_data.a (local-exec):   a\n");
  EXPECT_EQ(FormatProvisionOutput("terraform_data.a", "local-exec", ""), "\n");
  EXPECT_EQ(FormatProvisionOutput("terraform_data.a", "local-exec", " \t"), "\n");
  // A carriage return splits the message.
  EXPECT_EQ(FormatProvisionOutput("x[0]", "local-exec", "b\rc"),
            "x[0] (local-exec): b\nx[0] (local-exec): c\n");
  EXPECT_EQ(FormatProvisionOutput("x", "local-exec", "dos\r"), "x (local-exec): dos\n");
}

TEST_F(LocalExecTest, RunDiagnosticsGoInTheProvisionerBody) {
  const config::Module& m = Load(R"(resource "terraform_data" "c" {
  provisioner "local-exec" {
    command = "exit 1"
  }
}
)");
  ExecRun r = RunIt(Command("exit 1"));
  InProvisionerBody(r.result.diagnostics, m.resources[0].provisioners[0], "terraform_data.c");
  EXPECT_EQ(Texts(r.result.diagnostics),
            "error: local-exec provisioner error: Error running command 'exit 1': exit status "
            "1. Output:  @2:28 with terraform_data.c\n");
}

}  // namespace
}  // namespace cairn::planner
