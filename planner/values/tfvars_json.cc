#include "planner/values/tfvars_json.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>

#include "lang/base/go_quote.h"
#include "lang/base/number.h"
#include "lang/base/utf8.h"

namespace cairn::planner {
namespace {

enum class Tok { kBraceO, kBraceC, kBrackO, kBrackC, kComma, kColon, kEquals, kKeyword,
                 kString, kNumber, kEof, kInvalid };

struct Token {
  Tok type;
  std::string_view bytes;
  Range range;
};

/// hcl json's scanner: lax about the contents of strings, numbers and keywords (the parser
/// checks them); stops at the first byte it cannot classify.
std::vector<Token> Scan(std::string_view buf, FileName file) {
  std::vector<Token> tokens;
  Pos p;
  size_t i = 0;
  auto range = [&](Pos start) { return Range{file, start, p}; };
  while (true) {
    for (; i < buf.size(); ++i) {
      char c = buf[i];
      if (c == ' ') {
        ++p.byte, ++p.column;
      } else if (c == '\n') {
        ++p.byte, p.column = 1, ++p.line;
      } else if (c == '\r') {
        ++p.byte;
      } else if (c == '\t') {
        ++p.byte, p.column += 2;
      } else {
        break;
      }
    }
    if (i >= buf.size()) {
      tokens.push_back({Tok::kEof, {}, range(p)});
      return tokens;
    }
    Pos start = p;
    size_t from = i;
    char c = buf[i];
    auto single = [&](Tok t) {
      ++i, ++p.byte, ++p.column;
      tokens.push_back({t, buf.substr(from, 1), range(start)});
    };
    switch (c) {
      case '{': single(Tok::kBraceO); continue;
      case '}': single(Tok::kBraceC); continue;
      case '[': single(Tok::kBrackO); continue;
      case ']': single(Tok::kBrackC); continue;
      case ',': single(Tok::kComma); continue;
      case ':': single(Tok::kColon); continue;
      case '=': single(Tok::kEquals); continue;
      default: break;
    }
    if (c == '"') {
      ++i, ++p.byte, ++p.column;
      bool escaping = false;
      while (i < buf.size()) {
        char b = buf[i];
        if (b == '\\') {
          escaping = !escaping;
          ++i, ++p.byte, ++p.column;
        } else if (b == '"') {
          ++i, ++p.byte, ++p.column;
          if (!escaping) break;
          escaping = false;
        } else if (static_cast<unsigned char>(b) < 32) {
          break;
        } else {
          size_t n = utf8::Decode(buf, i).size;
          i += n, p.byte += static_cast<int64_t>(n), ++p.column;
          escaping = false;
        }
      }
      tokens.push_back({Tok::kString, buf.substr(from, i - from), range(start)});
      continue;
    }
    auto is_num = [](char b) {
      return b == '-' || b == '+' || b == '.' || (b >= '0' && b <= '9');
    };
    auto is_alpha = [](char b) { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'); };
    if (is_num(c)) {
      while (i < buf.size() && (is_num(buf[i]) || buf[i] == 'e' || buf[i] == 'E')) {
        ++i, ++p.byte, ++p.column;
      }
      tokens.push_back({Tok::kNumber, buf.substr(from, i - from), range(start)});
      continue;
    }
    if (is_alpha(c)) {
      while (i < buf.size() && (is_alpha(buf[i]) || buf[i] == '_')) ++i, ++p.byte, ++p.column;
      tokens.push_back({Tok::kKeyword, buf.substr(from, i - from), range(start)});
      continue;
    }
    Pos end = p;
    end.byte += 1, end.column += 1;
    tokens.push_back({Tok::kInvalid, buf.substr(from, 1), Range{file, start, end}});
    tokens.push_back({Tok::kEof, {}, Range{file, end, end}});
    return tokens;
  }
}

/// A parsed JSON value (hcl json's node types, reduced to what tfvars need).
struct Node {
  enum class Kind { kObject, kArray, kNumber, kString, kBool, kNull, kInvalid };
  Kind kind = Kind::kInvalid;
  Range range;
  Range open_range;
  std::string text;  // string value, number text
  bool boolean = false;
  struct Attr {
    std::string name;
    std::unique_ptr<Node> value;
    Range name_range;
  };
  std::vector<Attr> attrs;
  std::vector<std::unique_ptr<Node>> items;
};
using NodePtr = std::unique_ptr<Node>;

constexpr int kMaxDepth = 1000;

class Parser {
 public:
  Parser(std::vector<Token> tokens, Diagnostics& diags)
      : tokens_(std::move(tokens)), diags_(diags) {}

  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Read() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }

  /// parseValue; returns null after an error (the caller wraps it as invalid where hcl does).
  NodePtr ParseValue(int depth) {
    const Token& tok = Peek();
    NodePtr n;
    if (depth > kMaxDepth) {
      Error("Nesting too deep", "The JSON value is nested too deeply to be read.", tok.range);
      return Invalid(tok.range);
    }
    switch (tok.type) {
      case Tok::kBraceO: n = ParseObject(depth); break;
      case Tok::kBrackO: n = ParseArray(depth); break;
      case Tok::kNumber: n = ParseNumber(); break;
      case Tok::kString: n = ParseString(); break;
      case Tok::kKeyword: n = ParseKeyword(); break;
      case Tok::kBraceC:
        Error("Missing JSON value",
              "A JSON value must start with a brace, a bracket, a number, a string, or a "
              "keyword.",
              tok.range);
        break;
      case Tok::kBrackC:
        Error("Missing array element value",
              "A JSON value must start with a brace, a bracket, a number, a string, or a "
              "keyword.",
              tok.range);
        break;
      case Tok::kEof:
        Error("Missing value", "The JSON data ends prematurely.", tok.range);
        break;
      default:
        Error("Invalid start of value",
              "A JSON value must start with a brace, a bracket, a number, a string, or a "
              "keyword.",
              tok.range);
        break;
    }
    if (!n) return Invalid(tok.range);
    return n;
  }

 private:
  static NodePtr Invalid(const Range& r) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kInvalid;
    n->range = r;
    return n;
  }
  void Error(const char* summary, std::string detail, const Range& subject,
             std::optional<Range> context = std::nullopt) {
    diags_.Error(summary, std::move(detail), subject, context);
  }

