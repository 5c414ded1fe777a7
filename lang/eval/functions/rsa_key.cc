#include "lang/eval/functions/rsa_key.h"

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <map>
#include <utility>

#include "lang/base/go_quote.h"
#include "lang/eval/functions/base64.h"

namespace cairn::eval::functions {

struct RsaPrivateKey::Impl {
  EVP_PKEY* pkey = nullptr;
  ~Impl() { EVP_PKEY_free(pkey); }
};

RsaPrivateKey::RsaPrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RsaPrivateKey::~RsaPrivateKey() = default;
RsaPrivateKey::RsaPrivateKey(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey& RsaPrivateKey::operator=(RsaPrivateKey&&) noexcept = default;

namespace {

struct PemBlock {
  std::string type;
  std::map<std::string, std::string, std::less<>> headers;
  std::string bytes;
};

std::string_view TrimRight(std::string_view s, std::string_view chars) {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                        s.front() == '\r' || s.front() == '\v' || s.front() == '\f')) {
    s.remove_prefix(1);
  }
  return TrimRight(s, " \t\n\r\v\f");
}

/// Go's pem getLine: the line without its end (and trailing spaces and tabs), and the rest.
std::pair<std::string_view, std::string_view> GetLine(std::string_view data) {
  size_t i = data.find('\n');
  size_t j;
  if (i == std::string_view::npos) {
    i = j = data.size();
  } else {
    j = i + 1;
    if (i > 0 && data[i - 1] == '\r') --i;
  }
  return {TrimRight(data.substr(0, i), " \t"), data.substr(j)};
}

/// Go's encoding/pem.Decode: the first well-formed block, skipping malformed ones.
std::optional<PemBlock> DecodePem(std::string_view data) {
  constexpr std::string_view kStart = "\n-----BEGIN ";
  constexpr std::string_view kEnd = "\n-----END ";
  constexpr std::string_view kEndOfLine = "-----";
  std::string_view rest = data;
  while (true) {
    if (rest.substr(0, kStart.size() - 1) == kStart.substr(1)) {
      rest.remove_prefix(kStart.size() - 1);
    } else if (size_t at = rest.find(kStart); at != std::string_view::npos) {
      rest.remove_prefix(at + kStart.size());
    } else {
      return std::nullopt;
    }
    auto [type_line, after_type] = GetLine(rest);
    rest = after_type;
    if (type_line.size() < kEndOfLine.size() ||
        type_line.substr(type_line.size() - kEndOfLine.size()) != kEndOfLine) {
      continue;
    }
    type_line.remove_suffix(kEndOfLine.size());
    PemBlock block;
    block.type = std::string(type_line);
    while (true) {
      if (rest.empty()) return std::nullopt;
      auto [line, next] = GetLine(rest);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) break;
      block.headers[std::string(Trim(line.substr(0, colon)))] =
          std::string(Trim(line.substr(colon + 1)));
      rest = next;
    }
    size_t end_index, trailer_index;
    if (block.headers.empty() && rest.substr(0, kEnd.size() - 1) == kEnd.substr(1)) {
      end_index = 0;
      trailer_index = kEnd.size() - 1;
    } else {
      end_index = rest.find(kEnd);
      if (end_index == std::string_view::npos) continue;
      trailer_index = end_index + kEnd.size();
    }
    std::string_view trailer = rest.substr(trailer_index);
    size_t trailer_len = type_line.size() + kEndOfLine.size();
    if (trailer.size() < trailer_len) continue;
    std::string_view rest_of_end_line = trailer.substr(trailer_len);
    trailer = trailer.substr(0, trailer_len);
    if (trailer.substr(0, type_line.size()) != type_line ||
        trailer.substr(type_line.size()) != kEndOfLine) {
      continue;
    }
    if (!GetLine(rest_of_end_line).first.empty()) continue;
    std::string body;
    for (char c : rest.substr(0, end_index)) {
      if (c != ' ' && c != '\t') body += c;
    }
    Base64Decoded decoded = Base64Decode(body);
    if (!decoded.ok()) continue;
    block.bytes = std::move(decoded.bytes);
    return block;
  }
}

