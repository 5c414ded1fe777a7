#include "lang/base/value_json.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "lang/base/go_json.h"
#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"

namespace cairn {

namespace {

/// Returns false when `v` has an unknown part.
bool Encode(const Value& v, std::string& out) {
  if (!v.IsKnown()) return false;
  if (v.IsNull()) {
    out += "null";
    return true;
  }
  const Type& t = v.type();
  switch (t.kind()) {
    case Type::Kind::kBool:
      out += v.AsBool() ? "true" : "false";
      return true;
    case Type::Kind::kNumber:
      out += v.AsNumber().ToString();
      return true;
    case Type::Kind::kString:
      AppendGoJsonString(out, v.AsString());
      return true;
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      out.push_back('[');
      bool first = true;
      for (const Value& e : v.Elements()) {
        if (!first) out.push_back(',');
        first = false;
        if (!Encode(e, out)) return false;
      }
      out.push_back(']');
      return true;
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      out.push_back('{');
      for (size_t i = 0; i < v.Length(); i++) {
        if (i > 0) out.push_back(',');
        AppendGoJsonString(out, v.Keys()[i]);
        out.push_back(':');
        if (!Encode(v[i], out)) return false;
      }
      out.push_back('}');
      return true;
    }
    case Type::Kind::kDynamic:
      return false;
  }
  return false;
}

void AppendTypeJson(const Type& t, std::string& out) {
  switch (t.kind()) {
    case Type::Kind::kDynamic:
      out += "\"dynamic\"";
      return;
    case Type::Kind::kBool:
      out += "\"bool\"";
      return;
    case Type::Kind::kNumber:
      out += "\"number\"";
      return;
    case Type::Kind::kString:
      out += "\"string\"";
      return;
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      out += t.IsList() ? "[\"list\"," : t.IsSet() ? "[\"set\"," : "[\"map\",";
      AppendTypeJson(t.ElementType(), out);
      out.push_back(']');
      return;
    case Type::Kind::kObject: {
      out += "[\"object\",{";
      bool first = true;
      for (const auto& [name, at] : t.Attributes()) {
        if (!first) out.push_back(',');
        first = false;
        AppendGoJsonString(out, name);
        out.push_back(':');
        AppendTypeJson(at, out);
      }
      out.push_back('}');
      if (!t.OptionalAttributes().empty()) {
        out += ",[";
        bool f = true;
        for (const auto& name : t.OptionalAttributes()) {
          if (!f) out.push_back(',');
          f = false;
          AppendGoJsonString(out, name);
        }
        out.push_back(']');
      }
      out.push_back(']');
      return;
    }
    case Type::Kind::kTuple: {
      out += "[\"tuple\",[";
      bool first = true;
      for (const Type& e : t.TupleElements()) {
        if (!first) out.push_back(',');
        first = false;
        AppendTypeJson(e, out);
      }
      out += "]]";
      return;
    }
  }
}

/// A strict JSON (RFC 8259) parser building Values; numbers keep their exact text.
/// Nesting is limited to kMaxDepth (Go's encoding/json limit) so hostile input cannot
/// exhaust the stack.
class JsonParser {
 public:
  static constexpr int kMaxDepth = 10000;

  explicit JsonParser(std::string_view text) : s_(text) {}

  JsonDecodeResult Run() {
    JsonDecodeResult r;
    SkipSpace();
    r.value = ParseValue(0);
    if (error_.empty()) {
      SkipSpace();
      if (pos_ != s_.size()) Fail("extraneous data after JSON object");
    }
    r.error = error_;
    if (!r.ok()) r.value = Value();
    return r;
  }

 private:
  void Fail(std::string m) {
    if (error_.empty()) error_ = std::move(m);
  }
  /// Go's quoteChar for the byte at pos_: 'x', '\n', '\x01', '"', '\''.
  std::string CharDesc() const { return QuoteChar(pos_ < s_.size() ? s_[pos_] : '\0'); }
  static std::string QuoteChar(char ch) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    std::string rune;
    utf8::Append(rune, c);
    std::string q = GoQuote(rune);
    return "'" + q.substr(1, q.size() - 2) + "'";
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      pos_++;
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    for (size_t i = 0; i < word.size(); i++, pos_++) {
      if (pos_ >= s_.size()) {
        Fail("unexpected EOF");
        return false;
      }
      if (s_[pos_] != word[i]) {
        Fail("invalid character " + CharDesc() + " in literal " + std::string(word) +
             " (expecting " + QuoteChar(word[i]) + ")");
        return false;
      }
    }
    return false;
  }

  Value ParseValue(int depth) {
    if (depth > kMaxDepth) {
      Fail("exceeded max depth");
      return Value();
    }
    if (pos_ >= s_.size()) {
      Fail("EOF");
      return Value();
    }
    char c = s_[pos_];
    switch (c) {
      case '{':
        return ParseObject(depth);
      case '[':
        return ParseArray(depth);
      case '"': {
        std::string str;
        ParseString(str);
        return Value::String(std::move(str));
      }
      case 't':
        return Literal("true") ? Value::True() : Value();
      case 'f':
        return Literal("false") ? Value::False() : Value();
      case 'n':
        Literal("null");
        return Value();
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
        Fail("invalid character " + CharDesc() + " looking for beginning of value");
        return Value();
    }
  }

