#pragma once
/// Values: cty's value model as Terraform uses it.
///
/// A Value has a Type and is one of: known (a bool, number, string or a collection of
/// values), null (typed), or unknown (of a known type, or of the dynamic pseudo-type when even
/// the type is not known yet). Any value, at any depth, can carry marks (sensitive,
/// ephemeral). Values are immutable; copying one copies a type, a number and one shared
/// pointer, so a 1M-element list is shared, never deep-copied, when passed around.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/number.h"
#include "lang/base/type.h"

namespace cairn {

/// A set of marks (bit flags).
class Marks {
 public:
  static constexpr uint8_t kSensitive = 1;
  static constexpr uint8_t kEphemeral = 2;

  constexpr Marks() = default;
  constexpr explicit Marks(uint8_t bits) : bits_(bits) {}
  static constexpr Marks Sensitive() { return Marks(kSensitive); }
  static constexpr Marks Ephemeral() { return Marks(kEphemeral); }

  bool empty() const { return bits_ == 0; }
  bool sensitive() const { return (bits_ & kSensitive) != 0; }
  bool ephemeral() const { return (bits_ & kEphemeral) != 0; }
  bool Has(Marks m) const { return (bits_ & m.bits_) == m.bits_ && !m.empty(); }
  uint8_t bits() const { return bits_; }
  Marks operator|(Marks o) const { return Marks(bits_ | o.bits_); }
  Marks& operator|=(Marks o) {
    bits_ |= o.bits_;
    return *this;
  }
  friend bool operator==(Marks a, Marks b) = default;

 private:
  uint8_t bits_ = 0;
};

class Value;

namespace value_detail {
/// Shared, immutable payload of a string or compound value.
struct Payload;
}  // namespace value_detail

/// A value. See the file comment for the model.
///
/// Compound layout: list, set and tuple hold their elements in order (a set in cty's order:
/// see Set()); map and object hold values sorted by key (byte-wise, as cty sorts keys), an
/// object's in the order of its type's Attributes().
class Value {
 public:
  /// A null of the dynamic pseudo-type (Terraform's `null` literal).
  Value();

  static Value Null(Type type);
  /// An unknown value of `type` (Type::Dynamic() for cty's DynamicVal).
  static Value Unknown(Type type);
  static Value DynamicUnknown() { return Unknown(Type::Dynamic()); }

  static Value Bool(bool v);
  static Value True() { return Bool(true); }
  static Value False() { return Bool(false); }
  static Value Num(Number v);
  /// An integer as cty.NumberIntVal (64-bit precision).
  static Value Int(int64_t v) { return Num(Number::FromInt64(v)); }
  /// A string, normalized to Unicode NFC as cty.StringVal does ("e\u0301" becomes "é";
  /// invalid UTF-8 is kept as it is).
  static Value String(std::string v);

  /// A list of `element_type`. Precondition: every element has exactly that type.
  static Value List(Type element_type, std::vector<Value> elements);
  /// A set of `element_type`, ordered and de-duplicated as cty does: nulls last, then
  /// unknowns after known values; strings byte-wise, numbers numerically, false before true;
  /// compound elements by cty's hash text. Marks of elements move to the set (cty sets
  /// cannot hold marked elements). Precondition: every element has `element_type`.
  static Value Set(Type element_type, std::vector<Value> elements);
  /// A map of `element_type`; keys are sorted; on duplicate keys the last one wins.
  /// Precondition: every value has `element_type`.
  static Value Map(Type element_type, std::vector<std::pair<std::string, Value>> entries);
  /// An object of `object_type` from its attributes' values in the order of the type's
  /// Attributes(): no sorting, and the type is shared, not built again. Precondition:
  /// `object_type` is an object type without optional attributes, and elements[i] has
  /// exactly the type of attribute i.
  static Value ObjectWithType(Type object_type, std::vector<Value> elements);
  static Value Tuple(std::vector<Value> elements);
  /// An object whose type is derived from the attributes; on duplicate names the last wins.
  static Value Object(std::vector<std::pair<std::string, Value>> attributes);

