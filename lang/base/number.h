#pragma once
/// Arbitrary-precision numbers with Terraform's (cty's) semantics.
///
/// cty keeps every number as a Go `big.Float`: a binary floating-point number whose precision
/// (mantissa bits) travels with it. Literals and strings parse at 512 bits, `NumberIntVal`
/// gives 64 bits, `NumberFloatVal` 53 bits, and an operation's result takes the larger
/// precision of its operands, rounded to nearest-even. `Number` reproduces that exactly (GMP
/// and MPFR behind an opaque handle) with an exact `int64_t` fast path for integers.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cairn {

namespace number_detail {
struct BigFloat;  // an mpfr_t, private to number.cc
}

/// A number, immutable and cheap to copy (one shared pointer at most).
/// Invariants: never NaN; a "small" number is an integer held exactly in `small_` and is
/// exactly representable at `prec_` bits; negative zero and everything else is "big".
class Number {
 public:
  /// Precision of numbers parsed from text (literals, strings, JSON), as cty's ParseNumberVal.
  static constexpr int kParsePrecision = 512;

  /// Zero (precision 64).
  Number() = default;

  /// An integer at 64-bit precision, as cty.NumberIntVal.
  static Number FromInt64(int64_t v);
  /// An unsigned integer at 64-bit precision, as cty.NumberUIntVal.
  static Number FromUint64(uint64_t v);
  /// A double at 53-bit precision, as cty.NumberFloatVal. Precondition: not NaN.
  static Number FromDouble(double v);
  /// Positive or negative infinity.
  static Number Infinity(bool negative);

  /// Parses a decimal number as Go's big.ParseFloat(s, 10, 512, ToNearestEven) does:
  /// `[+-]` then `Inf`/`inf`, or digits with an optional `.` fraction, then an optional
  /// exponent (`e`/`E` power of ten, `p`/`P` power of two). Returns nullopt when the whole
  /// text is not such a number (no spaces, no underscores, no hex).
  static std::optional<Number> Parse(std::string_view text, int precision = kParsePrecision);

  /// Mantissa precision in bits.
  int precision() const;

  bool IsInf() const;
  /// True when the value is a (finite) integer.
  bool IsInteger() const;
  /// -1, 0 or +1 (zero and negative zero give 0).
  int Sign() const;
  /// True for negative zero.
  bool IsNegativeZero() const;

  /// The value as int64 when it is an integer in range.
  std::optional<int64_t> ToInt64() const;
  /// The value rounded to the nearest double (infinities map to infinities).
  double ToDouble() const;

  /// Go's `big.Float.Text('f', -1)`: the shortest decimal that rounds back to this number at
  /// its precision, without exponent; `+Inf`/`-Inf`; `-0` for negative zero. This is how
  /// Terraform prints numbers everywhere (console, JSON, string conversion).
  std::string ToString() const;
  /// Go's `big.Float.String()` (`Text('g', 10)`), used by cty to order sets of compound values.
  std::string ToGoGString() const;

  /// Sum; nullopt for inf + -inf (Terraform: "can't compute sum of opposing infinities").
  std::optional<Number> Add(const Number& other) const;
  /// Difference; nullopt for inf - inf (Terraform: "can't subtract infinity from itself").
  std::optional<Number> Sub(const Number& other) const;
  /// Product; nullopt for 0 * inf (Terraform: "can't multiply zero by infinity").
  std::optional<Number> Mul(const Number& other) const;
  /// Division; x/0 is an infinity. Returns nullopt for 0/0 and inf/inf (Go panics with
  /// ErrNaN; Terraform reports "can't divide zero by zero or infinity by infinity").
  std::optional<Number> Div(const Number& other) const;
  /// cty's Modulo: x - y*trunc(x/y) at x's precision; x % 0 is x. Returns nullopt when an
  /// operand is infinite (Terraform: "can't use modulo with zero and infinity"; for an
  /// infinite x Terraform 1.11 even crashes).
  std::optional<Number> Mod(const Number& other) const;
  Number Neg() const;
  Number Abs() const;

  /// big.Float.Cmp: -1, 0, +1 (negative zero equals zero).
  int Compare(const Number& other) const;
  /// cty's rawNumberEqual: integers compare exactly; other numbers are equal when their
  /// shortest decimal texts are (so 0.1 parsed at 512 bits equals 0.1 at 53 bits only if
  /// they print the same); -0 equals 0.
  bool EqualsCty(const Number& other) const;

  /// Truncation toward zero (integer part), at this number's precision.
  Number Trunc() const;

 private:
  friend struct NumberAccess;
  friend class Value;  // stores small numbers inline
  int64_t small_ = 0;
  int32_t prec_ = 64;
  std::shared_ptr<const number_detail::BigFloat> big_;  // set iff not small
};

}  // namespace cairn
