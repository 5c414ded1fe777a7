#include "lang/base/value.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include <algorithm>

#include "lang/base/go_quote.h"
#include "lang/base/utf8.h"

namespace cairn {

using value_detail::Payload;

/// Internal construction access.
struct ValueAccess {
  static Value Make(Type t) {
    Value v;
    v.type_ = std::move(t);
    v.state_ = Value::State::kKnown;
    return v;
  }
  static void SetPayload(Value& v, std::shared_ptr<Payload> p) { v.payload_ = std::move(p); }
  static void SetMarks(Value& v, Marks m) { v.marks_ = m; }
};

namespace {

const std::vector<Value>& EmptyValues() {
  static const std::vector<Value> empty;
  return empty;
}
const std::vector<std::string>& EmptyKeys() {
  static const std::vector<std::string> empty;
  return empty;
}

std::string NormalizeNfc(std::string s);

/// Normalizes keys to NFC (as cty does for map keys and attribute names), sorts key/value
/// pairs by key and keeps the last of equal keys.
void SortEntries(std::vector<std::pair<std::string, Value>>& entries) {
  bool sorted_unique = true;
  for (size_t i = 0; i < entries.size(); i++) {
    std::string& k = entries[i].first;
    if (!std::all_of(k.begin(), k.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      k = NormalizeNfc(std::move(k));
    }
    if (i > 0 && !(entries[i - 1].first < k)) sorted_unique = false;
  }
  if (sorted_unique) return;  // the common case (decoders read keys in order): no sort
  std::stable_sort(entries.begin(), entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t out = 0;
  for (size_t i = 0; i < entries.size(); i++) {
    if (i + 1 < entries.size() && entries[i + 1].first == entries[i].first) continue;
    if (out != i) entries[out] = std::move(entries[i]);
    out++;
  }
  entries.resize(out);
}

void AppendSetHash(const Value& v, std::string& buf) {
  if (!v.IsKnown()) {
    buf.push_back('?');
    return;
  }
  if (v.IsNull()) {
    buf.push_back('~');
    return;
  }
  const Type& t = v.type();
  switch (t.kind()) {
    case Type::Kind::kNumber:
      buf += v.AsNumber().ToGoGString();
      return;
    case Type::Kind::kBool:
      buf.push_back(v.AsBool() ? 'T' : 'F');
      return;
    case Type::Kind::kString:
      AppendGoQuoted(buf, v.AsString());
      return;
    case Type::Kind::kMap:
      buf.push_back('{');
      for (size_t i = 0; i < v.Length(); i++) {
        AppendGoQuoted(buf, v.Keys()[i]);
        buf.push_back(':');
        AppendSetHash(v[i], buf);
        buf.push_back(';');
      }
      buf.push_back('}');
      return;
    case Type::Kind::kList:
    case Type::Kind::kSet:
      buf.push_back('[');
      for (const Value& e : v.Elements()) {
        AppendSetHash(e, buf);
        buf.push_back(';');
      }
      buf.push_back(']');
      return;
    case Type::Kind::kObject:
    case Type::Kind::kTuple:
      buf.push_back('<');
      for (const Value& e : v.Elements()) {
        AppendSetHash(e, buf);
        buf.push_back(';');
      }
      buf.push_back('>');
      return;
    case Type::Kind::kDynamic:
      buf.push_back('?');
      return;
  }
}

/// cty's set element order (setRules.Less) for elements of one type: equal elements are not
/// less; non-null before null; known before unknown; strings byte-wise, false before true,
/// numbers numerically; compound elements by their hash text.
struct SetOrder {
  bool primitive;
  bool Less(const Value& a, const std::string& ah, const Value& b, const std::string& bh) const {
    if (b.IsNull() != a.IsNull()) return b.IsNull();
    if (a.IsNull()) return false;
    if (a.IsKnown() != b.IsKnown()) return a.IsKnown();
    if (!a.IsKnown()) return false;
    switch (a.type().kind()) {
      case Type::Kind::kString:
        return a.AsString() < b.AsString();
      case Type::Kind::kBool:
        return !a.AsBool() && b.AsBool();
      case Type::Kind::kNumber: {
        const Number& x = a.AsNumber();
        const Number& y = b.AsNumber();
        int c = x.Compare(y);
        if (c == 0) return false;
        // cty tests RawEquals first: numbers printing the same are equal, never less.
        if (!x.IsInteger() && !y.IsInteger() && x.EqualsCty(y)) return false;
        return c < 0;
      }
      default:
        if (a.RawEquals(b)) return false;
        return ah < bh;
    }
  }
};

/// Equality of two set elements for de-duplication (cty's Equivalent: Equals is true).
bool SetEquivalent(const Value& a, const Value& b) {
  if (a.IsKnown() && b.IsKnown() && !a.IsNull() && !b.IsNull()) {
    switch (a.type().kind()) {
      case Type::Kind::kString:
        return a.AsString() == b.AsString();
      case Type::Kind::kBool:
        return a.AsBool() == b.AsBool();
      case Type::Kind::kNumber:
        return a.AsNumber().EqualsCty(b.AsNumber());
      default:
        break;
    }
  }
  Value eq = a.Equals(b);
  return eq.IsKnown() && !eq.IsNull() && eq.AsBool();
}

/// Unicode NFC of `s`, as cty.StringVal applies to every string. ASCII (the common case) and
/// text that ICU reports already normalized are returned unchanged; so is invalid UTF-8
/// (which ICU cannot round-trip byte for byte).
std::string NormalizeNfc(std::string s) {
  size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) i++;
  if (i == s.size()) return s;
  for (size_t k = i; k < s.size();) {
    utf8::Decoded d = utf8::Decode(s, k);
    if (d.rune == utf8::kRuneError && d.size == 1) return s;
    k += d.size;
  }
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return s;
  std::u16string wide(s.size(), u'\0');
  int32_t wide_len = 0;
  u_strFromUTF8(reinterpret_cast<UChar*>(wide.data()), static_cast<int32_t>(wide.size()), &wide_len,
                s.data(), static_cast<int32_t>(s.size()), &err);
  if (U_FAILURE(err)) return s;
  wide.resize(wide_len);
  auto src = reinterpret_cast<const UChar*>(wide.data());
  if (unorm2_isNormalized(nfc, src, wide_len, &err) && U_SUCCESS(err)) return s;
  err = U_ZERO_ERROR;
  int32_t need = unorm2_normalize(nfc, src, wide_len, nullptr, 0, &err);
  if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err)) return s;
  err = U_ZERO_ERROR;
  std::u16string norm(need, u'\0');
  unorm2_normalize(nfc, src, wide_len, reinterpret_cast<UChar*>(norm.data()), need, &err);
  if (U_FAILURE(err)) return s;
  std::string out(static_cast<size_t>(need) * 3, '\0');
  int32_t out_len = 0;
  u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &out_len,
              reinterpret_cast<const UChar*>(norm.data()), need, &err);
  if (U_FAILURE(err)) return s;
  out.resize(out_len);
  return out;
}

}  // namespace

