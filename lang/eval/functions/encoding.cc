// Terraform's encoding functions: base64decode, base64encode, base64gzip, jsondecode,
// jsonencode, urlencode (csvdecode, text*base64 and yaml* have their own files).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"
#include "lang/base/value_json.h"
#include "lang/eval/functions/base64.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) return false;
    i += d.size;
  }
  return true;
}

BodyResult Base64DecodeBody(const std::vector<Value>& a) {
  Marks marks = a[0].DeepMarks();
  const std::string& s = a[0].UnmarkedDeep().AsString();
  Base64Decoded decoded = Base64Decode(s);
  if (!decoded.ok()) {
    return CallError("failed to decode base64 data " +
                     (marks.sensitive() ? std::string("(sensitive value)") : GoQuote(s)));
  }
  if (!ValidUtf8(decoded.bytes)) {
    return CallError("the result of decoding the provided string is not valid UTF-8");
  }
  return {Value::String(std::move(decoded.bytes)).WithMarks(marks), std::nullopt};
}

/// Go's url.QueryEscape.
std::string QueryEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// What Go's gzip.Writer gives after Write, Flush and Close (as Terraform's base64gzip calls
/// them): a 10-byte header (no name, mtime 0, OS 255), the deflated data ending in a sync
/// flush, a final empty stored block, CRC-32 and length. zlib compresses; for inputs with
/// repeats its matches can differ from Go's compress/flate (same data once decompressed).
std::optional<std::string> GoGzip(std::string_view in) {
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff", 10);
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  unsigned char buf[16384];
  int rc;
  do {
    z.next_out = buf;
    z.avail_out = sizeof buf;
    rc = deflate(&z, Z_SYNC_FLUSH);
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      deflateEnd(&z);
      return std::nullopt;
    }
    out.append(reinterpret_cast<char*>(buf), sizeof buf - z.avail_out);
  } while (z.avail_out == 0 || z.avail_in > 0);
  deflateEnd(&z);
  out.append("\x01\x00\x00\xff\xff", 5);
  uint32_t crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(in.data()), static_cast<uInt>(in.size())));
  uint32_t size = static_cast<uint32_t>(in.size());
  for (uint32_t v : {crc, size}) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
  return out;
}

}  // namespace

void RegisterEncodingFunctions(BuiltinFunctions& r) {
  r.Add({"base64decode",
         {Param{"str", Type::String(), false, false, /*allow_marked=*/true}}, std::nullopt,
         Type::String(), nullptr, Base64DecodeBody});
  r.Add({"base64encode", {Param{"str", Type::String()}}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(Base64Encode(a[0].AsString())), std::nullopt};
         }});
  r.Add({"base64gzip", {Param{"str", Type::String()}}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           std::optional<std::string> gz = GoGzip(a[0].AsString());
           if (!gz) return CallError("failed to compress the string");
           return {Value::String(Base64Encode(*gz)), std::nullopt};
         }});
  r.Add({"jsondecode", {Param{"str", Type::String()}}, std::nullopt, Type::Dynamic(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           JsonDecodeResult j = DecodeJson(a[0].AsString());
           if (!j.ok()) return CallError(j.error);
           return {std::move(j.value), std::nullopt};
         }});
  r.Add({"jsonencode", {Param{"val", Type::Dynamic(), /*allow_null=*/true}}, std::nullopt,
         Type::String(), nullptr, [](const std::vector<Value>& a) -> BodyResult {
           JsonEncodeResult j = EncodeJson(a[0]);
           if (!j.ok()) return CallError(j.error);
           return {Value::String(std::move(j.json)), std::nullopt};
         }});
  r.Add({"urlencode", {Param{"str", Type::String()}}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(QueryEscape(a[0].AsString())), std::nullopt};
         }});
}

}  // namespace cairn::eval::functions
