#pragma once
/// The out-of-process provider client: a Provider whose every call is a JSON-RPC request to
/// a plugin executable over its stdin/stdout (docs/PROVIDER_PROTOCOL.md).
///
/// Lifecycle: the constructor starts the plugin and performs the handshake (`initialize`,
/// then `GetProviderSchema`); when that fails the provider stays usable as an object, with an
/// empty schema, and every call (ConfigureProvider first) answers the start error. The
/// destructor closes the plugin's stdin (the protocol's shutdown signal), waits up to
/// `shutdown_grace` for it to exit, and kills it after that.
///
/// Failures name the provider (its source address and the executable's path) and the
/// method with its resource type: a plugin that exits before answering ("Provider plugin
/// crashed"), does not answer within `call_timeout` ("Provider plugin timed out"; the plugin
/// is killed), or breaks the protocol ("Provider plugin sent an invalid answer"; killed too
/// when the byte stream cannot be trusted any more). After the plugin died every call fails
/// at once ("Provider plugin not running").
///
/// Thread-safety: every method may be called from any number of threads at once; requests
/// are multiplexed on the one connection by their JSON-RPC id.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "providers/plugin/process.h"
#include "providers/plugin/rpc.h"
#include "providers/provider.h"

namespace cairn::providers::plugin {

struct PluginOptions {
  /// The plugin executable.
  std::string executable;
  std::vector<std::string> args;
  /// Extra environment entries ("NAME=VALUE") on top of Cairn's own.
  std::vector<std::string> env;
  /// The provider's source address, for messages ("cairn.dev/test/test").
  std::string source;
  /// How long one call may take before the plugin counts as hung.
  std::chrono::milliseconds call_timeout{std::chrono::minutes(5)};
  /// How long the handshake may take.
  std::chrono::milliseconds start_timeout{std::chrono::seconds(20)};
  /// How long the plugin may take to exit after its stdin closed.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(2)};
  /// Receives each line the plugin writes to its stderr (Cairn's log); may be empty.
  std::function<void(std::string_view line)> log;
};

class PluginProvider final : public Provider {
 public:
  explicit PluginProvider(PluginOptions options);
  ~PluginProvider() override;
  PluginProvider(const PluginProvider&) = delete;
  PluginProvider& operator=(const PluginProvider&) = delete;

  /// Whether the handshake succeeded (start_diagnostics() says why not).
  bool started() const { return start_diagnostics_.empty() || !start_diagnostics_.HasErrors(); }
  const Diagnostics& start_diagnostics() const { return start_diagnostics_; }
  /// The plugin's process id (-1 when it could not start).
  pid_t pid() const { return child_.pid; }
  /// What the plugin said about itself in `initialize` ("name", "version"; may be empty).
  const std::string& plugin_name() const { return plugin_name_; }
  /// The version the plugin gave in `initialize` (may be empty).
  const std::string& plugin_version() const { return plugin_version_; }

  const ProviderSchema& GetProviderSchema() override;
  Diagnostics ValidateResourceConfig(const ValidateResourceConfigRequest& request) override;
  Diagnostics ConfigureProvider(const ConfigureProviderRequest& request) override;
  PlanResourceChangeResponse PlanResourceChange(const PlanResourceChangeRequest& request) override;
  ApplyResourceChangeResponse ApplyResourceChange(
      const ApplyResourceChangeRequest& request) override;
  ReadResourceResponse ReadResource(const ReadResourceRequest& request) override;
  ImportResourceStateResponse ImportResourceState(
      const ImportResourceStateRequest& request) override;
  ReadDataSourceResponse ReadDataSource(const ReadDataSourceRequest& request) override;
  UpgradeResourceStateResponse UpgradeResourceState(
      const UpgradeResourceStateRequest& request) override;
  void Stop() override;

 private:
  /// What one call gave: a result, or errors.
  struct CallResult {
    Value result;
    Diagnostics diagnostics;  ///< set when the call failed
    bool ok() const { return !diagnostics.HasErrors(); }
  };
  enum class DeathKind : uint8_t { kNone, kCrashed, kTimedOut, kBrokeProtocol, kNotStarted };
  struct Pending {
    bool done = false;
    RpcMessage response;
    std::condition_variable cv;  ///< its caller waits here (no thundering herd)
  };

  void Start();
  CallResult Call(std::string_view method, const Value& params, std::string_view subject,
                  std::chrono::milliseconds timeout);
  /// Diagnostics for an answer that did not decode (the call's own failure; the plugin stays).
  Diagnostics InvalidResult(std::string_view method, std::string_view subject,
                            const std::string& error) const;
  Diagnostics NoSuchType(std::string_view method, std::string_view what,
                         const std::string& type_name) const;
  /// One call about `request.type_name` (a `what`: "resource type" or "data source") whose
  /// schema is `schema`: params from `encode(implied type)`, the answer decoded against that
  /// type. On any failure, `failed` with the diagnostics (null schema: NoSuchType).
  template <class Response, class Request, class Encode>
  Response TypedCall(std::string_view method, std::string_view what, const Schema* schema,
                     const Request& request, Encode encode, Response failed);
  /// Records why the plugin is gone (first reason wins) and wakes every waiter.
  void Die(DeathKind kind, std::string reason);
  void ReadStdout();
  void ReadStderr();
  /// SIGKILLs the plugin unless it is already reaped. Requires mu_.
  void KillChild();
  /// Reaps the child (waiting up to `grace`, then killing it); returns the wait status.
  int Reap(std::chrono::milliseconds grace);
  std::string Who() const;
  std::string StderrTail() const;  // requires mu_

  PluginOptions options_;
  ChildProcess child_;
  ProviderSchema schema_;
  Diagnostics start_diagnostics_;
  std::string plugin_version_;
  std::string plugin_name_;

  std::mutex write_mu_;  ///< one frame at a time on the plugin's stdin
  mutable std::mutex mu_;
  std::condition_variable cv_;
  int64_t next_id_ = 1;                       // guarded by mu_
  std::map<int64_t, Pending> pending_;        // guarded by mu_
  DeathKind death_ = DeathKind::kNone;        // guarded by mu_
  std::string death_reason_;                  // guarded by mu_
  std::deque<std::string> stderr_tail_;       // guarded by mu_
  bool stderr_eof_ = false;                   // guarded by mu_
  bool reaped_ = false;                       // guarded by mu_
  bool stopping_ = false;                     // guarded by mu_
  std::thread stdout_reader_, stderr_reader_;
};

}  // namespace cairn::providers::plugin