  const Type& type() const { return type_; }
  bool IsNull() const { return state_ == State::kNull; }
  bool IsKnown() const { return state_ != State::kUnknown; }
  /// cty's "not null" refinement of an unknown value: the value is not known yet but will
  /// not be null (results of arithmetic, of most functions, of conversions of such values).
  /// Returns the value unchanged when it is known.
  Value RefineNotNull() const;
  /// Known and not null, or unknown and refined as not null.
  bool DefinitelyNotNull() const { return IsKnown() ? !IsNull() : not_null_; }
  /// Known and, recursively, every element known.
  bool IsWhollyKnown() const;
  /// cty's HasWhollyKnownType: false when an unknown of the dynamic pseudo-type (or of a type
  /// containing it) appears anywhere in the value.
  bool HasWhollyKnownType() const;

  // Marks.
  Marks marks() const { return marks_; }
  bool IsMarked() const { return !marks_.empty(); }
  bool IsSensitive() const { return marks_.sensitive(); }
  /// This value with `m` added to its own marks.
  Value WithMarks(Marks m) const;
  /// This value without its own (top-level) marks; nested marks stay.
  Value Unmarked() const;
  /// Union of the marks of this value and every nested value.
  Marks DeepMarks() const;
  /// This value with no marks at any depth.
  Value UnmarkedDeep() const;
  /// True when this value or any nested value has marks.
  bool ContainsMarked() const;

  // Primitive accessors. Preconditions: known, not null, of the matching type.
  bool AsBool() const { return bool_; }
  /// The number (a copy: small integers are stored inline in the value).
  Number AsNumber() const;
  const std::string& AsString() const;

  // Compound access. Preconditions: known, not null, list/set/tuple/map/object.
  /// Number of elements (attributes for an object).
  size_t Length() const;
  /// Elements in order (values of a map or object, in key order).
  const std::vector<Value>& Elements() const;
  /// Keys of a map or attribute names of an object, sorted; empty for other kinds.
  const std::vector<std::string>& Keys() const;
  const Value& operator[](size_t i) const { return Elements()[i]; }
  /// The value under `key` of a map or object, or nullptr.
  const Value* Find(std::string_view key) const;

  /// cty's Equals: a bool, unknown (refined not null) when either side is unknown (or has a
  /// not-yet-known type), false for different types, false for null against a value that is
  /// definitely not null; nulls are equal to each other whatever their types. The result
  /// carries the marks (at any depth) of both sides.
  Value Equals(const Value& other) const;
  /// Exact structural identity (type, nullness, unknownness, marks, content); for tests.
  bool RawEquals(const Value& other) const;

 private:
  enum class State : uint8_t { kKnown, kNull, kUnknown };
  friend struct ValueAccess;

  // Layout (48 bytes): a number that Number holds "small" lives in small_/prec_; any other
  // number, strings and compound contents live in the shared payload.
  Type type_;
  std::shared_ptr<const value_detail::Payload> payload_;
  int64_t small_ = 0;
  int32_t prec_ = 64;
  State state_ = State::kNull;
  Marks marks_;
  bool bool_ = false;
  bool not_null_ = false;  ///< unknown values only: refined as not null
};

namespace value_detail {
struct Payload {
  Number number;  ///< a number that is not small
  std::string str;
  std::vector<std::string> keys;  ///< a map's keys (an object's are its type's names)
  std::vector<Value> elements;
};
}  // namespace value_detail

/// cty's type conformance: `a` conforms to `b` when they are equal or `b` has the dynamic
/// pseudo-type where `a` has anything.
bool TypeConforms(const Type& a, const Type& b);

/// cty's set hash text of a value (Go's %q for strings, big.Float.String() for numbers, `?`
/// unknown, `~` null, `[..;]` lists and sets, `{k:v;}` maps, `<..;>` objects and tuples).
std::string SetHashText(const Value& v);

}  // namespace cairn
