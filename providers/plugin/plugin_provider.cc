#include "providers/plugin/plugin_provider.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "lang/base/value_json.h"
#include "providers/plugin/frame.h"
#include "providers/plugin/methods.h"
#include "providers/plugin/wire_schema.h"
#include "providers/plugin/wire_value.h"

namespace cairn::providers::plugin {
namespace {

constexpr size_t kStderrTailLines = 20;
constexpr size_t kStderrLineMax = 1000;

std::string Duration(std::chrono::milliseconds d) {
  if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
  return std::to_string(d.count()) + "ms";
}

std::string CallName(std::string_view method, std::string_view subject) {
  std::string out(method);
  if (!subject.empty()) out += " for " + std::string(subject);
  return out;
}

Diagnostics Error(std::string summary, std::string detail) {
  Diagnostics d;
  d.Error(std::move(summary), std::move(detail));
  return d;
}

}  // namespace

PluginProvider::PluginProvider(PluginOptions options) : options_(std::move(options)) { Start(); }

std::string PluginProvider::Who() const {
  return "The provider " + options_.source + " (plugin " + options_.executable + ")";
}

std::string PluginProvider::StderrTail() const {
  if (stderr_tail_.empty()) return "";
  std::string out = "\n\nThe plugin's last lines on standard error:";
  for (const std::string& line : stderr_tail_) out += "\n  " + line;
  return out;
}

void PluginProvider::Start() {
  SpawnResult spawned = SpawnChild(options_.executable, options_.args, options_.env);
  if (!spawned.ok()) {
    start_diagnostics_.Error("Failed to start provider plugin",
                             "Cairn could not run the plugin " + options_.executable +
                                 " for provider " + options_.source + ": " + spawned.error + ".");
    std::lock_guard<std::mutex> lock(mu_);
    death_ = DeathKind::kNotStarted;
    death_reason_ = "it could not be started: " + spawned.error;
    reaped_ = true;
    stderr_eof_ = true;
    return;
  }
  child_ = spawned.child;
  // Writes wait for a full pipe only until the call's deadline (a hung plugin stops reading).
  fcntl(child_.stdin_fd, F_SETFL, fcntl(child_.stdin_fd, F_GETFL) | O_NONBLOCK);
  stdout_reader_ = std::thread([this] { ReadStdout(); });
  stderr_reader_ = std::thread([this] { ReadStderr(); });

  Value init_params = Value::Object(
      {{"protocol_version", Value::Int(kProtocolVersion)},
       {"client", Value::Object({{"name", Value::String("cairn")},
                                 {"version", Value::String(CAIRN_VERSION)}})}});
  CallResult init = Call(kInitialize, init_params, "", options_.start_timeout);
  if (!init.ok()) {
    start_diagnostics_ = std::move(init.diagnostics);
    return;
  }
  const Value* version = JsonField(init.result, "protocol_version");
  if (!version || !version->IsKnown() || version->IsNull() || !version->type().IsNumber() ||
      !version->AsNumber().IsInteger()) {
    start_diagnostics_ = InvalidResult(kInitialize, "",
                                       "result.protocol_version must be an integer");
    return;
  }
  if (version->AsNumber().ToInt64() != kProtocolVersion) {
    start_diagnostics_.Error(
        "Incompatible provider plugin",
        Who() + " speaks version " + version->AsNumber().ToString() +
            " of the provider protocol, but this Cairn speaks version " +
            std::to_string(kProtocolVersion) + ".");
    return;
  }
  if (const Value* name = JsonField(init.result, "name");
      name && name->IsKnown() && !name->IsNull() && name->type().IsString()) {
    plugin_name_ = name->AsString();
  }
  if (const Value* v = JsonField(init.result, "version");
      v && v->IsKnown() && !v->IsNull() && v->type().IsString()) {
    plugin_version_ = v->AsString();
  }
  CallResult schema = Call(kGetProviderSchema, Value::Object({}), "", options_.start_timeout);
  if (!schema.ok()) {
    start_diagnostics_ = std::move(schema.diagnostics);
    return;
  }
  const Value* schema_json = JsonField(schema.result, "schema");
  if (!schema_json) {
    start_diagnostics_ = InvalidResult(kGetProviderSchema, "", "result.schema is required");
    return;
  }
  WireSchemaResult decoded = DecodeWireSchema(EncodeJson(*schema_json).json);
  if (!decoded.ok()) {
    start_diagnostics_ = InvalidResult(kGetProviderSchema, "", "result.schema." + decoded.error);
    return;
  }
  schema_ = std::move(decoded.schema);
}

PluginProvider::~PluginProvider() {
  if (child_.pid < 0) return;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    close(child_.stdin_fd);
    child_.stdin_fd = -1;
  }
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, options_.shutdown_grace, [&] { return reaped_; })) {
    KillChild();
  }
  stopping_ = true;
  lock.unlock();
  cv_.notify_all();
  stdout_reader_.join();
  stderr_reader_.join();
  close(child_.stdout_fd);
  close(child_.stderr_fd);
}

