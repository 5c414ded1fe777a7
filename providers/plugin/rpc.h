#pragma once
/// JSON-RPC 2.0 envelopes of the provider plugin protocol (one per frame). JSON documents
/// are held as cairn::Value of DecodeJson's shape (see wire_value.h).

#include <cstdint>
#include <string>
#include <string_view>

#include "lang/base/value.h"

namespace cairn::providers::plugin {

/// The protocol version this build speaks (the `initialize` handshake compares it).
inline constexpr int64_t kProtocolVersion = 1;

/// JSON-RPC 2.0 error codes used by the protocol.
enum RpcErrorCode : int64_t {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
};

/// One decoded message.
struct RpcMessage {
  enum class Kind : uint8_t { kRequest, kNotification, kResponse };
  Kind kind = Kind::kRequest;
  Value id;  ///< requests and responses: a number or a string (null for a parse error reply)
  std::string method;  ///< requests and notifications
  Value params;        ///< requests and notifications (a null when absent)
  Value result;        ///< a successful response
  bool is_error = false;
  int64_t error_code = 0;
  std::string error_message;
};

struct RpcParseResult {
  RpcMessage message;
  std::string error;  ///< why the text is not a JSON-RPC 2.0 message; empty on success
  bool ok() const { return error.empty(); }
};

/// Decodes one frame body.
RpcParseResult ParseRpc(std::string_view text);

std::string EncodeRpcRequest(int64_t id, std::string_view method, const Value& params);
std::string EncodeRpcResult(const Value& id, const Value& result);
std::string EncodeRpcError(const Value& id, int64_t code, std::string_view message);

}  // namespace cairn::providers::plugin
