#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "lang/base/go_json.h"
#include "lang/base/go_quote.h"
#include "lang/base/typed_json.h"
#include "lang/base/value_json.h"
#include "state/go_decode.h"
#include "state/json_cursor.h"
#include "state/resources_json.h"

namespace cairn::state {
namespace {

constexpr const char* kInvalidMetadata = "Invalid resource instance metadata in state";

/// One `instances[]` entry as Go's json.Unmarshal leaves it.
struct RawInstance {
  std::optional<JsonSpan> index_key;
  std::string status;
  std::string deposed;
  uint64_t schema_version = 0;
  bool has_attributes = false;
  std::string attributes;  ///< compact
  bool has_attributes_flat = false;
  std::optional<JsonSpan> sensitive_attributes;
  std::string private_data;
  std::optional<JsonSpan> dependencies;  ///< an array of strings (or nulls)
  bool create_before_destroy = false;
  std::string idempotency_token;  ///< Cairn's `cairn_idempotency_token`
};

/// One `resources[]` entry as Go's json.Unmarshal leaves it (instances go straight into
/// `entries` once checked).
struct RawResource {
  std::string module, mode, type, name, each, provider;
};

/// One object read from the file, before the objects of one instance are grouped.
struct Entry {
  addrs::InstanceKey key;
  std::string deposed;  ///< "" for the current object
  ObjectState object;
};

struct PendingResource {
  addrs::AbsResource addr;
  std::string each;
  std::string provider;
  std::vector<Entry> entries;
  size_t order = 0;  ///< position in the file, to merge repeated addresses in file order
};

/// Validates `sensitive_attributes` as Terraform's unmarshalPaths does and returns it
/// re-marshalled as Terraform writes it (compact); errors go to `diags`.
std::string SensitivePaths(const JsonSpan& raw, Diagnostics& diags) {
  if (raw.kind == JsonKind::kArray && raw.text.size() == 2) return "[]";  // the common case
  auto json_error = [&](const std::string& message) {
    diags.Error("Error unmarshaling path steps", message);
  };
  if (raw.kind == JsonKind::kNull) return "[]";
  if (raw.kind != JsonKind::kArray) {
    json_error(std::string("json: cannot unmarshal ") + JsonKindWord(raw.kind) +
               " into Go value of type [][]statefile.pathStep");
    return "";
  }
  struct RawStep {
    std::string type;
    std::optional<JsonSpan> value;
  };
  std::vector<std::vector<RawStep>> paths;
  std::optional<std::string> first_error;
  auto type_error = [&](std::string message) {
    if (!first_error) first_error = std::move(message);
  };
  for (const JsonSpan& p : JsonArrayElements(raw)) {
    std::vector<RawStep>& path = paths.emplace_back();
    if (p.kind == JsonKind::kNull) continue;
    if (p.kind != JsonKind::kArray) {
      type_error(std::string("json: cannot unmarshal ") + JsonKindWord(p.kind) +
                 " into Go value of type []statefile.pathStep");
      continue;
    }
    for (const JsonSpan& s : JsonArrayElements(p)) {
      RawStep& step = path.emplace_back();
      if (s.kind == JsonKind::kNull) continue;
      if (s.kind != JsonKind::kObject) {
        type_error(std::string("json: cannot unmarshal ") + JsonKindWord(s.kind) +
                   " into Go value of type statefile.pathStep");
        continue;
      }
      for (auto& [k, v] : JsonObjectMembers(s)) {
        if (FieldIs(k, "type")) {
          if (v.kind == JsonKind::kString) {
            step.type = JsonStringValue(v);
          } else if (v.kind != JsonKind::kNull) {
            type_error(std::string("json: cannot unmarshal ") + JsonKindWord(v.kind) +
                       " into Go struct field pathStep.type of type string");
          }
        } else if (FieldIs(k, "value")) {
          step.value = v;
        }
      }
    }
  }
  if (first_error) json_error(*first_error);
  std::string out = "[";
  bool first_path = true;
  bool failed = first_error.has_value();
  for (const std::vector<RawStep>& path : paths) {
    std::string one = "[";
    bool ok = true;
    for (const RawStep& step : path) {
      if (one.size() > 1) one += ",";
      if (step.type == "index" && step.value && step.value->kind != JsonKind::kObject &&
          step.value->kind != JsonKind::kNull) {
        // cty's unmarshalDynamic wants an object before anything else.
        diags.Error("Error unmarshaling path step",
                    "Failed to unmarshal index step key: missing expected {");
        ok = false;
        break;
      }
      if (step.type == "index") {
        TypedJsonResult key =
            DecodeTypedJson(step.value ? step.value->text : std::string_view(), Type::Dynamic());
        if (!key.ok()) {
          diags.Error("Error unmarshaling path step",
                      "Failed to unmarshal index step key: " + key.error);
          ok = false;
          break;
        }
        JsonEncodeResult value = EncodeJson(key.value);
        one += "{\"type\":\"index\",\"value\":{\"value\":" + value.json +
               ",\"type\":" + EncodeTypeJson(key.value.type()) + "}}";
      } else if (step.type == "get_attr") {
        std::string name;
        if (!step.value) {
          diags.Error("Error unmarshaling path step",
                      "Failed to unmarshal get attr step name: unexpected end of JSON input");
          ok = false;
          break;
        }
        if (step.value->kind == JsonKind::kString) {
          name = JsonStringValue(*step.value);
        } else if (step.value->kind != JsonKind::kNull) {
          diags.Error("Error unmarshaling path step",
                      std::string("Failed to unmarshal get attr step name: json: cannot "
                                  "unmarshal ") +
                          JsonKindWord(step.value->kind) + " into Go value of type string");
          ok = false;
          break;
        }
        one += "{\"type\":\"get_attr\",\"value\":";
        AppendGoJsonString(one, name);
        one += "}";
      } else {
        diags.Error("Unsupported path step", "Unsupported path step type " + GoQuote(step.type));
        ok = false;
        break;
      }
    }
    if (!ok) {
      failed = true;
      continue;
    }
    if (!first_path) out += ",";
    first_path = false;
    out += one + "]";
  }
  out += "]";
  return failed ? "" : out;
}

/// Reads the v4 `resources` array in one pass.
class Reader {
 public:
  Reader(std::optional<std::string>& first_error, Diagnostics& diags)
      : first_error_(first_error), diags_(diags) {}