void PluginProvider::Die(DeathKind kind, std::string reason) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (death_ != DeathKind::kNone) return;
    death_ = kind;
    death_reason_ = std::move(reason);
    if (kind != DeathKind::kCrashed) KillChild();
    for (auto& [id, p] : pending_) p.cv.notify_all();
  }
  cv_.notify_all();
}

void PluginProvider::KillChild() {
  // Never kill(-1, ...) or a reaped (maybe reused) pid.
  if (child_.pid > 0 && !reaped_) kill(child_.pid, SIGKILL);
}

int PluginProvider::Reap(std::chrono::milliseconds grace) {
  int status = 0;
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (true) {
    pid_t r = waitpid(child_.pid, &status, WNOHANG);
    if (r == child_.pid || (r < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      if (child_.pid > 0) kill(child_.pid, SIGKILL);
      while (waitpid(child_.pid, &status, 0) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status;
}

void PluginProvider::ReadStdout() {
  FrameDecoder decoder;
  char buffer[65536];
  std::string broken;  // why the stream cannot be trusted
  while (broken.empty()) {
    pollfd p = {child_.stdout_fd, POLLIN, 0};
    int ready = poll(&p, 1, 100);
    if (ready == 0) {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) break;
      continue;
    }
    if (ready < 0 && errno == EINTR) continue;
    ssize_t n = read(child_.stdout_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    decoder.Feed(std::string_view(buffer, static_cast<size_t>(n)));
    while (std::optional<std::string> body = decoder.Next()) {
      RpcParseResult parsed = ParseRpc(*body);
      if (!parsed.ok()) {
        broken = parsed.error;
        break;
      }
      const RpcMessage& m = parsed.message;
      if (m.kind != RpcMessage::Kind::kResponse) continue;  // plugins send no requests
      std::optional<int64_t> id;
      if (m.id.IsKnown() && !m.id.IsNull() && m.id.type().IsNumber()) id = m.id.AsNumber().ToInt64();
      std::lock_guard<std::mutex> lock(mu_);
      auto it = id ? pending_.find(*id) : pending_.end();
      if (it == pending_.end() || it->second.done) {
        JsonEncodeResult text = EncodeJson(m.id);
        broken = "it answered request id " + text.json + ", which Cairn is not waiting for";
        break;
      }
      it->second.done = true;
      it->second.response = m;
      it->second.cv.notify_one();
    }
    if (broken.empty() && decoder.failed()) broken = "broken frame: " + decoder.error();
  }
  if (!broken.empty()) {
    Die(DeathKind::kBrokeProtocol, std::move(broken));
  } else if (decoder.pending() > 0 && !decoder.failed()) {
    // End of stream inside a frame: reported as a crash below, with what was left.
  }
  int status = Reap(options_.shutdown_grace);
  {
    // The last words on stderr belong in the crash report.
    std::unique_lock<std::mutex> lock(mu_);
    reaped_ = true;
    cv_.wait_for(lock, std::chrono::milliseconds(500), [&] { return stderr_eof_; });
  }
  cv_.notify_all();
  Die(DeathKind::kCrashed, DescribeExit(status));
}

void PluginProvider::ReadStderr() {
  char buffer[4096];
  std::string line;
  auto emit = [&] {
    if (options_.log) options_.log(line);
    std::lock_guard<std::mutex> lock(mu_);
    stderr_tail_.push_back(line);
    if (stderr_tail_.size() > kStderrTailLines) stderr_tail_.pop_front();
    line.clear();
  };
  while (true) {
    pollfd p = {child_.stderr_fd, POLLIN, 0};
    int ready = poll(&p, 1, 100);
    if (ready == 0) {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) break;
      continue;
    }
    if (ready < 0 && errno == EINTR) continue;
    ssize_t n = read(child_.stderr_fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (buffer[i] == '\n') {
        emit();
      } else if (line.size() < kStderrLineMax) {
        line.push_back(buffer[i]);
      }
    }
  }
  if (!line.empty()) emit();
  {
    std::lock_guard<std::mutex> lock(mu_);
    stderr_eof_ = true;
  }
  cv_.notify_all();
}

PluginProvider::CallResult PluginProvider::Call(std::string_view method, const Value& params,
                                                std::string_view subject,
                                                std::chrono::milliseconds timeout) {
  CallResult out;
  int64_t id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (death_ != DeathKind::kNone) {
      out.diagnostics.Error("Provider plugin not running",
                            Who() + " stopped earlier (" + death_reason_ +
                                "), so Cairn could not call " + CallName(method, subject) +
                                ".");
      return out;
    }
    id = next_id_++;
    pending_[id];
  }
  std::string frame = EncodeFrame(EncodeRpcRequest(id, method, params));
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool written;
  bool write_timed_out = false;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    written = child_.stdin_fd >= 0 &&
              WriteAll(child_.stdin_fd, frame.data(), frame.size(), deadline);
    write_timed_out = !written && errno == ETIMEDOUT;
  }
  std::unique_lock<std::mutex> lock(mu_);
  Pending& pending = pending_[id];
  auto answered = [&] { return pending.done || death_ != DeathKind::kNone; };
  bool in_time;
  if (write_timed_out) {
    in_time = false;
  } else if (written) {
    in_time = pending.cv.wait_until(lock, deadline, answered);
  } else {
    // The plugin closed its stdin: it is exiting; wait for the reader to say how.
    in_time =
        pending.cv.wait_for(lock, options_.shutdown_grace + std::chrono::seconds(1), answered);
  }
  const bool done = pending.done;
  RpcMessage response = std::move(pending.response);
  pending_.erase(id);
  if (done) {
    lock.unlock();
    const RpcMessage& m = response;
    if (m.is_error) {
      out.diagnostics.Error("Provider plugin error", Who() + " failed " +
                                                         CallName(method, subject) + ": " +
                                                         m.error_message + " (JSON-RPC error " +
                                                         std::to_string(m.error_code) + ").");
      return out;
    }
    out.result = m.result;
    return out;
  }
  if (!in_time && death_ == DeathKind::kNone) {
    death_ = DeathKind::kTimedOut;
    death_reason_ = "it did not answer " + CallName(method, subject) + " within " +
                    Duration(timeout);
    KillChild();
    for (auto& [other, p] : pending_) p.cv.notify_all();
    lock.unlock();
    cv_.notify_all();
    out.diagnostics.Error("Provider plugin timed out",
                          Who() + " did not answer " + CallName(method, subject) +
                              " within " + Duration(timeout) + ", so Cairn stopped it.");
    return out;
  }
  std::string tail = StderrTail();
  switch (death_) {
    case DeathKind::kBrokeProtocol:
      out.diagnostics.Error("Provider plugin sent an invalid answer",
                            Who() + " broke the protocol while Cairn waited for its answer to " +
                                CallName(method, subject) + ": " + death_reason_ +
                                ". Cairn stopped the plugin." + tail);
      break;
    case DeathKind::kCrashed:
      out.diagnostics.Error("Provider plugin crashed",
                            Who() + " " + death_reason_ + " while Cairn waited for its answer to " +
                                CallName(method, subject) + "." + tail);
      break;
    default:
      out.diagnostics.Error("Provider plugin not running",
                            Who() + " stopped earlier (" + death_reason_ +
                                "), so Cairn could not call " + CallName(method, subject) +
                                ".");
  }
  return out;
}

Diagnostics PluginProvider::InvalidResult(std::string_view method, std::string_view subject,
                                          const std::string& error) const {
  return Error("Provider plugin sent an invalid answer",
               Who() + " answered " + CallName(method, subject) +
                   " with a result that does not fit the protocol: " + error + ".");
}

Diagnostics PluginProvider::NoSuchType(std::string_view method, std::string_view what,
                                       const std::string& type_name) const {
  if (!started()) return start_diagnostics_;
  return Error("Unsupported " + std::string(what),
               "The provider " + options_.source + " has no " + std::string(what) + " named \"" +
                   type_name + "\".");
}

const ProviderSchema& PluginProvider::GetProviderSchema() { return schema_; }

Diagnostics PluginProvider::ValidateResourceConfig(const ValidateResourceConfigRequest& request) {
  const Schema* s = ResourceSchemaOf(schema_, request.type_name);
  if (!s) s = DataSourceSchemaOf(schema_, request.type_name);
  if (!s) return NoSuchType(kValidateResourceConfig, "resource type", request.type_name);
  CallResult r = Call(kValidateResourceConfig, EncodeParams(request, s->block.ImpliedType()),
                      request.type_name, options_.call_timeout);
  if (!r.ok()) return r.diagnostics;
  Diagnostics out;
  std::string error;
  if (!DecodeResult(r.result, out, error)) {
    return InvalidResult(kValidateResourceConfig, request.type_name, error);
  }
  return out;
}

Diagnostics PluginProvider::ConfigureProvider(const ConfigureProviderRequest& request) {
  if (!started()) return start_diagnostics_;
  CallResult r = Call(kConfigureProvider,
                      EncodeParams(request, schema_.provider.block.ImpliedType()), "",
                      options_.call_timeout);
  if (!r.ok()) return r.diagnostics;
  Diagnostics out;
  std::string error;
  if (!DecodeResult(r.result, out, error)) return InvalidResult(kConfigureProvider, "", error);
  return out;
}

template <class Response, class Request, class Encode>
Response PluginProvider::TypedCall(std::string_view method, std::string_view what,
                                   const Schema* schema, const Request& request, Encode encode,
                                   Response failed) {
  if (!schema) {
    failed.diagnostics = NoSuchType(method, what, request.type_name);
    return failed;
  }
  const Type& type = schema->block.ImpliedType();
  CallResult r = Call(method, encode(type), request.type_name, options_.call_timeout);
  if (!r.ok()) {
    failed.diagnostics = std::move(r.diagnostics);
    return failed;
  }
  Response out;
  std::string error;
  if (!DecodeResult(r.result, type, out, error)) {
    failed.diagnostics = InvalidResult(method, request.type_name, error);
    return failed;
  }
  return out;
}

PlanResourceChangeResponse PluginProvider::PlanResourceChange(
    const PlanResourceChangeRequest& request) {
  return TypedCall(kPlanResourceChange, "resource type",
                   ResourceSchemaOf(schema_, request.type_name), request,
                   [&](const Type& t) { return EncodeParams(request, t); },
                   PlanResourceChangeResponse());
}

ApplyResourceChangeResponse PluginProvider::ApplyResourceChange(
    const ApplyResourceChangeRequest& request) {
  return TypedCall(kApplyResourceChange, "resource type",
                   ResourceSchemaOf(schema_, request.type_name), request,
                   [&](const Type& t) { return EncodeParams(request, t); },
                   ApplyResourceChangeResponse());
}

ReadResourceResponse PluginProvider::ReadResource(const ReadResourceRequest& request) {
  ReadResourceResponse failed;  // a failed read keeps the object as it was
  failed.new_state = request.current_state;
  return TypedCall(kReadResource, "resource type", ResourceSchemaOf(schema_, request.type_name),
                   request, [&](const Type& t) { return EncodeParams(request, t); },
                   std::move(failed));
}

ImportResourceStateResponse PluginProvider::ImportResourceState(
    const ImportResourceStateRequest& request) {
  ImportResourceStateResponse out;
  if (!ResourceSchemaOf(schema_, request.type_name)) {
    out.diagnostics = NoSuchType(kImportResourceState, "resource type", request.type_name);
    return out;
  }
  CallResult r = Call(kImportResourceState, EncodeParams(request), request.type_name,
                      options_.call_timeout);
  if (!r.ok()) {
    out.diagnostics = std::move(r.diagnostics);
    return out;
  }
  std::string error;
  if (!DecodeResult(r.result, schema_, out, error)) {
    ImportResourceStateResponse bad;
    bad.diagnostics = InvalidResult(kImportResourceState, request.type_name, error);
    return bad;
  }
  return out;
}

ReadDataSourceResponse PluginProvider::ReadDataSource(const ReadDataSourceRequest& request) {
  return TypedCall(kReadDataSource, "data source", DataSourceSchemaOf(schema_, request.type_name),
                   request, [&](const Type& t) { return EncodeParams(request, t); },
                   ReadDataSourceResponse());
}

UpgradeResourceStateResponse PluginProvider::UpgradeResourceState(
    const UpgradeResourceStateRequest& request) {
  return TypedCall(kUpgradeResourceState, "resource type",
                   ResourceSchemaOf(schema_, request.type_name), request,
                   [&](const Type&) { return EncodeParams(request); },
                   UpgradeResourceStateResponse());
}

void PluginProvider::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (death_ != DeathKind::kNone) return;
  }
  // A notification: no answer to wait for. A plugin that does not even read it within a
  // second is hung (and may hold half a frame now): it is stopped the hard way.
  std::string body = "{\"jsonrpc\":\"2.0\",\"method\":\"Stop\",\"params\":{}}";
  std::string frame = EncodeFrame(body);
  bool timed_out;
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    timed_out = child_.stdin_fd >= 0 &&
                !WriteAll(child_.stdin_fd, frame.data(), frame.size(),
                          std::chrono::steady_clock::now() + std::chrono::seconds(1)) &&
                errno == ETIMEDOUT;
  }
  if (timed_out) Die(DeathKind::kTimedOut, "it did not read the Stop request within 1s");
}

}  // namespace cairn::providers::plugin
