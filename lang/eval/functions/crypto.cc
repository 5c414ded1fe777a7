// Terraform's hash and crypto functions: base64sha256, base64sha512, bcrypt, md5, rsadecrypt,
// sha1, sha256, sha512, uuid, uuidv5.

#include <crypt.h>
#include <openssl/rand.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/eval/functions/base64.h"
#include "lang/eval/functions/digest.h"
#include "lang/eval/functions/registry.h"
#include "lang/eval/functions/rsa_key.h"

namespace cairn::eval::functions {
namespace {

BodyResult Ok(std::string s) { return {Value::String(std::move(s)), std::nullopt}; }

/// A one-string-argument function returning `fn` of the string's bytes.
FunctionDef StringDigest(std::string name, std::string (*fn)(std::string_view)) {
  return {std::move(name), {Param{"str", Type::String()}}, std::nullopt, Type::String(), nullptr,
          [fn](const std::vector<Value>& a) { return Ok(fn(a[0].AsString())); }};
}

bool RandomBytes(unsigned char* out, size_t n) {
  return RAND_bytes(out, static_cast<int>(n)) == 1;
}

// ---- uuid, uuidv5 ---------------------------------------------------------------------------

/// google/uuid's String form.
std::string FormatUuid(const unsigned char* b) {
  std::string hex = HexEncode(std::string_view(reinterpret_cast<const char*>(b), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// google/uuid's Parse (v1.6): 36 characters, `urn:uuid:` + 36, `{` 36 `}` (the braces are
/// not checked) or 32 hex digits. Returns the error text, empty on success.
std::string ParseUuid(std::string_view s, unsigned char out[16]) {
  auto pair = [&](std::string_view t, size_t at, unsigned char& byte) {
    int hi = HexDigit(t[at]), lo = HexDigit(t[at + 1]);
    if (hi < 0 || lo < 0) return false;
    byte = static_cast<unsigned char>(hi << 4 | lo);
    return true;
  };
  switch (s.size()) {
    case 36:
      break;
    case 36 + 9: {
      std::string prefix(s.substr(0, 9));
      for (char& c : prefix) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      if (prefix != "urn:uuid:") return "invalid urn prefix: " + GoQuote(s.substr(0, 9));
      s.remove_prefix(9);
      break;
    }
    case 36 + 2:
      s = s.substr(1, 36);
      break;
    case 32:
      for (size_t i = 0; i < 16; ++i) {
        if (!pair(s, i * 2, out[i])) return "invalid UUID format";
      }
      return "";
    default:
      return "invalid UUID length: " + std::to_string(s.size());
  }
  if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') return "invalid UUID format";
  static constexpr size_t kAt[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
  for (size_t i = 0; i < 16; ++i) {
    if (!pair(s, kAt[i], out[i])) return "invalid UUID format";
  }
  return "";
}

BodyResult UuidV5Body(const std::vector<Value>& a) {
  const std::string& ns = a[0].AsString();
  unsigned char space[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                             0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
  if (ns == "dns") {
  } else if (ns == "url") {
    space[3] = 0x11;
  } else if (ns == "oid") {
    space[3] = 0x12;
  } else if (ns == "x500") {
    space[3] = 0x14;
  } else if (std::string err = ParseUuid(ns, space); !err.empty()) {
    return CallError("uuidv5() doesn't support namespace " + ns + " (" + err + ")");
  }
  std::string data(reinterpret_cast<const char*>(space), 16);
  data += a[1].AsString();
  std::string h = Sha1(data);
  unsigned char u[16];
  for (size_t i = 0; i < 16; ++i) u[i] = static_cast<unsigned char>(h[i]);
  u[6] = static_cast<unsigned char>((u[6] & 0x0f) | 0x50);
  u[8] = static_cast<unsigned char>((u[8] & 0x3f) | 0x80);
  return Ok(FormatUuid(u));
}

/// hashicorp/go-uuid's GenerateUUID: 16 random bytes, no version or variant bits.
BodyResult UuidBody(const std::vector<Value>&) {
  unsigned char u[16];
  if (!RandomBytes(u, sizeof u)) return CallError("failed to read random bytes");
  return Ok(FormatUuid(u));
}

// ---- bcrypt ---------------------------------------------------------------------------------

/// gocty.FromCtyValue into a Go int.
std::optional<int64_t> WholeInt64(const Value& v) {
  const Number& n = v.AsNumber();
  if (!n.IsInteger()) return std::nullopt;
  return n.ToInt64();
}

BodyResult BcryptBody(const std::vector<Value>& a) {
  int64_t cost = 10;
  if (a.size() > 1) {
    std::optional<int64_t> c = WholeInt64(a[1]);
    if (!c) {
      return CallError(
          "value must be a whole number, between -9223372036854775808 and 9223372036854775807");
    }
    cost = *c;
  }
  if (a.size() > 2) return CallError("bcrypt() takes no more than two arguments");
  const std::string& password = a[0].AsString();
  // golang.org/x/crypto/bcrypt.GenerateFromPassword.
  if (password.size() > 72) {
    return CallError("error occured generating password bcrypt: password length exceeds 72 bytes");
  }
  if (cost < 4) cost = 10;
  if (cost > 31) {
    return CallError("error occured generating password crypto/bcrypt: cost " +
                     std::to_string(cost) + " is outside allowed range (4,31)");
  }
  unsigned char salt_bytes[16];
  if (!RandomBytes(salt_bytes, sizeof salt_bytes)) {
    return CallError("error occured generating password: no random bytes");
  }
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn("$2a$", static_cast<unsigned long>(cost),
                       reinterpret_cast<const char*>(salt_bytes), sizeof salt_bytes, setting,
                       sizeof setting) == nullptr) {
    return CallError("error occured generating password: crypt_gensalt failed");
  }
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), setting, data.get());
  if (hash == nullptr || hash[0] == '*') {
    return CallError("error occured generating password: crypt failed");
  }
  return Ok(hash);
}

// ---- rsadecrypt -----------------------------------------------------------------------------

BodyResult RsaDecryptBody(const std::vector<Value>& a) {
  const std::string& text = a[0].AsString();
  Base64Decoded cipher = Base64Decode(text);
  if (!cipher.ok()) {
    return ArgError(0, "failed to decode input " + GoQuote(text) +
                           ": cipher text must be base64-encoded");
  }
  RsaKeyResult key = ParseRsaPrivateKey(a[1].AsString());
  if (!key.error.empty()) return ArgError(1, key.error);
  std::optional<std::string> plain = RsaDecryptPkcs1v15(*key.key, cipher.bytes);
  if (!plain) return CallError("failed to decrypt: crypto/rsa: decryption error");
  return Ok(std::move(*plain));
}

/// An impure function's body: unknown (not null) while planning, as Terraform's
/// function.Unpredictable makes it.
std::function<BodyResult(const std::vector<Value>&)> Impure(
    bool planning, BodyResult (*body)(const std::vector<Value>&)) {
  if (!planning) return body;
  return [](const std::vector<Value>&) -> BodyResult {
    return {Value::Unknown(Type::String()).RefineNotNull(), std::nullopt};
  };
}

}  // namespace

void RegisterCryptoFunctions(BuiltinFunctions& r, const FunctionOptions& options) {
  r.Add(StringDigest("md5", [](std::string_view s) { return HexEncode(Md5(s)); }));
  r.Add(StringDigest("sha1", [](std::string_view s) { return HexEncode(Sha1(s)); }));
  r.Add(StringDigest("sha256", [](std::string_view s) { return HexEncode(Sha256(s)); }));
  r.Add(StringDigest("sha512", [](std::string_view s) { return HexEncode(Sha512(s)); }));
  r.Add(StringDigest("base64sha256", [](std::string_view s) { return Base64Encode(Sha256(s)); }));
  r.Add(StringDigest("base64sha512", [](std::string_view s) { return Base64Encode(Sha512(s)); }));
  r.Add({"uuid", {}, std::nullopt, Type::String(), nullptr, Impure(options.planning, UuidBody)});
  r.Add({"uuidv5", {Param{"namespace", Type::String()}, Param{"name", Type::String()}},
         std::nullopt, Type::String(), nullptr, UuidV5Body});
  r.Add({"bcrypt", {Param{"str", Type::String()}}, Param{"cost", Type::Number()}, Type::String(),
         nullptr, Impure(options.planning, BcryptBody)});
  r.Add({"rsadecrypt",
         {Param{"ciphertext", Type::String()}, Param{"privatekey", Type::String()}},
         std::nullopt, Type::String(), nullptr, RsaDecryptBody});
}

}  // namespace cairn::eval::functions