  /// Skips to what seems to be the end of the current object or array.
  void Recover(Token tok, Tok open_type, Tok close_type) {
    int open = 1;
    while (true) {
      if (tok.type == open_type) {
        ++open;
      } else if (tok.type == close_type) {
        if (--open <= 1) return;
      } else if (tok.type == Tok::kEof) {
        return;
      }
      tok = Read();
    }
  }

  NodePtr ParseObject(int depth) {
    Token open = Read();
    auto obj = std::make_unique<Node>();
    obj->kind = Node::Kind::kObject;
    obj->open_range = open.range;
    while (true) {
      if (Peek().type == Tok::kBraceC) break;
      // As in hcl, a nested value that failed is an invalid node, not the end of parsing.
      NodePtr key = ParseValue(depth + 1);
      if (key->kind != Node::Kind::kString) {
        Error("Invalid object property name", "A JSON object property name must be a string",
              key->kind == Node::Kind::kObject || key->kind == Node::Kind::kArray
                  ? key->open_range
                  : key->range);
        return nullptr;
      }
      Token colon = Read();
      if (colon.type != Tok::kColon) {
        Recover(colon, Tok::kBraceO, Tok::kBraceC);
        if (colon.type == Tok::kBraceC || colon.type == Tok::kComma) {
          Error("Missing object value",
                "A JSON object attribute must have a value, introduced by a colon.",
                colon.range);
        } else if (colon.type == Tok::kEquals) {
          Error("Missing property value colon",
                "JSON uses a colon as its name/value delimiter, not an equals sign.",
                colon.range);
        } else {
          Error("Missing property value colon",
                "A colon must appear between an object property's name and its value.",
                colon.range);
        }
        return nullptr;
      }
      NodePtr value = ParseValue(depth + 1);
      obj->attrs.push_back({key->text, std::move(value), key->range});
      switch (Peek().type) {
        case Tok::kComma: {
          Token comma = Read();
          if (Peek().type == Tok::kBraceC) {
            Error("Trailing comma in object",
                  "JSON does not permit a trailing comma after the final property in an "
                  "object.",
                  comma.range);
            return nullptr;
          }
          continue;
        }
        case Tok::kEof:
          Error("Unclosed object", "No closing brace was found for this JSON object.",
                open.range);
          return nullptr;
        case Tok::kBrackC: {
          Token t = Read();
          Error("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.",
                t.range);
          return nullptr;
        }
        case Tok::kBraceC:
          break;
        default:
          Recover(Read(), Tok::kBraceO, Tok::kBraceC);
          Error("Missing attribute seperator comma",
                "A comma must appear between each property definition in an object.",
                Peek().range);
          return nullptr;
      }
      break;
    }
    Token close = Read();
    obj->range = Range{open.range.filename, open.range.start, close.range.end};
    return obj;
  }

