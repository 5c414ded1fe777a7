#include "providers/plugin/rpc.h"

#include <utility>
#include <vector>

#include "lang/base/value_json.h"
#include "providers/plugin/wire_value.h"

namespace cairn::providers::plugin {
namespace {

bool IsString(const Value* v) {
  return v && v->IsKnown() && !v->IsNull() && v->type().IsString();
}

bool IsValidId(const Value* v) {
  return v && v->IsKnown() && !v->IsNull() && (v->type().IsString() || v->type().IsNumber());
}

std::string Encode(std::vector<std::pair<std::string, Value>> fields) {
  JsonEncodeResult r = EncodeJson(Value::Object(std::move(fields)));
  return r.json;  // DOM values are always known
}

}  // namespace

RpcParseResult ParseRpc(std::string_view text) {
  RpcParseResult r;
  JsonDecodeResult doc = DecodeJson(text);
  if (!doc.ok()) {
    r.error = "invalid JSON: " + doc.error;
    return r;
  }
  const Value& m = doc.value;
  if (!m.type().IsObject() || m.IsNull()) {
    r.error = "a JSON-RPC message must be an object, not " + JsonKind(m);
    return r;
  }
  const Value* version = JsonField(m, "jsonrpc");
  if (!IsString(version) || version->AsString() != "2.0") {
    r.error = "the message lacks \"jsonrpc\": \"2.0\"";
    return r;
  }
  RpcMessage& out = r.message;
  const Value* id = JsonField(m, "id");
  if (id && !id->IsNull() && !IsValidId(id)) {
    r.error = "the message's id must be a number or a string, not " + JsonKind(*id);
    return r;
  }
  if (id) out.id = *id;
  const Value* method = JsonField(m, "method");
  if (method) {
    if (!IsString(method)) {
      r.error = "the message's method must be a string, not " + JsonKind(*method);
      return r;
    }
    out.kind = id ? RpcMessage::Kind::kRequest : RpcMessage::Kind::kNotification;
    out.method = method->AsString();
    if (const Value* params = JsonField(m, "params")) out.params = *params;
    return r;
  }
  out.kind = RpcMessage::Kind::kResponse;
  if (!id) {
    r.error = "a response must have an id";
    return r;
  }
  const Value* result = JsonField(m, "result");
  const Value* error = JsonField(m, "error");
  if ((result != nullptr) == (error != nullptr)) {
    r.error = "a response must have exactly one of \"result\" and \"error\"";
    return r;
  }
  if (result) {
    out.result = *result;
    return r;
  }
  const Value* code = JsonField(*error, "code");
  const Value* message = JsonField(*error, "message");
  if (!code || !code->IsKnown() || code->IsNull() || !code->type().IsNumber() ||
      !code->AsNumber().IsInteger() || !IsString(message)) {
    r.error = "an error response must be {\"code\": <integer>, \"message\": <string>}";
    return r;
  }
  out.is_error = true;
  out.error_code = code->AsNumber().ToInt64().value_or(0);
  out.error_message = message->AsString();
  return r;
}

std::string EncodeRpcRequest(int64_t id, std::string_view method, const Value& params) {
  return Encode({{"jsonrpc", Value::String("2.0")},
                 {"id", Value::Int(id)},
                 {"method", Value::String(std::string(method))},
                 {"params", params}});
}

std::string EncodeRpcResult(const Value& id, const Value& result) {
  return Encode({{"jsonrpc", Value::String("2.0")}, {"id", id}, {"result", result}});
}

std::string EncodeRpcError(const Value& id, int64_t code, std::string_view message) {
  return Encode({{"jsonrpc", Value::String("2.0")},
                 {"id", id},
                 {"error", Value::Object({{"code", Value::Int(code)},
                                          {"message", Value::String(std::string(message))}})}});
}

}  // namespace cairn::providers::plugin
