#include "providers/test_sleep.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "providers/object_values.h"

namespace cairn::providers {
namespace {

Attribute Attr(std::string name, Type type, bool computed) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  a.optional = !computed;
  a.computed = computed;
  return a;
}

/// Sleeps the object's duration_ms; false when Stop() came first.
bool Sleep(const Value& object, const std::atomic<bool>& stopped) {
  const Value& v = GetAttr(object, "duration_ms");
  if (!v.IsKnown() || v.IsNull() || !v.type().IsNumber()) return !stopped;
  std::optional<int64_t> ms = v.AsNumber().ToInt64();
  auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms ? *ms : 0);
  while (!stopped && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(5), until - std::chrono::steady_clock::now()));
  }
  return !stopped;
}

}  // namespace

Schema TestSleepSchema() {
  Schema s;
  // Sorted by name, as Block requires.
  s.block.attributes = {Attr("duration_ms", Type::Number(), false),
                        Attr("id", Type::String(), true), Attr("input", Type::String(), false)};
  return s;
}

PlanResourceChangeResponse PlanTestSleep(const PlanResourceChangeRequest& request) {
  PlanResourceChangeResponse resp;
  const Value& proposed = request.proposed_new_state;
  if (proposed.IsNull()) {
    resp.planned_state = proposed;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> planned = AttributesOf(proposed);
  if (request.prior_state.IsNull()) SetAttr(planned, "id", Value::Unknown(Type::String()));
  resp.planned_state = Value::Object(std::move(planned));
  return resp;
}

ApplyResourceChangeResponse ApplyTestSleep(const ApplyResourceChangeRequest& request,
                                           const std::atomic<bool>& stopped) {
  static std::atomic<uint64_t> counter{0};
  ApplyResourceChangeResponse resp;
  const Value& object = request.planned_state.IsNull() ? request.prior_state
                                                       : request.planned_state;
  if (!Sleep(object, stopped)) {
    resp.diagnostics.Error("Operation stopped",
                           "The test provider was asked to stop before it made the change.");
    resp.new_state = request.prior_state;
    return resp;
  }
  if (request.planned_state.IsNull()) {
    resp.new_state = request.planned_state;
    return resp;
  }
  std::vector<std::pair<std::string, Value>> state = AttributesOf(request.planned_state);
  if (!GetAttr(request.planned_state, "id").IsKnown()) {
    SetAttr(state, "id", Value::String("sleep-" + std::to_string(++counter)));
  }
  resp.new_state = Value::Object(std::move(state));
  return resp;
}

}  // namespace cairn::providers