  static bool Digit(char c) { return c >= '0' && c <= '9'; }

  Value ParseNumber() {
    size_t start = pos_;
    if (s_[pos_] == '-') pos_++;
    if (pos_ < s_.size() && s_[pos_] == '0') {
      pos_++;
    } else if (pos_ < s_.size() && Digit(s_[pos_])) {
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    } else {
      Fail(pos_ >= s_.size() ? "unexpected EOF"
                             : "invalid character " + CharDesc() + " in numeric literal");
      return Value();
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      pos_++;
      if (pos_ >= s_.size() || !Digit(s_[pos_])) {
        Fail(pos_ >= s_.size()
                 ? "unexpected EOF"
                 : "invalid character " + CharDesc() + " after decimal point in numeric literal");
        return Value();
      }
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      pos_++;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) pos_++;
      if (pos_ >= s_.size() || !Digit(s_[pos_])) {
        Fail(pos_ >= s_.size()
                 ? "unexpected EOF"
                 : "invalid character " + CharDesc() + " in exponent of numeric literal");
        return Value();
      }
      while (pos_ < s_.size() && Digit(s_[pos_])) pos_++;
    }
    auto n = Number::Parse(s_.substr(start, pos_ - start));
    if (!n) {
      Fail("invalid number");
      return Value();
    }
    return Value::Num(*n);
  }

  int Hex4() {
    if (pos_ + 4 > s_.size()) return -1;
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char c = s_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9')
        v |= c - '0';
      else if (c >= 'a' && c <= 'f')
        v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        v |= c - 'A' + 10;
      else
        return -1;
    }
    pos_ += 4;
    return v;
  }

  /// Parses a string at `pos_` (an opening quote). Invalid UTF-8 and lone surrogates become
  /// U+FFFD, as Go's decoder does.
  bool ParseString(std::string& out) {
    pos_++;
    for (;;) {
      if (pos_ >= s_.size()) {
        Fail("unexpected EOF");
        return false;
      }
      auto c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        pos_++;
        return true;
      }
      if (c < 0x20) {
        Fail("invalid character " + CharDesc() + " in string literal");
        return false;
      }
      if (c == '\\') {
        pos_++;
        if (pos_ >= s_.size()) {
          Fail("unexpected EOF");
          return false;
        }
        char e = s_[pos_++];
        switch (e) {
          case '"':
            out.push_back('"');
            break;
          case '\\':
            out.push_back('\\');
            break;
          case '/':
            out.push_back('/');
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'f':
            out.push_back('\f');
            break;
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'u': {
            size_t hex_start = pos_;
            int r = Hex4();
            if (r < 0) {
              pos_ = hex_start;
              while (pos_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[pos_])))
                pos_++;
              Fail(pos_ >= s_.size() ? "unexpected EOF"
                                     : "invalid character " + CharDesc() +
                                           " in \\u hexadecimal character escape");
              return false;
            }
            uint32_t cp = static_cast<uint32_t>(r);
            if (cp >= 0xd800 && cp < 0xdc00) {
              size_t save = pos_;
              if (s_.substr(pos_, 2) == "\\u") {
                pos_ += 2;
                int lo = Hex4();
                if (lo >= 0xdc00 && lo < 0xe000) {
                  cp = 0x10000 + ((cp - 0xd800) << 10) + (static_cast<uint32_t>(lo) - 0xdc00);
                } else {
                  pos_ = save;
                  cp = 0xfffd;
                }
              } else {
                cp = 0xfffd;
              }
            } else if (cp >= 0xdc00 && cp < 0xe000) {
              cp = 0xfffd;
            }
            utf8::Append(out, cp);
            break;
          }
          default:
            pos_--;
            Fail("invalid character " + CharDesc() + " in string escape code");
            return false;
        }
        continue;
      }
      if (c < 0x80) {
        out.push_back(static_cast<char>(c));
        pos_++;
        continue;
      }
      utf8::Decoded d = utf8::Decode(s_, pos_);
      if (d.rune == utf8::kRuneError && d.size == 1) {
        out += "\xef\xbf\xbd";
      } else {
        out.append(s_.substr(pos_, d.size));
      }
      pos_ += d.size;
    }
  }

  Value ParseArray(int depth) {
    pos_++;
    std::vector<Value> elems;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      pos_++;
      return Value::Tuple({});
    }
    for (;;) {
      SkipSpace();
      elems.push_back(ParseValue(depth + 1));
      if (!error_.empty()) return Value();
      SkipSpace();
      if (pos_ >= s_.size()) {
        Fail("EOF");
        return Value();
      }
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == ']') {
        pos_++;
        return Value::Tuple(std::move(elems));
      }
      Fail("invalid character " + CharDesc() + " after array element");
      return Value();
    }
  }

  Value ParseObject(int depth) {
    pos_++;
    std::vector<std::pair<std::string, Value>> attrs;
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      pos_++;
      return Value::Object({});
    }
    for (bool first = true;; first = false) {
      SkipSpace();
      if (pos_ >= s_.size()) {
        Fail("EOF");
        return Value();
      }
      if (s_[pos_] != '"') {
        // Go's decoder gives no context for the first key, and "looking for beginning of
        // object key string" after a comma.
        Fail("invalid character " + CharDesc() +
             (first ? "" : " looking for beginning of object key string"));
        return Value();
      }
      std::string key;
      if (!ParseString(key)) return Value();
      SkipSpace();
      if (pos_ >= s_.size() || s_[pos_] != ':') {
        Fail(pos_ >= s_.size() ? "EOF" : "invalid character " + CharDesc() + " after object key");
        return Value();
      }
      pos_++;
      SkipSpace();
      Value v = ParseValue(depth + 1);
      if (!error_.empty()) return Value();
      attrs.emplace_back(std::move(key), std::move(v));
      SkipSpace();
      if (pos_ >= s_.size()) {
        Fail("EOF");
        return Value();
      }
      if (s_[pos_] == ',') {
        pos_++;
        continue;
      }
      if (s_[pos_] == '}') {
        pos_++;
        return Value::Object(std::move(attrs));
      }
      Fail("invalid character " + CharDesc() + " after object key:value pair");
      return Value();
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

std::optional<Type> TypeFromJson(const nlohmann::json& j, int depth) {
  if (depth > 1000) return std::nullopt;
  if (j.is_string()) {
    const std::string& s = j.get_ref<const std::string&>();
    if (s == "string") return Type::String();
    if (s == "number") return Type::Number();
    if (s == "bool") return Type::Bool();
    if (s == "dynamic") return Type::Dynamic();
    return std::nullopt;
  }
  if (!j.is_array() || j.size() < 2 || !j[0].is_string()) return std::nullopt;
  const std::string& kind = j[0].get_ref<const std::string&>();
  if (kind == "list" || kind == "set" || kind == "map") {
    if (j.size() != 2) return std::nullopt;
    auto e = TypeFromJson(j[1], depth + 1);
    if (!e) return std::nullopt;
    return kind == "list" ? Type::List(*e) : kind == "set" ? Type::Set(*e) : Type::Map(*e);
  }
  if (kind == "object") {
    if (!j[1].is_object() || j.size() > 3) return std::nullopt;
    std::vector<std::pair<std::string, Type>> attrs;
    for (auto it = j[1].begin(); it != j[1].end(); ++it) {
      auto t = TypeFromJson(it.value(), depth + 1);
      if (!t) return std::nullopt;
      attrs.emplace_back(it.key(), *t);
    }
    std::vector<std::string> optional;
    if (j.size() == 3) {
      if (!j[2].is_array()) return std::nullopt;
      for (const auto& o : j[2]) {
        if (!o.is_string()) return std::nullopt;
        optional.push_back(o.get<std::string>());
      }
    }
    return Type::Object(std::move(attrs), std::move(optional));
  }
  if (kind == "tuple") {
    if (!j[1].is_array() || j.size() != 2) return std::nullopt;
    std::vector<Type> elems;
    for (const auto& e : j[1]) {
      auto t = TypeFromJson(e, depth + 1);
      if (!t) return std::nullopt;
      elems.push_back(*t);
    }
    return Type::Tuple(std::move(elems));
  }
  return std::nullopt;
}

}  // namespace

