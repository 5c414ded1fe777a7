#include "lang/base/number.h"

#include <gmp.h>
#include <mpfr.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace cairn {

namespace number_detail {

/// Owns one mpfr_t. Immutable once shared.
struct BigFloat {
  explicit BigFloat(int prec) { mpfr_init2(v, prec); }
  ~BigFloat() { mpfr_clear(v); }
  BigFloat(const BigFloat&) = delete;
  BigFloat& operator=(const BigFloat&) = delete;
  mpfr_t v;
};

}  // namespace number_detail

using number_detail::BigFloat;

namespace {

constexpr int64_t kTwo53 = int64_t{1} << 53;

/// RAII mpz_t.
struct Z {
  Z() { mpz_init(v); }
  ~Z() { mpz_clear(v); }
  Z(const Z&) = delete;
  Z& operator=(const Z&) = delete;
  mpz_t v;
};

bool SmallFits(int64_t v, int prec) {
  if (prec >= 64) return true;
  return v >= -kTwo53 && v <= kTwo53;
}

}  // namespace

/// Internal access to Number's representation (keeps MPFR out of the header).
struct NumberAccess {
  static Number Small(int64_t v, int prec) {
    Number n;
    n.small_ = v;
    n.prec_ = prec;
    return n;
  }

  /// Wraps `b` (owned) into a Number, normalizing representable integers to the fast path.
  static Number FromBig(std::shared_ptr<BigFloat> b) {
    int prec = static_cast<int>(mpfr_get_prec(b->v));
    if (mpfr_zero_p(b->v) && !mpfr_signbit(b->v)) return Small(0, prec);
    if (mpfr_number_p(b->v) && !mpfr_zero_p(b->v) && mpfr_integer_p(b->v) &&
        mpfr_fits_slong_p(b->v, MPFR_RNDN)) {
      long v = mpfr_get_si(b->v, MPFR_RNDN);
      if (SmallFits(v, prec)) return Small(v, prec);
    }
    Number n;
    n.prec_ = prec;
    n.big_ = std::move(b);
    return n;
  }

  /// Sets `out` (already initialised) to the value of `n`, rounding to out's precision.
  static void Load(const Number& n, mpfr_t out) {
    if (n.big_) {
      mpfr_set(out, n.big_->v, MPFR_RNDN);
    } else {
      mpfr_set_si(out, n.small_, MPFR_RNDN);
    }
  }

  /// A BigFloat at the number's own precision holding its exact value.
  static std::shared_ptr<const BigFloat> AsBig(const Number& n) {
    if (n.big_) return n.big_;
    auto b = std::make_shared<BigFloat>(n.prec_);
    mpfr_set_si(b->v, n.small_, MPFR_RNDN);
    return b;
  }

  static bool IsSmall(const Number& n) { return !n.big_; }
  static int64_t SmallValue(const Number& n) { return n.small_; }
};

namespace {

using NA = NumberAccess;

int MaxPrec(const Number& a, const Number& b) { return std::max(a.precision(), b.precision()); }

/// A decimal number 0.mant × 10^exp, as Go's math/big `decimal`. Invariant: no trailing zeros
/// in `mant`; an empty `mant` is zero.
struct Decimal {
  std::string mant;
  long exp = 0;