Value::Value() = default;

Value Value::Null(Type type) {
  Value v;
  v.type_ = std::move(type);
  v.state_ = State::kNull;
  return v;
}

Value Value::Unknown(Type type) {
  Value v;
  v.type_ = std::move(type);
  v.state_ = State::kUnknown;
  return v;
}

Value Value::Bool(bool b) {
  Value v = ValueAccess::Make(Type::Bool());
  v.bool_ = b;
  return v;
}

Value Value::Num(Number n) {
  Value v = ValueAccess::Make(Type::Number());
  if (!n.big_) {
    v.small_ = n.small_;
    v.prec_ = n.prec_;
  } else {
    auto p = std::make_shared<Payload>();
    p->number = std::move(n);
    v.payload_ = std::move(p);
  }
  return v;
}

Number Value::AsNumber() const {
  if (payload_) return payload_->number;
  Number n;
  n.small_ = small_;
  n.prec_ = prec_;
  return n;
}

Value Value::String(std::string s) {
  Value v = ValueAccess::Make(Type::String());
  auto p = std::make_shared<Payload>();
  p->str = NormalizeNfc(std::move(s));
  v.payload_ = std::move(p);
  return v;
}

Value Value::List(Type element_type, std::vector<Value> elements) {
  Value v = ValueAccess::Make(Type::List(std::move(element_type)));
  if (!elements.empty()) {
    auto p = std::make_shared<Payload>();
    p->elements = std::move(elements);
    v.payload_ = std::move(p);
  }
  return v;
}

