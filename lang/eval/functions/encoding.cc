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