  char At(long i) const { return (i >= 0 && i < static_cast<long>(mant.size())) ? mant[i] : '0'; }
  void Trim() {
    size_t n = mant.size();
    while (n > 0 && mant[n - 1] == '0') n--;
    mant.resize(n);
    if (n == 0) exp = 0;
  }
  void RoundUp(long n) {
    if (n < 0 || n >= static_cast<long>(mant.size())) return;
    while (n > 0 && mant[n - 1] >= '9') n--;
    if (n == 0) {
      mant = "1";
      exp++;
      return;
    }
    mant[n - 1]++;
    mant.resize(n);
  }
  void RoundDown(long n) {
    if (n < 0 || n >= static_cast<long>(mant.size())) return;
    mant.resize(n);
    Trim();
  }
  bool ShouldRoundUp(long n) const {
    if (mant[n] == '5' && n + 1 == static_cast<long>(mant.size())) {
      return n > 0 && ((mant[n - 1] - '0') & 1) != 0;
    }
    return mant[n] >= '5';
  }
  void Round(long n) {
    if (n < 0 || n >= static_cast<long>(mant.size())) return;
    if (ShouldRoundUp(n)) {
      RoundUp(n);
    } else {
      RoundDown(n);
    }
  }
};

/// Powers of five for DecimalOf, computed once per formatting call.
struct Pow5Cache {
  long k = -1;
  Z value;
  const mpz_t& Get(long want) {
    if (k < 0) {
      mpz_ui_pow_ui(value.v, 5, want);
    } else if (want == k + 1) {
      mpz_mul_ui(value.v, value.v, 5);
    } else if (want != k) {
      mpz_ui_pow_ui(value.v, 5, want);
    }
    k = want;
    return value.v;
  }
};

/// The exact decimal value of m × 2^shift (m ≥ 0).
Decimal DecimalOf(const mpz_t m, long shift, Pow5Cache& pow5) {
  Decimal d;
  if (mpz_sgn(m) == 0) return d;
  Z t;
  long k = 0;
  if (shift >= 0) {
    mpz_mul_2exp(t.v, m, shift);
  } else {
    k = -shift;
    mpz_mul(t.v, pow5.Get(k), m);
  }
  std::string s(mpz_sizeinbase(t.v, 10) + 2, '\0');
  mpz_get_str(s.data(), 10, t.v);
  s.resize(std::char_traits<char>::length(s.c_str()));
  d.exp = static_cast<long>(s.size()) - k;
  d.mant = std::move(s);
  d.Trim();
  return d;
}

/// Go's math/big roundShortest: rounds `d` (the exact value of x = m × 2^e with m having
/// exactly `prec` bits) to the fewest digits that still round to x at `prec` bits.
void RoundShortest(Decimal& d, const mpz_t m, long e, Pow5Cache& pow5) {
  if (d.mant.empty()) return;
  Z mant;
  mpz_mul_2exp(mant.v, m, 1);  // lsb is now 1/2 ulp
  long exp = e - 1;
  Z tmp;
  mpz_sub_ui(tmp.v, mant.v, 1);
  Decimal lower = DecimalOf(tmp.v, exp, pow5);
  mpz_add_ui(tmp.v, mant.v, 1);
  Decimal upper = DecimalOf(tmp.v, exp, pow5);
  bool inclusive = mpz_tstbit(m, 0) == 0;
  for (long i = 0; i < static_cast<long>(d.mant.size()); i++) {
    char l = lower.At(i);
    char mch = d.mant[i];
    char u = upper.At(i);
    bool okdown = l != mch || (inclusive && i + 1 == static_cast<long>(lower.mant.size()));
    bool okup =
        mch != u && (inclusive || mch + 1 < u || i + 1 < static_cast<long>(upper.mant.size()));
    if (okdown && okup) {
      d.Round(i + 1);
      return;
    }
    if (okdown) {
      d.RoundDown(i + 1);
      return;
    }
    if (okup) {
      d.RoundUp(i + 1);
      return;
    }
  }
}

/// %f formatting of Go's math/big with `prec` fraction digits.
void AppendF(std::string& buf, long prec, const Decimal& d) {
  if (d.exp > 0) {
    long m = std::min(static_cast<long>(d.mant.size()), d.exp);
    buf.append(d.mant, 0, m);
    buf.append(static_cast<size_t>(d.exp - m), '0');
  } else {
    buf.push_back('0');
  }
  if (prec > 0) {
    buf.push_back('.');
    for (long i = 0; i < prec; i++) buf.push_back(d.At(d.exp + i));
  }
}

/// %e formatting of Go's math/big with `prec` fraction digits.
void AppendE(std::string& buf, long prec, const Decimal& d) {
  buf.push_back(d.mant.empty() ? '0' : d.mant[0]);
  if (prec > 0) {
    buf.push_back('.');
    long i = 1;
    long m = std::min(static_cast<long>(d.mant.size()), prec + 1);
    if (i < m) {
      buf.append(d.mant, i, m - i);
      i = m;
    }
    for (; i <= prec; i++) buf.push_back('0');
  }
  buf.push_back('e');
  long exp = d.mant.empty() ? 0 : d.exp - 1;
  if (exp < 0) {
    buf.push_back('-');
    exp = -exp;
  } else {
    buf.push_back('+');
  }
  if (exp < 10) buf.push_back('0');
  buf += std::to_string(exp);
}

/// The exact decimal of a finite big number plus its mantissa/exponent (for RoundShortest).
Decimal ExactDecimal(const mpfr_t x, Z& m, long& e, Pow5Cache& pow5) {
  if (mpfr_zero_p(x)) {
    mpz_set_ui(m.v, 0);
    e = 0;
    return Decimal{};
  }
  e = mpfr_get_z_2exp(m.v, x);
  mpz_abs(m.v, m.v);
  return DecimalOf(m.v, e, pow5);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Number Number::FromInt64(int64_t v) { return NA::Small(v, 64); }

Number Number::FromUint64(uint64_t v) {
  if (v <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return NA::Small(static_cast<int64_t>(v), 64);
  }
  auto b = std::make_shared<BigFloat>(64);
  mpfr_set_ui(b->v, v, MPFR_RNDN);
  return NA::FromBig(std::move(b));
}

Number Number::FromDouble(double v) {
  auto b = std::make_shared<BigFloat>(53);
  mpfr_set_d(b->v, v, MPFR_RNDN);
  return NA::FromBig(std::move(b));
}

Number Number::Infinity(bool negative) {
  auto b = std::make_shared<BigFloat>(64);
  mpfr_set_inf(b->v, negative ? -1 : 1);
  return NA::FromBig(std::move(b));
}

std::optional<Number> Number::Parse(std::string_view text, int precision) {
  // Fast path: a plain integer of at most 18 digits is exact in int64 (and at ≥ 64 bits).
  if (precision >= 64 && !text.empty() && text.size() <= 19) {
    size_t k = text[0] == '-' ? 1 : 0;
    if (k < text.size() && text.size() - k <= 18) {
      int64_t v = 0;
      bool digits = true;
      for (size_t j = k; j < text.size() && digits; j++) {
        char c = text[j];
        digits = c >= '0' && c <= '9';
        v = v * 10 + (c - '0');
      }
      // "-0" is negative zero, which is not small.
      if (digits && !(k == 1 && v == 0)) return NA::Small(k ? -v : v, precision);
    }
  }
  size_t i = 0;
  bool neg = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    neg = text[i] == '-';
    i++;
  }
  std::string_view rest = text.substr(i);
  if (rest == "Inf" || rest == "inf") return Infinity(neg);
  size_t mant_start = i;
  size_t digits = 0;
  while (i < text.size() && IsDigit(text[i])) i++, digits++;
  if (i < text.size() && text[i] == '.') {
    i++;
    while (i < text.size() && IsDigit(text[i])) i++, digits++;
  }
  if (digits == 0) return std::nullopt;
  size_t mant_end = i;
  long exp2 = 0;
  std::string_view exp10;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E' || text[i] == 'p' || text[i] == 'P')) {
    bool binary = text[i] == 'p' || text[i] == 'P';
    size_t es = ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) i++;
    size_t ds = i;
    while (i < text.size() && IsDigit(text[i])) i++;
    if (i == ds) return std::nullopt;
    if (binary) {
      // Exponent magnitudes beyond a long make no sense for a number anyone writes.
      long v = 0;
      auto [p, ec] = std::from_chars(text.data() + ds, text.data() + i, v);
      if (ec != std::errc()) return std::nullopt;
      exp2 = text[es] == '-' ? -v : v;
    } else {
      exp10 = text.substr(es - 1, i - es + 1);
    }
  }
  if (i != text.size()) return std::nullopt;
  std::string s;
  s.reserve(text.size() + 1);
  if (neg) s.push_back('-');
  s.append(text.substr(mant_start, mant_end - mant_start));
  s.append(exp10);
  auto b = std::make_shared<BigFloat>(precision);
  char* end = nullptr;
  mpfr_strtofr(b->v, s.c_str(), &end, 10, MPFR_RNDN);
  if (end == nullptr || *end != '\0') return std::nullopt;
  if (exp2 != 0) mpfr_mul_2si(b->v, b->v, exp2, MPFR_RNDN);
  return NA::FromBig(std::move(b));
}

