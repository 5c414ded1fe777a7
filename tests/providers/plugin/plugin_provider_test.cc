/// The plugin client against the real `cairn-provider-test` executable: every method gives
/// what the in-process TestProvider gives, calls run in parallel, and a plugin that crashes,
/// hangs, breaks the framing or answers malformed JSON gives the pinned errors.

#include "providers/plugin/plugin_provider.h"

#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "providers/test_provider.h"
#include "tests/providers/provider_test_support.h"

namespace cairn::providers::plugin {
namespace {

using std::chrono::milliseconds;

PluginOptions Options(std::string fault = "") {
  PluginOptions o;
  o.executable = CAIRN_TEST_PLUGIN;
  o.source = "cairn.dev/test/test";
  o.call_timeout = milliseconds(2000);
  if (!fault.empty()) o.env.push_back("CAIRN_TEST_PLUGIN_FAULT=" + fault);
  return o;
}

/// `text` with the plugin's path replaced by "PLUGIN".
std::string Pin(std::string text, const std::string& path = CAIRN_TEST_PLUGIN) {
  for (size_t at; (at = text.find(path)) != std::string::npos;) text.replace(at, path.size(), "PLUGIN");
  return text;
}

std::string Describe(const Diagnostics& d) {
  std::string out;
  for (const Diagnostic& x : d) {
    out += (x.severity == Severity::kError ? "Error: " : "Warning: ") + x.summary + "\n" +
           x.detail + "\n";
  }
  return Pin(out);
}

const Type& ObjectType() {
  static const Type t = TestProviderSchema().resource_types.at("test_object").block.ImpliedType();
  return t;
}

Value Config(const std::string& name) {
  const Type& rule = ObjectType().Attributes()[ObjectType().AttributeIndex("rule")].second;
  return Value::Object({{"computed_value", Value::Null(Type::String())},
                        {"id", Value::Null(Type::String())},
                        {"name", Value::String(name)},
                        {"rule", Value::List(rule.ElementType(), {})},
                        {"secret", Value::String("s3")},
                        {"size", Value::Int(2)},
                        {"tags", Value::Null(Type::Map(Type::String()))}});
}

bool ProcessGone(pid_t pid) { return kill(pid, 0) != 0 && errno == ESRCH; }

TEST(PluginProviderTest, EveryMethodAnswersAsTheInProcessProvider) {
  PluginProvider plugin(Options());
  ASSERT_TRUE(plugin.started()) << Describe(plugin.start_diagnostics());
  EXPECT_EQ(plugin.plugin_name(), "test");
  TestProvider local;
  const ProviderSchema& schema = plugin.GetProviderSchema();
  ASSERT_EQ(schema.resource_types.size(), 3u);
  EXPECT_TRUE(schema.resource_types.at("test_object").block.ImpliedType() == ObjectType());
  EXPECT_TRUE(schema.resource_types.at("test_file").block.ImpliedType() ==
              local.GetProviderSchema().resource_types.at("test_file").block.ImpliedType());
  EXPECT_TRUE(plugin.ConfigureProvider({Value::Null(schema.provider.block.ImpliedType())}).empty());

  ValidateResourceConfigRequest bad{"test_object", Value::Object({})};
  Value negative = Config("x");
  {
    auto attrs = negative.Elements();
    std::vector<std::pair<std::string, Value>> kv;
    for (size_t i = 0; i < attrs.size(); ++i) kv.emplace_back(negative.Keys()[i], attrs[i]);
    kv[5].second = Value::Int(-1);
    bad.config = Value::Object(std::move(kv));
  }
  EXPECT_EQ(Describe(plugin.ValidateResourceConfig(bad)),
            Describe(local.ValidateResourceConfig(bad)));
  EXPECT_EQ(Describe(plugin.ValidateResourceConfig(bad)),
            "Error: Invalid size\nThe size of a test_object must be zero or more, not -1.\n");

  PlanResourceChangeRequest plan;
  plan.type_name = "test_object";
  plan.prior_state = Value::Null(ObjectType());
  plan.proposed_new_state = Config("a");
  plan.config = Config("a");
  PlanResourceChangeResponse p1 = plugin.PlanResourceChange(plan);
  PlanResourceChangeResponse p2 = local.PlanResourceChange(plan);
  ASSERT_TRUE(p1.diagnostics.empty()) << Describe(p1.diagnostics);
  EXPECT_VALUE_EQ(p1.planned_state, p2.planned_state);
  EXPECT_FALSE(p1.planned_state.Find("id")->IsKnown());

  ApplyResourceChangeRequest apply;
  apply.type_name = "test_object";
  apply.prior_state = Value::Null(ObjectType());
  apply.planned_state = p1.planned_state;
  apply.config = Config("a");
  apply.planned_private = "private-bytes";
  ApplyResourceChangeResponse a1 = plugin.ApplyResourceChange(apply);
  ApplyResourceChangeResponse a2 = local.ApplyResourceChange(apply);
  ASSERT_TRUE(a1.diagnostics.empty()) << Describe(a1.diagnostics);
  EXPECT_VALUE_EQ(a1.new_state, a2.new_state);
  EXPECT_EQ(a1.private_data, "private-bytes");

  // A replacement: requires_replace comes back as a path.
  plan.prior_state = a1.new_state;
  plan.proposed_new_state = Config("b");
  PlanResourceChangeResponse p3 = plugin.PlanResourceChange(plan);
  ASSERT_EQ(p3.requires_replace.size(), 1u);
  ASSERT_EQ(p3.requires_replace[0].size(), 1u);
  EXPECT_EQ(p3.requires_replace[0][0].name, "name");

  ReadResourceResponse r1 = plugin.ReadResource({"test_object", a1.new_state, "p"});
  EXPECT_VALUE_EQ(r1.new_state, a1.new_state);
  EXPECT_EQ(r1.private_data, "p");

  ImportResourceStateResponse i1 = plugin.ImportResourceState({"test_object", "test-imp"});
  ImportResourceStateResponse i2 = local.ImportResourceState({"test_object", "test-imp"});
  ASSERT_EQ(i1.imported.size(), 1u);
  EXPECT_VALUE_EQ(i1.imported[0].state, i2.imported[0].state);
  EXPECT_EQ(Describe(plugin.ImportResourceState({"test_object", "nope"}).diagnostics),
            Describe(local.ImportResourceState({"test_object", "nope"}).diagnostics));

  Value echo_config = Value::Object(
      {{"input", Value::Object({{"n", Value::Int(1)}, {"u", Value::Unknown(Type::String())}})},
       {"output", Value()}});
  ReadDataSourceResponse d1 = plugin.ReadDataSource({"test_echo", echo_config});
  ReadDataSourceResponse d2 = local.ReadDataSource({"test_echo", echo_config});
  ASSERT_TRUE(d1.diagnostics.empty()) << Describe(d1.diagnostics);
  EXPECT_VALUE_EQ(d1.state, d2.state);

  UpgradeResourceStateRequest up{"test_object", 0, R"({"name":"z","id":"test-z"})"};
  EXPECT_VALUE_EQ(plugin.UpgradeResourceState(up).upgraded_state,
                  local.UpgradeResourceState(up).upgraded_state);
  up.version = 3;
  EXPECT_EQ(Describe(plugin.UpgradeResourceState(up).diagnostics),
            Describe(local.UpgradeResourceState(up).diagnostics));

  // A type the schema lacks never reaches the plugin.
  EXPECT_EQ(Describe(plugin.PlanResourceChange({"nope", Value(), Value(), Value(), ""}).diagnostics),
            "Error: Unsupported resource type\nThe provider cairn.dev/test/test has no resource "
            "type named \"nope\".\n");
  plugin.Stop();  // a notification; the plugin goes on
  EXPECT_VALUE_EQ(plugin.ReadResource({"test_object", a1.new_state, ""}).new_state, a1.new_state);
}

TEST(PluginProviderTest, ParallelCallsAreMultiplexed) {
  PluginProvider plugin(Options());
  ASSERT_TRUE(plugin.started()) << Describe(plugin.start_diagnostics());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        TestProvider local;
        ApplyResourceChangeRequest apply;
        apply.type_name = "test_object";
        apply.prior_state = Value::Null(ObjectType());
        apply.planned_state = Config("n" + std::to_string(t) + "-" + std::to_string(i));
        ApplyResourceChangeResponse r = plugin.ApplyResourceChange(apply);
        if (r.new_state.RawEquals(local.ApplyResourceChange(apply).new_state)) ++ok;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 400);
}

TEST(PluginProviderTest, PluginExitsWhenItsStdinCloses) {
  pid_t pid;
  {
    PluginProvider plugin(Options());
    ASSERT_TRUE(plugin.started());
    pid = plugin.pid();
    EXPECT_FALSE(ProcessGone(pid));
    auto started = std::chrono::steady_clock::now();
    (void)started;
  }
  EXPECT_TRUE(ProcessGone(pid));
}

ApplyResourceChangeResponse ApplyOne(PluginProvider& plugin) {
  ApplyResourceChangeRequest apply;
  apply.type_name = "test_object";
  apply.prior_state = Value::Null(ObjectType());
  apply.planned_state = Config("a");
  return plugin.ApplyResourceChange(apply);
}

TEST(PluginProviderTest, CrashNamesTheProviderTheCallAndTheLastStderrLines) {
  PluginProvider plugin(Options("crash:ApplyResourceChange"));
  ASSERT_TRUE(plugin.started()) << Describe(plugin.start_diagnostics());
  EXPECT_EQ(Describe(ApplyOne(plugin).diagnostics),
            "Error: Provider plugin crashed\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) exited with status 2 while Cairn "
            "waited for its answer to ApplyResourceChange for test_object.\n\n"
            "The plugin's last lines on standard error:\n"
            "  panic: injected crash in ApplyResourceChange\n");
  EXPECT_EQ(Describe(plugin.ReadResource({"test_object", Config("a"), ""}).diagnostics),
            "Error: Provider plugin not running\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) stopped earlier (exited with status "
            "2), so Cairn could not call ReadResource for test_object.\n");
}

TEST(PluginProviderTest, HangPastTheTimeoutKillsThePlugin) {
  PluginOptions o = Options("hang:PlanResourceChange");
  o.call_timeout = milliseconds(300);
  PluginProvider plugin(o);
  ASSERT_TRUE(plugin.started()) << Describe(plugin.start_diagnostics());
  auto started = std::chrono::steady_clock::now();
  PlanResourceChangeResponse r =
      plugin.PlanResourceChange({"test_object", Value::Null(ObjectType()), Config("a"), Config("a"), ""});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_EQ(Describe(r.diagnostics),
            "Error: Provider plugin timed out\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) did not answer PlanResourceChange "
            "for test_object within 300ms, so Cairn stopped it.\n");
  EXPECT_EQ(Describe(ApplyOne(plugin).diagnostics),
            "Error: Provider plugin not running\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) stopped earlier (it did not answer "
            "PlanResourceChange for test_object within 300ms), so Cairn could not call "
            "ApplyResourceChange for test_object.\n");
  pid_t pid = plugin.pid();
  for (int i = 0; i < 200 && !ProcessGone(pid); ++i) std::this_thread::sleep_for(milliseconds(10));
  EXPECT_TRUE(ProcessGone(pid));
}

TEST(PluginProviderTest, MalformedJsonIsAnInvalidAnswer) {
  PluginProvider plugin(Options("garbage:ReadResource"));
  ASSERT_TRUE(plugin.started());
  EXPECT_EQ(Describe(plugin.ReadResource({"test_object", Config("a"), ""}).diagnostics),
            "Error: Provider plugin sent an invalid answer\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) broke the protocol while Cairn "
            "waited for its answer to ReadResource for test_object: invalid JSON: invalid "
            "character 'h' in literal true (expecting 'r'). Cairn stopped the plugin.\n");
}

TEST(PluginProviderTest, BrokenFrameIsAnInvalidAnswer) {
  PluginProvider plugin(Options("badframe:ApplyResourceChange"));
  ASSERT_TRUE(plugin.started());
  EXPECT_EQ(Describe(ApplyOne(plugin).diagnostics),
            "Error: Provider plugin sent an invalid answer\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) broke the protocol while Cairn "
            "waited for its answer to ApplyResourceChange for test_object: broken frame: frame "
            "header line \"HTTP/1.1 200 OK\" is not \"Name: value\" (expected \"Content-Length: "
            "N\\r\\n\\r\\n\"). Cairn stopped the plugin.\n");
}

TEST(PluginProviderTest, ResultOfTheWrongTypeFailsThatCallOnly) {
  PluginProvider plugin(Options("badvalue:ApplyResourceChange"));
  ASSERT_TRUE(plugin.started());
  EXPECT_EQ(Describe(ApplyOne(plugin).diagnostics),
            "Error: Provider plugin sent an invalid answer\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) answered ApplyResourceChange for "
            "test_object with a result that does not fit the protocol: result.new_state.name: a "
            "string is required, not a number.\n");
  EXPECT_TRUE(plugin.ReadResource({"test_object", Config("a"), ""}).diagnostics.empty());
}

TEST(PluginProviderTest, PluginThatCannotStart) {
  PluginOptions o = Options();
  o.executable = "/nonexistent/cairn-provider-test";
  PluginProvider plugin(o);
  EXPECT_FALSE(plugin.started());
  EXPECT_EQ(Describe(plugin.ConfigureProvider({Value()})),
            "Error: Failed to start provider plugin\n"
            "Cairn could not run the plugin /nonexistent/cairn-provider-test for provider "
            "cairn.dev/test/test: No such file or directory.\n");
  EXPECT_TRUE(plugin.GetProviderSchema().resource_types.empty());
}

TEST(PluginProviderTest, ProgramThatIsNoPluginFailsTheHandshake) {
  PluginOptions o = Options();
  o.executable = "/bin/true";
  PluginProvider plugin(o);
  EXPECT_FALSE(plugin.started());
  EXPECT_EQ(Describe(plugin.ConfigureProvider({Value()})),
            "Error: Provider plugin crashed\n"
            "The provider cairn.dev/test/test (plugin /bin/true) exited with status 0 while "
            "Cairn waited for its answer to initialize.\n");
}

TEST(PluginProviderTest, CrashDuringHandshake) {
  PluginProvider plugin(Options("crash:initialize"));
  EXPECT_FALSE(plugin.started());
  EXPECT_EQ(Describe(plugin.start_diagnostics()),
            "Error: Provider plugin crashed\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) exited with status 2 while Cairn "
            "waited for its answer to initialize.\n\n"
            "The plugin's last lines on standard error:\n"
            "  panic: injected crash in initialize\n");
}

TEST(PluginProviderTest, HangDuringHandshake) {
  PluginOptions o = Options("hang:initialize");
  o.start_timeout = milliseconds(300);
  PluginProvider plugin(o);
  EXPECT_FALSE(plugin.started());
  EXPECT_EQ(Describe(plugin.ConfigureProvider({Value()})),
            "Error: Provider plugin timed out\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) did not answer initialize within "
            "300ms, so Cairn stopped it.\n");
}

TEST(PluginProviderTest, OtherProtocolVersionIsRefused) {
  PluginProvider plugin(Options("version2:initialize"));
  EXPECT_FALSE(plugin.started());
  EXPECT_EQ(Describe(plugin.ConfigureProvider({Value()})),
            "Error: Incompatible provider plugin\n"
            "The provider cairn.dev/test/test (plugin PLUGIN) speaks version 2 of the provider "
            "protocol, but this Cairn speaks version 1.\n");
}

TEST(PluginProviderTest, StderrLinesGoToTheLog) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("cairn-plugin-log-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::path script = dir / "cairn-provider-noisy";
  {
    std::ofstream f(script);
    f << "#!/bin/sh\necho 'to stderr' >&2\nexec " << CAIRN_TEST_PLUGIN << "\n";
  }
  chmod(script.c_str(), 0755);
  std::mutex mu;
  std::vector<std::string> lines;
  {
    PluginOptions o = Options();
    o.executable = script.string();
    o.log = [&](std::string_view line) {
      std::lock_guard<std::mutex> lock(mu);
      lines.emplace_back(line);
    };
    PluginProvider plugin(o);
    EXPECT_TRUE(plugin.started()) << Describe(plugin.start_diagnostics());
  }
  std::filesystem::remove_all(dir);
  EXPECT_EQ(lines, std::vector<std::string>{"to stderr"});
}

}  // namespace
}  // namespace cairn::providers::plugin