  void Read(const JsonSpan& resources, std::vector<ResourceState>& out) {
    JsonCursor c(resources.text);
    c.Open();
    std::vector<PendingResource> pending;
    while (c.NextElement()) {
      JsonKind kind = c.PeekKind();
      if (kind != JsonKind::kObject && kind != JsonKind::kNull) {
        TypeError("resources", JsonKindWord(kind));
        c.Take();
        continue;
      }
      ReadResource(c, kind == JsonKind::kNull, pending);
    }
    if (first_error_) return;
    Finish(pending, out);
  }

 private:
  void TypeError(const std::string& field, const std::string& value) {
    if (!first_error_) {
      first_error_ = "The state file field \"" + field + "\" has invalid value " + value;
    }
  }
  /// Go's UnmarshalTypeError.Value: the JSON kind, with the literal for a number that does
  /// not fit the field.
  static std::string TypeValue(const JsonSpan& span) {
    if (span.kind == JsonKind::kNumber) return "number " + std::string(span.text);
    return JsonKindWord(span.kind);
  }
  void String(JsonCursor& c, const char* field, std::string& target) {
    JsonKind kind = c.PeekKind();
    if (kind == JsonKind::kString) {
      target = c.ReadString();
      return;
    }
    c.Take();
    if (kind != JsonKind::kNull) TypeError(field, JsonKindWord(kind));
  }

  void ReadResource(JsonCursor& c, bool null, std::vector<PendingResource>& pending) {
    RawResource r;
    std::vector<RawInstance> instances;
    if (null) {
      c.Take();
    } else {
      c.Open();
      std::string key;
      while (c.NextMember(key)) {
        if (FieldIs(key, "module")) {
          String(c, "resources.module", r.module);
        } else if (FieldIs(key, "mode")) {
          String(c, "resources.mode", r.mode);
        } else if (FieldIs(key, "type")) {
          String(c, "resources.type", r.type);
        } else if (FieldIs(key, "name")) {
          String(c, "resources.name", r.name);
        } else if (FieldIs(key, "each")) {
          String(c, "resources.each", r.each);
        } else if (FieldIs(key, "provider")) {
          String(c, "resources.provider", r.provider);
        } else if (FieldIs(key, "instances")) {
          JsonKind kind = c.PeekKind();
          instances.clear();
          if (kind == JsonKind::kNull) {
            c.Take();
          } else if (kind != JsonKind::kArray) {
            c.Take();
            TypeError("resources.instances", JsonKindWord(kind));
          } else {
            c.Open();
            while (c.NextElement()) {
              JsonKind ik = c.PeekKind();
              if (ik == JsonKind::kNull) {
                c.Take();
                instances.emplace_back();
              } else if (ik != JsonKind::kObject) {
                c.Take();
                TypeError("resources.instances", JsonKindWord(ik));
              } else {
                ReadInstance(c, instances.emplace_back());
              }
            }
          }
        } else {
          c.Take();
        }
      }
    }
    if (first_error_) return;  // the file is unusable; only the first error matters
    Prepare(r, instances, pending);
  }