int Number::precision() const { return prec_; }

bool Number::IsInf() const { return big_ && mpfr_inf_p(big_->v); }

bool Number::IsInteger() const { return !big_ || mpfr_integer_p(big_->v); }

int Number::Sign() const {
  if (!big_) return small_ < 0 ? -1 : (small_ > 0 ? 1 : 0);
  return mpfr_sgn(big_->v);
}

bool Number::IsNegativeZero() const {
  return big_ && mpfr_zero_p(big_->v) && mpfr_signbit(big_->v);
}

std::optional<int64_t> Number::ToInt64() const {
  if (!big_) return small_;
  if (mpfr_zero_p(big_->v)) return 0;
  if (!mpfr_integer_p(big_->v) || !mpfr_fits_slong_p(big_->v, MPFR_RNDN)) return std::nullopt;
  return mpfr_get_si(big_->v, MPFR_RNDN);
}

double Number::ToDouble() const {
  if (!big_) return static_cast<double>(small_);
  return mpfr_get_d(big_->v, MPFR_RNDN);
}

std::string Number::ToString() const {
  if (!big_ && (prec_ >= 64 || (small_ >= -kTwo53 && small_ <= kTwo53))) {
    // |x| < 2^63 at ≥ 64 bits (or ≤ 2^53 at 53 bits): half an ulp is at most 1/2, so the
    // shortest decimal is the integer itself.
    return std::to_string(small_);
  }
  auto b = NA::AsBig(*this);
  std::string out;
  if (mpfr_signbit(b->v)) out.push_back('-');
  if (mpfr_inf_p(b->v)) {
    if (out.empty()) out.push_back('+');
    out += "Inf";
    return out;
  }
  Z m;
  long e = 0;
  Pow5Cache pow5;
  Decimal d = ExactDecimal(b->v, m, e, pow5);
  RoundShortest(d, m.v, e, pow5);
  long prec = std::max(static_cast<long>(d.mant.size()) - d.exp, 0L);
  AppendF(out, prec, d);
  return out;
}

