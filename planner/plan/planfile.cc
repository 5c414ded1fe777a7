// Saved plan files. The format (version 1) is one JSON object:
//
//   {"format":"cairn-plan","version":1,"config_hash":..,"state_lineage":..,"state_serial":..,
//    "mode":..,"timestamp_ns":..,"errored":..,"variables":{name:VALUE},"changes":[CHANGE],
//    "drift":[CHANGE],"outputs":[OUTPUT],"targets":[TARGET],"excludes":[TARGET],
//    "force_replace":[ADDR],"prev_run_state":STATE,"prior_state":STATE}
//
// Targets, excludes and -replace addresses are address strings; the changes' addresses are
// kept field by field (module steps, mode, type, name, key) so any address round-trips.
//
// A VALUE is {"type":TYPEJSON,"value":V} plus, when present, "unknown":[[PATH,not_null]] and
// "marks":[[PATH,bits]]. V is decoded against the type: null, a bool, a number as its exact
// text (a string; "TEXT/PREC" when the precision is not 512 bits), a string, an array
// (list/set/tuple) or an object (map/object). Where the type is the dynamic pseudo-type V is a
// nested {"type":..,"value":..} giving the value's own type. Unknown values are null in V and
// listed in "unknown"; marks at any depth are listed in "marks". A PATH is the positions of
// the elements on the way down, dot-separated ("" for the value itself, "2.0" for the first
// element of the third element), positions in Elements() order.
//
// A STATE is {"file":STATEFILE_TEXT,"outputs":{name:VALUE}}: the state file text without
// outputs (which may be unknown in a plan's prior state), and the outputs as VALUEs.

#include "planner/plan/planfile.h"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>

#include "lang/base/value_json.h"
#include "lang/config/loader.h"
#include "state/statefile.h"

namespace cairn::planner {

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kFormatName = "cairn-plan";
constexpr int kFormatVersion = 1;
constexpr const char* kReadSummary = "Failed to read plan from plan file";

// ---------------------------------------------------------------------------------------------
// Values.

struct ValueWriter {
  Json unknown = Json::array();
  Json marks = Json::array();

  Json Write(const Value& v, const Type& expected, std::string& path) {
    if (!v.marks().empty()) marks.push_back(Json::array({path, v.marks().bits()}));
    if (expected.IsDynamic()) {
      Json wrapped = Json::object();
      wrapped["type"] = Json::parse(EncodeTypeJson(v.type()));
      wrapped["value"] = WriteContent(v, v.type(), path);
      return wrapped;
    }
    return WriteContent(v, expected, path);
  }

  Json WriteContent(const Value& v, const Type& t, std::string& path) {
    if (!v.IsKnown()) {
      unknown.push_back(Json::array({path, v.DefinitelyNotNull()}));
      return nullptr;
    }
    if (v.IsNull()) return nullptr;
    switch (t.kind()) {
      case Type::Kind::kBool:
        return v.AsBool();
      case Type::Kind::kNumber: {
        Number n = v.AsNumber();
        std::string text = n.ToString();
        if (n.precision() != Number::kParsePrecision) {
          text += "/" + std::to_string(n.precision());
        }
        return text;
      }
      case Type::Kind::kString:
        return v.AsString();
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        Json out = Json::array();
        const auto& elements = v.Elements();
        for (size_t i = 0; i < elements.size(); i++) {
          const Type& et = t.IsTuple() ? t.TupleElements()[i] : t.ElementType();
          size_t mark = Push(path, i);
          out.push_back(Write(elements[i], et, path));
          path.resize(mark);
        }
        return out;
      }
      case Type::Kind::kMap:
      case Type::Kind::kObject: {
        Json out = Json::object();
        const auto& keys = v.Keys();
        const auto& elements = v.Elements();
        for (size_t i = 0; i < elements.size(); i++) {
          const Type& et = t.IsObject() ? t.Attributes()[i].second : t.ElementType();
          size_t mark = Push(path, i);
          out[keys[i]] = Write(elements[i], et, path);
          path.resize(mark);
        }
        return out;
      }
      case Type::Kind::kDynamic:
        return nullptr;  // unreachable: known values have a type
    }
    return nullptr;
  }

