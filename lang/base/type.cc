#include "lang/base/type.h"

#include "lang/base/go_quote.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "lang/base/convert.h"
#include "lang/base/type_defaults.h"
#include "lang/base/value_json.h"

namespace cairn {

namespace {

using type_detail::Compound;

const Type& DynamicType() {
  static const Type t;
  return t;
}

bool IsIdentifierStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentifierChar(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '-' || c >= 0x80;
}

bool IsValidIdentifier(std::string_view s) {
  if (s.empty() || !IsIdentifierStart(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return IsIdentifierChar(c); });
}

/// Whether an object or tuple type appears anywhere in `t` (such types print on many lines).
bool HasStructural(const Type& t) {
  if (t.IsObject() || t.IsTuple()) return true;
  if (t.IsCollection()) return HasStructural(t.ElementType());
  return false;
}

/// The shared node of a primitive type: only its kind is set.
Compound PrimitiveNode(Type::Kind kind) {
  Compound node;
  node.kind = kind;
  return node;
}

}  // namespace

Type::Type(Kind k) {
  static const Compound kBoolNode = PrimitiveNode(Kind::kBool);
  static const Compound kNumberNode = PrimitiveNode(Kind::kNumber);
  static const Compound kStringNode = PrimitiveNode(Kind::kString);
  const Compound* node = k == Kind::kBool     ? &kBoolNode
                         : k == Kind::kNumber ? &kNumberNode
                         : k == Kind::kString ? &kStringNode
                                              : nullptr;
  if (node) compound_ = std::shared_ptr<const Compound>(std::shared_ptr<void>(), node);
}

Type Type::List(Type element) {
  auto c = std::make_shared<Compound>();
  c->has_dynamic = element.HasDynamic();
  c->kind = Kind::kList;
  c->element = std::move(element);
  return Type(std::move(c));
}

Type Type::Set(Type element) {
  auto c = std::make_shared<Compound>();
  c->has_dynamic = element.HasDynamic();
  c->kind = Kind::kSet;
  c->element = std::move(element);
  return Type(std::move(c));
}

Type Type::Map(Type element) {
  auto c = std::make_shared<Compound>();
  c->has_dynamic = element.HasDynamic();
  c->kind = Kind::kMap;
  c->element = std::move(element);
  return Type(std::move(c));
}

Type Type::Object(std::vector<std::pair<std::string, Type>> attributes,
                  std::vector<std::string> optional) {
  auto c = std::make_shared<Compound>();
  auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(attributes.begin(), attributes.end(), by_name)) {
    std::sort(attributes.begin(), attributes.end(), by_name);
  }
  for (const auto& [name, t] : attributes) c->has_dynamic = c->has_dynamic || t.HasDynamic();
  c->names.reserve(attributes.size());
  for (const auto& [name, t] : attributes) c->names.push_back(name);
  c->attributes = std::move(attributes);
  std::sort(optional.begin(), optional.end());
  optional.erase(std::unique(optional.begin(), optional.end()), optional.end());
  c->optional = std::move(optional);
  c->kind = Kind::kObject;
  return Type(std::move(c));
}

Type Type::Tuple(std::vector<Type> elements) {
  auto c = std::make_shared<Compound>();
  for (const auto& t : elements) c->has_dynamic = c->has_dynamic || t.HasDynamic();
  c->elements = std::move(elements);
  c->kind = Kind::kTuple;
  return Type(std::move(c));
}

bool Type::HasDynamic() const {
  if (IsDynamic()) return true;
  return compound_->has_dynamic;
}

const Type& Type::ElementType() const {
  if (!IsCollection()) return DynamicType();
  return compound_->element;
}

const std::vector<std::pair<std::string, Type>>& Type::Attributes() const {
  static const std::vector<std::pair<std::string, Type>> empty;
  return IsObject() ? compound_->attributes : empty;
}

const std::vector<std::string>& Type::AttributeNames() const {
  static const std::vector<std::string> none;
  return IsObject() ? compound_->names : none;
}

int Type::AttributeIndex(std::string_view name) const {
  const auto& attrs = Attributes();
  auto it = std::lower_bound(attrs.begin(), attrs.end(), name,
                             [](const auto& a, std::string_view n) { return a.first < n; });
  if (it == attrs.end() || it->first != name) return -1;
  return static_cast<int>(it - attrs.begin());
}