RsaKeyResult Fail(std::string message) { return {std::nullopt, std::move(message)}; }

RsaKeyResult FromPkey(EVP_PKEY* pkey, const char* malformed) {
  if (pkey == nullptr) return Fail(std::string("invalid private key: ") + malformed);
  if (EVP_PKEY_get_base_id(pkey) != EVP_PKEY_RSA) {
    // Terraform prints Go's %t of the parsed key (its internal numbers); name the type instead.
    std::string type = OBJ_nid2sn(EVP_PKEY_get_base_id(pkey));
    EVP_PKEY_free(pkey);
    return Fail("invalid private key type " + type);
  }
  auto impl = std::make_unique<RsaPrivateKey::Impl>();
  impl->pkey = pkey;
  return {RsaPrivateKey(std::move(impl)), ""};
}

}  // namespace

RsaKeyResult ParseRsaPrivateKey(std::string_view pem) {
  std::optional<PemBlock> block = DecodePem(pem);
  if (!block) return Fail("invalid private key: ssh: no key found");
  if (auto it = block->headers.find("Proc-Type");
      it != block->headers.end() && it->second.find("ENCRYPTED") != std::string::npos) {
    return Fail("invalid private key: ssh: this private key is passphrase protected");
  }
  const auto* der = reinterpret_cast<const unsigned char*>(block->bytes.data());
  const long len = static_cast<long>(block->bytes.size());
  if (block->type == "RSA PRIVATE KEY") {
    const unsigned char* p = der;
    EVP_PKEY* pkey = d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &p, len);
    if (pkey != nullptr && p != der + len) {
      EVP_PKEY_free(pkey);
      return Fail("invalid ASN1 data in the given private key: trailing data");
    }
    return FromPkey(pkey, "malformed PKCS #1 RSA private key");
  }
  if (block->type == "PRIVATE KEY") {
    const unsigned char* p = der;
    PKCS8_PRIV_KEY_INFO* info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, len);
    EVP_PKEY* pkey = nullptr;
    if (info != nullptr && p == der + len) pkey = EVP_PKCS82PKEY(info);
    PKCS8_PRIV_KEY_INFO_free(info);
    return FromPkey(pkey, "malformed PKCS #8 private key");
  }
  if (block->type == "EC PRIVATE KEY" || block->type == "DSA PRIVATE KEY") {
    return Fail("invalid private key type " + block->type.substr(0, block->type.find(' ')));
  }
  if (block->type == "OPENSSH PRIVATE KEY") {
    return Fail("invalid private key: OpenSSH's own key format is not supported");
  }
  return Fail("invalid private key: ssh: unsupported key type " + GoQuote(block->type));
}

std::optional<std::string> RsaDecryptPkcs1v15(const RsaPrivateKey& key, std::string_view cipher) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key.impl().pkey, nullptr);
  if (ctx == nullptr) return std::nullopt;
  std::optional<std::string> out;
  size_t size = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(cipher.data());
  if (EVP_PKEY_decrypt_init(ctx) == 1 &&
      EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
      cipher.size() <= static_cast<size_t>(EVP_PKEY_get_size(key.impl().pkey))) {
    // OpenSSL 3.2+ would otherwise answer a bad padding with random bytes; older versions do
    // not know the parameter (and always report the error).
    EVP_PKEY_CTX_ctrl_str(ctx, "rsa_pkcs1_implicit_rejection", "0");
    if (EVP_PKEY_decrypt(ctx, nullptr, &size, in, cipher.size()) == 1) {
      std::string plain(size, '\0');
      if (EVP_PKEY_decrypt(ctx, reinterpret_cast<unsigned char*>(plain.data()), &size, in,
                           cipher.size()) == 1) {
        plain.resize(size);
        out = std::move(plain);
      }
    }
  }
  EVP_PKEY_CTX_free(ctx);
  return out;
}

}  // namespace cairn::eval::functions
