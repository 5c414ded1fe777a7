// Terraform's set functions (collection group): setintersection, setproduct, setsubtract,
// setunion, as cty's stdlib defines them.

#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

BodyResult Ok(Value v) { return {std::move(v), std::nullopt}; }

/// cty's setOperationReturnType: the sets' element types unified, ignoring known empty sets
/// of unknown element type; nullopt when they cannot be unified.
std::optional<Type> SetOperationType(const std::vector<Value>& a) {
  std::vector<Type> types;
  for (const Value& v : a) {
    const Type& ety = v.type().ElementType();
    if (v.IsKnown() && v.Length() == 0 && ety.IsDynamic()) continue;
    types.push_back(ety);
  }
  if (types.empty()) return Type::Set(Type::Dynamic());
  std::optional<Type> unified = UnifyTypes(types);
  if (!unified) return std::nullopt;
  return Type::Set(*unified);
}

enum class SetOp { kUnion, kIntersection, kSubtract };

/// cty's setOperationImpl. Arguments arrive converted to sets (possibly unknown, possibly
/// with unknown elements); only a union can be computed with unknown elements.
BodyResult SetOperation(const std::vector<Value>& a, SetOp op) {
  std::optional<Type> ret = SetOperationType(a);
  if (!ret) return CallError("given sets must all have compatible element types");
  for (const Value& v : a) {
    if (!v.IsKnown()) return Ok(Value::Unknown(*ret).RefineNotNull());
  }
  std::vector<Value> sets;
  sets.reserve(a.size());
  for (size_t i = 0; i < a.size(); ++i) {
    ConvertResult c = Convert(a[i], *ret);
    if (!c.ok()) return ArgError(i, c.error->message);
    if (op != SetOp::kUnion && !c.value.IsWhollyKnown()) {
      return Ok(Value::Unknown(*ret).RefineNotNull());
    }
    sets.push_back(std::move(c.value));
  }
  const Type& ety = ret->ElementType();
  if (op == SetOp::kUnion) {
    std::vector<Value> all;
    for (const Value& s : sets) all.insert(all.end(), s.Elements().begin(), s.Elements().end());
    return Ok(Value::Set(ety, std::move(all)));
  }
  std::vector<Value> result = sets[0].Elements();
  for (size_t i = 1; i < sets.size(); ++i) {
    std::unordered_set<std::string> other;
    for (const Value& e : sets[i].Elements()) other.insert(SetHashText(e));
    std::vector<Value> kept;
    for (Value& e : result) {
      bool in_other = other.count(SetHashText(e)) != 0;
      if (in_other == (op == SetOp::kIntersection)) kept.push_back(std::move(e));
    }
    result = std::move(kept);
  }
  return Ok(Value::Set(ety, std::move(result)));
}

/// The element type setproduct uses for argument `v`, or the argument error.
struct ProductElement {
  Type type;
  bool is_list = false;
  std::optional<std::string> error;
};

ProductElement ProductElementType(const Value& v) {
  const Type& t = v.type();
  if (t.IsSet()) return {t.ElementType(), false, std::nullopt};
  if (t.IsList()) return {t.ElementType(), true, std::nullopt};
  if (t.IsTuple()) {
    if (t.TupleElements().empty()) return {Type::Dynamic(), true, std::nullopt};
    std::optional<Type> unified = UnifyTypes(t.TupleElements());
    if (!unified) return {Type(), true, "all elements must be of the same type"};
    return {*unified, true, std::nullopt};
  }
  return {Type(), false, "a set or a list is required"};
}

/// cty's SetProductFunc: every combination of one element from each argument (the first
/// argument varying slowest); a list of tuples when every argument is a list or tuple, else
/// a set of tuples. Marks of the arguments move to the result.
BodyResult SetProduct(const std::vector<Value>& marked) {
  if (marked.size() < 2) return CallError("at least two arguments are required");
  Marks marks;
  std::vector<Value> a;
  a.reserve(marked.size());
  for (const Value& v : marked) {
    // cty gives up on an argument whose type is not known yet before checking types.
    if (v.type().IsDynamic()) return Ok(Value::DynamicUnknown());
    marks |= v.marks();
    a.push_back(v.Unmarked());
  }
  std::vector<Type> etys;
  size_t lists = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ProductElement pe = ProductElementType(a[i]);
    if (pe.error) return ArgError(i, *pe.error);
    etys.push_back(pe.type);
    if (pe.is_list) ++lists;
  }
  Type tuple = Type::Tuple(etys);
  const bool as_list = lists == a.size();
  Type ret = as_list ? Type::List(tuple) : Type::Set(tuple);
  auto with_marks = [&](Value v) { return marks.empty() ? v : v.WithMarks(marks); };
  size_t total = 1;
  bool unknown_length = false;
  for (const Value& v : a) {
    // A set with unknown elements has an unknown length (they may turn out equal).
    if (!v.IsKnown() || (v.type().IsSet() && !v.IsWhollyKnown())) {
      unknown_length = true;
      continue;
    }
    total *= v.Length();
  }
  if (unknown_length) return Ok(with_marks(Value::Unknown(ret).RefineNotNull()));
  if (total == 0) {
    return Ok(with_marks(as_list ? Value::List(tuple, {}) : Value::Set(tuple, {})));
  }
  // Each argument's elements converted to its element type.
  std::vector<std::vector<Value>> columns;
  for (size_t i = 0; i < a.size(); ++i) {
    std::vector<Value> column;
    column.reserve(a[i].Length());
    for (const Value& e : a[i].Elements()) {
      ConvertResult c = Convert(e, etys[i]);
      if (!c.ok()) return ArgError(i, c.error->message);
      column.push_back(std::move(c.value));
    }
    columns.push_back(std::move(column));
  }
  std::vector<Value> product;
  product.reserve(total);
  std::vector<size_t> index(a.size(), 0);
  for (size_t n = 0; n < total; ++n) {
    std::vector<Value> items;
    items.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) items.push_back(columns[i][index[i]]);
    product.push_back(Value::Tuple(std::move(items)));
    for (size_t i = a.size(); i-- > 0;) {
      if (++index[i] < columns[i].size()) break;
      index[i] = 0;
    }
  }
  return Ok(with_marks(as_list ? Value::List(tuple, std::move(product))
                               : Value::Set(tuple, std::move(product))));
}

}  // namespace

void RegisterSetFunctions(BuiltinFunctions& r) {
  // The set parameters take unknowns: cty only answers an unknown set with an unknown result
  // after checking the element types, and a union is computed with unknown elements.
  auto set_param = [](std::string name) {
    return Param{std::move(name), Type::Set(Type::Dynamic()), false, /*allow_unknown=*/true};
  };
  const Type any_set = Type::Set(Type::Dynamic());
  r.Add({"setintersection", {set_param("first_set")}, set_param("other_sets"), any_set, nullptr,
         [](const std::vector<Value>& a) { return SetOperation(a, SetOp::kIntersection); }});
  r.Add({"setsubtract", {set_param("a"), set_param("b")}, std::nullopt, any_set, nullptr,
         [](const std::vector<Value>& a) { return SetOperation(a, SetOp::kSubtract); }});
  r.Add({"setunion", {set_param("first_set")}, set_param("other_sets"), any_set, nullptr,
         [](const std::vector<Value>& a) { return SetOperation(a, SetOp::kUnion); }});
  r.Add({"setproduct", {},
         Param{"sets", Type::Dynamic(), false, /*allow_unknown=*/true, /*allow_marked=*/true},
         Type::Dynamic(), nullptr, SetProduct});
}

}  // namespace cairn::eval::functions