Value Value::Set(Type element_type, std::vector<Value> elements) {
  Value v = ValueAccess::Make(Type::Set(element_type));
  if (elements.empty()) return v;
  Marks marks;
  for (Value& e : elements) {
    if (e.ContainsMarked()) {
      marks |= e.DeepMarks();
      e = e.UnmarkedDeep();
    }
  }
  if (element_type.IsString()) {
    // Fast path with the same result: known strings sorted byte-wise (stable) and
    // de-duplicated, then the unknowns in insertion order, then one null.
    struct Key {
      std::string_view s;
      uint32_t index;
    };
    std::vector<Key> keys;
    keys.reserve(elements.size());
    std::vector<uint32_t> unknowns;
    int first_null = -1;
    for (size_t i = 0; i < elements.size(); i++) {
      const Value& e = elements[i];
      if (e.IsNull()) {
        if (first_null < 0) first_null = static_cast<int>(i);
      } else if (!e.IsKnown()) {
        unknowns.push_back(static_cast<uint32_t>(i));
      } else {
        keys.push_back({e.AsString(), static_cast<uint32_t>(i)});
      }
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const Key& a, const Key& b) { return a.s < b.s; });
    auto p = std::make_shared<Payload>();
    p->elements.reserve(keys.size() + unknowns.size() + 1);
    for (size_t k = 0; k < keys.size(); k++) {
      if (k > 0 && keys[k].s == keys[k - 1].s) continue;
      p->elements.push_back(elements[keys[k].index]);
    }
    for (uint32_t i : unknowns) p->elements.push_back(elements[i]);
    if (first_null >= 0) p->elements.push_back(elements[first_null]);
    v.payload_ = std::move(p);
    v.marks_ = marks;
    return v;
  }
  const bool primitive = element_type.IsPrimitive();
  std::vector<std::string> hashes;
  std::vector<size_t> order(elements.size());
  for (size_t i = 0; i < order.size(); i++) order[i] = i;
  if (!primitive) {
    hashes.resize(elements.size());
    for (size_t i = 0; i < elements.size(); i++) AppendSetHash(elements[i], hashes[i]);
  }
  static const std::string kNoHash;
  auto hash = [&](size_t i) -> const std::string& { return primitive ? kNoHash : hashes[i]; };
  SetOrder ord{primitive};
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return ord.Less(elements[a], hash(a), elements[b], hash(b));
  });
  // De-duplicate: equal elements sort next to each other (same order key, or same hash text
  // for compound elements); keep the first inserted.
  auto p = std::make_shared<Payload>();
  p->elements.reserve(elements.size());
  size_t run_start = 0;  // start (in p->elements) of the run of elements with equal order key
  size_t last = 0;       // original index of the last kept element
  for (size_t k = 0; k < order.size(); k++) {
    size_t i = order[k];
    const Value& e = elements[i];
    if (!p->elements.empty()) {
      bool same_key = !ord.Less(elements[last], hash(last), e, hash(i)) &&
                      !ord.Less(e, hash(i), elements[last], hash(last));
      if (!same_key) run_start = p->elements.size();
    }
    bool duplicate = false;
    for (size_t r = run_start; r < p->elements.size(); r++) {
      if (SetEquivalent(p->elements[r], e)) {
        duplicate = true;
        break;
      }
    }
    if (duplicate) continue;
    p->elements.push_back(e);
    last = i;
  }
  v.payload_ = std::move(p);
  v.marks_ = marks;
  return v;
}

Value Value::Map(Type element_type, std::vector<std::pair<std::string, Value>> entries) {
  Value v = ValueAccess::Make(Type::Map(std::move(element_type)));
  if (entries.empty()) return v;
  SortEntries(entries);
  auto p = std::make_shared<Payload>();
  p->keys.reserve(entries.size());
  p->elements.reserve(entries.size());
  for (auto& [k, e] : entries) {
    p->keys.push_back(std::move(k));
    p->elements.push_back(std::move(e));
  }
  v.payload_ = std::move(p);
  return v;
}

Value Value::Tuple(std::vector<Value> elements) {
  std::vector<Type> types;
  types.reserve(elements.size());
  for (const Value& e : elements) types.push_back(e.type());
  Value v = ValueAccess::Make(Type::Tuple(std::move(types)));
  if (!elements.empty()) {
    auto p = std::make_shared<Payload>();
    p->elements = std::move(elements);
    v.payload_ = std::move(p);
  }
  return v;
}

