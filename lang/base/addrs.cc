#include "lang/base/addrs.h"

namespace cairn::addrs {
namespace {

/// hclsyntax's quoting of a string literal, as Terraform's StringKey.String uses it.
std::string HclQuote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    switch (c) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '$':
      case '%':
        out += c;
        if (i + 1 < s.size() && s[i + 1] == '{') out += c;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[(c >> 4) & 0xf];
          out += hex[c & 0xf];
        } else {
          out += c;
        }
    }
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
