#include <algorithm>
#include <string>
#include <vector>

#include "lang/base/go_json.h"
#include "state/resources_json.h"

namespace cairn::state {
namespace {

void Indent(std::string& out, int depth) { out.append(static_cast<size_t>(depth) * 2, ' '); }

/// Appends compact JSON re-indented as Go's json.MarshalIndent does with the value starting
/// at `depth` (a RawMessage: compacted with HTML escaping, then indented).
void AppendIndented(std::string& out, std::string_view s, int depth) {
  // Copies runs of bytes between the places that change: structure to lay out, whitespace
  // to drop, characters inside strings to escape.
  const char* p = s.data();
  const char* const end = p + s.size();
  const char* run = p;
  while (p < end) {
    const char c = *p;
    switch (c) {
      case '"':
        for (++p; p < end;) {
          const char d = *p;
          if (d == '"') {
            ++p;
            break;
          }
          if (d == '\\') {
            p += 2;
            continue;
          }
          const char* escape = nullptr;
          size_t len = 1;
          if (d == '<') {
            escape = "\\u003c";
          } else if (d == '>') {
            escape = "\\u003e";
          } else if (d == '&') {
            escape = "\\u0026";
          } else if (d == '\xE2' && end - p > 2 && p[1] == '\x80' &&
                     (p[2] == '\xA8' || p[2] == '\xA9')) {
            escape = p[2] == '\xA8' ? "\\u2028" : "\\u2029";
            len = 3;
          }
          if (escape) {
            out.append(run, p);
            out.append(escape);
            p += len;
            run = p;
          } else {
            ++p;
          }
        }
        break;
      case '{':
      case '[':
        if (p + 1 < end && (p[1] == '}' || p[1] == ']')) {
          p += 2;  // empty: stays `{}` / `[]`
          break;
        }
        ++p;
        out.append(run, p);
        ++depth;
        out.push_back('\n');
        Indent(out, depth);
        run = p;
        break;
      case '}':
      case ']':
        out.append(run, p);
        --depth;
        out.push_back('\n');
        Indent(out, depth);
        run = p;
        ++p;
        break;
      case ',':
        ++p;
        out.append(run, p);
        out.push_back('\n');
        Indent(out, depth);
        run = p;
        break;
      case ':':
        ++p;
        out.append(run, p);
        out.push_back(' ');
        run = p;
        break;
      case ' ':
      case '\n':
      case '\t':
      case '\r':
        out.append(run, p);
        ++p;
        run = p;
        break;
      default:
        ++p;
    }
  }
  out.append(run, p);
}

void AppendField(std::string& out, int depth, std::string_view name) {
  Indent(out, depth);
  out.push_back('"');
  out.append(name);
  out += "\": ";
}

void AppendStringField(std::string& out, int depth, std::string_view name, std::string_view value) {
  AppendField(out, depth, name);
  AppendGoJsonString(out, value);
  out += ",\n";
}

void AppendObject(std::string& out, const addrs::InstanceKey& key, const std::string& deposed,
                  const ObjectState& o) {
  constexpr int kDepth = 5;  // fields of an instances[] entry
  out += "        {\n";
  if (key.is_int()) {
    AppendField(out, kDepth, "index_key");
    out += std::to_string(key.int_value());
    out += ",\n";
  } else if (key.is_string()) {
    AppendStringField(out, kDepth, "index_key", key.string_value());
  }
  if (o.status == ObjectState::Status::kTainted) {
    AppendStringField(out, kDepth, "status", "tainted");
  }
  if (!deposed.empty()) AppendStringField(out, kDepth, "deposed", deposed);
  AppendField(out, kDepth, "schema_version");
  out += std::to_string(o.schema_version);
  out += ",\n";
  AppendField(out, kDepth, "attributes");
  AppendIndented(out, o.attributes_json.empty() ? "{}" : o.attributes_json, kDepth);
  out += ",\n";
  AppendField(out, kDepth, "sensitive_attributes");
  AppendIndented(out, o.sensitive_attributes_json.empty() ? "[]" : o.sensitive_attributes_json,
                 kDepth);
  if (!o.private_data.empty()) {
    out += ",\n";
    AppendField(out, kDepth, "private");
    AppendGoJsonString(out, o.private_data);
  }
  if (!o.dependencies.empty()) {
    out += ",\n";
    AppendField(out, kDepth, "dependencies");
    out += "[\n";
    // Terraform sorts dependencies when it records them.
    std::vector<const std::string*> deps;
    deps.reserve(o.dependencies.size());
    for (const std::string& d : o.dependencies) deps.push_back(&d);
    if (!std::is_sorted(deps.begin(), deps.end(),
                        [](const std::string* a, const std::string* b) { return *a < *b; })) {
      std::sort(deps.begin(), deps.end(),
                [](const std::string* a, const std::string* b) { return *a < *b; });
    }
    for (size_t i = 0; i < deps.size(); ++i) {
      Indent(out, kDepth + 1);
      AppendGoJsonString(out, *deps[i]);
      out += i + 1 < deps.size() ? ",\n" : "\n";
    }
    Indent(out, kDepth);
    out += "]";
  }
  if (o.create_before_destroy) {
    out += ",\n";
    AppendField(out, kDepth, "create_before_destroy");
    out += "true";
  }
  if (!o.idempotency_token.empty()) {
    out += ",\n";
    AppendField(out, kDepth, "cairn_idempotency_token");
    AppendGoJsonString(out, o.idempotency_token);
  }
  out += "\n        }";
}

/// An upper bound, in practice, of an object's bytes in the file: the string is reserved
/// once (pages never written cost nothing), where growing it would copy it all.
size_t ObjectEstimate(const ObjectState& o) {
  size_t n = 384 + 3 * o.attributes_json.size() + 4 * o.sensitive_attributes_json.size() +
             o.private_data.size();
  for (const std::string& d : o.dependencies) n += d.size() + 16;
  return n;
}

}  // namespace

void AppendResourcesJson(std::string& out, const std::vector<ResourceState>& resources) {
  if (resources.empty()) {
    out += "[]";
    return;
  }
  // Terraform's file order: module address text, mode text, type, name.
  struct Key {
    std::string module;
    const ResourceState* r;
  };
  std::vector<Key> keys;
  keys.reserve(resources.size());
  size_t estimate = 64;
  for (const ResourceState& r : resources) {
    keys.push_back(Key{addrs::ToString(r.addr.module), &r});
    for (const InstanceState& i : r.instances) {
      if (i.current) estimate += ObjectEstimate(*i.current);
      for (const auto& [key, o] : i.deposed) estimate += ObjectEstimate(o);
    }
  }
  auto mode_text = [](addrs::ResourceMode m) {
    return m == addrs::ResourceMode::kData ? "data" : "managed";
  };
  std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.module != b.module) return a.module < b.module;
    std::string_view ma = mode_text(a.r->addr.resource.mode);
    std::string_view mb = mode_text(b.r->addr.resource.mode);
    if (ma != mb) return ma < mb;
    if (a.r->addr.resource.type != b.r->addr.resource.type) {
      return a.r->addr.resource.type < b.r->addr.resource.type;
    }
    return a.r->addr.resource.name < b.r->addr.resource.name;
  });
  out.reserve(out.size() + estimate);
  out += "[\n";
  for (size_t k = 0; k < keys.size(); ++k) {
    const ResourceState& r = *keys[k].r;
    out += "    {\n";
    if (!keys[k].module.empty()) AppendStringField(out, 3, "module", keys[k].module);
    AppendStringField(out, 3, "mode", mode_text(r.addr.resource.mode));
    AppendStringField(out, 3, "type", r.addr.resource.type);
    AppendStringField(out, 3, "name", r.addr.resource.name);
    if (!r.each.empty()) AppendStringField(out, 3, "each", r.each);
    AppendStringField(out, 3, "provider", r.provider);
    AppendField(out, 3, "instances");
    bool any = false;
    for (const InstanceState& i : r.instances) {
      if (i.current) {
        out += any ? ",\n" : "[\n";
        any = true;
        AppendObject(out, i.key, "", *i.current);
      }
      for (const auto& [deposed_key, object] : i.deposed) {
        out += any ? ",\n" : "[\n";
        any = true;
        AppendObject(out, i.key, deposed_key, object);
      }
    }
    out += any ? "\n      ]\n" : "[]\n";
    out += k + 1 < keys.size() ? "    },\n" : "    }\n";
  }
  out += "  ]";
}

}  // namespace cairn::state
