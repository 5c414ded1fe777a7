#include "lang/eval/functions/digest.h"

#include <openssl/evp.h>

namespace cairn::eval::functions {
namespace {

/// One-shot digest with EVP_Digest; the algorithms used here cannot fail on valid input, so a
/// failure (out of memory inside OpenSSL) yields an empty string rather than garbage.
std::string Digest(std::string_view bytes, const EVP_MD* md) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out, &len, md, nullptr) != 1) return {};
  return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string Md5(std::string_view bytes) { return Digest(bytes, EVP_md5()); }
std::string Sha1(std::string_view bytes) { return Digest(bytes, EVP_sha1()); }
std::string Sha256(std::string_view bytes) { return Digest(bytes, EVP_sha256()); }
std::string Sha512(std::string_view bytes) { return Digest(bytes, EVP_sha512()); }

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.resize(bytes.size() * 2);
  for (size_t i = 0; i < bytes.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kHex[c >> 4];
    out[2 * i + 1] = kHex[c & 15];
  }
  return out;
}

}  // namespace cairn::eval::functions
