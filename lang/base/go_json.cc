#include "lang/base/go_json.h"

#include <charconv>
#include <cmath>

#include "lang/base/utf8.h"

namespace cairn {
namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendFloat(std::string& out, double f) {
  if (!std::isfinite(f)) {  // Go refuses these; null is the closest valid JSON
    out += "null";
    return;
  }
  const double a = std::fabs(f);
  const bool exp = a != 0 && (a < 1e-6 || a >= 1e21);
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, f,
                                 exp ? std::chars_format::scientific : std::chars_format::fixed);
  std::string s(buf, res.ptr);
  if (exp) {
    // Go writes e-7, not e-07.
    const size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
      s[n - 2] = s[n - 1];
      s.pop_back();
    }
  }
  out += s;
}

void Write(std::string& out, const nlohmann::ordered_json& v, bool pretty, std::string_view indent,
           int depth) {
  using Type = nlohmann::ordered_json::value_t;
  auto newline = [&](int d) {
    if (!pretty) return;
    out.push_back('\n');
    for (int i = 0; i < d; ++i) out.append(indent);
  };
  switch (v.type()) {
    case Type::null:
    case Type::discarded:
    case Type::binary:
      out += "null";
      return;
    case Type::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case Type::number_integer:
      out += std::to_string(v.get<int64_t>());
      return;
    case Type::number_unsigned:
      out += std::to_string(v.get<uint64_t>());
      return;
    case Type::number_float:
      AppendFloat(out, v.get<double>());
      return;
    case Type::string:
      AppendGoJsonString(out, v.get_ref<const std::string&>());
      return;
    case Type::array: {
      if (v.empty()) {
        out += "[]";
        return;
      }
      out.push_back('[');
      bool first = true;
      for (const auto& item : v) {
        if (!first) out.push_back(',');
        first = false;
        newline(depth + 1);
        Write(out, item, pretty, indent, depth + 1);
      }
      newline(depth);
      out.push_back(']');
      return;
    }
    case Type::object: {
      if (v.empty()) {
        out += "{}";
        return;
      }
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : v.items()) {
        if (!first) out.push_back(',');
        first = false;
        newline(depth + 1);
        AppendGoJsonString(out, key);
        out += pretty ? ": " : ":";
        Write(out, item, pretty, indent, depth + 1);
      }
      newline(depth);
      out.push_back('}');
      return;
    }
  }
}

}  // namespace

void AppendGoJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '<':
        case '>':
        case '&':
          out += "\\u00";
          out.push_back(kHex[b >> 4]);
          out.push_back(kHex[b & 0xF]);
          break;
        default:
          if (b < 0x20) {
            out += "\\u00";
            out.push_back(kHex[b >> 4]);
            out.push_back(kHex[b & 0xF]);
          } else {
            out.push_back(static_cast<char>(b));
          }
      }
      ++i;
      continue;
    }
    const utf8::Decoded d = utf8::Decode(s, i);
    if (d.rune == utf8::kRuneError && d.size == 1) {
      out += "\\ufffd";
    } else if (d.rune == 0x2028 || d.rune == 0x2029) {
      out += d.rune == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out.append(s.substr(i, d.size));
    }
    i += d.size;
  }
  out.push_back('"');
}

std::string GoJsonMarshal(const nlohmann::ordered_json& value) {
  std::string out;
  Write(out, value, false, {}, 0);
  return out;
}

std::string GoJsonMarshalIndent(const nlohmann::ordered_json& value, std::string_view indent) {
  std::string out;
  Write(out, value, true, indent, 0);
  return out;
}

}  // namespace cairn