Value Value::Object(std::vector<std::pair<std::string, Value>> attributes) {
  SortEntries(attributes);
  std::vector<std::pair<std::string, Type>> types;
  types.reserve(attributes.size());
  for (const auto& [k, e] : attributes) types.emplace_back(k, e.type());
  std::vector<Value> elements;
  elements.reserve(attributes.size());
  for (auto& [k, e] : attributes) elements.push_back(std::move(e));
  return ObjectWithType(Type::Object(std::move(types)), std::move(elements));
}

Value Value::ObjectWithType(Type object_type, std::vector<Value> elements) {
  Value v = ValueAccess::Make(std::move(object_type));
  if (!elements.empty()) {
    // An object's keys are its type's attribute names (Keys()), not kept per value.
    auto p = std::make_shared<Payload>();
    p->elements = std::move(elements);
    v.payload_ = std::move(p);
  }
  return v;
}

const std::string& Value::AsString() const {
  static const std::string empty;
  return payload_ ? payload_->str : empty;
}

size_t Value::Length() const { return Elements().size(); }

const std::vector<Value>& Value::Elements() const {
  if (!payload_ || state_ != State::kKnown) return EmptyValues();
  return payload_->elements;
}

const std::vector<std::string>& Value::Keys() const {
  if (!payload_ || state_ != State::kKnown) return EmptyKeys();
  if (type_.IsObject()) return type_.AttributeNames();
  return payload_->keys;
}

const Value* Value::Find(std::string_view key) const {
  const auto& keys = Keys();
  auto it = std::lower_bound(keys.begin(), keys.end(), key,
                             [](const std::string& a, std::string_view k) { return a < k; });
  if (it == keys.end() || *it != key) return nullptr;
  return &payload_->elements[it - keys.begin()];
}

bool Value::IsWhollyKnown() const {
  if (!IsKnown()) return false;
  for (const Value& e : Elements()) {
    if (!e.IsWhollyKnown()) return false;
  }
  return true;
}

bool Value::HasWhollyKnownType() const {
  if (IsNull()) return true;
  if (!IsKnown()) return !type_.HasDynamic();
  for (const Value& e : Elements()) {
    if (!e.HasWhollyKnownType()) return false;
  }
  return true;
}

Value Value::RefineNotNull() const {
  if (IsKnown()) return *this;
  Value v = *this;
  v.not_null_ = true;
  return v;
}

Value Value::WithMarks(Marks m) const {
  Value v = *this;
  v.marks_ |= m;
  return v;
}

Value Value::Unmarked() const {
  Value v = *this;
  v.marks_ = Marks();
  return v;
}

Marks Value::DeepMarks() const {
  Marks m = marks_;
  for (const Value& e : Elements()) m |= e.DeepMarks();
  return m;
}

bool Value::ContainsMarked() const {
  if (IsMarked()) return true;
  for (const Value& e : Elements()) {
    if (e.ContainsMarked()) return true;
  }
  return false;
}

Value Value::UnmarkedDeep() const {
  if (!ContainsMarked()) return *this;
  Value v = *this;
  v.marks_ = Marks();
  if (payload_ && !payload_->elements.empty()) {
    auto p = std::make_shared<Payload>();
    p->str = payload_->str;
    p->keys = payload_->keys;
    p->elements.reserve(payload_->elements.size());
    for (const Value& e : payload_->elements) p->elements.push_back(e.UnmarkedDeep());
    v.payload_ = std::move(p);
  }
  return v;
}

