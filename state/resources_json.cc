#include "state/resources_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "lang/base/go_json.h"
#include "lang/base/go_quote.h"
#include "lang/base/value_json.h"
#include "state/typed_json.h"

namespace cairn::state {
namespace {

constexpr const char* kInvalidMetadata = "Invalid resource instance metadata in state";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Go's encoding/json matches object keys to struct fields without regard to case.
bool FieldIs(std::string_view key, std::string_view field) {
  if (key.size() != field.size()) return false;
  if (key == field) return true;  // as Terraform writes it
  for (size_t i = 0; i < key.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(key[i])) != field[i]) return false;
  }
  return true;
}

JsonKind KindOf(char c) {
  switch (c) {
    case '{':
      return JsonKind::kObject;
    case '[':
      return JsonKind::kArray;
    case '"':
      return JsonKind::kString;
    case 't':
    case 'f':
      return JsonKind::kBool;
    case 'n':
      return JsonKind::kNull;
    default:
      return JsonKind::kNumber;
  }
}

/// A forward-only reader over a JSON text already checked by CheckJsonSyntax.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  void SkipSpace() {
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
  }
  JsonKind PeekKind() {
    SkipSpace();
    return KindOf(s_[pos_]);
  }
  /// Consumes the `{` or `[` at the cursor.
  void Open() {
    SkipSpace();
    ++pos_;
  }
  /// The next member's key (decoded), leaving the cursor at its value; false (and the closing
  /// brace consumed) at the end of the object.
  bool NextMember(std::string& key) {
    SkipSpace();
    if (s_[pos_] == ',') {
      ++pos_;
      SkipSpace();
    }
    if (s_[pos_] == '}') {
      ++pos_;
      return false;
    }
    ReadString(key);
    SkipSpace();
    ++pos_;  // ':'
    SkipSpace();
    return true;
  }
  /// Whether another array element follows (the cursor then at it); false (and the closing
  /// bracket consumed) at the end of the array.
  bool NextElement() {
    SkipSpace();
    if (s_[pos_] == ',') {
      ++pos_;
      SkipSpace();
    }
    if (s_[pos_] == ']') {
      ++pos_;
      return false;
    }
    return true;
  }
  /// The value at the cursor, skipped.
  JsonSpan Take() {
    SkipSpace();
    size_t begin = pos_;
    JsonKind kind = KindOf(s_[begin]);
    Skip();
    return JsonSpan{kind, s_.substr(begin, pos_ - begin)};
  }
  /// The string at the cursor, decoded.
  std::string ReadString() {
    std::string out;
    ReadString(out);
    return out;
  }
  /// The string at the cursor, decoded into `out` (its capacity reused).
  void ReadString(std::string& out) {
    SkipSpace();
    size_t begin = pos_;
    ++pos_;
    bool escaped = false;
    for (;;) {
      char c = s_[pos_];
      if (c == '"') break;
      if (c == '\\') {
        escaped = true;
        pos_ += 2;
      } else {
        ++pos_;
      }
    }
    ++pos_;
    if (!escaped) {
      out.assign(s_.substr(begin + 1, pos_ - begin - 2));
    } else {
      out = JsonStringValue(JsonSpan{JsonKind::kString, s_.substr(begin, pos_ - begin)});
    }
  }
  /// Appends the value at the cursor as Go's json.Compact with HTML escaping (what
  /// json.Marshal does to a RawMessage), and skips it.
  void AppendCompact(std::string& out) {
    SkipSpace();
    if (s_[pos_] != '{' && s_[pos_] != '[') {
      AppendScalarCompact(out);
      return;
    }
    // Copies runs of bytes between the places that change: whitespace to drop, characters
    // inside strings to escape.
    const char* p = s_.data() + pos_;
    const char* const end = s_.data() + s_.size();
    const char* run = p;
    int depth = 0;
    for (;;) {
      const char c = *p;
      if (c == '"') {
        for (++p;;) {
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
        continue;
      }
      if (IsSpace(c)) {
        out.append(run, p);
        while (p < end && IsSpace(*p)) ++p;
        run = p;
        continue;
      }
      ++p;
      if (c == '{' || c == '[') {
        ++depth;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    out.append(run, p);
    pos_ = static_cast<size_t>(p - s_.data());
  }
  void AppendScalarCompact(std::string& out) {
    if (s_[pos_] == '"') {
      AppendStringCompact(out);
      return;
    }
    while (pos_ < s_.size() && !IsSpace(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != ']' && s_[pos_] != ':') {
      out.push_back(s_[pos_++]);
    }
  }

 private:
  void Skip() {
    char c = s_[pos_];
    if (c == '"') {
      SkipString();
      return;
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (pos_ < s_.size()) {
        char d = s_[pos_];
        if (d == '"') {
          SkipString();
          continue;
        }
        ++pos_;
        if (d == '{' || d == '[') {
          ++depth;
        } else if (d == '}' || d == ']') {
          if (--depth == 0) return;
        }
      }
      return;
    }
    while (pos_ < s_.size() && !IsSpace(s_[pos_]) && s_[pos_] != ',' && s_[pos_] != '}' &&
           s_[pos_] != ']' && s_[pos_] != ':') {
      ++pos_;
    }
  }
  void SkipString() {
    ++pos_;
    for (;;) {
      const char* p =
          static_cast<const char*>(std::memchr(s_.data() + pos_, '"', s_.size() - pos_));
      size_t quote = static_cast<size_t>(p - s_.data());
      // The quote closes the string unless an odd number of backslashes precede it.
      size_t backslashes = 0;
      while (quote - backslashes > pos_ && s_[quote - backslashes - 1] == '\\') ++backslashes;
      pos_ = quote + 1;
      if (backslashes % 2 == 0) return;
    }
  }
  void AppendStringCompact(std::string& out) {
    out.push_back('"');
    ++pos_;
    for (;;) {
      char d = s_[pos_];
      if (d == '\\') {
        out.push_back(d);
        out.push_back(s_[pos_ + 1]);
        pos_ += 2;
        continue;
      }
      ++pos_;
      if (d == '"') break;
      if (d == '<') {
        out += "\\u003c";
      } else if (d == '>') {
        out += "\\u003e";
      } else if (d == '&') {
        out += "\\u0026";
      } else if (d == '\xE2' && pos_ + 1 < s_.size() && s_[pos_] == '\x80' &&
                 (s_[pos_ + 1] == '\xA8' || s_[pos_ + 1] == '\xA9')) {
        out += s_[pos_ + 1] == '\xA8' ? "\\u2028" : "\\u2029";
        pos_ += 2;
      } else {
        out.push_back(d);
      }
    }
    out.push_back('"');
  }

  std::string_view s_;
  size_t pos_ = 0;
};

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

/// Go's %#v of a value json.Unmarshal put into an interface{}.
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
    Cursor c(resources.text);
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
  void String(Cursor& c, const char* field, std::string& target) {
    JsonKind kind = c.PeekKind();
    if (kind == JsonKind::kString) {
      target = c.ReadString();
      return;
    }
    c.Take();
    if (kind != JsonKind::kNull) TypeError(field, JsonKindWord(kind));
  }

  void ReadResource(Cursor& c, bool null, std::vector<PendingResource>& pending) {
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

  void ReadInstance(Cursor& c, RawInstance& in) {
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

// ---- writing ----

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

void ReadResourcesJson(const JsonSpan& resources, std::vector<ResourceState>& out,
                       std::optional<std::string>& first_error, Diagnostics& diags) {
  Reader(first_error, diags).Read(resources, out);
}

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
