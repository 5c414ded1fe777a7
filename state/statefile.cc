#include "state/statefile.h"

#include <cctype>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "lang/base/go_json.h"
#include "lang/base/go_json_syntax.h"
#include "lang/base/typed_json.h"
#include "lang/base/value_json.h"
#include "state/go_decode.h"
#include "state/json_cursor.h"
#include "state/resources_json.h"

namespace cairn::state {
namespace {

constexpr const char* kUnsupported = "Unsupported state file format";
constexpr const char* kInvalid = "Invalid state file format";

/// Go's UnmarshalTypeError.Value: the JSON kind, with the literal for a number that does not
/// fit the field.
std::string TypeErrorValue(const JsonSpan& span) {
  if (span.kind == JsonKind::kNumber) return "number " + std::string(span.text);
  return JsonKindWord(span.kind);
}

/// hashicorp/go-version's accepted forms, loosely: `v1.2.3`, `1.2`, `1.2.3-beta1+meta`.
bool IsVersionString(std::string_view v) {
  size_t i = 0;
  if (i < v.size() && v[i] == 'v') ++i;
  size_t digits = i;
  while (i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '.')) {
    if (v[i] == '.' && (i == digits || v[i - 1] == '.')) return false;
    ++i;
  }
  if (i == digits || v[i - 1] == '.') return false;
  if (i == v.size()) return true;
  if (v[i] != '-' && v[i] != '+') return false;
  for (++i; i < v.size(); ++i) {
    char c = v[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '~' ||
          c == '+')) {
      return false;
    }
  }
  return true;
}

/// The error cty's json.UnmarshalType gives for a type specification.
std::string TypeSpecError(const std::optional<JsonSpan>& spec) {
  if (!spec) return "EOF";
  if (spec->kind == JsonKind::kString) {
    return "invalid primitive type name " + std::string(spec->text);
  }
  return "invalid type specification";
}

/// Sniffs `version` as Terraform's sniffJSONStateVersion does; adds its errors.
using Members = std::vector<std::pair<std::string, JsonSpan>>;

std::optional<uint64_t> SniffVersion(std::string_view bytes, const JsonSpan& top,
                                     const Members& members, Diagnostics& diags) {
  uint64_t version = 0;
  bool present = false;  // Go allocates the *uint64 before a type error, so it is "present"
  std::optional<std::string> type_error;
  if (top.kind == JsonKind::kObject) {
    for (const auto& [key, value] : members) {
      if (!FieldIs(key, "version")) continue;
      if (value.kind == JsonKind::kNull) {
        present = false;
        version = 0;
        continue;
      }
      present = true;
      std::optional<uint64_t> v;
      if (value.kind == JsonKind::kNumber) v = ParseUint64(value.text);
      if (!v) {
        if (!type_error) type_error = TypeErrorValue(value);
        continue;
      }
      version = *v;
    }
  } else if (top.kind != JsonKind::kNull) {
    type_error = JsonKindWord(top.kind);
  }
  if (type_error) {
    diags.Error(kUnsupported, "The version in the state file is " + *type_error +
                                  ". A positive whole number is required.");
  }
  if (!present) {
    diags.Error(kUnsupported,
                "The state file does not have a \"version\" attribute, which is required to "
                "identify the format version.");
    return std::nullopt;
  }
  if (type_error) return std::nullopt;
  return version;
}

/// terraform_version, for a message about a version this reader does not support.
std::string SniffTerraformVersion(const JsonSpan& top, const Members& members) {
  if (top.kind != JsonKind::kObject) return "";
  std::string found;
  for (const auto& [key, value] : members) {
    if (FieldIs(key, "terraform_version")) {
      found = value.kind == JsonKind::kString ? JsonStringValue(value) : "";
    }
  }
  return IsVersionString(found) ? found : "";
}

/// Reads the v4 layout into `state`, recording Go's first field type error.
class V4Reader {
 public:
  explicit V4Reader(Diagnostics& diags) : diags_(diags) {}

