#pragma once
/// Test support for the value tests: reads `*_golden.txt` records and builds values from the
/// small subset of HCL the goldens use (literals, tuples, objects, and the functions
/// tolist/toset/tomap/tostring/tonumber/tobool/sensitive/jsonencode/jsondecode/type, and
/// `terraform_data.x.<attr>` for an unknown value of unknown type), using
/// only lang/base's own API (Number::Parse, Value constructors, Convert, JSON codec).

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/number.h"
#include "lang/base/value.h"
#include "lang/base/value_json.h"

namespace cairn::testing {

struct GoldenRecord {
  std::string input;     ///< the case line
  std::string expected;  ///< what Terraform printed (lines joined by \n)
};

/// Reads `tests/lang/base/<name>_golden.txt`.
inline std::vector<GoldenRecord> ReadGolden(const std::string& name) {
  std::ifstream in(std::string(CAIRN_SOURCE_DIR) + "/tests/lang/base/" + name + "_golden.txt");
  std::vector<GoldenRecord> records;
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      records.push_back({line.substr(4), ""});
      lines.emplace_back();
    } else if (!records.empty()) {
      lines.back().push_back(line);
    }
  }
  for (size_t i = 0; i < records.size(); i++) {
    for (size_t k = 0; k < lines[i].size(); k++) {
      if (k > 0) records[i].expected.push_back('\n');
      records[i].expected += lines[i][k];
    }
  }
  return records;
}

/// The result of building a value from an expression: the value, or (for `type(x)`) the type.
struct Built {
  Value value;
  std::optional<Type> type;  ///< set for type(...)
  std::string error;         ///< non-empty when the expression is outside the subset
};

class LiteralBuilder {
 public:
  explicit LiteralBuilder(std::string_view text) : s_(text) {}

  Built Build() {
    Built b;
    SkipSpace();
    if (s_.substr(pos_, 5) == "type(") {
      pos_ += 5;
      Value v = Expr();
      Expect(')');
      b.type = v.type();
    } else {
      b.value = Expr();
    }
    SkipSpace();
    if (pos_ != s_.size() && error_.empty()) error_ = "trailing text";
    b.error = error_;
    return b;
  }

 private:
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n')) pos_++;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      pos_++;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c) && error_.empty())
      error_ = std::string("expected ") + c + " at " + std::to_string(pos_);
  }
  std::string Ident() {
    size_t st = pos_;
    while (pos_ < s_.size() &&
           (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
      pos_++;
    return std::string(s_.substr(st, pos_ - st));
  }
  static void AppendUtf8(std::string& out, uint32_t r) {
    if (r < 0x80) {
      out.push_back(static_cast<char>(r));
    } else if (r < 0x800) {
      out.push_back(static_cast<char>(0xc0 | (r >> 6)));
      out.push_back(static_cast<char>(0x80 | (r & 0x3f)));
    } else if (r < 0x10000) {
      out.push_back(static_cast<char>(0xe0 | (r >> 12)));
      out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (r & 0x3f)));
    } else {
      out.push_back(static_cast<char>(0xf0 | (r >> 18)));
      out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3f)));
      out.push_back(static_cast<char>(0x80 | (r & 0x3f)));
    }
  }
  std::string StringLit() {
    std::string out;
    pos_++;  // opening quote
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      char e = s_[pos_++];
      switch (e) {
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case 'u':
        case 'U': {
          int n = e == 'u' ? 4 : 8;
          uint32_t r = std::stoul(std::string(s_.substr(pos_, n)), nullptr, 16);
          pos_ += n;
          AppendUtf8(out, r);
          break;
        }
        default:
          error_ = "bad escape";
      }
    }
    pos_++;  // closing quote
    return out;
  }
  Value Expr() {
    SkipSpace();
    if (pos_ >= s_.size()) {
      error_ = "unexpected end";
      return Value();
    }
    char c = s_[pos_];
    if (c == '"') return Value::String(StringLit());
    if (c == '-') {
      pos_++;
      Value v = Expr();
      return Value::Num(v.AsNumber().Neg());
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t st = pos_;
      while (pos_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '.' ||
              ((s_[pos_] == '+' || s_[pos_] == '-') &&
               (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')))) {
        pos_++;
      }
      auto n = Number::Parse(s_.substr(st, pos_ - st));
      if (!n) error_ = "bad number";
      return n ? Value::Num(*n) : Value();
    }
    if (c == '[') {
      pos_++;
      std::vector<Value> elems;
      while (error_.empty() && !Eat(']')) {
        elems.push_back(Expr());
        if (!Eat(',')) {
          Expect(']');
          break;
        }
      }
      return Value::Tuple(std::move(elems));
    }
    if (c == '{') {
      pos_++;
      std::vector<std::pair<std::string, Value>> attrs;
      while (error_.empty() && !Eat('}')) {
        SkipSpace();
        std::string key = s_[pos_] == '"' ? StringLit() : Ident();
        Expect('=');
        attrs.emplace_back(key, Expr());
        Eat(',');
      }
      return Value::Object(std::move(attrs));
    }
    std::string id = Ident();
    if (id == "terraform_data") {
      // An unapplied resource in `terraform console`: its attributes are unknown, of
      // unknown type.
      while (pos_ < s_.size() &&
             (s_[pos_] == '.' || std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
              s_[pos_] == '_'))
        pos_++;
      return Value::DynamicUnknown();
    }
    if (id == "true") return Value::True();
    if (id == "false") return Value::False();
    if (id == "null") return Value();
    Expect('(');
    Value arg = Expr();
    Expect(')');
    if (id == "sensitive") return arg.WithMarks(Marks::Sensitive());
    if (id == "jsonencode") {
      if (!arg.IsWhollyKnown()) return Value::Unknown(Type::String());
      return Value::String(EncodeJson(arg.UnmarkedDeep()).json);
    }
    if (id == "jsondecode") {
      JsonDecodeResult r = DecodeJson(arg.AsString());
      if (!r.ok()) error_ = r.error;
      return r.value;
    }
    Type want;
    if (id == "tolist")
      want = Type::List(Type::Dynamic());
    else if (id == "toset")
      want = Type::Set(Type::Dynamic());
    else if (id == "tomap")
      want = Type::Map(Type::Dynamic());
    else if (id == "tostring")
      want = Type::String();
    else if (id == "tonumber")
      want = Type::Number();
    else if (id == "tobool")
      want = Type::Bool();
    else {
      error_ = "unknown function " + id;
      return Value();
    }
    ConvertResult r = Convert(arg, want);
    if (!r.ok()) {
      error_ = r.error->Format();
      return Value();
    }
    return r.value;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

inline Built BuildValue(std::string_view text) { return LiteralBuilder(text).Build(); }

}  // namespace cairn::testing