  static size_t Push(std::string& path, size_t i) {
    size_t mark = path.size();
    if (!path.empty()) path.push_back('.');
    path += std::to_string(i);
    return mark;
  }
};

Json EncodeValue(const Value& v) {
  ValueWriter w;
  std::string path;
  Json out = Json::object();
  out["type"] = Json::parse(EncodeTypeJson(v.type()));
  out["value"] = w.WriteContent(v.Unmarked(), v.type(), path);
  if (!v.marks().empty()) w.marks.insert(w.marks.begin(), Json::array({"", v.marks().bits()}));
  if (!w.unknown.empty()) out["unknown"] = std::move(w.unknown);
  if (!w.marks.empty()) out["marks"] = std::move(w.marks);
  return out;
}

/// Decoding fails by throwing this; DecodePlanFile turns it into a diagnostic.
struct FormatError {
  std::string message;
};

[[noreturn]] void Fail(std::string message) { throw FormatError{std::move(message)}; }

const Json& Field(const Json& object, const char* name) {
  if (!object.is_object()) Fail(std::string("expected an object holding \"") + name + "\"");
  auto it = object.find(name);
  if (it == object.end()) Fail(std::string("missing field \"") + name + "\"");
  return *it;
}

std::string StringField(const Json& object, const char* name) {
  const Json& v = Field(object, name);
  if (!v.is_string()) Fail(std::string("field \"") + name + "\" is not a string");
  return v.get<std::string>();
}

bool BoolField(const Json& object, const char* name) {
  const Json& v = Field(object, name);
  if (!v.is_boolean()) Fail(std::string("field \"") + name + "\" is not a boolean");
  return v.get<bool>();
}

const Json& ArrayField(const Json& object, const char* name) {
  const Json& v = Field(object, name);
  if (!v.is_array()) Fail(std::string("field \"") + name + "\" is not an array");
  return v;
}

uint64_t UintField(const Json& object, const char* name) {
  const Json& v = Field(object, name);
  if (!v.is_number_unsigned()) Fail(std::string("field \"") + name + "\" is not a count");
  return v.get<uint64_t>();
}

Type DecodeType(const Json& j) {
  std::optional<Type> t = DecodeTypeJson(j.dump());
  if (!t) Fail("invalid type " + j.dump());
  return *t;
}

struct ValueReader {
  std::map<std::string, bool, std::less<>> unknown;   // path -> not_null
  std::map<std::string, uint8_t, std::less<>> marks;  // path -> bits

  Value Read(const Json& j, const Type& expected, std::string& path) {
    Value v;
    if (expected.IsDynamic()) {
      if (!j.is_object() || !j.contains("type") || !j.contains("value")) {
        Fail("value at " + Where(path) + " lacks its type");
      }
      v = ReadContent(j["value"], DecodeType(j["type"]), path);
    } else {
      v = ReadContent(j, expected, path);
    }
    if (auto it = marks.find(path); it != marks.end()) v = v.WithMarks(Marks(it->second));
    return v;
  }