  std::optional<State> Read(const Members& members) {
    State state;
    state.terraform_version.clear();
    std::map<std::string, RawOutput> raw;  // sorted; a repeated name: the last one wins
    Diagnostics resource_diags;
    for (const auto& [key, value] : members) {
      if (FieldIs(key, "terraform_version")) {
        String("terraform_version", value, state.terraform_version);
      } else if (FieldIs(key, "cairn_version")) {
        String("cairn_version", value, state.cairn_version);
      } else if (FieldIs(key, "lineage")) {
        String("lineage", value, state.lineage);
      } else if (FieldIs(key, "serial")) {
        if (value.kind == JsonKind::kNull) continue;
        std::optional<uint64_t> v;
        if (value.kind == JsonKind::kNumber) v = ParseUint64(value.text);
        if (!v) {
          TypeError("serial", value, TypeErrorValue(value));
        } else {
          state.serial = *v;
        }
      } else if (FieldIs(key, "outputs")) {
        if (value.kind == JsonKind::kNull) {
          raw.clear();
        } else if (value.kind != JsonKind::kObject) {
          TypeError("outputs", value);
        } else {
          ReadOutputs(value, raw);  // Go decodes into the same map: a repeated field merges
        }
      } else if (FieldIs(key, "resources")) {
        if (value.kind == JsonKind::kNull) {
          state.resources.clear();
        } else if (value.kind != JsonKind::kArray) {
          TypeError("resources", value);
        } else {
          resource_diags = Diagnostics();
          ReadResourcesJson(value, state.resources, type_error_, resource_diags);
        }
      } else if (FieldIs(key, "check_results")) {
        if (value.kind == JsonKind::kNull) {
          state.check_results_json = "null";
        } else if (value.kind != JsonKind::kArray) {
          TypeError("check_results", value);
        } else {
          // Terraform writes no check results as null.
          state.check_results_json =
              JsonArrayElements(value).empty() ? "null" : CompactJson(value.text);
        }
      }
    }
    if (type_error_) {
      diags_.Error(kInvalid, *type_error_);
      return std::nullopt;
    }
    if (!state.terraform_version.empty() && !IsVersionString(state.terraform_version)) {
      diags_.Error("Invalid Terraform version string",
                   "State file claims to have been written by Terraform version \"" +
                       state.terraform_version + "\", which is not a valid version string.");
    }
    diags_.Append(resource_diags);
    for (auto& [name, r] : raw) {
      std::optional<Type> type;
      if (r.type && r.type->kind != JsonKind::kNull) type = DecodeTypeJson(r.type->text);
      if (!type) {
        diags_.Error("Invalid output value type in state",
                     "The state file has an invalid type specification for output \"" + name +
                         "\": " + TypeSpecError(r.type) + ".");
        continue;
      }
      TypedJsonResult v = DecodeTypedJson(r.value ? r.value->text : std::string_view(), *type);
      if (!v.ok()) {
        diags_.Error(
            "Invalid output value saved in state",
            "The state file has an invalid value for output \"" + name + "\": " + v.error + ".");
        continue;
      }
      state.outputs[name] = OutputState{std::move(v.value), r.sensitive};
    }
    if (diags_.HasErrors()) return std::nullopt;
    return state;
  }

 private:
  struct RawOutput {
    std::optional<JsonSpan> value, type;
    bool sensitive = false;
  };

  void ReadOutputs(const JsonSpan& outputs, std::map<std::string, RawOutput>& raw) {
    for (const auto& [name, out] : JsonObjectMembers(outputs)) {
      if (out.kind == JsonKind::kNull) {
        raw[name] = RawOutput{};
        continue;
      }
      if (out.kind != JsonKind::kObject) {
        TypeError("outputs", out);
        continue;
      }
      RawOutput& r = raw[name];
      for (const auto& [key, value] : JsonObjectMembers(out)) {
        if (FieldIs(key, "value")) {
          r.value = value;
        } else if (FieldIs(key, "type")) {
          r.type = value;
        } else if (FieldIs(key, "sensitive")) {
          if (value.kind == JsonKind::kBool) {
            r.sensitive = value.text == "true";
          } else if (value.kind != JsonKind::kNull) {
            TypeError("outputs.sensitive", value);
          }
        }
      }
    }
  }

  void String(const char* field, const JsonSpan& value, std::string& target) {
    if (value.kind == JsonKind::kNull) return;
    if (value.kind != JsonKind::kString) {
      TypeError(field, value);
      return;
    }
    target = JsonStringValue(value);
  }
  void TypeError(const std::string& field, const JsonSpan& value, std::string v = "") {
    if (type_error_) return;
    if (v.empty()) v = JsonKindWord(value.kind);
    type_error_ = "The state file field \"" + field + "\" has invalid value " + v;
  }

  Diagnostics& diags_;
  std::optional<std::string> type_error_;
};

