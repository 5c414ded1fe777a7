/// ServeProvider over pipes, in-process: the handshake rule, JSON-RPC errors for requests it
/// cannot serve (pinned texts), the end of input and a broken frame; and the plugin
/// executables exit when their stdin closes.

#include "providers/plugin/plugin_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "providers/plugin/discovery.h"
#include "providers/plugin/frame.h"
#include "providers/plugin/process.h"
#include "providers/test_provider.h"

namespace cairn::providers::plugin {
namespace {

/// A TestProvider served on a thread over two pipes.
class ServedProvider {
 public:
  ServedProvider() {
    EXPECT_EQ(pipe2(to_server_, O_CLOEXEC), 0);
    EXPECT_EQ(pipe2(from_server_, O_CLOEXEC), 0);
    options_.name = "test";
    options_.version = "1.2.3";
    exit_code_ = std::async(std::launch::async, [this] {
      int rc = ServeProvider(provider_, options_, to_server_[0], from_server_[1]);
      close(from_server_[1]);
      return rc;
    });
  }
  ~ServedProvider() {
    CloseInput();
    if (exit_code_.valid()) exit_code_.wait();
    close(to_server_[0]);
    close(from_server_[0]);
  }

  void SendRaw(const std::string& bytes) {
    ASSERT_TRUE(WriteAll(to_server_[1], bytes.data(), bytes.size()));
  }
  /// Sends `body` framed and returns the body of the next frame the server writes.
  std::string Ask(const std::string& body) {
    SendRaw(EncodeFrame(body));
    return NextAnswer();
  }
  std::string NextAnswer() {
    char buffer[4096];
    while (true) {
      if (std::optional<std::string> f = decoder_.Next()) return *f;
      ssize_t n = read(from_server_[0], buffer, sizeof buffer);
      if (n <= 0) return "<end of output>";
      decoder_.Feed(std::string_view(buffer, static_cast<size_t>(n)));
    }
  }
  void CloseInput() {
    if (to_server_[1] >= 0) close(to_server_[1]);
    to_server_[1] = -1;
  }
  int ExitCode() { return exit_code_.get(); }
  TestProvider& provider() { return provider_; }

 private:
  TestProvider provider_;
  ServeOptions options_;
  int to_server_[2] = {-1, -1};
  int from_server_[2] = {-1, -1};
  FrameDecoder decoder_;
  std::future<int> exit_code_;
};

constexpr const char* kInit =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocol_version":1}})";

TEST(PluginServerTest, HandshakeFirst) {
  ServedProvider s;
  EXPECT_EQ(s.Ask(R"({"jsonrpc":"2.0","id":0,"method":"GetProviderSchema","params":{}})"),
            R"({"error":{"code":-32600,"message":"the first request must be initialize"},)"
            R"("id":0,"jsonrpc":"2.0"})");
  EXPECT_EQ(s.Ask(kInit),
            R"({"id":1,"jsonrpc":"2.0","result":{"name":"test","protocol_version":1,)"
            R"("version":"1.2.3"}})");
  std::string schema = s.Ask(R"({"jsonrpc":"2.0","id":2,"method":"GetProviderSchema"})");
  EXPECT_EQ(schema.rfind(R"({"id":2,"jsonrpc":"2.0","result":{"schema":{"data_source_schemas":)", 0),
            0u)
      << schema;
  s.CloseInput();
  EXPECT_EQ(s.ExitCode(), 0);
  EXPECT_TRUE(s.provider().stopped());  // the end of input asks operations to stop
}

TEST(PluginServerTest, RequestsItCannotServeGetJsonRpcErrors) {
  ServedProvider s;
  s.Ask(kInit);
  EXPECT_EQ(s.Ask("nope"),
            R"({"error":{"code":-32700,"message":"invalid JSON: invalid character 'o' in )"
            R"x(literal null (expecting 'u')"},"id":null,"jsonrpc":"2.0"})x");
  EXPECT_EQ(s.Ask(R"({"id":3,"method":"Stop"})"),
            R"({"error":{"code":-32600,"message":"the message lacks \"jsonrpc\": \"2.0\""},)"
            R"("id":null,"jsonrpc":"2.0"})");
  EXPECT_EQ(s.Ask(R"({"jsonrpc":"2.0","id":4,"method":"CallFunction","params":{}})"),
            R"({"error":{"code":-32601,"message":"unknown method \"CallFunction\""},"id":4,)"
            R"("jsonrpc":"2.0"})");
  EXPECT_EQ(s.Ask(R"({"jsonrpc":"2.0","id":5,"method":"ReadResource","params":)"
                  R"({"type_name":"nope","current_state":{"value":null}}})"),
            R"({"error":{"code":-32602,"message":"params.type_name: the provider has no )"
            R"(resource type \"nope\""},"id":5,"jsonrpc":"2.0"})");
  EXPECT_EQ(s.Ask(R"({"jsonrpc":"2.0","id":"six","method":"ValidateResourceConfig","params":)"
                  R"({"type_name":"test_object","config":{"value":{"size":"big"}}}})"),
            R"({"error":{"code":-32602,"message":"params.config.size: a number is required, )"
            R"(not a string"},"id":"six","jsonrpc":"2.0"})");
  // Notifications get no answer; the next request still does.
  s.SendRaw(EncodeFrame(R"({"jsonrpc":"2.0","method":"Stop","params":{}})"));
  EXPECT_EQ(s.Ask(R"({"jsonrpc":"2.0","id":7,"method":"ImportResourceState","params":)"
                  R"({"type_name":"test_object","id":"x"}})"),
            R"({"id":7,"jsonrpc":"2.0","result":{"diagnostics":[{"detail":"The id of a )"
            R"(test_object is \"test-\" followed by its name, not \"x\".","severity":"error",)"
            R"("summary":"Invalid import id"}],"imported":[]}})");
  EXPECT_TRUE(s.provider().stopped());
}