  Value ReadContent(const Json& j, const Type& t, std::string& path) {
    if (auto it = unknown.find(path); it != unknown.end()) {
      Value u = Value::Unknown(t);
      return it->second ? u.RefineNotNull() : u;
    }
    if (j.is_null()) return Value::Null(t);
    switch (t.kind()) {
      case Type::Kind::kBool:
        if (!j.is_boolean()) Fail("expected a bool at " + Where(path));
        return Value::Bool(j.get<bool>());
      case Type::Kind::kNumber: {
        if (!j.is_string()) Fail("expected a number at " + Where(path));
        std::string text = j.get<std::string>();
        int precision = Number::kParsePrecision;
        if (size_t slash = text.rfind('/'); slash != std::string::npos) {
          std::string prec = text.substr(slash + 1);
          text.resize(slash);
          if (prec.empty() || prec.size() > 9 ||
              !std::all_of(prec.begin(), prec.end(), [](char c) { return c >= '0' && c <= '9'; })) {
            Fail("invalid number precision at " + Where(path));
          }
          precision = std::stoi(prec);
          if (precision < 1) Fail("invalid number precision at " + Where(path));
        }
        std::optional<Number> n = Number::Parse(text, precision);
        if (!n) Fail("invalid number at " + Where(path));
        return Value::Num(*n);
      }
      case Type::Kind::kString:
        if (!j.is_string()) Fail("expected a string at " + Where(path));
        return Value::String(j.get<std::string>());
      case Type::Kind::kList:
      case Type::Kind::kSet:
      case Type::Kind::kTuple: {
        if (!j.is_array()) Fail("expected an array at " + Where(path));
        if (t.IsTuple() && j.size() != t.TupleElements().size()) {
          Fail("tuple of the wrong length at " + Where(path));
        }
        std::vector<Value> elements;
        elements.reserve(j.size());
        for (size_t i = 0; i < j.size(); i++) {
          const Type& et = t.IsTuple() ? t.TupleElements()[i] : t.ElementType();
          size_t mark = ValueWriter::Push(path, i);
          elements.push_back(Read(j[i], et, path));
          path.resize(mark);
        }
        if (t.IsTuple()) return Value::Tuple(std::move(elements));
        for (const Value& e : elements) {
          if (!(e.type() == t.ElementType())) Fail("element of the wrong type at " + Where(path));
        }
        if (t.IsList()) return Value::List(t.ElementType(), std::move(elements));
        return Value::Set(t.ElementType(), std::move(elements));
      }
      case Type::Kind::kMap:
      case Type::Kind::kObject: {
        if (!j.is_object()) Fail("expected an object at " + Where(path));
        std::vector<std::pair<std::string, Value>> entries;
        entries.reserve(j.size());
        if (t.IsObject()) {
          const auto& attrs = t.Attributes();
          if (j.size() != attrs.size()) Fail("object of the wrong shape at " + Where(path));
          for (size_t i = 0; i < attrs.size(); i++) {
            auto it = j.find(attrs[i].first);
            if (it == j.end())
              Fail("missing attribute \"" + attrs[i].first + "\" at " + Where(path));
            size_t mark = ValueWriter::Push(path, i);
            entries.emplace_back(attrs[i].first, Read(*it, attrs[i].second, path));
            path.resize(mark);
          }
          Value o = Value::Object(std::move(entries));
          if (!(o.type() == t)) Fail("object of the wrong type at " + Where(path));
          return o;
        }
        // Map keys were written sorted, which is the order of Elements().
        size_t i = 0;
        for (auto it = j.begin(); it != j.end(); ++it, ++i) {
          size_t mark = ValueWriter::Push(path, i);
          Value e = Read(it.value(), t.ElementType(), path);
          path.resize(mark);
          if (!(e.type() == t.ElementType())) Fail("element of the wrong type at " + Where(path));
          entries.emplace_back(it.key(), std::move(e));
        }
        return Value::Map(t.ElementType(), std::move(entries));
      }
      case Type::Kind::kDynamic:
        Fail("a known value without a type at " + Where(path));
    }
    Fail("unexpected value at " + Where(path));
  }

  static std::string Where(const std::string& path) {
    return path.empty() ? std::string("the top") : "element path " + path;
  }
};

Value DecodeValue(const Json& j) {
  ValueReader r;
  Type t = DecodeType(Field(j, "type"));
  if (auto it = j.find("unknown"); it != j.end()) {
    if (!it->is_array()) Fail("\"unknown\" is not an array");
    for (const Json& e : *it) {
      if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_boolean()) {
        Fail("invalid unknown marker " + e.dump());
      }
      r.unknown[e[0].get<std::string>()] = e[1].get<bool>();
    }
  }
  if (auto it = j.find("marks"); it != j.end()) {
    if (!it->is_array()) Fail("\"marks\" is not an array");
    for (const Json& e : *it) {
      if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number_unsigned() ||
          e[1].get<uint64_t>() == 0 || e[1].get<uint64_t>() > 3) {
        Fail("invalid mark " + e.dump());
      }
      r.marks[e[0].get<std::string>()] = static_cast<uint8_t>(e[1].get<uint64_t>());
    }
  }
  std::string path;
  Value v = r.ReadContent(Field(j, "value"), t, path);
  if (auto it = r.marks.find(""); it != r.marks.end()) v = v.WithMarks(Marks(it->second));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Addresses.