  NodePtr ParseArray(int depth) {
    Token open = Read();
    auto arr = std::make_unique<Node>();
    arr->kind = Node::Kind::kArray;
    arr->open_range = open.range;
    while (true) {
      if (Peek().type == Tok::kBrackC) break;
      NodePtr value = ParseValue(depth + 1);
      arr->items.push_back(std::move(value));
      switch (Peek().type) {
        case Tok::kComma: {
          Token comma = Read();
          if (Peek().type == Tok::kBrackC) {
            Error("Trailing comma in array",
                  "JSON does not permit a trailing comma after the final value in an array.",
                  comma.range);
            return nullptr;
          }
          continue;
        }
        case Tok::kColon:
          Recover(Read(), Tok::kBrackO, Tok::kBrackC);
          Error("Invalid array value", "A colon is not used to introduce values in a JSON array.",
                Peek().range);
          return nullptr;
        case Tok::kEof:
          Recover(Read(), Tok::kBrackO, Tok::kBrackC);
          Error("Unclosed object", "No closing bracket was found for this JSON array.",
                open.range);
          return nullptr;
        case Tok::kBraceC: {
          // As Terraform's hcl reports it: at the token where recovery stopped.
          Recover(Read(), Tok::kBrackO, Tok::kBrackC);
          Error("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.",
                Peek().range);
          return nullptr;
        }
        case Tok::kBrackC:
          break;
        default:
          Recover(Read(), Tok::kBrackO, Tok::kBrackC);
          Error("Missing attribute seperator comma",
                "A comma must appear between each value in an array.", Peek().range);
          return nullptr;
      }
      break;
    }
    Token close = Read();
    arr->range = Range{open.range.filename, open.range.start, close.range.end};
    return arr;
  }

  NodePtr ParseNumber() {
    Token tok = Read();
    bool valid = false;
    try {
      nlohmann::json j = nlohmann::json::parse(tok.bytes);
      valid = j.is_number();
    } catch (const nlohmann::json::exception&) {
      valid = false;
    }
    if (!valid || !Number::Parse(tok.bytes)) {
      Error("Invalid JSON number", "There is a syntax error in the given JSON number.",
            tok.range);
      return nullptr;
    }
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kNumber;
    n->text = std::string(tok.bytes);
    n->range = tok.range;
    return n;
  }

  NodePtr ParseString() {
    Token tok = Read();
    std::string value;
    bool ok = tok.bytes.size() >= 2 && tok.bytes.back() == '"';
    if (ok) {
      try {
        value = nlohmann::json::parse(tok.bytes).get<std::string>();
      } catch (const nlohmann::json::exception&) {
        ok = false;
      }
    }
    if (!ok) {
      Error("Invalid JSON string", "There is a syntax error in the given JSON string.",
            tok.range);
      return nullptr;
    }
    auto n = std::make_unique<Node>();
    n->kind = Node::Kind::kString;
    n->text = std::move(value);
    n->range = tok.range;
    return n;
  }