JsonEncodeResult EncodeJson(const Value& v) {
  JsonEncodeResult r;
  if (!Encode(v, r.json)) {
    r.json.clear();
    r.error = "value is not known";
  }
  return r;
}

std::string EncodeTypeJson(const Type& t) {
  std::string out;
  AppendTypeJson(t, out);
  return out;
}

std::string IndentJson(std::string_view in, std::string_view prefix, std::string_view indent) {
  std::string out;
  out.reserve(in.size() * 2);
  int depth = 0;
  auto newline = [&] {
    out.push_back('\n');
    out.append(prefix);
    for (int i = 0; i < depth; i++) out.append(indent);
  };
  for (size_t i = 0; i < in.size(); i++) {
    char c = in[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < in.size() && in[j] != '"') j += in[j] == '\\' ? 2 : 1;
      out.append(in.substr(i, j - i + 1));
      i = j;
      continue;
    }
    switch (c) {
      case '{':
      case '[': {
        char close = c == '{' ? '}' : ']';
        if (i + 1 < in.size() && in[i + 1] == close) {
          out.push_back(c);
          out.push_back(close);
          i++;
          break;
        }
        out.push_back(c);
        depth++;
        newline();
        break;
      }
      case '}':
      case ']':
        depth--;
        newline();
        out.push_back(c);
        break;
      case ',':
        out.push_back(',');
        newline();
        break;
      case ':':
        out += ": ";
        break;
      case ' ':
      case '\n':
      case '\t':
      case '\r':
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

JsonDecodeResult DecodeJson(std::string_view text) { return JsonParser(text).Run(); }

std::optional<Type> DecodeTypeJson(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return TypeFromJson(j, 0);
}

}  // namespace cairn