Json EncodeKey(const addrs::InstanceKey& key) {
  if (key.is_int()) return key.int_value();
  if (key.is_string()) return key.string_value();
  return nullptr;
}

addrs::InstanceKey DecodeKey(const Json& j) {
  if (j.is_null()) return addrs::InstanceKey();
  if (j.is_number_integer()) return addrs::InstanceKey::Int(j.get<int64_t>());
  if (j.is_string()) return addrs::InstanceKey::String(j.get<std::string>());
  Fail("invalid instance key " + j.dump());
}

Json EncodeModule(const addrs::ModuleInstance& module) {
  Json out = Json::array();
  for (const auto& step : module) out.push_back(Json::array({step.name, EncodeKey(step.key)}));
  return out;
}

addrs::ModuleInstance DecodeModule(const Json& j) {
  if (!j.is_array()) Fail("invalid module path " + j.dump());
  addrs::ModuleInstance out;
  for (const Json& step : j) {
    if (!step.is_array() || step.size() != 2 || !step[0].is_string()) {
      Fail("invalid module step " + step.dump());
    }
    out.push_back({step[0].get<std::string>(), DecodeKey(step[1])});
  }
  return out;
}

const char* ModeName(addrs::ResourceMode mode) {
  switch (mode) {
    case addrs::ResourceMode::kManaged:
      return "managed";
    case addrs::ResourceMode::kData:
      return "data";
    case addrs::ResourceMode::kEphemeral:
      return "ephemeral";
  }
  return "managed";
}

addrs::ResourceMode DecodeMode(const std::string& s) {
  if (s == "managed") return addrs::ResourceMode::kManaged;
  if (s == "data") return addrs::ResourceMode::kData;
  if (s == "ephemeral") return addrs::ResourceMode::kEphemeral;
  Fail("invalid resource mode \"" + s + "\"");
}

void EncodeResourceInto(Json& out, const addrs::Resource& r) {
  out["mode"] = ModeName(r.mode);
  out["type"] = r.type;
  out["name"] = r.name;
}

addrs::Resource DecodeResource(const Json& j) {
  return {DecodeMode(StringField(j, "mode")), StringField(j, "type"), StringField(j, "name")};
}

Json EncodeInstance(const addrs::AbsResourceInstance& addr) {
  Json out = Json::object();
  out["module"] = EncodeModule(addr.module);
  EncodeResourceInto(out, addr.resource);
  out["key"] = EncodeKey(addr.key);
  return out;
}

addrs::AbsResourceInstance DecodeInstance(const Json& j) {
  return {DecodeModule(Field(j, "module")), DecodeResource(j), DecodeKey(Field(j, "key"))};
}

/// Targets are kept as the addresses the user gave (`-target`, `-exclude`), read back with
/// the parser those flags use.
Json EncodeTarget(const addrs::Target& t) { return t.ToString(); }

addrs::Target DecodeTarget(const Json& j) {
  if (!j.is_string()) Fail("invalid target " + j.dump());
  addrs::ParseAddrResult<addrs::Target> parsed = addrs::ParseTarget(j.get<std::string>());
  if (!parsed.addr) Fail("invalid target address " + j.dump());
  return *parsed.addr;
}

Json EncodeReplace(const addrs::AbsResourceInstance& addr) { return addr.ToString(); }

addrs::AbsResourceInstance DecodeReplace(const Json& j) {
  if (!j.is_string()) Fail("invalid -replace address " + j.dump());
  addrs::ParseAddrResult<addrs::AbsResourceInstance> parsed =
      addrs::ParseAbsResourceInstance(j.get<std::string>());
  if (!parsed.addr) Fail("invalid -replace address " + j.dump());
  return *parsed.addr;
}

