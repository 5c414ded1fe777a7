#include "state/go_decode.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "lang/base/go_quote.h"

namespace cairn::state {

/// A JSON number as Go decodes it into a uint64, or nullopt.
std::optional<uint64_t> ParseUint64(std::string_view text) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

/// Go's base64.StdEncoding.Decode error for `s` ("illegal base64 data at input byte N"), or
/// nullopt when it decodes. Newlines are skipped, as Go skips them.
std::optional<std::string> Base64Error(std::string_view s) {
  auto valid = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
  };
  auto nl = [](char c) { return c == '\n' || c == '\r'; };
  auto corrupt = [](size_t at) {
    return "illegal base64 data at input byte " + std::to_string(at);
  };
  size_t si = 0;
  while (si < s.size()) {
    for (int j = 0; j < 4; ++j) {
      if (si == s.size()) {
        if (j == 0) return std::nullopt;
        return corrupt(si - static_cast<size_t>(j));
      }
      char in = s[si++];
      if (valid(in)) continue;
      if (nl(in)) {
        --j;
        continue;
      }
      if (in != '=') return corrupt(si - 1);
      if (j < 2) return corrupt(si - 1);
      if (j == 2) {
        while (si < s.size() && nl(s[si])) ++si;
        if (si == s.size()) return corrupt(s.size());
        if (s[si] != '=') return corrupt(si - 1);
        ++si;
      }
      while (si < s.size() && nl(s[si])) ++si;
      if (si < s.size()) return corrupt(si);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

namespace {

/// Go's %#v of a float64 (strconv 'g' with the shortest precision, %e from exponent 6 on).
std::string GoFloatV(double f) {
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  char buf[64];
  int prec = 1;
  for (; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    if (std::strtod(buf, nullptr) == f) break;
  }
  // buf is d.ddde±XX: split digits and exponent.
  std::string text(buf);
  size_t e = text.find('e');
  std::string mantissa = text.substr(0, e);
  int exp = std::atoi(text.c_str() + e + 1);
  bool neg = mantissa[0] == '-';
  if (neg) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char eb[16];
    std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', std::abs(exp));
    return out + eb;
  }
  if (exp < 0) return out + "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
  size_t int_digits = static_cast<size_t>(exp) + 1;
  if (digits.size() <= int_digits)
    return out + digits + std::string(int_digits - digits.size(), '0');
  return out + digits.substr(0, int_digits) + "." + digits.substr(int_digits);
}

}  // namespace

std::string GoSharpV(const JsonSpan& v) {
  switch (v.kind) {
    case JsonKind::kNull:
      return "interface {}(nil)";
    case JsonKind::kBool:
      return std::string(v.text);
    case JsonKind::kNumber:
      return GoFloatV(std::strtod(std::string(v.text).c_str(), nullptr));
    case JsonKind::kString:
      return GoQuote(JsonStringValue(v));
    case JsonKind::kArray: {
      std::string out = "[]interface {}{";
      bool first = true;
      for (const JsonSpan& e : JsonArrayElements(v)) {
        if (!first) out += ", ";
        first = false;
        out += GoSharpV(e);
      }
      return out + "}";
    }
    case JsonKind::kObject: {
      std::map<std::string, JsonSpan> members;  // sorted, the last of a repeated key
      for (auto& [k, m] : JsonObjectMembers(v)) members[k] = m;
      std::string out = "map[string]interface {}{";
      bool first = true;
      for (auto& [k, m] : members) {
        if (!first) out += ", ";
        first = false;
        out += GoQuote(k) + ":" + GoSharpV(m);
      }
      return out + "}";
    }
  }
  return "";
}

}  // namespace cairn::state
