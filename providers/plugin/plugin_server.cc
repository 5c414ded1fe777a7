#include "providers/plugin/plugin_server.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "lang/base/value_json.h"
#include "providers/plugin/frame.h"
#include "providers/plugin/methods.h"
#include "providers/plugin/process.h"
#include "providers/plugin/rpc.h"
#include "providers/plugin/wire_schema.h"
#include "providers/plugin/wire_value.h"

namespace cairn::providers::plugin {
namespace {

class Server {
 public:
  Server(Provider& provider, const ServeOptions& options, int out_fd)
      : provider_(provider), options_(options), out_fd_(out_fd) {}

  void Send(const std::string& body) {
    std::string frame = EncodeFrame(body);
    std::lock_guard<std::mutex> lock(write_mu_);
    WriteAll(out_fd_, frame.data(), frame.size());
  }

  void Handle(RpcMessage m) {
    if (m.kind == RpcMessage::Kind::kNotification) {
      if (m.method == kStop) provider_.Stop();
      return;  // unknown notifications are ignored, as JSON-RPC wants
    }
    const bool inline_method = m.method == kInitialize || m.method == kGetProviderSchema;
    if (inline_method && Intercepted(m)) return;
    if (m.method == kInitialize) {
      initialized_ = true;
      Send(EncodeRpcResult(
          m.id, Value::Object({{"protocol_version", Value::Int(kProtocolVersion)},
                               {"name", Value::String(options_.name)},
                               {"version", Value::String(options_.version)}})));
      return;
    }
    if (!initialized_) {
      Send(EncodeRpcError(m.id, kInvalidRequest, "the first request must be initialize"));
      return;
    }
    if (m.method == kGetProviderSchema) {
      Value schema = DecodeJson(EncodeWireSchema(provider_.GetProviderSchema())).value;
      Send(EncodeRpcResult(m.id, Value::Object({{"schema", std::move(schema)}})));
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(m));
    ++in_flight_;
    if (idle_ == 0 && workers_.size() < kMaxWorkers) {
      workers_.emplace_back([this] { Work(); });
    } else {
      work_cv_.notify_one();
    }
  }

  /// Waits up to `drain` for the requests in flight, then ends the workers. False when
  /// some did not finish (their workers are still busy).
  bool Finish(std::chrono::milliseconds drain) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!done_cv_.wait_for(lock, drain, [&] { return in_flight_ == 0; })) return false;
    closing_ = true;
    lock.unlock();
    work_cv_.notify_all();
    for (std::thread& t : workers_) t.join();
    return true;
  }

 private:
  template <typename Request, typename Fn>
  std::string Dispatch(const RpcMessage& m, Fn fn) {
    Request request;
    std::string error;
    if (!DecodeParams(m.params, provider_.GetProviderSchema(), request, error)) {
      return EncodeRpcError(m.id, kInvalidParams, error);
    }
    return EncodeRpcResult(m.id, fn(request));
  }

  Type ResourceType(const std::string& type_name) {
    const Schema* s = ResourceSchemaOf(provider_.GetProviderSchema(), type_name);
    return s ? s->block.ImpliedType() : Type::Dynamic();
  }

  std::string Serve(const RpcMessage& m) {
    const ProviderSchema& schema = provider_.GetProviderSchema();
    if (m.method == kValidateResourceConfig) {
      return Dispatch<ValidateResourceConfigRequest>(
          m, [&](const auto& r) { return EncodeResult(provider_.ValidateResourceConfig(r)); });
    }
    if (m.method == kConfigureProvider) {
      return Dispatch<ConfigureProviderRequest>(
          m, [&](const auto& r) { return EncodeResult(provider_.ConfigureProvider(r)); });
    }
    if (m.method == kPlanResourceChange) {
      return Dispatch<PlanResourceChangeRequest>(m, [&](const auto& r) {
        return EncodeResult(provider_.PlanResourceChange(r), ResourceType(r.type_name));
      });
    }
    if (m.method == kApplyResourceChange) {
      return Dispatch<ApplyResourceChangeRequest>(m, [&](const auto& r) {
        return EncodeResult(provider_.ApplyResourceChange(r), ResourceType(r.type_name));
      });
    }
    if (m.method == kReadResource) {
      return Dispatch<ReadResourceRequest>(m, [&](const auto& r) {
        return EncodeResult(provider_.ReadResource(r), ResourceType(r.type_name));
      });
    }
    if (m.method == kImportResourceState) {
      return Dispatch<ImportResourceStateRequest>(m, [&](const auto& r) {
        return EncodeResult(provider_.ImportResourceState(r), schema);
      });
    }
    if (m.method == kReadDataSource) {
      return Dispatch<ReadDataSourceRequest>(m, [&](const auto& r) {
        const Schema* s = DataSourceSchemaOf(schema, r.type_name);
        return EncodeResult(provider_.ReadDataSource(r),
                            s ? s->block.ImpliedType() : Type::Dynamic());
      });
    }
    if (m.method == kUpgradeResourceState) {
      return Dispatch<UpgradeResourceStateRequest>(m, [&](const auto& r) {
        return EncodeResult(provider_.UpgradeResourceState(r), ResourceType(r.type_name));
      });
    }
    return EncodeRpcError(m.id, kMethodNotFound, "unknown method \"" + m.method + "\"");
  }