Json EncodePath(const ValuePath& path) {
  Json out = Json::array();
  for (const PathStep& step : path) {
    Json s = Json::object();
    if (step.kind == PathStep::Kind::kAttr) {
      s["attr"] = step.name;
    } else {
      s["index"] = EncodeValue(step.key);
    }
    out.push_back(std::move(s));
  }
  return out;
}

ValuePath DecodePath(const Json& j) {
  if (!j.is_array()) Fail("invalid value path " + j.dump());
  ValuePath out;
  for (const Json& s : j) {
    if (s.is_object() && s.contains("attr") && s["attr"].is_string()) {
      out.push_back(PathStep::Attr(s["attr"].get<std::string>()));
    } else if (s.is_object() && s.contains("index")) {
      out.push_back(PathStep::Index(DecodeValue(s["index"])));
    } else {
      Fail("invalid value path step " + s.dump());
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Changes.

constexpr std::pair<Action, const char*> kActionNames[] = {
    {Action::kNoOp, "no-op"},
    {Action::kCreate, "create"},
    {Action::kRead, "read"},
    {Action::kUpdate, "update"},
    {Action::kDeleteThenCreate, "delete-then-create"},
    {Action::kCreateThenDelete, "create-then-delete"},
    {Action::kDelete, "delete"},
    {Action::kForget, "forget"},
};

const char* ActionName(Action a) {
  for (const auto& [action, name] : kActionNames) {
    if (action == a) return name;
  }
  return "no-op";
}

Action DecodeAction(const std::string& s) {
  for (const auto& [action, name] : kActionNames) {
    if (s == name) return action;
  }
  Fail("invalid action \"" + s + "\"");
}

ActionReason DecodeReason(const std::string& s) {
  for (int r = 0; r <= static_cast<int>(ActionReason::kReadBecauseCheckNested); r++) {
    ActionReason reason = static_cast<ActionReason>(r);
    if (ReasonJsonName(reason) == s) return reason;
  }
  Fail("invalid action reason \"" + s + "\"");
}

Json EncodeChange(const ResourceInstanceChange& c) {
  Json out = Json::object();
  out["addr"] = EncodeInstance(c.addr);
  if (c.previous_addr) out["previous_addr"] = EncodeInstance(*c.previous_addr);
  out["deposed_key"] = c.deposed_key;
  out["provider"] = c.provider;
  out["action"] = ActionName(c.action);
  out["reason"] = std::string(ReasonJsonName(c.reason));
  out["before"] = EncodeValue(c.before);
  out["after"] = EncodeValue(c.after);
  Json replace = Json::array();
  for (const ValuePath& p : c.required_replace) replace.push_back(EncodePath(p));
  out["required_replace"] = std::move(replace);
  out["private"] = c.private_data;
  if (c.import_id) out["import_id"] = *c.import_id;
  out["dependencies"] = c.dependencies;
  out["create_before_destroy"] = c.create_before_destroy;
  return out;
}

ResourceInstanceChange DecodeChange(const Json& j) {
  ResourceInstanceChange c;
  c.addr = DecodeInstance(Field(j, "addr"));
  if (j.contains("previous_addr")) c.previous_addr = DecodeInstance(j["previous_addr"]);
  c.deposed_key = StringField(j, "deposed_key");
  c.provider = StringField(j, "provider");
  c.action = DecodeAction(StringField(j, "action"));
  c.reason = DecodeReason(StringField(j, "reason"));
  c.before = DecodeValue(Field(j, "before"));
  c.after = DecodeValue(Field(j, "after"));
  for (const Json& p : ArrayField(j, "required_replace")) {
    c.required_replace.push_back(DecodePath(p));
  }
  c.private_data = StringField(j, "private");
  if (j.contains("import_id")) {
    if (!j["import_id"].is_string()) Fail("field \"import_id\" is not a string");
    c.import_id = j["import_id"].get<std::string>();
  }
  for (const Json& d : ArrayField(j, "dependencies")) {
    if (!d.is_string()) Fail("a dependency is not a string");
    c.dependencies.push_back(d.get<std::string>());
  }
  c.create_before_destroy = BoolField(j, "create_before_destroy");
  return c;
}

Json EncodeCheck(const CheckBlockResult& c) {
  Json out = Json::object();
  out["config_addr"] = c.config_addr;
  out["module"] = c.module;
  out["name"] = c.name;
  out["status"] = static_cast<int>(c.status);
  out["failure_messages"] = c.failure_messages;
  return out;
}

CheckBlockResult DecodeCheck(const Json& j) {
  CheckBlockResult c;
  c.config_addr = StringField(j, "config_addr");
  c.module = StringField(j, "module");
  c.name = StringField(j, "name");
  const Json& status = Field(j, "status");
  if (!status.is_number_integer() || status.get<int>() < 0 || status.get<int>() > 3) {
    Fail("invalid check status " + status.dump());
  }
  c.status = static_cast<CheckStatus>(status.get<int>());
  for (const Json& m : ArrayField(j, "failure_messages")) {
    if (!m.is_string()) Fail("invalid check failure message " + m.dump());
    c.failure_messages.push_back(m.get<std::string>());
  }
  return c;
}

Json EncodeOutput(const OutputChange& o) {
  Json out = Json::object();
  out["name"] = o.name;
  out["action"] = ActionName(o.action);
  out["before"] = EncodeValue(o.before);
  out["after"] = EncodeValue(o.after);
  out["before_sensitive"] = o.before_sensitive;
  out["after_sensitive"] = o.after_sensitive;
  return out;
}

OutputChange DecodeOutput(const Json& j) {
  OutputChange o;
  o.name = StringField(j, "name");
  o.action = DecodeAction(StringField(j, "action"));
  o.before = DecodeValue(Field(j, "before"));
  o.after = DecodeValue(Field(j, "after"));
  o.before_sensitive = BoolField(j, "before_sensitive");
  o.after_sensitive = BoolField(j, "after_sensitive");
  return o;
}

// ---------------------------------------------------------------------------------------------
// States.

Json EncodeState(const state::State& s) {
  state::State without_outputs = s;
  without_outputs.outputs.clear();
  state::WriteStateResult written = state::WriteStateFile(without_outputs);
  Json out = Json::object();
  out["file"] = written.bytes;  // cannot fail: the only failure is an unknown output
  Json outputs = Json::object();
  for (const auto& [name, output] : s.outputs) {
    Json o = Json::object();
    o["value"] = EncodeValue(output.value);
    o["sensitive"] = output.sensitive;
    outputs[name] = std::move(o);
  }
  out["outputs"] = std::move(outputs);
  return out;
}

state::State DecodeState(const Json& j, const char* which) {
  state::ReadStateResult read = state::ReadStateFile(StringField(j, "file"));
  if (!read.state) {
    std::string reason = "the embedded state file is empty";
    for (const Diagnostic& d : read.diagnostics) {
      if (d.severity == Severity::kError) {
        reason = d.summary + ": " + d.detail;
        break;
      }
    }
    Fail(std::string("invalid ") + which + ": " + reason);
  }
  state::State s = std::move(*read.state);
  const Json& outputs = Field(j, "outputs");
  if (!outputs.is_object()) Fail(std::string("invalid ") + which + " outputs");
  for (auto it = outputs.begin(); it != outputs.end(); ++it) {
    s.outputs[it.key()] = {DecodeValue(Field(it.value(), "value")),
                           BoolField(it.value(), "sensitive")};
  }
  return s;
}

const char* ModeName(PlanMode mode) {
  switch (mode) {
    case PlanMode::kNormal:
      return "normal";
    case PlanMode::kDestroy:
      return "destroy";
    case PlanMode::kRefreshOnly:
      return "refresh-only";
  }
  return "normal";
}

PlanMode DecodePlanMode(const std::string& s) {
  if (s == "normal") return PlanMode::kNormal;
  if (s == "destroy") return PlanMode::kDestroy;
  if (s == "refresh-only") return PlanMode::kRefreshOnly;
  Fail("invalid plan mode \"" + s + "\"");
}

SavedPlan DecodeDocument(const Json& doc) {
  SavedPlan saved;
  Plan& plan = saved.plan;
  saved.config_hash = StringField(doc, "config_hash");
  saved.state_lineage = StringField(doc, "state_lineage");
  saved.state_serial = UintField(doc, "state_serial");
  plan.mode = DecodePlanMode(StringField(doc, "mode"));
  const Json& ts = Field(doc, "timestamp_ns");
  if (!ts.is_number_integer()) Fail("field \"timestamp_ns\" is not an integer");
  plan.timestamp = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(ts.get<int64_t>())));
  plan.errored = BoolField(doc, "errored");
  const Json& vars = Field(doc, "variables");
  if (!vars.is_object()) Fail("field \"variables\" is not an object");
  for (auto it = vars.begin(); it != vars.end(); ++it) {
    plan.variables.emplace(it.key(), DecodeValue(it.value()));
  }
  for (const Json& c : ArrayField(doc, "changes")) plan.changes.push_back(DecodeChange(c));
  for (const Json& c : ArrayField(doc, "drift")) plan.drift.push_back(DecodeChange(c));
  for (const Json& o : ArrayField(doc, "outputs")) plan.outputs.push_back(DecodeOutput(o));
  for (const Json& t : ArrayField(doc, "targets")) plan.targets.push_back(DecodeTarget(t));
  for (const Json& t : ArrayField(doc, "excludes")) plan.excludes.push_back(DecodeTarget(t));
  for (const Json& a : ArrayField(doc, "force_replace")) {
    plan.force_replace.push_back(DecodeReplace(a));
  }
  // Plan files written before check blocks had no "checks".
  if (doc.contains("checks")) {
    for (const Json& c : ArrayField(doc, "checks")) plan.checks.push_back(DecodeCheck(c));
  }
  plan.prev_run_state = DecodeState(Field(doc, "prev_run_state"), "previous run state");
  plan.prior_state = DecodeState(Field(doc, "prior_state"), "prior state");
  return saved;
}

// ---------------------------------------------------------------------------------------------
// Configuration hash.

bool IsConfigFileName(const std::string& name) {
  if (name.empty() || name[0] == '.' || name.back() == '~') return false;
  if (name.size() > 1 && name.front() == '#' && name.back() == '#') return false;
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".tf") || ends_with(".tf.json") || ends_with(".cairn");
}

