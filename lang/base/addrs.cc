#include "lang/base/addrs.h"

#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"

namespace cairn::addrs {
namespace {

/// Terraform's toHCLQuotedString (addrs.StringKey.String): HCL escapes for newline, return,
/// tab, quote and backslash, `${` and `%{` doubled, runes Go does not print as `\uXXXX` or
/// `\UXXXXXXXX`, invalid UTF-8 as U+FFFD.
std::string HclQuote(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    utf8::Decoded d = utf8::Decode(s, i);
    const size_t size = d.size == 0 ? 1 : d.size;
    const char32_t r = d.rune;
    switch (r) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '$':
      case '%':
        out += static_cast<char>(r);
        if (i + 1 < s.size() && s[i + 1] == '{') out += static_cast<char>(r);
        break;
      default:
        if (!IsGoPrint(r)) {
          const int digits = r < 0x10000 ? 4 : 8;
          out += digits == 4 ? "\\u" : "\\U";
          for (int k = digits - 1; k >= 0; --k) out += hex[(r >> (k * 4)) & 0xf];
        } else {
          utf8::Append(out, r);
        }
    }
    i += size;
  }
  out += '"';
  return out;
}

int ModeRank(ResourceMode m) { return static_cast<int>(m); }

}  // namespace

std::optional<InstanceKey> InstanceKey::FromValue(const Value& v) {
  if (!v.IsKnown() || v.IsNull()) return std::nullopt;
  if (v.type() == Type::String()) return InstanceKey::String(v.AsString());
  if (v.type() == Type::Number()) {
    std::optional<int64_t> i = v.AsNumber().ToInt64();
    if (!i || !v.AsNumber().IsInteger()) return std::nullopt;
    return InstanceKey::Int(*i);
  }
  return std::nullopt;
}

std::string InstanceKey::ToString() const {
  if (none()) return "";
  if (is_int()) return "[" + std::to_string(int_value()) + "]";
  return "[" + HclQuote(string_value()) + "]";
}

Value InstanceKey::AsValue() const {
  if (none()) return Value::Null(Type::Dynamic());
  if (is_int()) return Value::Int(int_value());
  return Value::String(string_value());
}

std::strong_ordering operator<=>(const InstanceKey& a, const InstanceKey& b) {
  if (a.repr_.index() != b.repr_.index()) return a.repr_.index() <=> b.repr_.index();
  if (a.is_int()) return a.int_value() <=> b.int_value();
  if (a.is_string()) return a.string_value().compare(b.string_value()) <=> 0;
  return std::strong_ordering::equal;
}

std::strong_ordering operator<=>(const ModuleInstanceStep& a, const ModuleInstanceStep& b) {
  if (auto c = a.name.compare(b.name) <=> 0; c != 0) return c;
  return a.key <=> b.key;
}

std::string ToString(const ModuleInstance& module) {
  std::string out;
  for (const ModuleInstanceStep& step : module) {
    if (!out.empty()) out += '.';
    out += "module.";
    out += step.name;
    out += step.key.ToString();
  }
  return out;
}

std::string Resource::ToString() const {
  std::string prefix = mode == ResourceMode::kData        ? "data."
                       : mode == ResourceMode::kEphemeral ? "ephemeral."
                                                          : "";
  return prefix + type + "." + name;
}

std::strong_ordering operator<=>(const Resource& a, const Resource& b) {
  if (auto c = ModeRank(a.mode) <=> ModeRank(b.mode); c != 0) return c;
  if (auto c = a.type.compare(b.type) <=> 0; c != 0) return c;
  return a.name.compare(b.name) <=> 0;
}

namespace {
std::string WithModule(const ModuleInstance& module, std::string rest) {
  if (module.empty()) return rest;
  return ToString(module) + "." + rest;
}
}  // namespace

std::string AbsResource::ToString() const { return WithModule(module, resource.ToString()); }

std::strong_ordering operator<=>(const AbsResource& a, const AbsResource& b) {
  if (auto c = a.module <=> b.module; c != 0) return c;
  return a.resource <=> b.resource;
}

std::string AbsResourceInstance::ToString() const {
  return WithModule(module, resource.ToString() + key.ToString());
}

std::strong_ordering operator<=>(const AbsResourceInstance& a, const AbsResourceInstance& b) {
  if (auto c = a.module <=> b.module; c != 0) return c;
  if (auto c = a.resource <=> b.resource; c != 0) return c;
  return a.key <=> b.key;
}

std::string Target::ToString() const {
  switch (kind) {
    case Kind::kModule: return addrs::ToString(module);
    case Kind::kResource: return WithModule(module, resource.ToString());
    case Kind::kInstance: return WithModule(module, resource.ToString() + key.ToString());
  }
  return "";
}

bool Target::Contains(const AbsResourceInstance& addr) const {
  if (module.size() > addr.module.size()) return false;
  for (size_t i = 0; i < module.size(); ++i) {
    if (module[i].name != addr.module[i].name) return false;
    const bool last = i + 1 == module.size();
    if (last && kind == Kind::kModule && module[i].key.none()) continue;
    if (module[i].key != addr.module[i].key) return false;
  }
  if (kind == Kind::kModule) return true;
  if (module.size() != addr.module.size() || resource != addr.resource) return false;
  return kind == Kind::kResource || key == addr.key;
}

}  // namespace cairn::addrs