/// The compact JSON of a state's content (outputs, resources, check results) for SameContent
/// and the file body.
bool AppendOutputs(std::string& out, const State& state, std::string* error) {
  out += "{";
  bool first = true;
  for (const auto& [name, o] : state.outputs) {
    if (!first) out += ",";
    first = false;
    AppendGoJsonString(out, name);
    JsonEncodeResult value = EncodeJson(o.value.UnmarkedDeep());
    if (!value.ok()) {
      if (error) *error = "output \"" + name + "\": " + value.error;
      return false;
    }
    out += ":{\"value\":";
    out += value.json;
    out += ",\"type\":";
    out += EncodeTypeJson(o.value.type());
    if (o.sensitive) out += ",\"sensitive\":true";
    out += "}";
  }
  out += "}";
  return true;
}

}  // namespace

ReadStateResult ReadStateFile(std::string_view bytes) {
  ReadStateResult result;
  if (bytes.empty()) return result;
  Diagnostics& diags = result.diagnostics;
  if (bytes.substr(0, 7) == "tfstate") {
    diags.Error(kUnsupported,
                "The state is stored in a legacy binary format that is not supported since "
                "Terraform v0.7. To continue, first upgrade the state using Terraform 0.6.16 or "
                "earlier.");
    return result;
  }
  if (std::optional<JsonSyntaxError> e = CheckJsonSyntax(bytes)) {
    diags.Error(kUnsupported,
                "The state file could not be parsed as JSON: syntax error at byte "
                "offset " +
                    std::to_string(e->offset) + ".");
    diags.Error(kUnsupported,
                "The state file does not have a \"version\" attribute, which is required to "
                "identify the format version.");
    return result;
  }
  JsonSpan top = JsonValueOf(bytes);
  // The top-level members, found once (each walk over them skips the whole document).
  const Members members = top.kind == JsonKind::kObject ? JsonObjectMembers(top) : Members();
  std::optional<uint64_t> sniffed = SniffVersion(bytes, top, members, diags);
  if (!sniffed) return result;
  const uint64_t version = sniffed.value_or(0);
  if (version == 0) {
    diags.Error(kUnsupported,
                "The state file uses JSON syntax but has a version number of zero. There was "
                "never a JSON-based state format zero, so this state file is invalid and cannot "
                "be processed.");
    return result;
  }
  if (version >= 1 && version <= 3) {
    diags.Error(kUnsupported,
                "The state file uses format version " + std::to_string(version) +
                    ", which Cairn does not read. Upgrade it to format version 4 by running any "
                    "Terraform 1.x command that writes the state (for example \"terraform "
                    "apply -refresh-only\") first.");
    return result;
  }
  if (version > 4) {
    std::string creator = SniffTerraformVersion(top, members);
    std::string detail = "The state file uses format version " + std::to_string(version) +
                         ", which is not supported by Cairn " CAIRN_VERSION ". ";
    detail += creator.empty()
                  ? "This state file may have been created by a newer version of Terraform."
                  : "This state file was created by Terraform " + creator + ".";
    diags.Error(kUnsupported, detail);
    return result;
  }
  result.state = V4Reader(diags).Read(members);
  return result;
}

WriteStateResult WriteStateFile(const State& state) {
  WriteStateResult result;
  std::string outputs;
  if (!AppendOutputs(outputs, state, &result.error)) return result;
  std::string& out = result.bytes;
  out = "{\n  \"version\": 4,\n  \"terraform_version\": ";
  AppendGoJsonString(out, state.terraform_version);
  if (!state.cairn_version.empty()) {
    out += ",\n  \"cairn_version\": ";
    AppendGoJsonString(out, state.cairn_version);
  }
  out += ",\n  \"serial\": " + std::to_string(state.serial) + ",\n  \"lineage\": ";
  AppendGoJsonString(out, state.lineage);
  out += ",\n  \"outputs\": ";
  out += IndentJson(outputs, "  ", "  ");
  out += ",\n  \"resources\": ";
  AppendResourcesJson(out, state.resources);
  out += ",\n  \"check_results\": ";
  out += IndentJson(state.check_results_json, "  ", "  ");
  out += "\n}\n";
  return result;
}

bool SameContent(const State& a, const State& b) {
  if (a.check_results_json != b.check_results_json || a.outputs.size() != b.outputs.size() ||
      a.resources != b.resources) {
    return false;
  }
  std::string ja, jb;
  bool ok_a = AppendOutputs(ja, a, nullptr);
  bool ok_b = AppendOutputs(jb, b, nullptr);
  return ok_a && ok_b && ja == jb;
}

}  // namespace cairn::state