bool IsLocalSource(const std::string& source) {
  return source.starts_with("./") || source.starts_with("../") || source.starts_with(".\\") ||
         source.starts_with("..\\");
}

void CollectConfigFiles(const std::filesystem::path& root, const std::filesystem::path& dir,
                        std::set<std::string>& visited_dirs,
                        std::map<std::string, std::string>& files) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(dir, ec);
  if (ec) canonical = dir.lexically_normal();
  if (!visited_dirs.insert(canonical.string()).second) return;
  std::vector<std::filesystem::path> found;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    if (IsConfigFileName(it->path().filename().string())) found.push_back(it->path());
  }
  for (const auto& path : found) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    std::string rel = path.lexically_relative(root).generic_string();
    if (rel.empty()) rel = path.generic_string();
    files[rel] = content.str();
  }
  config::LoadResult loaded = config::LoadModule(dir.string());
  for (const config::ModuleCall& call : loaded.module.module_calls) {
    if (IsLocalSource(call.source_text)) {
      CollectConfigFiles(root, (dir / call.source_text).lexically_normal(), visited_dirs, files);
    }
  }
}

std::string HexSha256(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; i++) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace

std::string EncodePlanFile(const SavedPlan& saved) {
  const Plan& plan = saved.plan;
  Json doc = Json::object();
  doc["format"] = kFormatName;
  doc["version"] = kFormatVersion;
  doc["config_hash"] = saved.config_hash;
  doc["state_lineage"] = saved.state_lineage;
  doc["state_serial"] = saved.state_serial;
  doc["mode"] = ModeName(plan.mode);
  doc["timestamp_ns"] = static_cast<int64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(plan.timestamp.time_since_epoch())
          .count());
  doc["errored"] = plan.errored;
  Json vars = Json::object();
  for (const auto& [name, value] : plan.variables) vars[name] = EncodeValue(value);
  doc["variables"] = std::move(vars);
  Json changes = Json::array();
  for (const auto& c : plan.changes) changes.push_back(EncodeChange(c));
  doc["changes"] = std::move(changes);
  Json drift = Json::array();
  for (const auto& c : plan.drift) drift.push_back(EncodeChange(c));
  doc["drift"] = std::move(drift);
  Json outputs = Json::array();
  for (const auto& o : plan.outputs) outputs.push_back(EncodeOutput(o));
  doc["outputs"] = std::move(outputs);
  Json targets = Json::array();
  for (const auto& t : plan.targets) targets.push_back(EncodeTarget(t));
  doc["targets"] = std::move(targets);
  Json excludes = Json::array();
  for (const auto& t : plan.excludes) excludes.push_back(EncodeTarget(t));
  doc["excludes"] = std::move(excludes);
  Json force = Json::array();
  for (const auto& a : plan.force_replace) force.push_back(EncodeReplace(a));
  doc["force_replace"] = std::move(force);
  Json checks = Json::array();
  for (const auto& c : plan.checks) checks.push_back(EncodeCheck(c));
  doc["checks"] = std::move(checks);
  doc["prev_run_state"] = EncodeState(plan.prev_run_state);
  doc["prior_state"] = EncodeState(plan.prior_state);
  return doc.dump() + "\n";
}

