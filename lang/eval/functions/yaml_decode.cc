// Terraform's yamldecode: go-cty-yaml's YAMLDecodeFunc. go-cty-yaml reads the text with go-yaml's
// port of libyaml, so libyaml itself parses here (same events, marks and error texts). As in
// go-cty-yaml, the text is walked twice: a type pass (ImpliedType, whose errors win) and a
// value pass (Unmarshal), whose result is then converted to the implied type. The passes
// differ where go-cty-yaml's do: untagged non-plain scalars are strings for the type pass
// but resolved by the value pass (so a literal block `123` is the string "123", but a literal
// block `.nan` fails), and merge keys only accept mappings.

#include <yaml.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/eval/functions/base64.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr std::string_view kStrTag = "tag:yaml.org,2002:str";
constexpr std::string_view kBinaryTag = "tag:yaml.org,2002:binary";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";
constexpr std::string_view kFloatTag = "tag:yaml.org,2002:float";
constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";
constexpr std::string_view kTimestampTag = "tag:yaml.org,2002:timestamp";
constexpr std::string_view kMapTag = "tag:yaml.org,2002:map";
constexpr std::string_view kSeqTag = "tag:yaml.org,2002:seq";

/// Go's %q of a string (the texts here are valid UTF-8: they come from an HCL string).
std::string Quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
  return out;
}

/// go-cty-yaml's Error text: the position (libyaml's 0-based line, the column counted from
/// 1) before the message, left out on the first line as Terraform prints it.
std::string AtMark(size_t line, size_t column, const std::string& message) {
  if (line == 0) return message;
  return "on line " + std::to_string(line) + ", column " + std::to_string(column + 1) + ": " +
         message;
}

std::string AtEvent(const yaml_event_t& e, const std::string& message) {
  return AtMark(e.start_mark.line, e.start_mark.column, message);
}

