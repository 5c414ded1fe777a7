#pragma once
/// RSA private keys in PEM text as Terraform's rsadecrypt reads them (golang.org/x/crypto/ssh's
/// ParseRawPrivateKey, with Terraform's error texts), and PKCS #1 v1.5 decryption. OpenSSL's
/// libcrypto does the DER and the arithmetic.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::eval::functions {

/// An RSA private key (an owning handle; the OpenSSL type stays out of this header).
class RsaPrivateKey {
 public:
  struct Impl;
  explicit RsaPrivateKey(std::unique_ptr<Impl> impl);
  ~RsaPrivateKey();
  RsaPrivateKey(RsaPrivateKey&&) noexcept;
  RsaPrivateKey& operator=(RsaPrivateKey&&) noexcept;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct RsaKeyResult {
  std::optional<RsaPrivateKey> key;
  std::string error;  ///< Terraform's message (without the final period) when there is no key
};

/// The first PEM block of `pem`: "RSA PRIVATE KEY" (PKCS #1) or "PRIVATE KEY" (PKCS #8).
RsaKeyResult ParseRsaPrivateKey(std::string_view pem);

/// RSAES-PKCS1-v1_5 decryption (no implicit rejection); nullopt on any decryption error.
std::optional<std::string> RsaDecryptPkcs1v15(const RsaPrivateKey& key, std::string_view cipher);

}  // namespace cairn::eval::functions