DecodePlanFileResult DecodePlanFile(std::string_view bytes) {
  DecodePlanFileResult result;
  if (bytes.starts_with("PK\x03\x04")) {
    result.diagnostics.Error(kReadSummary,
                             "The file is a Terraform plan file (a zip archive). Cairn reads only "
                             "plan files that Cairn wrote: run \"cairn plan -out=FILE\".");
    return result;
  }
  Json doc = Json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("format") ||
      doc["format"] != kFormatName) {
    result.diagnostics.Error(kReadSummary,
                             "The file is not a Cairn plan file. Plan files are written by "
                             "\"cairn plan -out=FILE\".");
    return result;
  }
  const Json& version = doc["version"];
  if (!version.is_number_integer() || version.get<int64_t>() != kFormatVersion) {
    result.diagnostics.Error(kReadSummary,
                             "The plan file has format version " + version.dump() +
                                 ", but this version of Cairn reads only format version " +
                                 std::to_string(kFormatVersion) +
                                 ". Create the plan again with this "
                                 "version of Cairn.");
    return result;
  }
  try {
    result.saved = DecodeDocument(doc);
  } catch (const FormatError& e) {
    result.diagnostics.Error(kReadSummary, "The plan file is corrupt: " + e.message + ".");
  } catch (const nlohmann::json::exception& e) {
    result.diagnostics.Error(kReadSummary,
                             std::string("The plan file is corrupt: ") + e.what() + ".");
  }
  return result;
}