std::string Number::ToGoGString() const {
  auto b = NA::AsBig(*this);
  std::string out;
  if (mpfr_signbit(b->v)) out.push_back('-');
  if (mpfr_inf_p(b->v)) {
    if (out.empty()) out.push_back('+');
    out += "Inf";
    return out;
  }
  Z m;
  long e = 0;
  Pow5Cache pow5;
  Decimal d = ExactDecimal(b->v, m, e, pow5);
  long prec = 10;
  d.Round(prec);
  long eprec = prec;
  long len = static_cast<long>(d.mant.size());
  if (eprec > len && len >= d.exp) eprec = len;
  long exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > len) prec = len;
    AppendE(out, prec - 1, d);
    return out;
  }
  if (prec > d.exp) prec = len;
  AppendF(out, std::max(prec - d.exp, 0L), d);
  return out;
}

namespace {

using MpfrBinary = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t);

/// Applies `op` at the larger precision of the operands, as Go does for a zero-precision
/// receiver. Returns nullopt when the result is NaN.
std::optional<Number> BigBinary(const Number& a, const Number& b, MpfrBinary op) {
  auto x = NA::AsBig(a);
  auto y = NA::AsBig(b);
  auto r = std::make_shared<BigFloat>(MaxPrec(a, b));
  op(r->v, x->v, y->v, MPFR_RNDN);
  if (mpfr_nan_p(r->v)) return std::nullopt;
  return NA::FromBig(std::move(r));
}

}  // namespace

std::optional<Number> Number::Add(const Number& other) const {
  int64_t r;
  if (!big_ && !other.big_ && !__builtin_add_overflow(small_, other.small_, &r)) {
    int prec = MaxPrec(*this, other);
    if (SmallFits(r, prec)) return NA::Small(r, prec);
  }
  return BigBinary(*this, other, mpfr_add);
}

std::optional<Number> Number::Sub(const Number& other) const {
  int64_t r;
  if (!big_ && !other.big_ && !__builtin_sub_overflow(small_, other.small_, &r)) {
    int prec = MaxPrec(*this, other);
    if (SmallFits(r, prec)) return NA::Small(r, prec);
  }
  return BigBinary(*this, other, mpfr_sub);
}