TEST(PluginServerTest, BrokenFrameEndsTheServer) {
  ServedProvider s;
  s.SendRaw("GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(s.NextAnswer(), "<end of output>");
  EXPECT_EQ(s.ExitCode(), 1);
}

/// Starts `path`, closes its stdin at once and says whether it exited within 5 seconds.
bool ExitsWhenStdinCloses(const std::string& path) {
  SpawnResult r = SpawnChild(path, {}, {});
  if (!r.ok()) return false;
  close(r.child.stdin_fd);
  bool exited = false;
  int status = 0;
  for (int i = 0; i < 500 && !exited; ++i) {
    exited = waitpid(r.child.pid, &status, WNOHANG) == r.child.pid;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) {
    kill(r.child.pid, SIGKILL);
    waitpid(r.child.pid, &status, 0);
  }
  close(r.child.stdout_fd);
  close(r.child.stderr_fd);
  return exited && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(PluginServerTest, PluginExecutablesExitWhenStdinCloses) {
  EXPECT_TRUE(ExitsWhenStdinCloses(CAIRN_TEST_PLUGIN));
  EXPECT_TRUE(ExitsWhenStdinCloses(CAIRN_TERRAFORM_PLUGIN));
  if (std::system("python3 -c 'import sys' >/dev/null 2>&1") == 0) {
    EXPECT_TRUE(ExitsWhenStdinCloses(CAIRN_SOURCE_DIR
                                     "/examples/provider-python/cairn-provider-pyfile"));
  }
}

TEST(WriteAllTest, FullPipeTimesOutAtTheDeadline) {
  int fds[2];
  ASSERT_EQ(pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
  std::string big(1 << 20, 'x');
  auto started = std::chrono::steady_clock::now();
  errno = 0;
  EXPECT_FALSE(WriteAll(fds[1], big.data(), big.size(), started + std::chrono::milliseconds(200)));
  EXPECT_EQ(errno, ETIMEDOUT);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_GE(took, std::chrono::milliseconds(200));
  EXPECT_LT(took, std::chrono::seconds(2));
  close(fds[0]);
  // The reader gone: EPIPE, not a SIGPIPE that would kill the test.
  EXPECT_FALSE(WriteAll(fds[1], "x", 1, std::chrono::steady_clock::now()));
  EXPECT_EQ(errno, EPIPE);
  close(fds[1]);
}

TEST(PluginServerTest, RequestsHungPastTheDrainTimeEndThePlugin) {
  // What happens to a plugin whose Cairn was killed while an operation hangs.
  SpawnResult r = SpawnChild(CAIRN_TEST_PLUGIN, {},
                             {"CAIRN_TEST_PLUGIN_FAULT=hang:ApplyResourceChange",
                              "CAIRN_TEST_PLUGIN_DRAIN_MS=300"});
  ASSERT_TRUE(r.ok()) << r.error;
  std::string frames =
      EncodeFrame(kInit) +
      EncodeFrame(R"({"jsonrpc":"2.0","id":2,"method":"ApplyResourceChange","params":)"
                  R"({"type_name":"test_object","prior_state":{"value":null},)"
                  R"("planned_state":{"value":null},"config":{"value":null}}})");
  ASSERT_TRUE(WriteAll(r.child.stdin_fd, frames.data(), frames.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto closed = std::chrono::steady_clock::now();
  close(r.child.stdin_fd);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 500 && !exited; ++i) {
    exited = waitpid(r.child.pid, &status, WNOHANG) == r.child.pid;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) kill(r.child.pid, SIGKILL), waitpid(r.child.pid, &status, 0);
  EXPECT_TRUE(exited);
  EXPECT_GE(std::chrono::steady_clock::now() - closed, std::chrono::milliseconds(300));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1) << status;
  std::string err;
  char buffer[4096];
  for (ssize_t n; (n = read(r.child.stderr_fd, buffer, sizeof buffer)) > 0;) err.append(buffer, n);
  EXPECT_EQ(err,
            "cairn provider plugin: requests in flight did not finish within 300ms after the "
            "end of input; exiting\n");
  close(r.child.stdout_fd);
  close(r.child.stderr_fd);
}

TEST(DiscoveryTest, ExecutableNameIsTheSourcesLastPart) {
  EXPECT_EQ(PluginExecutableName("cairn.dev/test/test"), "cairn-provider-test");
  EXPECT_EQ(PluginExecutableName("registry.terraform.io/hashicorp/aws"), "cairn-provider-aws");
  EXPECT_EQ(PluginExecutableName("pyfile"), "cairn-provider-pyfile");
  EXPECT_EQ(PluginExecutableName("example.com/x/"), "");
}

TEST(DiscoveryTest, ConfigurationThenUserThenPath) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("cairn-discovery-" + std::to_string(getpid()));
  fs::remove_all(root);
  auto make = [&](const fs::path& dir, bool executable) {
    fs::create_directories(dir);
    fs::path p = dir / "cairn-provider-x";
    FILE* f = std::fopen(p.c_str(), "w");
    std::fputs("#!/bin/sh\n", f);
    std::fclose(f);
    fs::permissions(p, executable ? fs::perms::owner_all : fs::perms::owner_read);
    return p;
  };
  PluginSearchDirs dirs;
  dirs.configuration = root / "conf";
  dirs.user = root / "user";
  dirs.path = {root / "path1", root / "path2"};
  EXPECT_FALSE(FindPlugin("cairn-provider-x", dirs));
  make(root / "path2", true);
  make(root / "path1", false);  // not executable: skipped
  std::optional<FoundPlugin> f = FindPlugin("cairn-provider-x", dirs);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->executable, root / "path2" / "cairn-provider-x");
  EXPECT_EQ(f->location, PluginLocation::kPath);
  make(root / "user", true);
  f = FindPlugin("cairn-provider-x", dirs);
  EXPECT_EQ(f->location, PluginLocation::kUser);
  make(root / "conf", true);
  f = FindPlugin("cairn-provider-x", dirs);
  EXPECT_EQ(f->location, PluginLocation::kConfiguration);
  EXPECT_EQ(f->executable, root / "conf" / "cairn-provider-x");
  fs::create_directories(root / "user2" / "cairn-provider-y");  // a directory is no plugin
  dirs.user = root / "user2";
  EXPECT_FALSE(FindPlugin("cairn-provider-y", dirs));
  fs::remove_all(root);
}

TEST(DiscoveryTest, DefaultDirsFollowTheEnvironment) {
  std::string old_path = std::getenv("PATH") ? std::getenv("PATH") : "";
  std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
  setenv("CAIRN_PLUGIN_DIR", "/opt/cairn-plugins", 1);
  setenv("PATH", "/a::/b", 1);
  PluginSearchDirs dirs = DefaultPluginSearchDirs("/work/conf");
  EXPECT_EQ(dirs.configuration, "/work/conf/.cairn/plugins");
  EXPECT_EQ(dirs.user, "/opt/cairn-plugins");
  EXPECT_EQ(dirs.path, (std::vector<std::filesystem::path>{"/a", ".", "/b"}));
  unsetenv("CAIRN_PLUGIN_DIR");
  setenv("HOME", "/home/u", 1);
  EXPECT_EQ(DefaultPluginSearchDirs("/c").user, "/home/u/.cairn/plugins");
  setenv("PATH", old_path.c_str(), 1);
  setenv("HOME", old_home.c_str(), 1);
}

}  // namespace
}  // namespace cairn::providers::plugin