bool TypeConforms(const Type& a, const Type& b) {
  if (b.IsDynamic()) return true;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kMap:
      return TypeConforms(a.ElementType(), b.ElementType());
    case Type::Kind::kObject: {
      const auto& aa = a.Attributes();
      const auto& ba = b.Attributes();
      if (aa.size() != ba.size()) return false;
      for (size_t i = 0; i < aa.size(); i++) {
        if (aa[i].first != ba[i].first || !TypeConforms(aa[i].second, ba[i].second)) return false;
      }
      return true;
    }
    case Type::Kind::kTuple: {
      const auto& ae = a.TupleElements();
      const auto& be = b.TupleElements();
      if (ae.size() != be.size()) return false;
      for (size_t i = 0; i < ae.size(); i++) {
        if (!TypeConforms(ae[i], be[i])) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

namespace {

/// Equals on unmarked operands (marks are applied by the caller). Returns 1 true, 0 false,
/// -1 unknown.
int EqualsRaw(const Value& a, const Value& b) {
  if (a.IsNull() && b.DefinitelyNotNull()) return 0;
  if (b.IsNull() && a.DefinitelyNotNull()) return 0;
  if (!a.IsKnown() && !b.IsKnown()) return -1;
  if (a.IsKnown() != b.IsKnown()) {
    const Value& known = a.IsKnown() ? a : b;
    const Value& unknown = a.IsKnown() ? b : a;
    if (known.IsNull() || unknown.type().HasDynamic()) return -1;
    if (!(known.type() == unknown.type())) return 0;
    return -1;
  }
  if (a.IsNull() && b.IsNull()) return 1;
  if (a.IsNull() || b.IsNull()) return 0;
  if (!a.HasWhollyKnownType() || !b.HasWhollyKnownType()) {
    if (!TypeConforms(a.type(), b.type()) && !TypeConforms(b.type(), a.type())) return 0;
    return -1;
  }
  if (!(a.type() == b.type())) return 0;
  switch (a.type().kind()) {
    case Type::Kind::kNumber:
      return a.AsNumber().EqualsCty(b.AsNumber()) ? 1 : 0;
    case Type::Kind::kBool:
      return a.AsBool() == b.AsBool() ? 1 : 0;
    case Type::Kind::kString:
      return a.AsString() == b.AsString() ? 1 : 0;
    case Type::Kind::kSet: {
      // Equal when every element of each is in the other; any unknown element makes the
      // answer unknown.
      for (const Value& e : a.Elements()) {
        if (!e.IsKnown()) return -1;
      }
      for (const Value& e : b.Elements()) {
        if (!e.IsKnown()) return -1;
      }
      auto contains = [](const Value& set, const Value& x) {
        for (const Value& e : set.Elements()) {
          if (EqualsRaw(e.UnmarkedDeep(), x.UnmarkedDeep()) == 1) return true;
        }
        return false;
      };
      bool equal = true;
      for (const Value& e : a.Elements()) equal = equal && contains(b, e);
      for (const Value& e : b.Elements()) equal = equal && contains(a, e);
      return equal ? 1 : 0;
    }
    case Type::Kind::kMap:
      if (a.Keys() != b.Keys()) return 0;
      [[fallthrough]];
    case Type::Kind::kList:
    case Type::Kind::kTuple:
    case Type::Kind::kObject: {
      if (a.Length() != b.Length()) return 0;
      for (size_t i = 0; i < a.Length(); i++) {
        int eq = EqualsRaw(a[i].Unmarked(), b[i].Unmarked());
        if (eq != 1) return eq;
      }
      return 1;
    }
    case Type::Kind::kDynamic:
      return -1;
  }
  return -1;
}

}  // namespace

Value Value::Equals(const Value& other) const {
  int eq = EqualsRaw(Unmarked(), other.Unmarked());
  Value result = eq < 0 ? Value::Unknown(Type::Bool()).RefineNotNull() : Value::Bool(eq == 1);
  Marks m = DeepMarks() | other.DeepMarks();
  return m.empty() ? result : result.WithMarks(m);
}

bool Value::RawEquals(const Value& other) const {
  if (!(type_ == other.type_) || state_ != other.state_ || !(marks_ == other.marks_)) return false;
  if (state_ == State::kUnknown) return not_null_ == other.not_null_;
  if (state_ != State::kKnown) return true;
  switch (type_.kind()) {
    case Type::Kind::kBool:
      return bool_ == other.bool_;
    case Type::Kind::kNumber: {
      Number a = AsNumber();
      Number b = other.AsNumber();
      return a.EqualsCty(b) && a.IsNegativeZero() == b.IsNegativeZero();
    }
    case Type::Kind::kString:
      return AsString() == other.AsString();
    default:
      break;
  }
  if (payload_ == other.payload_) return true;
  if (Length() != other.Length() || Keys() != other.Keys()) return false;
  for (size_t i = 0; i < Length(); i++) {
    if (!(*this)[i].RawEquals(other[i])) return false;
  }
  return true;
}

std::string SetHashText(const Value& v) {
  std::string out;
  AppendSetHash(v.Unmarked(), out);
  return out;
}

}  // namespace cairn