bool Type::IsOptionalAttribute(std::string_view name) const {
  const auto& opt = OptionalAttributes();
  return std::binary_search(opt.begin(), opt.end(), name,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

const std::vector<std::string>& Type::OptionalAttributes() const {
  static const std::vector<std::string> empty;
  return IsObject() ? compound_->optional : empty;
}

const std::vector<Type>& Type::TupleElements() const {
  static const std::vector<Type> empty;
  return IsTuple() ? compound_->elements : empty;
}

bool operator==(const Type& a, const Type& b) {
  if (a.compound_ == b.compound_) return true;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return a.compound_->element == b.compound_->element;
    case Type::Kind::kObject:
      return a.compound_->attributes == b.compound_->attributes &&
             a.compound_->optional == b.compound_->optional;
    case Type::Kind::kTuple:
      return a.compound_->elements == b.compound_->elements;
    default:
      return true;
  }
}

std::string Type::FriendlyName() const {
  switch (kind()) {
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list of " + ElementType().FriendlyName();
    case Kind::kSet:
      return "set of " + ElementType().FriendlyName();
    case Kind::kMap:
      return "map of " + ElementType().FriendlyName();
    case Kind::kObject:
      return "object";
    case Kind::kTuple:
      return "tuple";
  }
  return "dynamic";
}

std::string Type::FriendlyNameForConstraint() const {
  switch (kind()) {
    case Kind::kDynamic:
      return "any type";
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap: {
      std::string prefix = kind() == Kind::kList  ? "list of "
                           : kind() == Kind::kSet ? "set of "
                                                  : "map of ";
      if (ElementType().IsDynamic()) return prefix + "any single type";
      return prefix + ElementType().FriendlyNameForConstraint();
    }
    default:
      return FriendlyName();
  }
}

std::string Type::ConstraintString() const {
  switch (kind()) {
    case Kind::kDynamic:
      return "any";
    case Kind::kBool:
      return "bool";
    case Kind::kNumber:
      return "number";
    case Kind::kString:
      return "string";
    case Kind::kList:
      return "list(" + ElementType().ConstraintString() + ")";
    case Kind::kSet:
      return "set(" + ElementType().ConstraintString() + ")";
    case Kind::kMap:
      return "map(" + ElementType().ConstraintString() + ")";
    case Kind::kObject: {
      std::string out = "object({";
      bool first = true;
      for (const auto& [name, t] : Attributes()) {
        if (!first) out.push_back(',');
        first = false;
        out += IsValidIdentifier(name) ? name : GoQuote(name);
        out.push_back('=');
        if (IsOptionalAttribute(name)) {
          out += "optional(" + t.ConstraintString() + ")";
        } else {
          out += t.ConstraintString();
        }
      }
      return out + "})";
    }
    case Kind::kTuple: {
      std::string out = "tuple([";
      bool first = true;
      for (const auto& t : TupleElements()) {
        if (!first) out.push_back(',');
        first = false;
        out += t.ConstraintString();
      }
      return out + "])";
    }
  }
  return "any";
}

std::string Type::ConsoleString(int indent) const {
  std::string pad(indent, ' ');
  std::string inner(indent + 4, ' ');
  switch (kind()) {
    case Kind::kDynamic:
      return "dynamic";
    case Kind::kBool:
    case Kind::kNumber:
    case Kind::kString:
      return FriendlyName();
    case Kind::kList:
    case Kind::kSet:
    case Kind::kMap: {
      std::string name = kind() == Kind::kList ? "list" : kind() == Kind::kSet ? "set" : "map";
      const Type& e = ElementType();
      if (!HasStructural(e)) return name + "(" + e.ConsoleString(0) + ")";
      return name + "(\n" + inner + e.ConsoleString(indent + 4) + ",\n" + pad + ")";
    }
    case Kind::kObject: {
      if (Attributes().empty()) return "object({})";
      std::string out = "object({\n";
      for (const auto& [name, t] : Attributes()) {
        out += inner + name + ": " + t.ConsoleString(indent + 4) + ",\n";
      }
      return out + pad + "})";
    }
    case Kind::kTuple: {
      if (TupleElements().empty()) return "tuple([])";
      std::string out = "tuple([\n";
      for (const auto& t : TupleElements()) out += inner + t.ConsoleString(indent + 4) + ",\n";
      return out + pad + "])";
    }
  }
  return "dynamic";
}

namespace {

/// Recursive-descent parser for type-constraint text.
class ConstraintParser {
 public:
  explicit ConstraintParser(std::string_view text) : text_(text) {}

  ParsedTypeConstraint Run() {
    ParsedTypeConstraint out;
    std::shared_ptr<TypeDefaults> defaults;
    out.type = ParseType(defaults);
    SkipSpace();
    if (error_.empty() && pos_ != text_.size()) Fail("unexpected text after the type");
    out.error = error_;
    if (error_.empty()) out.defaults = std::move(defaults);
    return out;
  }

 private:
  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) pos_++;
  }
  void Fail(std::string message) {
    if (error_.empty()) error_ = message + " at offset " + std::to_string(pos_);
  }
  /// The text of a JSON literal ending before the `)` that closes optional(...).
  std::string_view DefaultText() {
    SkipSpace();
    size_t start = pos_;
    int depth = 0;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '"') {
        pos_++;
        while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
      } else if (c == '[' || c == '{') {
        depth++;
      } else if (c == ']' || c == '}') {
        depth--;
      } else if (c == ')' && depth == 0) {
        break;
      }
      pos_++;
    }
    size_t end = pos_;
    while (end > start && std::isspace(static_cast<unsigned char>(text_[end - 1]))) end--;
    return text_.substr(start, end - start);
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      pos_++;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c)) Fail(std::string("expected '") + c + "'");
  }
  std::string Word() {
    SkipSpace();
    size_t start = pos_;
    while (pos_ < text_.size() && IsIdentifierChar(static_cast<unsigned char>(text_[pos_]))) pos_++;
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string AttributeName() {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == '"') {
      pos_++;
      std::string name;
      while (pos_ < text_.size() && text_[pos_] != '"') name.push_back(text_[pos_++]);
      Expect('"');
      return name;
    }
    return Word();
  }

  /// Parses one type; sets `defaults` to its defaults tree when it has one.
  Type ParseType(std::shared_ptr<TypeDefaults>& defaults) {
    defaults = nullptr;
    if (!error_.empty() || ++depth_ > 100) {
      Fail("type too deeply nested");
      return Type();
    }
    std::string w = Word();
    Type result;
    if (w == "string") {
      result = Type::String();
    } else if (w == "number") {
      result = Type::Number();
    } else if (w == "bool") {
      result = Type::Bool();
    } else if (w == "any") {
      result = Type::Dynamic();
    } else if (w == "list" || w == "set" || w == "map") {
      Expect('(');
      std::shared_ptr<TypeDefaults> child;
      Type e = ParseType(child);
      Expect(')');
      result = w == "list" ? Type::List(e) : w == "set" ? Type::Set(e) : Type::Map(e);
      if (child) {
        defaults = std::make_shared<TypeDefaults>();
        defaults->type = result;
        defaults->children[""] = std::move(child);
      }
    } else if (w == "object") {
      Expect('(');
      Expect('{');
      std::vector<std::pair<std::string, Type>> attrs;
      std::vector<std::string> optional;
      std::map<std::string, Value> default_values;
      std::map<std::string, std::shared_ptr<const TypeDefaults>> children;
      while (error_.empty() && !Eat('}')) {
        std::string name = AttributeName();
        if (name.empty()) Fail("expected an attribute name");
        if (!Eat('=')) Expect(':');
        SkipSpace();
        size_t save = pos_;
        std::shared_ptr<TypeDefaults> child;
        if (Word() == "optional" && Eat('(')) {
          optional.push_back(name);
          Type at = ParseType(child);
          attrs.emplace_back(name, at);
          if (Eat(',')) {
            std::string_view json = DefaultText();
            JsonDecodeResult d = DecodeJson(json);
            if (!d.ok()) {
              Fail("invalid default value (a JSON literal is expected): " + d.error);
            } else {
              ConvertResult c = Convert(d.value, at);
              if (!c.ok()) {
                if (error_.empty()) {
                  error_ =
                      "This default value is not compatible with the attribute's type "
                      "constraint: " +
                      c.error->message + ".";
                }
              } else {
                default_values[name] = c.value;
              }
            }
          }
          Expect(')');
        } else {
          pos_ = save;
          attrs.emplace_back(name, ParseType(child));
        }
        if (child) children[name] = std::move(child);
        if (!Eat(',')) {
          Expect('}');
          break;
        }
      }
      Expect(')');
      result = Type::Object(std::move(attrs), std::move(optional));
      if (!default_values.empty() || !children.empty()) {
        defaults = std::make_shared<TypeDefaults>();
        defaults->type = result;
        defaults->values = std::move(default_values);
        defaults->children = std::move(children);
      }
    } else if (w == "tuple") {
      Expect('(');
      Expect('[');
      std::vector<Type> elems;
      std::map<std::string, std::shared_ptr<const TypeDefaults>> children;
      while (error_.empty() && !Eat(']')) {
        std::shared_ptr<TypeDefaults> child;
        elems.push_back(ParseType(child));
        if (child) children[std::to_string(elems.size() - 1)] = std::move(child);
        if (!Eat(',')) {
          Expect(']');
          break;
        }
      }
      Expect(')');
      result = Type::Tuple(std::move(elems));
      if (!children.empty()) {
        defaults = std::make_shared<TypeDefaults>();
        defaults->type = result;
        defaults->children = std::move(children);
      }
    } else {
      Fail(w.empty() ? "expected a type" : "unknown type \"" + w + "\"");
    }
    depth_--;
    return result;
  }

  std::string_view text_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

ParsedTypeConstraint ParseTypeConstraint(std::string_view text) {
  return ConstraintParser(text).Run();
}

}  // namespace cairn
