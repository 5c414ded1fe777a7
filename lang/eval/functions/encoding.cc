// Terraform's encoding functions (first part): base64decode, base64encode, jsonencode,
// urlencode.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"
#include "lang/base/value_json.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += kBase64[(n >> 6) & 63];
    out += kBase64[n & 63];
  }
  size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(in[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += rest == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/// Go's base64.StdEncoding.DecodeString (padding required; `\r` and `\n` ignored).
std::optional<std::string> Base64Decode(std::string_view in) {
  std::string clean;
  clean.reserve(in.size());
  for (char c : in) {
    if (c != '\r' && c != '\n') clean += c;
  }
  if (clean.size() % 4 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < clean.size(); i += 4) {
    bool last = i + 4 == clean.size();
    int pad = 0;
    if (last && clean[i + 3] == '=') pad = clean[i + 2] == '=' ? 2 : 1;
    uint32_t n = 0;
    for (int k = 0; k < 4; ++k) {
      int v = k >= 4 - pad ? 0 : value(clean[i + k]);
      if (v < 0) return std::nullopt;
      n = (n << 6) | static_cast<uint32_t>(v);
    }
    // Non-zero bits under the padding are accepted, as Go's (non-strict) StdEncoding does.
    out += static_cast<char>((n >> 16) & 0xFF);
    if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (pad < 1) out += static_cast<char>(n & 0xFF);
  }
  return out;
}

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
  std::optional<std::string> decoded = Base64Decode(s);
  if (!decoded) {
    return CallError("failed to decode base64 data " +
                     (marks.sensitive() ? std::string("(sensitive value)") : GoQuote(s)));
  }
  if (!ValidUtf8(*decoded)) {
    return CallError("the result of decoding the provided string is not valid UTF-8");
  }
  return {Value::String(std::move(*decoded)).WithMarks(marks), std::nullopt};
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

}  // namespace

void RegisterEncodingFunctions(BuiltinFunctions& r) {
  r.Add({"base64decode",
         {Param{"str", Type::String(), false, false, /*allow_marked=*/true}}, std::nullopt,
         Type::String(), nullptr, Base64DecodeBody});
  r.Add({"base64encode", {Param{"str", Type::String()}}, std::nullopt, Type::String(), nullptr,
         [](const std::vector<Value>& a) -> BodyResult {
           return {Value::String(Base64Encode(a[0].AsString())), std::nullopt};
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