/// go-cty-yaml's parserError: libyaml's problem, placed at the problem (a scanner error on
/// the line after it, column 1) or else at the context, or nowhere when both are on line 0.
std::string ParserError(const yaml_parser_t& p) {
  std::string cause = p.problem ? p.problem : "invalid YAML syntax";
  if (p.problem_mark.line != 0) {
    if (p.error == YAML_SCANNER_ERROR) return AtMark(p.problem_mark.line + 1, 0, cause);
    return AtMark(p.problem_mark.line, p.problem_mark.column, cause);
  }
  if (p.context_mark.line != 0) {
    return AtMark(p.context_mark.line, p.context_mark.column, cause);
  }
  return cause;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// `\A[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z`
bool IsFloatLiteral(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t int_digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++int_digits;
  if (int_digits == 0) {
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
    size_t frac = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++frac;
    if (frac == 0) return false;
  } else if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

/// The integer forms go-cty-yaml resolves untagged: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
bool IsIntegerLiteral(std::string_view s) {
  auto all = [](std::string_view d, auto pred) {
    if (d.empty()) return false;
    for (char c : d) {
      if (!pred(c)) return false;
    }
    return true;
  };
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o') {
    return all(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  }
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x') {
    return all(s.substr(2), [](char c) {
      return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
  }
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return all(s, IsDigit);
}

/// Go's strconv.ParseUint(s, 0, 64) for text without underscores: a 0x, 0o, 0b or 0 prefix
/// picks the base.
std::optional<uint64_t> GoParseUint(std::string_view s) {
  if (s.empty()) return std::nullopt;
  unsigned base = 10;
  if (s[0] == '0' && s.size() > 1) {
    char p = s[1];
    if (p == 'x' || p == 'X') {
      base = 16, s.remove_prefix(2);
    } else if (p == 'o' || p == 'O') {
      base = 8, s.remove_prefix(2);
    } else if (p == 'b' || p == 'B') {
      base = 2, s.remove_prefix(2);
    } else {
      base = 8, s.remove_prefix(1);
    }
    if (s.empty()) return std::nullopt;
  }
  uint64_t v = 0;
  for (char c : s) {
    unsigned d;
    if (IsDigit(c)) {
      d = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'z') {
      d = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'Z') {
      d = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (d >= base) return std::nullopt;
    if (v > (UINT64_MAX - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

/// Go's strconv.ParseInt(s, 0, 64) for text without underscores.
std::optional<int64_t> GoParseInt(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::optional<uint64_t> u = GoParseUint(s);
  if (!u) return std::nullopt;
  constexpr uint64_t kLimit = uint64_t{1} << 63;
  if (negative) {
    if (*u > kLimit) return std::nullopt;
    return *u == kLimit ? INT64_MIN : -static_cast<int64_t>(*u);
  }
  if (*u >= kLimit) return std::nullopt;
  return static_cast<int64_t>(*u);
}

/// A parsed time as much of Go's time.Time as RFC 3339 formatting needs.
struct Timestamp {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  std::optional<int> offset;  ///< seconds east of UTC; unset: UTC
};

bool IsLeap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int DaysIn(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

/// Go's getnum(s, false): one or two digits.
bool GetNum(std::string_view& s, int* out) {
  if (s.empty() || !IsDigit(s[0])) return false;
  if (s.size() < 2 || !IsDigit(s[1])) {
    *out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  *out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

bool Expect(std::string_view& s, char c) {
  if (s.empty() || s[0] != c) return false;
  s.remove_prefix(1);
  return true;
}

/// Go's time.Parse with the layout "2006-1-2" followed by, when `sep` is set,
/// `<sep>15:4:5.999999999` and then, when `zone`, "Z07:00".
std::optional<Timestamp> ParseLayout(std::string_view s, char sep, bool zone) {
  Timestamp t;
  if (s.size() < 4) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (!IsDigit(s[i])) return std::nullopt;
    t.year = t.year * 10 + (s[i] - '0');
  }
  s.remove_prefix(4);
  if (!Expect(s, '-') || !GetNum(s, &t.month) || t.month < 1 || t.month > 12) return std::nullopt;
  if (!Expect(s, '-') || !GetNum(s, &t.day)) return std::nullopt;
  if (sep != 0) {
    if (!Expect(s, sep) || !GetNum(s, &t.hour) || t.hour > 23) return std::nullopt;
    if (!Expect(s, ':') || !GetNum(s, &t.minute) || t.minute > 59) return std::nullopt;
    if (!Expect(s, ':') || !GetNum(s, &t.second) || t.second > 59) return std::nullopt;
    // The optional fraction: a '.' or ',' then any number of digits.
    if (s.size() >= 2 && (s[0] == '.' || s[0] == ',') && IsDigit(s[1])) {
      size_t i = 1;
      while (i < s.size() && IsDigit(s[i])) ++i;
      s.remove_prefix(i);
    }
    if (zone) {
      if (!s.empty() && s[0] == 'Z') {
        s.remove_prefix(1);
        t.offset = 0;
      } else {
        if (s.size() < 6 || s[3] != ':') return std::nullopt;
        char sign = s[0];
        if (!IsDigit(s[1]) || !IsDigit(s[2]) || !IsDigit(s[4]) || !IsDigit(s[5])) {
          return std::nullopt;
        }
        int hh = (s[1] - '0') * 10 + (s[2] - '0'), mm = (s[4] - '0') * 10 + (s[5] - '0');
        if (hh > 24 || mm > 60) return std::nullopt;
        if (sign != '+' && sign != '-') return std::nullopt;
        t.offset = (sign == '-' ? -1 : 1) * (hh * 60 + mm) * 60;
        s.remove_prefix(6);
      }
    }
  }
  if (!s.empty()) return std::nullopt;
  if (t.day < 1 || t.day > DaysIn(t.month, t.year)) return std::nullopt;
  return t;
}

std::string Two(int v) {
  std::string s = std::to_string(v);
  return v < 10 ? "0" + s : s;
}

/// time.Format(time.RFC3339) of the parsed time.
std::string FormatRfc3339(const Timestamp& t) {
  std::string year = std::to_string(t.year);
  year.insert(0, 4 - year.size(), '0');
  std::string out = year + "-" + Two(t.month) + "-" + Two(t.day) + "T" + Two(t.hour) + ":" +
                    Two(t.minute) + ":" + Two(t.second);
  int offset = t.offset.value_or(0);
  if (offset == 0) return out + "Z";
  out += offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  return out + Two(offset / 3600) + ":" + Two(offset / 60 % 60);
}

/// go-cty-yaml's parseTimestamp: the text as an RFC 3339 string when it is one of the
/// accepted layouts.
std::optional<std::string> ParseTimestamp(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i != 4 || i == s.size() || s[i] != '-') return std::nullopt;
  std::optional<Timestamp> t = ParseLayout(s, 'T', true);
  if (!t) t = ParseLayout(s, 't', true);
  if (!t) t = ParseLayout(s, ' ', false);
  if (!t) t = ParseLayout(s, 0, false);
  if (!t) return std::nullopt;
  return FormatRfc3339(*t);
}

/// A resolved scalar: a value, go-cty-yaml's merge-key marker, or an error.
struct Resolved {
  Value value;
  bool merge = false;
  std::optional<std::string> error;
};

Resolved Fail(std::string message) { return {Value(), false, std::move(message)}; }
Resolved Ok(Value v) { return {std::move(v), false, std::nullopt}; }

char Hint(std::string_view src) {
  if (src.empty()) return 'N';
  char c = src[0];
  if (c == '+' || c == '-') return 'S';
  if (IsDigit(c)) return 'D';
  if (std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos) return 'M';
  if (c == '.') return '.';
  return 0;
}

/// go-cty-yaml's resolveMap: the plain words with a fixed meaning.
std::optional<std::pair<Value, bool>> LookUpWord(std::string_view s) {
  static const std::map<std::string_view, int, std::less<>> kWords = {
      {"y", 1},     {"Y", 1},     {"yes", 1},   {"Yes", 1},   {"YES", 1},   {"true", 1},
      {"True", 1},  {"TRUE", 1},  {"on", 1},    {"On", 1},    {"ON", 1},    {"n", 2},
      {"N", 2},     {"no", 2},    {"No", 2},    {"NO", 2},    {"false", 2}, {"False", 2},
      {"FALSE", 2}, {"off", 2},   {"Off", 2},   {"OFF", 2},   {"", 3},      {"~", 3},
      {"null", 3},  {"Null", 3},  {"NULL", 3},  {".inf", 4},  {".Inf", 4},  {".INF", 4},
      {"+.inf", 4}, {"+.Inf", 4}, {"+.INF", 4}, {"-.inf", 5}, {"-.Inf", 5}, {"-.INF", 5}};
  auto it = kWords.find(s);
  if (it == kWords.end()) return std::nullopt;
  switch (it->second) {
    case 1:
      return std::make_pair(Value::True(), true);
    case 2:
      return std::make_pair(Value::False(), true);
    case 3:
      return std::make_pair(Value::Null(Type::Dynamic()), false);
    case 4:
      return std::make_pair(Value::Num(Number::Infinity(false)), false);
    default:
      return std::make_pair(Value::Num(Number::Infinity(true)), false);
  }
}

bool ResolvableTag(std::string_view tag) {
  return tag.empty() || tag == kStrTag || tag == kBoolTag || tag == kIntTag || tag == kFloatTag ||
         tag == kNullTag || tag == kTimestampTag || tag == kBinaryTag;
}

/// go-cty-yaml's resolveScalar.
Resolved ResolveScalar(std::string_view tag, const std::string& src, bool quoted) {
  if (!ResolvableTag(tag)) return Fail("unsupported tag " + Quote(tag));
  char hint = Hint(src);
  if (hint != 0 && tag != kStrTag && tag != kBinaryTag) {
    if (quoted) return Ok(Value::String(src));
    if (auto word = LookUpWord(src)) return Ok(word->first);
    if (tag.empty() && (src == ".nan" || src == ".NaN" || src == ".NAN")) {
      return Fail("floating point NaN is not supported");
    }
    if (hint == '.') {
      if (std::optional<Number> n = Number::Parse(src)) return Ok(Value::Num(*n));
    } else if (hint == 'D' || hint == 'S') {
      if (tag.empty() || tag == kTimestampTag) {
        if (std::optional<std::string> t = ParseTimestamp(src)) return Ok(Value::String(*t));
      }
      if (IsIntegerLiteral(src)) {
        tag = kIntTag;
      } else if (IsFloatLiteral(src)) {
        tag = kFloatTag;
      }
    }
  }
  if (tag.empty() && src == "<<") return {Value(), true, std::nullopt};
  if (tag == kStrTag || tag == kBinaryTag) {
    if (tag == kBinaryTag && !Base64Decode(src).ok()) {
      return Fail("cannot parse " + Quote(src) + " as " + std::string(tag) + ": not valid base64");
    }
    return Ok(Value::String(src));
  }
  if (tag == kBoolTag) {
    std::optional<std::pair<Value, bool>> word = LookUpWord(src);
    if (!word || !word->second) {
      return Fail("cannot parse " + Quote(src) + " as " + std::string(tag));
    }
    return Ok(word->first);
  }
  if (tag == kFloatTag || tag == kIntTag) {
    std::string plain;
    plain.reserve(src.size());
    for (char c : src) {
      if (c != '_') plain += c;
    }
    if (std::optional<Number> n = Number::Parse(plain)) return Ok(Value::Num(*n));
    if (std::optional<int64_t> i = GoParseInt(plain)) return Ok(Value::Int(*i));
    if (plain.empty() || (plain[0] != '-' && plain[0] != '+')) {
      if (std::optional<uint64_t> u = GoParseUint(plain)) {
        return Ok(Value::Num(Number::FromUint64(*u)));
      }
    }
    return Fail("cannot parse " + Quote(src) + " as " + std::string(tag));
  }
  if (tag == kTimestampTag) {
    if (std::optional<std::string> t = ParseTimestamp(src)) return Ok(Value::String(*t));
    return Fail("cannot parse " + Quote(src) + " as " + std::string(tag));
  }
  if (tag == kNullTag) return Ok(Value::Null(Type::Dynamic()));
  return Ok(Value::String(src));
}

std::string_view Str(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

/// One libyaml event, deleted when it goes.
class Event {
 public:
  Event() = default;
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  ~Event() {
    if (filled_) yaml_event_delete(&e_);
  }
  /// Parses the next event; false (with nothing to delete) on a parse error.
  bool Next(yaml_parser_t* p) {
    if (filled_) yaml_event_delete(&e_);
    filled_ = yaml_parser_parse(p, &e_) != 0;
    return filled_;
  }
  const yaml_event_t& operator*() const { return e_; }
  const yaml_event_t* operator->() const { return &e_; }

 private:
  yaml_event_t e_{};
  bool filled_ = false;
};

/// go-yaml's names of event types (for messages that should never be seen).
std::string EventName(yaml_event_type_t t) {
  switch (t) {
    case YAML_STREAM_START_EVENT:
      return "stream start";
    case YAML_STREAM_END_EVENT:
      return "stream end";
    case YAML_DOCUMENT_START_EVENT:
      return "document start";
    case YAML_DOCUMENT_END_EVENT:
      return "document end";
    case YAML_ALIAS_EVENT:
      return "alias";
    case YAML_SCALAR_EVENT:
      return "scalar";
    case YAML_SEQUENCE_START_EVENT:
      return "sequence start";
    case YAML_SEQUENCE_END_EVENT:
      return "sequence end";
    case YAML_MAPPING_START_EVENT:
      return "mapping start";
    case YAML_MAPPING_END_EVENT:
      return "mapping end";
    default:
      return "none";
  }
}

/// What a node gives: its type in the type pass, its value in the value pass.
struct Node {
  Type type;
  Value value;
  /// The number of nodes with every alias expanded.
  uint64_t size = 1;
};

/// One walk over the events of the text (go-cty-yaml's impliedType or unmarshal).
class Walk {
 public:
  Walk(std::string_view src, bool type_pass) : type_pass_(type_pass) {
    yaml_parser_initialize(&parser_);
    // go-cty-yaml reads an empty text as a single line break.
    src_ = src.empty() ? std::string_view("\n") : src;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(src_.data()),
                                 src_.size());
  }
  Walk(const Walk&) = delete;
  Walk& operator=(const Walk&) = delete;
  ~Walk() { yaml_parser_delete(&parser_); }

  /// The node of the single document, or nullopt with error() set.
  std::optional<Node> Run() {
    Event e;
    if (!e.Next(&parser_)) return Error(ParserError(parser_));
    if (e->type != YAML_STREAM_START_EVENT) return Error(AtEvent(*e, "missing stream start token"));
    if (!e.Next(&parser_)) return Error(ParserError(parser_));
    if (e->type != YAML_DOCUMENT_START_EVENT)
      return Error(AtEvent(*e, "missing start of document"));
    if (!VersionSupported(*e)) return std::nullopt;
    std::optional<Node> root = Parse();
    if (!root) return std::nullopt;
    if (!e.Next(&parser_)) return Error(ParserError(parser_));
    if (e->type == YAML_DOCUMENT_START_EVENT) {
      return Error(AtEvent(*e, "only a single document is allowed"));
    }
    if (e->type != YAML_DOCUMENT_END_EVENT) {
      return Error(
          AtEvent(*e, "unexpected extra content (" + EventName(e->type) + ") after value"));
    }
    if (!e.Next(&parser_)) return Error(ParserError(parser_));
    if (e->type == YAML_DOCUMENT_START_EVENT && !VersionSupported(*e)) return std::nullopt;
    if (e->type != YAML_STREAM_END_EVENT) {
      return Error(AtEvent(*e, "unexpected extra content after value"));
    }
    return root;
  }

  const std::string& error() const { return error_; }

 private:
  std::nullopt_t Error(std::string message) {
    error_ = std::move(message);
    return std::nullopt;
  }

  std::optional<Node> Parse() {
    Event e;
    if (!e.Next(&parser_)) return Error(ParserError(parser_));
    return ParseRemainder(*e);
  }

  std::optional<Node> ParseRemainder(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_SCALAR_EVENT:
        return Scalar(e);
      case YAML_ALIAS_EVENT:
        return Alias(e);
      case YAML_MAPPING_START_EVENT:
      case YAML_SEQUENCE_START_EVENT: {
        // Go's stacks grow; ours do not: nesting deeper than any real document is refused.
        if (depth_ >= kMaxDepth) {
          return Error(AtEvent(e, "exceeded max depth of " + std::to_string(kMaxDepth)));
        }
        ++depth_;
        std::optional<Node> n = e.type == YAML_MAPPING_START_EVENT ? Mapping(e) : Sequence(e);
        --depth_;
        return n;
      }
      case YAML_DOCUMENT_START_EVENT:
        return Error(AtEvent(e, "only a single document is allowed"));
      case YAML_STREAM_END_EVENT:
        return Error(AtEvent(e, "expecting value but found end of stream"));
      case YAML_MAPPING_END_EVENT:
        if (!type_pass_) return Error(AtEvent(e, "expecting value but found end of mapping"));
        break;
      case YAML_SEQUENCE_END_EVENT:
        if (!type_pass_) return Error(AtEvent(e, "expecting value but found end of sequence"));
        break;
      default:
        break;
    }
    return Error(AtEvent(e, "unexpected parser event " + EventName(e.type)));
  }

  /// go-yaml accepts only `%YAML 1.1` (libyaml 0.2.5 also takes 1.2).
  bool VersionSupported(const yaml_event_t& e) {
    const yaml_version_directive_t* v = e.data.document_start.version_directive;
    if (v == nullptr || (v->major == 1 && v->minor == 1)) return true;
    Error(AtMark(e.start_mark.line, e.start_mark.column, "found incompatible YAML document"));
    return false;
  }

  /// go-yaml ends a plain scalar inside a flow collection at a '?' (libyaml 0.2.5 keeps it),
  /// and then finds a key indicator where the collection needs a ',' or its end.
  bool PlainFitsFlow(const yaml_event_t& e) {
    if (closers_.empty() || e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return true;
    std::string_view v(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    size_t q = v.find('?');
    if (q == std::string_view::npos) return true;
    size_t line = e.start_mark.line, column = e.start_mark.column;
    if (v.substr(0, q).find('\n') == std::string_view::npos && Str(e.data.scalar.tag).empty() &&
        Str(e.data.scalar.anchor).empty()) {
      for (size_t i = 0; i < q; ++i) {
        if ((static_cast<unsigned char>(v[i]) & 0xC0) != 0x80) ++column;
      }
    }
    Error(AtMark(line, column,
                 std::string("did not find expected ',' or '") + closers_.back() + "'"));
    return false;
  }

  std::optional<Node> Scalar(const yaml_event_t& e) {
    std::string anchor(Str(e.data.scalar.anchor));
    std::string_view tag = Str(e.data.scalar.tag);
    std::string src(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    bool quoted = e.data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                  e.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (!anchor.empty()) BeginAnchor(anchor);
    Node node;
    if (type_pass_ && tag.empty() && !e.data.scalar.plain_implicit) {
      node.type = Type::String();  // an untagged quoted or block scalar
    } else {
      Resolved r = ResolveScalar(tag, src, quoted);
      if (r.error) return Error(AtEvent(e, *r.error));
      // Anywhere but as a mapping key, "<<" is a plain string.
      if (r.merge) r.value = Value::String(src);
      if (!PlainFitsFlow(e)) return std::nullopt;
      if (type_pass_) {
        node.type = r.value.type();
      } else {
        node.value = std::move(r.value);
      }
    }
    if (!anchor.empty()) CompleteAnchor(anchor, node);
    return node;
  }

  std::optional<Node> Alias(const yaml_event_t& e) {
    std::string name(Str(e.data.alias.anchor));
    if (pending_.count(name)) {
      return Error(
          AtEvent(e, "cannot refer to anchor " + Quote(name) + " from inside its own definition"));
    }
    auto it = anchors_.find(name);
    if (it == anchors_.end()) {
      return Error(AtEvent(e, "reference to undefined anchor " + Quote(name)));
    }
    expanded_ += it->second.size;
    if (expanded_ > kMaxExpanded) return Error("document contains excessive aliasing");
    return it->second;
  }

  std::optional<Node> Mapping(const yaml_event_t& e) {
    std::string_view tag = Str(e.data.mapping_start.tag);
    std::string anchor(Str(e.data.mapping_start.anchor));
    if (!tag.empty() && tag != kMapTag) {
      return Error(AtEvent(e, "can't interpret mapping as " + std::string(tag)));
    }
    if (!anchor.empty()) BeginAnchor(anchor);
    std::map<std::string, Node> entries;
    uint64_t size = 1;
    FlowScope flow(this, e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE, '}');
    Event key;
    while (true) {
      if (!key.Next(&parser_)) return Error(ParserError(parser_));
      if (key->type == YAML_MAPPING_END_EVENT) break;
      if (key->type != YAML_SCALAR_EVENT) {
        return Error(AtEvent(*key, "only strings are allowed as mapping keys"));
      }
      const auto& s = key->data.scalar;
      Resolved k = ResolveScalar(
          Str(s.tag), std::string(reinterpret_cast<const char*>(s.value), s.length),
          s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
      if (k.error) return Error(*k.error);
      if (!PlainFitsFlow(*key)) return std::nullopt;
      if (k.merge) {
        std::optional<Node> merged = Parse();
        if (!merged) return std::nullopt;
        size += merged->size;
        if (!MergeInto(*merged, *key, &entries)) return std::nullopt;
        continue;
      }
      ConvertResult name = Convert(k.value, Type::String());
      if (!name.ok()) return Error(AtEvent(*key, "only strings are allowed as mapping keys"));
      if (name.value.IsNull()) return Error(AtEvent(*key, "mapping key cannot be null"));
      std::optional<Node> value = Parse();
      if (!value) return std::nullopt;
      size += 1 + value->size;
      entries[name.value.AsString()] = std::move(*value);
    }
    Node node;
    node.size = size;
    if (type_pass_) {
      std::vector<std::pair<std::string, Type>> attrs;
      attrs.reserve(entries.size());
      for (auto& [name, n] : entries) attrs.emplace_back(name, std::move(n.type));
      node.type = Type::Object(std::move(attrs));
    } else {
      std::vector<std::pair<std::string, Value>> attrs;
      attrs.reserve(entries.size());
      for (auto& [name, n] : entries) attrs.emplace_back(name, std::move(n.value));
      node.value = Value::Object(std::move(attrs));
    }
    if (!anchor.empty()) CompleteAnchor(anchor, node);
    return node;
  }

  /// A merge key's value: the type pass takes only a mapping; the value pass a mapping or a
  /// sequence of mappings.
  bool MergeInto(const Node& merged, const yaml_event_t& key, std::map<std::string, Node>* out) {
    if (type_pass_) {
      if (!merged.type.IsObject()) {
        Error(AtEvent(key, "cannot merge " + merged.type.FriendlyName() + " into mapping"));
        return false;
      }
      for (const auto& [name, t] : merged.type.Attributes()) (*out)[name] = Node{t, Value(), 1};
      return true;
    }
    const Type& t = merged.value.type();
    auto merge_object = [&](const Value& v) {
      const std::vector<std::string>& keys = v.Keys();
      const std::vector<Value>& values = v.Elements();
      for (size_t i = 0; i < keys.size(); ++i) (*out)[keys[i]] = Node{Type(), values[i], 1};
    };
    if (t.IsObject()) {
      merge_object(merged.value);
      return true;
    }
    if (t.IsTuple()) {
      for (const Value& m : merged.value.Elements()) {
        if (!m.type().IsObject()) {
          Error(AtEvent(
              key, "cannot merge " + m.type().FriendlyName() + " (from sequence) into mapping"));
          return false;
        }
        merge_object(m);
      }
      return true;
    }
    Error(AtEvent(key, "cannot merge " + t.FriendlyName() + " into mapping"));
    return false;
  }

  std::optional<Node> Sequence(const yaml_event_t& e) {
    std::string_view tag = Str(e.data.sequence_start.tag);
    std::string anchor(Str(e.data.sequence_start.anchor));
    if (!tag.empty() && tag != kSeqTag) {
      return Error(AtEvent(e, "can't interpret sequence as " + std::string(tag)));
    }
    if (!anchor.empty()) BeginAnchor(anchor);
    std::vector<Type> types;
    std::vector<Value> values;
    uint64_t size = 1;
    FlowScope flow(this, e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE, ']');
    Event item;
    while (true) {
      if (!item.Next(&parser_)) return Error(ParserError(parser_));
      if (item->type == YAML_SEQUENCE_END_EVENT) break;
      std::optional<Node> n = ParseRemainder(*item);
      if (!n) return std::nullopt;
      size += n->size;
      if (type_pass_) {
        types.push_back(std::move(n->type));
      } else {
        values.push_back(std::move(n->value));
      }
    }
    Node node;
    node.size = size;
    if (type_pass_) {
      node.type = Type::Tuple(std::move(types));
    } else {
      node.value = Value::Tuple(std::move(values));
    }
    if (!anchor.empty()) CompleteAnchor(anchor, node);
    return node;
  }

  /// Inside a flow collection (whose closing bracket is pushed) while it lives.
  class FlowScope {
   public:
    FlowScope(Walk* w, bool flow, char closer) : w_(flow ? w : nullptr) {
      if (w_) w_->closers_.push_back(closer);
    }
    FlowScope(const FlowScope&) = delete;
    FlowScope& operator=(const FlowScope&) = delete;
    ~FlowScope() {
      if (w_) w_->closers_.pop_back();
    }

   private:
    Walk* w_;
  };

  void BeginAnchor(const std::string& name) { ++pending_[name]; }
  void CompleteAnchor(const std::string& name, const Node& node) {
    auto it = pending_.find(name);
    if (it != pending_.end() && --it->second == 0) pending_.erase(it);
    anchors_[name] = node;
  }

  static constexpr int kMaxDepth = 1000;
  /// Aliases may repeat a node at most this many times in all (a "billion laughs" document
  /// would otherwise take exponential time to convert and to print).
  static constexpr uint64_t kMaxExpanded = 1'000'000;

  bool type_pass_;
  int depth_ = 0;
  uint64_t expanded_ = 0;
  std::vector<char> closers_;  ///< of the flow collections the walk is in
  std::string_view src_;
  yaml_parser_t parser_{};
  std::map<std::string, int> pending_;
  std::map<std::string, Node> anchors_;
  std::string error_;
};

BodyResult YamlDecodeBody(const std::vector<Value>& a) {
  const std::string& src = a[0].AsString();
  Walk types(src, /*type_pass=*/true);
  std::optional<Node> typed = types.Run();
  if (!typed) return CallError(types.error());
  Walk values(src, /*type_pass=*/false);
  std::optional<Node> valued = values.Run();
  if (!valued) return CallError(values.error());
  ConvertResult converted = Convert(valued->value, typed->type);
  if (!converted.ok()) return CallError(converted.error->Format());
  return {std::move(converted.value), std::nullopt};
}

}  // namespace

void RegisterYamlDecodeFunction(BuiltinFunctions& r) {
  r.Add({"yamldecode",
         {Param{"src", Type::String()}},
         std::nullopt,
         Type::Dynamic(),
         nullptr,
         YamlDecodeBody});
}

}  // namespace cairn::eval::functions