std::string ConfigHash(std::string_view root_dir) {
  std::filesystem::path root{std::string(root_dir)};
  std::set<std::string> visited;
  std::map<std::string, std::string> files;  // relative path -> content, sorted by path
  CollectConfigFiles(root, root, visited, files);
  std::string input;
  for (const auto& [path, content] : files) {
    input += path;
    input.push_back('\0');
    input += std::to_string(content.size());
    input.push_back('\0');
    input += content;
  }
  return HexSha256(input);
}

Diagnostics CheckStale(const SavedPlan& saved, const std::string& config_hash,
                       const state::State& current) {
  Diagnostics diags;
  if (!saved.state_lineage.empty() && !current.lineage.empty() &&
      saved.state_lineage != current.lineage) {
    diags.Error("Saved plan does not match the given state",
                "The given plan file can not be applied because it was created from a different "
                "state lineage.");
    return diags;
  }
  if (saved.state_serial != current.serial || saved.state_lineage != current.lineage) {
    diags.Error("Saved plan is stale",
                "The given plan file can no longer be applied because the state was changed by "
                "another operation after the plan was created.");
    return diags;
  }
  if (saved.config_hash != config_hash) {
    diags.Error("Saved plan is stale",
                "The given plan file can no longer be applied because the configuration was "
                "changed after the plan was created.");
  }
  return diags;
}

}  // namespace cairn::planner
