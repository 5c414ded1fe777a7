#pragma once
/// Types of values: cty's type system as Terraform uses it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cairn {

class Type;

namespace type_detail {
struct Compound;  // element type, attributes or tuple elements
}

/// A type: bool, number, string, list(T), set(T), map(T), object({...}), tuple([...]) or the
/// dynamic pseudo-type (`any` in a type constraint; the type of a value whose type is not
/// known yet). Cheap to copy (a kind and one shared pointer) and immutable.
class Type {
 public:
  enum class Kind : uint8_t {
    kDynamic,
    kBool,
    kNumber,
    kString,
    kList,
    kSet,
    kMap,
    kObject,
    kTuple
  };

  /// The dynamic pseudo-type.
  Type() = default;

  static Type Dynamic() { return Type(); }
  static Type Bool() { return Type(Kind::kBool); }
  static Type Number() { return Type(Kind::kNumber); }
  static Type String() { return Type(Kind::kString); }
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  /// An object type; attribute names are sorted (and must be unique). `optional` lists the
  /// names a type constraint declared with `optional(...)` (only meaningful as a constraint).
  static Type Object(std::vector<std::pair<std::string, Type>> attributes,
                     std::vector<std::string> optional = {});
  static Type Tuple(std::vector<Type> elements);

  Kind kind() const;
  bool IsDynamic() const { return kind() == Kind::kDynamic; }
  bool IsPrimitive() const {
    return kind() == Kind::kBool || kind() == Kind::kNumber || kind() == Kind::kString;
  }
  bool IsBool() const { return kind() == Kind::kBool; }
  bool IsNumber() const { return kind() == Kind::kNumber; }
  bool IsString() const { return kind() == Kind::kString; }
  bool IsList() const { return kind() == Kind::kList; }
  bool IsSet() const { return kind() == Kind::kSet; }
  bool IsMap() const { return kind() == Kind::kMap; }
  bool IsObject() const { return kind() == Kind::kObject; }
  bool IsTuple() const { return kind() == Kind::kTuple; }
  /// list, set or map.
  bool IsCollection() const {
    return kind() == Kind::kList || kind() == Kind::kSet || kind() == Kind::kMap;
  }
  /// True when the dynamic pseudo-type appears anywhere in the type.
  bool HasDynamic() const;

  /// Element type of a list, set or map. Precondition: IsCollection().
  const Type& ElementType() const;
  /// Attributes of an object type, sorted by name. Precondition: IsObject().
  const std::vector<std::pair<std::string, Type>>& Attributes() const;
  /// Index of attribute `name` in Attributes(), or -1.
  int AttributeIndex(std::string_view name) const;
  /// An object type's attribute names, sorted (the names of Attributes()).
  const std::vector<std::string>& AttributeNames() const;
  bool HasAttribute(std::string_view name) const { return AttributeIndex(name) >= 0; }
  /// Whether attribute `name` was declared optional in a type constraint.
  bool IsOptionalAttribute(std::string_view name) const;
  /// Names of the optional attributes, sorted.
  const std::vector<std::string>& OptionalAttributes() const;
  /// Element types of a tuple. Precondition: IsTuple().
  const std::vector<Type>& TupleElements() const;

  /// cty's type equality (optional-attribute markers included, as cty does).
  friend bool operator==(const Type& a, const Type& b);
  /// Identity: both are the very same type object (a cheap sufficient test of equality).
  bool IsSame(const Type& other) const { return compound_ == other.compound_; }

  /// cty's FriendlyName: `string`, `list of number`, `map of list of string`, `object`,
  /// `tuple`, `dynamic` — the words Terraform uses in error messages.
  std::string FriendlyName() const;
  /// cty's FriendlyNameForConstraint: as FriendlyName but `any type` for the dynamic
  /// pseudo-type and `list of any single type` for a collection of it.
  std::string FriendlyNameForConstraint() const;
  /// Type-constraint syntax as hcl's typeexpr.TypeString: `list(string)`,
  /// `object({a=number,b=optional(string)})`, `tuple([bool])`, `any`.
  std::string ConstraintString() const;
  /// What Terraform's console prints for `type(x)`: `list(number)`, and for objects and
  /// tuples a multi-line form (`object({\n    a: number,\n})`) indented by `indent`.
  std::string ConsoleString(int indent = 0) const;

 private:
  explicit Type(Kind k);
  explicit Type(std::shared_ptr<const type_detail::Compound> c) : compound_(std::move(c)) {}
  /// Null for the dynamic pseudo-type; primitives point at static nodes without a control
  /// block (copying them touches no reference count).
  std::shared_ptr<const type_detail::Compound> compound_;
};

bool operator==(const Type& a, const Type& b);

namespace type_detail {
struct Compound {
  Type::Kind kind = Type::Kind::kDynamic;
  Type element;                                          // list, set, map
  std::vector<std::pair<std::string, Type>> attributes;  // object, sorted by name
  std::vector<std::string> names;                        // object: the attributes' names
  std::vector<std::string> optional;                     // object, sorted
  std::vector<Type> elements;                            // tuple
  bool has_dynamic = false;
};
}  // namespace type_detail

inline Type::Kind Type::kind() const { return compound_ ? compound_->kind : Kind::kDynamic; }

struct TypeDefaults;  // type_defaults.h

/// The result of parsing a type constraint from text.
struct ParsedTypeConstraint {
  Type type;
  /// Defaults of optional attributes, or null when the constraint has none.
  std::shared_ptr<const TypeDefaults> defaults;
  std::string error;  ///< empty on success
};

/// Parses type-constraint text (`string`, `list(number)`, `map(any)`, `set(...)`,
/// `object({name=type, opt=optional(type), d=optional(type, default)})`,
/// `tuple([type, ...])`, `any`) as written in a variable's `type` argument. A default must be
/// a JSON literal (which HCL reads the same way: `5`, `"x"`, `[1]`, `{"k": true}`, `null`);
/// it is converted to the attribute's type, and when it does not fit the error is
/// Terraform's "This default value is not compatible with the attribute's type constraint:
/// ...". Spaces and newlines are allowed between tokens.
ParsedTypeConstraint ParseTypeConstraint(std::string_view text);

}  // namespace cairn