  void ReadInstance(JsonCursor& c, RawInstance& in) {
    c.Open();
    std::string key;
    while (c.NextMember(key)) {
      if (FieldIs(key, "index_key")) {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kNull) {
          in.index_key.reset();
        } else {
          if (v.kind == JsonKind::kNumber &&
              std::isinf(std::strtod(std::string(v.text).c_str(), nullptr))) {
            TypeError("resources.instances.index_key", TypeValue(v));
          }
          in.index_key = v;
        }
      } else if (FieldIs(key, "status")) {
        String(c, "resources.instances.status", in.status);
      } else if (FieldIs(key, "deposed")) {
        String(c, "resources.instances.deposed", in.deposed);
      } else if (FieldIs(key, "schema_version")) {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kNull) continue;
        std::optional<uint64_t> n;
        if (v.kind == JsonKind::kNumber) n = ParseUint64(v.text);
        if (!n) {
          TypeError("resources.instances.schema_version", TypeValue(v));
        } else {
          in.schema_version = *n;
        }
      } else if (FieldIs(key, "attributes")) {
        JsonKind kind = c.PeekKind();
        if (kind == JsonKind::kNull) {
          c.Take();
          in.has_attributes = false;
          in.attributes.clear();
        } else if (kind != JsonKind::kObject) {
          c.Take();
          TypeError("resources.instances.attributes", JsonKindWord(kind));
        } else {
          in.has_attributes = true;
          // Compacted into a reused buffer, then copied once at its exact size: a million
          // strings grown by doubling would waste a third of their memory.
          scratch_.clear();
          c.AppendCompact(scratch_);
          in.attributes.assign(scratch_);
        }
      } else if (FieldIs(key, "attributes_flat")) {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kNull) {
          in.has_attributes_flat = false;
        } else if (v.kind != JsonKind::kObject) {
          TypeError("resources.instances.attributes_flat", JsonKindWord(v.kind));
        } else {
          for (auto& [k, m] : JsonObjectMembers(v)) {
            if (m.kind != JsonKind::kString && m.kind != JsonKind::kNull) {
              TypeError("resources.instances.attributes_flat", JsonKindWord(m.kind));
            }
          }
          in.has_attributes_flat = true;
        }
      } else if (FieldIs(key, "sensitive_attributes")) {
        in.sensitive_attributes = c.Take();
      } else if (FieldIs(key, "private")) {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kNull) {
          in.private_data.clear();
        } else if (v.kind != JsonKind::kString) {
          TypeError("resources.instances.private", JsonKindWord(v.kind));
        } else {
          std::string text = JsonStringValue(v);
          if (std::optional<std::string> e = Base64Error(text)) {
            if (!first_error_) {
              first_error_ =
                  "The state file does not conform to the expected JSON data structure: " + *e +
                  ".";
            }
          } else {
            // Terraform writes the decoded bytes back as standard base64: without newlines.
            std::erase_if(text, [](char ch) { return ch == '\n' || ch == '\r'; });
            in.private_data = std::move(text);
          }
        }
      } else if (FieldIs(key, "dependencies")) {
        JsonSpan v = c.Take();
        in.dependencies.reset();
        if (v.kind == JsonKind::kNull) continue;
        if (v.kind != JsonKind::kArray) {
          TypeError("resources.instances.dependencies", JsonKindWord(v.kind));
          continue;
        }
        for (const JsonSpan& d : JsonArrayElements(v)) {
          if (d.kind != JsonKind::kString && d.kind != JsonKind::kNull) {
            TypeError("resources.instances.dependencies", JsonKindWord(d.kind));
          }
        }
        in.dependencies = v;  // decoded when prepared: no string per entry until then
      } else if (key == "cairn_idempotency_token") {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kString) {
          in.idempotency_token = JsonStringValue(v);
        } else if (v.kind != JsonKind::kNull) {
          TypeError("resources.instances.cairn_idempotency_token", JsonKindWord(v.kind));
        }
      } else if (FieldIs(key, "create_before_destroy")) {
        JsonSpan v = c.Take();
        if (v.kind == JsonKind::kBool) {
          in.create_before_destroy = v.text == "true";
        } else if (v.kind != JsonKind::kNull) {
          TypeError("resources.instances.create_before_destroy", JsonKindWord(v.kind));
        }
      } else {
        c.Take();
      }
    }
  }

  /// A module address as the state writes it, parsed once per distinct text.
  const std::optional<addrs::ModuleInstance>& Module(const std::string& text) {
    auto it = modules_.find(text);
    if (it != modules_.end()) return it->second;
    addrs::ParseAddrResult<addrs::ModuleInstance> r = addrs::ParseModuleInstance(text);
    diags_.Append(r.diagnostics);
    return modules_.emplace(text, std::move(r.addr)).first->second;
  }
  void ReadDependency(const JsonSpan& d, std::vector<std::string>& out) {
    std::string_view raw = d.text.substr(1, d.text.size() - 2);
    if (raw.find('\\') == std::string_view::npos) {
      dep_text_.assign(raw);
    } else {
      dep_text_ = JsonStringValue(d);
    }
    AppendDependency(dep_text_, out);
  }
  void AppendDependency(const std::string& text, std::vector<std::string>& out) {
    const std::optional<std::string>& config = Dependency(text);
    if (config) out.push_back(*config);
  }

  /// A dependency as Terraform keeps it: the resource's configuration address (module
  /// instance keys dropped), parsed once per distinct text.
  const std::optional<std::string>& Dependency(const std::string& text) {
    auto it = dependencies_.find(text);
    if (it != dependencies_.end()) return it->second;
    addrs::ParseAddrResult<addrs::AbsResource> r = addrs::ParseAbsResource(text);
    diags_.Append(r.diagnostics);
    std::optional<std::string> config;
    if (r.addr) {
      for (addrs::ModuleInstanceStep& step : r.addr->module) step.key = addrs::InstanceKey();
      config = r.addr->ToString();
    }
    return dependencies_.emplace(text, std::move(config)).first->second;
  }

  /// Terraform's prepareStateV4 for one resource.
  void Prepare(RawResource& r, std::vector<RawInstance>& instances,
               std::vector<PendingResource>& pending) {
    addrs::ResourceMode mode;
    if (r.mode == "managed") {
      mode = addrs::ResourceMode::kManaged;
    } else if (r.mode == "data") {
      mode = addrs::ResourceMode::kData;
    } else {
      diags_.Error("Invalid resource mode in state",
                   "State contains a resource with mode " + GoQuote(r.mode) + " (" +
                       GoQuote(r.type) + " " + GoQuote(r.name) + ") which is not supported.");
      return;
    }
    addrs::ModuleInstance module;
    if (!r.module.empty()) {
      const std::optional<addrs::ModuleInstance>& m = Module(r.module);
      if (!m) return;
      module = *m;
    }
    PendingResource& p = pending.emplace_back();
    p.addr = addrs::AbsResource{std::move(module), addrs::Resource{mode, r.type, r.name}};
    p.each = std::move(r.each);
    p.provider = std::move(r.provider);
    p.order = pending.size() - 1;
    p.entries.reserve(instances.size());
    for (RawInstance& in : instances) {
      addrs::InstanceKey key;
      if (in.index_key) {
        const JsonSpan& k = *in.index_key;
        if (k.kind == JsonKind::kNumber) {
          double d = std::strtod(std::string(k.text).c_str(), nullptr);
          int64_t i = d >= 9223372036854775807.0 || d < -9223372036854775808.0
                          ? INT64_MIN
                          : static_cast<int64_t>(d);
          key = addrs::InstanceKey::Int(i);
        } else if (k.kind == JsonKind::kString) {
          key = addrs::InstanceKey::String(JsonStringValue(k));
        } else {
          diags_.Error(kInvalidMetadata, "Resource " + p.addr.ToString() +
                                             " has an instance with the invalid instance key " +
                                             GoSharpV(k) + ".");
          continue;
        }
      }
      auto instance_name = [&] {
        return addrs::AbsResourceInstance{p.addr.module, p.addr.resource, key}.ToString();
      };
      Entry e;
      e.key = key;
      ObjectState& o = e.object;
      o.schema_version = in.schema_version;
      o.create_before_destroy = in.create_before_destroy;
      o.idempotency_token = std::move(in.idempotency_token);
      if (in.has_attributes) {
        o.attributes_json = std::move(in.attributes);
      } else if (in.has_attributes_flat) {
        diags_.Error("Unsupported legacy state",
                     "Instance " + instance_name() +
                         " has its attributes in the flat format (\"attributes_flat\") of a state "
                         "written by an old Terraform, which Cairn does not read. Upgrade the "
                         "state with Terraform first: run any Terraform 1.x command that writes "
                         "the state (for example \"terraform apply -refresh-only\").");
        continue;
      }
      if (in.sensitive_attributes) {
        Diagnostics path_diags;
        o.sensitive_attributes_json = SensitivePaths(*in.sensitive_attributes, path_diags);
        diags_.Append(path_diags);
        if (path_diags.HasErrors()) continue;
      }
      if (in.status == "tainted") {
        o.status = ObjectState::Status::kTainted;
      } else if (!in.status.empty()) {
        diags_.Error(kInvalidMetadata, "Instance " + instance_name() + " has invalid status " +
                                           GoQuote(in.status) + ".");
        continue;
      }
      o.private_data = std::move(in.private_data);
      if (in.dependencies) {
        for (const JsonSpan& d : JsonArrayElements(*in.dependencies)) {
          if (d.kind == JsonKind::kString) {
            ReadDependency(d, o.dependencies);
          } else {
            dep_text_.clear();
            AppendDependency(dep_text_, o.dependencies);
          }
        }
      }
      std::sort(o.dependencies.begin(), o.dependencies.end());
      if (!in.deposed.empty() && in.deposed.size() != 8) {
        diags_.Error(kInvalidMetadata,
                     "Instance " + instance_name() + " has an object with deposed key " +
                         GoQuote(in.deposed) + ", which is not correctly formatted.");
        continue;
      }
      e.deposed = std::move(in.deposed);
      p.entries.push_back(std::move(e));
    }
  }

  /// Groups the objects of each instance and sorts everything into State order.
  void Finish(std::vector<PendingResource>& pending, std::vector<ResourceState>& out) {
    std::vector<size_t> order(pending.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return pending[a].addr < pending[b].addr; });
    out.clear();
    out.reserve(pending.size());
    for (size_t i = 0; i < order.size();) {
      PendingResource& first = pending[order[i]];
      size_t j = i + 1;
      // Repeated entries for one address are one resource in Terraform: instances merge,
      // the last entry's provider wins.
      for (; j < order.size() && pending[order[j]].addr == first.addr; ++j) {
        PendingResource& more = pending[order[j]];
        for (Entry& e : more.entries) first.entries.push_back(std::move(e));
        first.provider = std::move(more.provider);
        if (!more.each.empty()) first.each = std::move(more.each);
      }
      ResourceState& r = out.emplace_back();
      r.addr = std::move(first.addr);
      r.each = std::move(first.each);
      r.provider = std::move(first.provider);
      Group(r, first.entries);
      i = j;
    }
  }

  void Group(ResourceState& r, std::vector<Entry>& entries) {
    auto by_key = [](const Entry& a, const Entry& b) { return a.key < b.key; };
    if (!std::is_sorted(entries.begin(), entries.end(), by_key)) {
      std::stable_sort(entries.begin(), entries.end(), by_key);
    }
    r.instances.reserve(entries.size());
    for (Entry& e : entries) {
      if (r.instances.empty() || r.instances.back().key != e.key) {
        r.instances.emplace_back().key = std::move(e.key);
      }
      InstanceState& inst = r.instances.back();
      auto name = [&] {
        return addrs::AbsResourceInstance{r.addr.module, r.addr.resource, inst.key}.ToString();
      };
      if (e.deposed.empty()) {
        if (inst.current) {
          diags_.Error("Duplicate resource instance in state",
                       "Instance " + name() + " appears multiple times in the state file.");
          continue;
        }
        inst.current = std::move(e.object);
      } else {
        auto [it, inserted] = inst.deposed.try_emplace(std::move(e.deposed));
        if (!inserted) {
          diags_.Error("Duplicate resource instance in state",
                       "Instance " + name() + " deposed object " + GoQuote(it->first) +
                           " appears multiple times in the state file.");
          continue;
        }
        it->second = std::move(e.object);
      }
    }
    std::vector<Entry>().swap(entries);
  }

  std::optional<std::string>& first_error_;
  Diagnostics& diags_;
  std::unordered_map<std::string, std::optional<addrs::ModuleInstance>> modules_;
  std::unordered_map<std::string, std::optional<std::string>> dependencies_;
  std::string scratch_;
  std::string dep_text_;
};

}  // namespace

void ReadResourcesJson(const JsonSpan& resources, std::vector<ResourceState>& out,
                       std::optional<std::string>& first_error, Diagnostics& diags) {
  Reader(first_error, diags).Read(resources, out);
}

}  // namespace cairn::state
