#pragma once
/// Standard base64 (RFC 4648 with padding) as Go's encoding/base64.StdEncoding does it.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::eval::functions {

std::string Base64Encode(std::string_view bytes);

/// What Go's base64.StdEncoding.DecodeString gives: the bytes, or the offset of the first
/// corrupt input byte (Go's CorruptInputError). Padding is required, `\r` and `\n` are
/// skipped anywhere, non-zero bits under the padding are accepted.
struct Base64Decoded {
  std::string bytes;
  std::optional<size_t> corrupt_at;
  bool ok() const { return !corrupt_at.has_value(); }
};
Base64Decoded Base64Decode(std::string_view text);

}  // namespace cairn::eval::functions