  NodePtr ParseKeyword() {
    Token tok = Read();
    auto n = std::make_unique<Node>();
    n->range = tok.range;
    if (tok.bytes == "true" || tok.bytes == "false") {
      n->kind = Node::Kind::kBool;
      n->boolean = tok.bytes == "true";
      return n;
    }
    if (tok.bytes == "null") {
      n->kind = Node::Kind::kNull;
      return n;
    }
    if (tok.bytes == "undefined" || tok.bytes == "NaN" || tok.bytes == "Infinity") {
      Error("Invalid JSON keyword",
            fmt::format("The JavaScript identifier {} cannot be used in JSON.",
                        GoQuote(tok.bytes)),
            tok.range);
      return nullptr;
    }
    std::string lower;
    for (char c : tok.bytes) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string dym;
    for (const char* k : {"true", "false", "null"}) {
      if (lower == k) dym = fmt::format(" Did you mean {}?", GoQuote(k));
    }
    Error("Invalid JSON keyword",
          fmt::format("{} is not a valid JSON keyword.{}", GoQuote(tok.bytes), dym), tok.range);
    return nullptr;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  Diagnostics& diags_;
};

std::string RangeString(const Range& r);

/// A JSON value as hcl json's Value(nil) gives it: objects, tuples, literal strings; a name
/// repeated in an object is "Duplicate object attribute".
Value ToValue(const Node& n, Diagnostics& diags) {
  switch (n.kind) {
    case Node::Kind::kNumber:
      return Value::Num(*Number::Parse(n.text));
    case Node::Kind::kString:
      return Value::String(n.text);
    case Node::Kind::kBool:
      return Value::Bool(n.boolean);
    case Node::Kind::kNull:
      return Value();
    case Node::Kind::kInvalid:
      return Value::DynamicUnknown();
    case Node::Kind::kArray: {
      std::vector<Value> items;
      items.reserve(n.items.size());
      for (const NodePtr& item : n.items) items.push_back(ToValue(*item, diags));
      return Value::Tuple(std::move(items));
    }
    case Node::Kind::kObject: {
      std::vector<std::pair<std::string, Value>> attrs;
      attrs.reserve(n.attrs.size());
      std::map<std::string_view, const Range*> seen;
      for (const Node::Attr& a : n.attrs) {
        if (auto it = seen.find(a.name); it != seen.end()) {
          diags.Error("Duplicate object attribute",
                      fmt::format("An attribute named {} was already defined at {}.",
                                  GoQuote(a.name), RangeString(*it->second)),
                      a.name_range);
          continue;
        }
        seen.emplace(a.name, &a.name_range);
        attrs.emplace_back(a.name, ToValue(*a.value, diags));
      }
      if (diags.HasErrors()) return Value::DynamicUnknown();
      return Value::Object(std::move(attrs));
    }
  }
  return Value::DynamicUnknown();
}

std::string RangeString(const Range& r) {
  if (r.start.line == r.end.line) {
    return fmt::format("{}:{},{}-{}", r.filename.str(), r.start.line, r.start.column,
                       r.end.column);
  }
  return fmt::format("{}:{},{}-{},{}", r.filename.str(), r.start.line, r.start.column,
                     r.end.line, r.end.column);
}

}  // namespace

JsonTfvarsResult ParseJsonTfvars(std::string_view source, std::string_view filename) {
  JsonTfvarsResult out;
  FileName file = FileName::Intern(filename);
  Parser parser(Scan(source, file), out.diagnostics);
  NodePtr root = parser.ParseValue(0);
  if (!out.diagnostics.HasErrors() && parser.Peek().type != Tok::kEof) {
    out.diagnostics.Error("Extraneous data after value",
                          "Extra characters appear after the JSON value.", parser.Peek().range);
  }
  // hcl json's body: the root must be an object or an array of objects.
  std::vector<const Node*> objects;
  if (root->kind == Node::Kind::kObject) {
    objects.push_back(root.get());
  } else if (root->kind == Node::Kind::kArray) {
    // hcl json's JustAttributes wants the root object itself.
    out.diagnostics.Error("Incorrect JSON value type",
                          "A JSON object is required here, setting the arguments for this "
                          "block.",
                          root->open_range);
    return out;
  } else {
    out.diagnostics.Error("Root value must be object",
                          "The root value in a JSON-based configuration must be either a JSON "
                          "object or a JSON array of objects.",
                          root->range);
    return out;
  }
  std::map<std::string, Range, std::less<>> seen;  // name -> the attribute's range
  for (const Node* obj : objects) {
    for (const Node::Attr& a : obj->attrs) {
      if (a.name == "//") continue;  // hcl json's comment property
      Range attr_range{a.name_range.filename, a.name_range.start, a.value->range.end};
      if (auto it = seen.find(a.name); it != seen.end()) {
        out.diagnostics.Error("Duplicate attribute definition",
                              fmt::format("The argument {} was already set at {}.",
                                          GoQuote(a.name), RangeString(it->second)),
                              a.name_range);
        continue;
      }
      seen.emplace(a.name, attr_range);
      JsonAttribute attr{a.name, Value(), a.name_range, a.value->range, {}};
      attr.value = ToValue(*a.value, attr.value_diagnostics);
      out.attributes.push_back(std::move(attr));
    }
  }
  return out;
}

}  // namespace cairn::planner
