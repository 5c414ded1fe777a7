#pragma once
/// Raw message digests over bytes (OpenSSL's libcrypto underneath) and their hex text: what
/// Terraform's md5, sha1, sha256, sha512, base64sha*, filemd5 and filesha* functions hash with.

#include <string>
#include <string_view>

namespace cairn::eval::functions {

/// The raw digest of `bytes` (16, 20, 32 and 64 bytes long).
std::string Md5(std::string_view bytes);
std::string Sha1(std::string_view bytes);
std::string Sha256(std::string_view bytes);
std::string Sha512(std::string_view bytes);

/// Lower-case hexadecimal, two digits per byte (Go's hex.EncodeToString).
std::string HexEncode(std::string_view bytes);

}  // namespace cairn::eval::functions