  /// Whether the test hook answered `m` itself (with raw bytes it wrote).
  bool Intercepted(const RpcMessage& m) {
    if (!options_.intercept) return false;
    std::optional<std::string> raw = options_.intercept(m.method, EncodeJson(m.id).json);
    if (!raw) return false;
    std::lock_guard<std::mutex> lock(write_mu_);
    WriteAll(out_fd_, raw->data(), raw->size());
    return true;
  }

  /// A worker: serves queued requests until Finish.
  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      ++idle_;
      work_cv_.wait(lock, [&] { return closing_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;
      RpcMessage m = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      if (!Intercepted(m)) Send(Serve(m));
      lock.lock();
      --in_flight_;
      done_cv_.notify_all();
    }
  }

  /// Requests served at once at most; more wait in the queue. Above any sensible
  /// -parallelism, so that the client's workers never wait on the plugin's.
  static constexpr size_t kMaxWorkers = 256;

  Provider& provider_;
  const ServeOptions& options_;
  int out_fd_;
  bool initialized_ = false;  // the reading thread only
  std::mutex write_mu_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<RpcMessage> queue_;      // guarded by mu_
  std::vector<std::thread> workers_;  // guarded by mu_
  int idle_ = 0;                      // guarded by mu_
  int in_flight_ = 0;                 // guarded by mu_
  bool closing_ = false;              // guarded by mu_
};

}  // namespace

int ServeProvider(Provider& provider, const ServeOptions& options, int in_fd, int out_fd) {
  if (out_fd == 1) {
    // Keep the protocol stream private: stray writes to stdout go to stderr from now on.
    int protocol = fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (protocol < 0 || dup2(2, 1) < 0) {
      std::perror("cairn provider plugin: cannot set up stdout");
      return 1;
    }
    std::fflush(stdout);
    out_fd = protocol;
  }
  Server server(provider, options, out_fd);
  FrameDecoder decoder;
  char buffer[65536];
  int exit_code = 0;
  while (exit_code == 0) {
    ssize_t n = read(in_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    decoder.Feed(std::string_view(buffer, static_cast<size_t>(n)));
    while (std::optional<std::string> body = decoder.Next()) {
      RpcParseResult parsed = ParseRpc(*body);
      if (!parsed.ok()) {
        // The framing still holds: answer and go on.
        server.Send(EncodeRpcError(parsed.message.id,
                                   parsed.error.rfind("invalid JSON", 0) == 0 ? kParseError
                                                                              : kInvalidRequest,
                                   parsed.error));
        continue;
      }
      if (parsed.message.kind == RpcMessage::Kind::kResponse) continue;  // nothing was asked
      server.Handle(std::move(parsed.message));
    }
    if (decoder.failed()) {
      std::fprintf(stderr, "cairn provider plugin: %s\n", decoder.error().c_str());
      exit_code = 1;
    }
  }
  // End of input: the client is gone or done. Ask operations in flight to stop soon and let
  // them finish; a plugin whose client died must not outlive it for long.
  provider.Stop();
  if (!server.Finish(options.drain_timeout)) {
    std::fprintf(stderr,
                 "cairn provider plugin: requests in flight did not finish within %lldms after "
                 "the end of input; exiting\n",
                 static_cast<long long>(options.drain_timeout.count()));
    std::fflush(stderr);
    std::_Exit(1);
  }
  return exit_code;
}

}  // namespace cairn::providers::plugin