std::optional<Number> Number::Mul(const Number& other) const {
  int64_t r;
  if (!big_ && !other.big_ && !__builtin_mul_overflow(small_, other.small_, &r)) {
    int prec = MaxPrec(*this, other);
    // A zero product of operands with different signs is negative zero: not small.
    bool neg_zero = r == 0 && ((small_ < 0) != (other.small_ < 0));
    if (!neg_zero && SmallFits(r, prec)) return NA::Small(r, prec);
  }
  return BigBinary(*this, other, mpfr_mul);
}

std::optional<Number> Number::Div(const Number& other) const {
  if (!big_ && !other.big_ && other.small_ != 0 && small_ != 0 &&
      !(small_ == std::numeric_limits<int64_t>::min() && other.small_ == -1) &&
      small_ % other.small_ == 0) {
    int64_t r = small_ / other.small_;
    int prec = MaxPrec(*this, other);
    if (SmallFits(r, prec)) return NA::Small(r, prec);
  }
  return BigBinary(*this, other, mpfr_div);
}

std::optional<Number> Number::Mod(const Number& other) const {
  if (other.Sign() == 0) return *this;  // cty: x % 0 is x (other.RawEquals(Zero))
  if (IsInf() || other.IsInf()) return std::nullopt;
  int prec = precision();
  if (!big_ && !other.big_ && other.small_ != -1 && MaxPrec(*this, other) >= 128) {
    // At ≥ 128 bits the quotient of two int64 is rounded far below its integer part, so
    // trunc(x/y) is exact and x - y*trunc(x/y) is C++'s remainder (a zero result is +0).
    return NA::Small(small_ % other.small_, prec);
  }
  auto x = NA::AsBig(*this);
  auto y = NA::AsBig(other);
  BigFloat q(MaxPrec(*this, other));
  mpfr_div(q.v, x->v, y->v, MPFR_RNDN);
  mpfr_trunc(q.v, q.v);
  auto work = std::make_shared<BigFloat>(prec);
  mpfr_set(work->v, q.v, MPFR_RNDN);
  if (mpfr_zero_p(work->v)) mpfr_abs(work->v, work->v, MPFR_RNDN);  // SetInt never yields -0
  mpfr_mul(work->v, y->v, work->v, MPFR_RNDN);
  if (mpfr_nan_p(work->v)) return std::nullopt;
  mpfr_sub(work->v, x->v, work->v, MPFR_RNDN);
  if (mpfr_nan_p(work->v)) return std::nullopt;
  return NA::FromBig(std::move(work));
}

Number Number::Neg() const {
  if (!big_ && small_ != 0 && small_ != std::numeric_limits<int64_t>::min()) {
    return NA::Small(-small_, prec_);
  }
  auto x = NA::AsBig(*this);
  auto r = std::make_shared<BigFloat>(prec_);
  mpfr_neg(r->v, x->v, MPFR_RNDN);
  return NA::FromBig(std::move(r));
}

Number Number::Abs() const {
  if (!big_ && small_ != std::numeric_limits<int64_t>::min()) {
    return NA::Small(small_ < 0 ? -small_ : small_, prec_);
  }
  auto x = NA::AsBig(*this);
  auto r = std::make_shared<BigFloat>(prec_);
  mpfr_abs(r->v, x->v, MPFR_RNDN);
  return NA::FromBig(std::move(r));
}

Number Number::Trunc() const {
  if (!big_) return *this;
  auto r = std::make_shared<BigFloat>(prec_);
  mpfr_trunc(r->v, big_->v);
  return NA::FromBig(std::move(r));
}

int Number::Compare(const Number& other) const {
  if (!big_ && !other.big_) {
    return small_ < other.small_ ? -1 : (small_ > other.small_ ? 1 : 0);
  }
  auto x = NA::AsBig(*this);
  auto y = NA::AsBig(other);
  int c = mpfr_cmp(x->v, y->v);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool Number::EqualsCty(const Number& other) const {
  if (!big_ && !other.big_) return small_ == other.small_;
  if (Sign() != other.Sign()) return false;
  bool a_int = IsInteger() && !IsInf();
  bool b_int = other.IsInteger() && !other.IsInf();
  if (a_int != b_int) return false;
  if (a_int) return Compare(other) == 0;
  std::string a = ToString();
  std::string b = other.ToString();
  if (a == "-0") a = "0";
  if (b == "-0") b = "0";
  return a == b;
}

}  // namespace cairn
