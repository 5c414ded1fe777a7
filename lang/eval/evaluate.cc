#include "lang/eval/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lang/base/convert.h"
#include "lang/base/name_suggestion.h"
#include "lang/eval/variables.h"

namespace cairn::eval {
namespace {

using ast::BinaryOperator;
using ast::Expr;
using ast::ExprKind;

constexpr std::string_view kInvalidIndex = "Invalid index";
constexpr std::string_view kNoElement =
    "The given key does not identify an element in this collection value";

Value WithMarksIf(Value v, Marks m) { return m.empty() ? v : v.WithMarks(m); }

Range Span(const Range& a, const Range& b) { return Range{a.filename, a.start, b.end}; }

void AddError(Diagnostics& diags, std::string summary, std::string detail, const Range& subject,
              std::optional<Range> context = {}) {
  diags.Error(std::move(summary), std::move(detail), subject, std::move(context));
}

bool IsSequenceOrSet(const Type& t) { return t.IsList() || t.IsSet() || t.IsTuple(); }

bool CanIterate(const Type& t) {
  return t.IsList() || t.IsSet() || t.IsTuple() || t.IsMap() || t.IsObject();
}

/// A list of `values` when they all have one type, else (as cty.ListVal would refuse) the
/// values unified to one type, else a tuple.
Value ListOf(std::vector<Value> values) {
  Type first = values[0].type();
  bool same = true;
  for (const Value& v : values) same = same && v.type() == first;
  if (same) return Value::List(first, std::move(values));
  std::vector<Type> types;
  for (const Value& v : values) types.push_back(v.type());
  if (auto unified = UnifyTypes(types)) {
    std::vector<Value> converted;
    for (const Value& v : values) {
      ConvertResult c = Convert(v, *unified);
      if (!c.ok()) return Value::Tuple(std::move(values));
      converted.push_back(std::move(c.value));
    }
    return Value::List(*unified, std::move(converted));
  }
  return Value::Tuple(std::move(values));
}

/// hcl.GetAttr.
Value GetAttr(const Value& obj, const std::string& name, const Range& range, Diagnostics& diags) {
  if (obj.IsNull()) {
    AddError(diags, "Attempt to get attribute from null value",
             "This value is null, so it does not have any attributes.", range);
    return Value::DynamicUnknown();
  }
  Marks marks = obj.marks();
  Value v = obj.Unmarked();
  const Type& ty = v.type();
  if (ty.IsObject()) {
    int index = ty.AttributeIndex(name);
    if (index < 0) {
      AddError(diags, "Unsupported attribute",
               fmt::format("This object does not have an attribute named \"{}\".", name), range);
      return Value::DynamicUnknown();
    }
    if (!v.IsKnown()) return WithMarksIf(Value::Unknown(ty.Attributes()[index].second), marks);
    return WithMarksIf(*v.Find(name), marks);
  }
  if (ty.IsMap()) {
    if (!v.IsKnown()) return WithMarksIf(Value::Unknown(ty.ElementType()), marks);
    const Value* found = v.Find(name);
    if (found == nullptr) {
      AddError(diags, "Missing map element",
               fmt::format("This map does not have an element with the key \"{}\".", name), range);
      return Value::DynamicUnknown();
    }
    return WithMarksIf(*found, marks);
  }
  if (ty.IsDynamic()) return WithMarksIf(Value::DynamicUnknown(), marks);
  if (ty.IsList() && ty.ElementType().IsObject()) {
    std::string detail =
        ty.ElementType().HasAttribute(name)
            ? fmt::format("Can't access attributes on a list of objects. Did you mean to access "
                          "attribute \"{}\" for a specific element of the list, or across all "
                          "elements of the list?",
                          name)
            : std::string("Can't access attributes on a list of objects. Did you mean to access "
                          "an attribute for a specific element of the list, or across all "
                          "elements of the list?");
    AddError(diags, "Unsupported attribute", std::move(detail), range);
    return Value::DynamicUnknown();
  }
  if (ty.IsSet() && ty.ElementType().IsObject()) {
    AddError(diags, "Unsupported attribute",
             "Can't access attributes on a set of objects. Did you mean to access an attribute "
             "across all elements of the set?",
             range);
    return Value::DynamicUnknown();
  }
  if (ty.IsPrimitive()) {
    AddError(diags, "Unsupported attribute",
             fmt::format("Can't access attributes on a primitive-typed value ({}).",
                         ty.FriendlyName()),
             range);
    return Value::DynamicUnknown();
  }
  AddError(diags, "Unsupported attribute", "This value does not have any attributes.", range);
  return Value::DynamicUnknown();
}

/// hcl.Index.
Value Index(const Value& collection, const Value& key_in, const Range& range,
            std::optional<Range> context, Diagnostics& diags) {
  if (collection.IsNull()) {
    AddError(diags, "Attempt to index null value",
             "This value is null, so it does not have any indices.", range, context);
    return Value::DynamicUnknown();
  }
  if (key_in.IsNull()) {
    AddError(diags, std::string(kInvalidIndex), "Can't use a null value as an indexing key.",
             range, context);
    return Value::DynamicUnknown();
  }
  Marks marks = collection.marks() | key_in.marks();
  const Type& ty = collection.type();
  if (key_in.type().IsDynamic() || ty.IsDynamic()) {
    return WithMarksIf(Value::DynamicUnknown(), marks);
  }
  Value coll = collection.Unmarked();
  Value key = key_in.Unmarked();
  if (ty.IsList() || ty.IsTuple() || ty.IsMap()) {
    ConvertResult converted = Convert(key, ty.IsMap() ? Type::String() : Type::Number());
    if (!converted.ok()) {
      AddError(diags, std::string(kInvalidIndex),
               fmt::format("{}: {}.", kNoElement, converted.error->Format()), range, context);
      return Value::DynamicUnknown();
    }
    key = converted.value;
    if (!coll.IsKnown() || !key.IsKnown()) {
      return WithMarksIf(ty.IsTuple() ? Value::DynamicUnknown() : Value::Unknown(ty.ElementType()),
                         marks);
    }
    if (ty.IsMap()) {
      const Value* found = coll.Find(key.AsString());
      if (found == nullptr) {
        AddError(diags, std::string(kInvalidIndex), fmt::format("{}.", kNoElement), range, context);
        return Value::DynamicUnknown();
      }
      return WithMarksIf(*found, marks);
    }
    Number n = key.AsNumber();
    std::optional<int64_t> i = n.IsInteger() ? n.ToInt64() : std::nullopt;
    if (i && *i >= 0 && static_cast<size_t>(*i) < coll.Length()) {
      return WithMarksIf(coll[static_cast<size_t>(*i)], marks);
    }
    // hcl.Index's special messages; note that (as in hcl) "greater than or equal to the
    // length" is only given when the index equals the length.
    std::string detail = fmt::format("{}.", kNoElement);
    if (!n.IsInteger()) {
      detail = fmt::format(
          "{}: indexing a sequence requires a whole number, but the given index has a "
          "fractional part.",
          kNoElement);
    } else if (n.Sign() < 0) {
      detail =
          fmt::format("{}: a negative number is not a valid index for a sequence.", kNoElement);
    } else if (i && static_cast<uint64_t>(*i) == coll.Length()) {
      detail = coll.Length() == 0
                   ? fmt::format("{}: the collection has no elements.", kNoElement)
                   : fmt::format("{}: the given index is greater than or equal to the length of "
                                 "the collection.",
                                 kNoElement);
    }
    AddError(diags, std::string(kInvalidIndex), std::move(detail), range, context);
    return Value::DynamicUnknown();
  }
  if (ty.IsObject()) {
    bool was_number = key.type().IsNumber();
    ConvertResult converted = Convert(key, Type::String());
    if (!converted.ok()) {
      AddError(diags, std::string(kInvalidIndex),
               fmt::format("{}: {}.", kNoElement, converted.error->Format()), range, context);
      return Value::DynamicUnknown();
    }
    key = converted.value;
    if (!key.IsKnown()) return WithMarksIf(Value::DynamicUnknown(), marks);
    const std::string& name = key.AsString();
    if (!ty.HasAttribute(name)) {
      std::string detail = fmt::format("{}.", kNoElement);
      if (was_number) {
        detail += " An object only supports looking up attributes by name, not by numeric index.";
      }
      AddError(diags, std::string(kInvalidIndex), std::move(detail), range, context);
      return Value::DynamicUnknown();
    }
    if (!coll.IsKnown()) return WithMarksIf(Value::Unknown(ty.Attributes()[ty.AttributeIndex(name)].second), marks);
    return WithMarksIf(*coll.Find(name), marks);
  }
  if (ty.IsSet()) {
    AddError(diags, std::string(kInvalidIndex),
             "Elements of a set are identified only by their value and don't have any separate "
             "index or key to select with, so it's only possible to perform operations across "
             "all elements of the set.",
             range, context);
    return Value::DynamicUnknown();
  }
  AddError(diags, std::string(kInvalidIndex), "This value does not have any indices.", range,
           context);
  return Value::DynamicUnknown();
}

Value LiteralOf(const ast::LiteralValue& lit) {
  switch (lit.kind) {
    case ast::LiteralValue::Kind::kNull:
      return Value();
    case ast::LiteralValue::Kind::kBool:
      return Value::Bool(lit.boolean);
    case ast::LiteralValue::Kind::kNumber:
      if (auto n = Number::Parse(lit.text)) return Value::Num(*n);
      return Value::Unknown(Type::Number());
    case ast::LiteralValue::Kind::kString:
      return Value::String(lit.text);
  }
  return Value();
}

/// cty's describeConditionalTypeMismatch (hclsyntax).
std::string DescribeConditionalTypeMismatch(const Type& t, const Type& f) {
  if (t.IsObject() && f.IsObject()) {
    for (const auto& [name, aty] : t.Attributes()) {
      int fi = f.AttributeIndex(name);
      if (fi < 0) {
        return fmt::format(
            "The 'true' value includes object attribute \"{}\", which is absent in the 'false' "
            "value",
            name);
      }
      const Type& faty = f.Attributes()[fi].second;
      if (!(aty == faty)) {
        return fmt::format("Type mismatch for object attribute \"{}\": {}", name,
                           DescribeConditionalTypeMismatch(aty, faty));
      }
    }
    for (const auto& [name, aty] : f.Attributes()) {
      if (!t.HasAttribute(name)) {
        return fmt::format(
            "The 'false' value includes object attribute \"{}\", which is absent in the 'true' "
            "value",
            name);
      }
    }
  } else if (t.IsTuple() && f.IsTuple()) {
    const auto& te = t.TupleElements();
    const auto& fe = f.TupleElements();
    if (te.size() != fe.size()) {
      return fmt::format("The 'true' tuple has length {}, but the 'false' tuple has length {}",
                         te.size(), fe.size());
    }
    for (size_t i = 0; i < te.size(); ++i) {
      if (!(te[i] == fe[i])) {
        return fmt::format("Type mismatch for tuple element {}: {}", i,
                           DescribeConditionalTypeMismatch(te[i], fe[i]));
      }
    }
  }
  std::string tn = t.FriendlyName();
  std::string fn = f.FriendlyName();
  if (tn == fn) {
    return "The 'true' and 'false' values have the same type name, but have different types";
  }
  return fmt::format("The 'true' value is {}, but the 'false' value is {}", tn, fn);
}

class Evaluator {
 public:
  Evaluator(const Scope& scope, const FunctionRegistry& functions)
      : scope_(scope), functions_(functions) {}

  Value Eval(const Expr& e, Diagnostics& diags) {
    switch (e.kind) {
      case ExprKind::kLiteral:
        return LiteralOf(e.literal);
      case ExprKind::kTemplate:
        return EvalTemplate(e, diags);
      case ExprKind::kTemplateWrap:
      case ExprKind::kParens:
        return Eval(*e.operand, diags);
      case ExprKind::kTemplateIf: {
        Diagnostics true_diags, false_diags;
        Value t = Eval(*e.operand, true_diags);
        Value f = e.other ? Eval(*e.other, false_diags) : Value::String("");
        return Conditional(e, *e.condition, *e.operand, e.other ? e.other.get() : e.operand.get(),
                           t, f, true_diags, false_diags, diags);
      }
      case ExprKind::kTemplateFor:
        return EvalTemplateFor(e, diags);
      case ExprKind::kScopeTraversal:
        return EvalScopeTraversal(e, diags);
      case ExprKind::kRelativeTraversal: {
        Value source = Eval(*e.operand, diags);
        return ApplySteps(source, e.steps, 0, diags);
      }
      case ExprKind::kIndex: {
        Value coll = Eval(*e.operand, diags);
        Value key = Eval(*e.index, diags);
        return Index(coll, key, Span(e.op_range, e.range), e.range, diags);
      }
      case ExprKind::kSplat:
        return EvalSplat(e, diags);
      case ExprKind::kAnonSymbol:
        return anon_.empty() ? Value::DynamicUnknown() : anon_.back();
      case ExprKind::kInvalid:
        // A value that failed to parse (its syntax error is already reported): unknown, as
        // hclsyntax's ExprSyntaxError placeholder, so that nothing follows from it.
        return Value::DynamicUnknown();
      case ExprKind::kFunctionCall:
        return EvalCall(e, diags);
      case ExprKind::kConditional: {
        Diagnostics true_diags, false_diags;
        Value t = Eval(*e.operand, true_diags);
        Value f = Eval(*e.other, false_diags);
        return Conditional(e, *e.condition, *e.operand, e.other.get(), t, f, true_diags,
                           false_diags, diags);
      }
      case ExprKind::kBinaryOp:
        return EvalBinary(e, diags);
      case ExprKind::kUnaryOp:
        return EvalUnary(e, diags);
      case ExprKind::kTuple: {
        std::vector<Value> items;
        items.reserve(e.items.size());
        for (const auto& item : e.items) items.push_back(Eval(*item, diags));
        return Value::Tuple(std::move(items));
      }
      case ExprKind::kObject:
        return EvalObject(e, diags);
      case ExprKind::kFor:
        return EvalFor(e, diags);
    }
    return Value::DynamicUnknown();
  }

 private:
  Value EvalTemplate(const Expr& e, Diagnostics& diags) {
    std::string buf;
    bool known = true;
    bool failed = false;
    Marks marks;
    for (const auto& part : e.parts) {
      size_t before = diags.ErrorCount();
      Value v = Eval(*part, diags);
      if (diags.ErrorCount() != before) failed = true;
      if (v.IsNull()) {
        AddError(diags, "Invalid template interpolation value",
                 "The expression result is null. Cannot include a null value in a string "
                 "template.",
                 part->range, e.range);
        failed = true;
        continue;
      }
      marks |= v.marks();
      Value u = v.Unmarked();
      if (!u.IsKnown()) {
        known = false;
        continue;
      }
      ConvertResult s = Convert(u, Type::String());
      if (!s.ok()) {
        AddError(diags, "Invalid template interpolation value",
                 fmt::format("Cannot include the given value in a string template: {}.",
                             s.error->Format()),
                 part->range, e.range);
        failed = true;
        continue;
      }
      if (!s.value.IsKnown()) {
        known = false;
        continue;
      }
      if (known && !failed) buf += s.value.Unmarked().AsString();
    }
    if (!known || failed) {
      return WithMarksIf(Value::Unknown(Type::String()).RefineNotNull(), marks);
    }
    return WithMarksIf(Value::String(std::move(buf)), marks);
  }

  Value EvalTemplateFor(const Expr& e, Diagnostics& diags) {
    Value tuple = EvalForTuple(e, *e.for_data, diags);
    Marks marks = tuple.marks();
    Value t = tuple.Unmarked();
    if (t.type().IsDynamic() || !t.IsKnown()) {
      return WithMarksIf(Value::Unknown(Type::String()).RefineNotNull(), marks);
    }
    std::string buf;
    for (const Value& item : t.Elements()) {
      marks |= item.marks();
      Value u = item.Unmarked();
      if (u.IsNull()) {
        AddError(diags, "Invalid template interpolation value",
                 "An iteration result is null. Cannot include a null value in a string "
                 "template.",
                 e.range);
        continue;
      }
      ConvertResult s = Convert(u, Type::String());
      if (!s.ok()) {
        AddError(diags, "Invalid template interpolation value",
                 fmt::format("Cannot include one of the interpolation results into the string "
                             "template: {}.",
                             s.error->Format()),
                 e.range);
        continue;
      }
      if (!s.value.IsKnown()) {
        return WithMarksIf(Value::Unknown(Type::String()).RefineNotNull(), marks);
      }
      buf += s.value.Unmarked().AsString();
    }
    return WithMarksIf(Value::String(std::move(buf)), marks);
  }

  const Value* FindLocal(std::string_view name) const {
    for (auto it = locals_.rbegin(); it != locals_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
    return nullptr;
  }

  Value EvalScopeTraversal(const Expr& e, Diagnostics& diags) {
    if (const Value* local = FindLocal(e.root_name)) {
      return ApplySteps(*local, e.steps, 0, diags);
    }
    ScopeLookup found = scope_.Lookup(e.root_name, e.steps, e.root_range, e.range);
    if (found.diagnostics.HasErrors()) {
      diags.Append(found.diagnostics);
      return Value::DynamicUnknown();
    }
    diags.Append(found.diagnostics);
    return ApplySteps(found.value, e.steps, found.steps_used, diags);
  }

  Value ApplySteps(Value current, const std::vector<ast::TraversalStep>& steps, size_t from,
                   Diagnostics& diags) {
    for (size_t i = from; i < steps.size(); ++i) {
      const ast::TraversalStep& step = steps[i];
      size_t before = diags.ErrorCount();
      if (step.kind == ast::TraversalStep::Kind::kAttr) {
        current = GetAttr(current, step.name, step.range, diags);
      } else {
        current = Index(current, LiteralOf(step.key->literal), step.range, std::nullopt,
                        diags);
      }
      if (diags.ErrorCount() != before) return Value::DynamicUnknown();
    }
    return current;
  }

  Value EvalSplat(const Expr& e, Diagnostics& diags) {
    size_t before = diags.ErrorCount();
    Value source = Eval(*e.operand, diags);
    if (diags.ErrorCount() != before) return Value::DynamicUnknown();
    if (source.IsNull()) return WithMarksIf(Value::Tuple({}), source.marks());
    Marks marks = source.marks();
    source = source.Unmarked();
    if (!source.IsKnown() && source.type().IsDynamic()) {
      return WithMarksIf(Value::DynamicUnknown(), marks);
    }
    if (!IsSequenceOrSet(source.type())) {
      // An unknown single value that may be null could become an empty tuple or a
      // one-element tuple: even the result type is unknown.
      if (!source.IsKnown() && !source.DefinitelyNotNull()) {
        return WithMarksIf(Value::DynamicUnknown(), marks);
      }
      source = Value::Tuple({source});
    }
    const Type& ty = source.type();
    auto result_type = [&](Diagnostics& type_diags) -> Type {
      if (ty.IsList() || ty.IsSet()) {
        return Type::List(EachWith(e, Value::Unknown(ty.ElementType()), type_diags).type());
      }
      std::vector<Type> types;
      for (const Type& et : ty.TupleElements()) {
        types.push_back(EachWith(e, Value::Unknown(et), type_diags).type());
      }
      return Type::Tuple(std::move(types));
    };
    if (!source.IsKnown()) {
      Type rt = result_type(diags);
      Value ret = Value::Unknown(rt);
      if (!rt.IsDynamic()) ret = ret.RefineNotNull();
      return WithMarksIf(ret, marks);
    }
    std::vector<Value> values;
    values.reserve(source.Length());
    bool known = true;
    for (const Value& item : source.Elements()) {
      size_t item_before = diags.ErrorCount();
      values.push_back(EachWith(e, item, diags));
      if (diags.ErrorCount() != item_before) known = false;
    }
    if (!known) {
      Diagnostics ignored;
      return WithMarksIf(Value::Unknown(result_type(ignored)), marks);
    }
    if (ty.IsList() || ty.IsSet()) {
      if (values.empty()) {
        Diagnostics type_diags;
        Type rt = result_type(type_diags);
        diags.Append(type_diags);
        return WithMarksIf(Value::List(rt.ElementType(), {}), marks);
      }
      return WithMarksIf(ListOf(std::move(values)), marks);
    }
    return WithMarksIf(Value::Tuple(std::move(values)), marks);
  }

  Value EachWith(const Expr& e, Value item, Diagnostics& diags) {
    anon_.push_back(std::move(item));
    Value v = Eval(*e.each, diags);
    anon_.pop_back();
    return v;
  }

  Value EvalCall(const Expr& e, Diagnostics& diags) {
    const ast::FunctionCallData& call = *e.call;
    std::string_view name = call.name;
    if (name.starts_with("core::")) name.remove_prefix(6);
    if (!functions_.Has(name)) {
      UnknownFunction(e, call, diags);
      return Value::DynamicUnknown();
    }
    std::vector<FunctionArg> args;
    // Closures of the arguments passed as expressions (stable addresses for `args`).
    std::vector<std::unique_ptr<Closure>> closures;
    size_t before = diags.ErrorCount();
    for (size_t i = 0; i < call.args.size(); ++i) {
      if (!(call.expand_final && i + 1 == call.args.size()) &&
          functions_.TakesExpression(name, i)) {
        CheckReferences(*call.args[i], diags);
        closures.push_back(std::make_unique<Closure>(*this, *call.args[i]));
        args.push_back({Value::DynamicUnknown(), call.args[i]->range, closures.back().get()});
        continue;
      }
      Value v = Eval(*call.args[i], diags);
      if (call.expand_final && i + 1 == call.args.size()) {
        if (v.IsNull()) {
          AddError(diags, "Invalid expanding argument value",
                   "The expanding argument (indicated by ...) must not be null.",
                   call.args[i]->range, e.range);
          return Value::DynamicUnknown();
        }
        if (!v.IsKnown() || v.type().IsDynamic()) return Value::DynamicUnknown();
        if (!IsSequenceOrSet(v.type())) {
          AddError(diags, "Invalid expanding argument value",
                   "The expanding argument (indicated by ...) must be of a tuple, list, or set "
                   "type.",
                   call.args[i]->range, e.range);
          return Value::DynamicUnknown();
        }
        Marks m = v.marks();
        for (const Value& item : v.Unmarked().Elements()) {
          args.push_back({WithMarksIf(item, m), call.args[i]->range});
        }
        continue;
      }
      args.push_back({std::move(v), call.args[i]->range});
    }
    if (diags.ErrorCount() != before) return Value::DynamicUnknown();
    FunctionResult result = functions_.Call(name, args, call, e.range);
    diags.Append(result.diagnostics);
    return result.value;
  }

  /// An argument passed as an expression: evaluated by this evaluator, in the scope (and
  /// iteration variables) of the call.
  class Closure : public ExpressionClosure {
   public:
    Closure(Evaluator& evaluator, const Expr& e) : evaluator_(evaluator), expr_(e) {}
    const Expr& expr() const override { return expr_; }
    FunctionResult Evaluate() const override {
      FunctionResult out;
      out.value = evaluator_.Eval(expr_, out.diagnostics);
      return out;
    }
    bool DependsOnUnknowns() const override {
      for (const Expr* traversal : ExpressionVariables(expr_)) {
        Diagnostics ignored;
        Value v = evaluator_.EvalScopeTraversal(*traversal, ignored);
        if (!ignored.HasErrors() && !v.IsWhollyKnown()) return true;
      }
      return false;
    }

   private:
    Evaluator& evaluator_;
    const Expr& expr_;
  };

  /// Terraform validates the references of every expression before evaluating any: a
  /// reference the scope rejects (an undeclared variable) is an error even in an argument
  /// that is passed as an expression (and so may never be evaluated).
  void CheckReferences(const Expr& e, Diagnostics& diags) {
    for (const Expr* t : ExpressionVariables(e)) {
      if (FindLocal(t->root_name) != nullptr) continue;
      ScopeLookup found = scope_.Lookup(t->root_name, t->steps, t->root_range, t->range);
      if (found.diagnostics.HasErrors()) diags.Append(found.diagnostics);
    }
  }

  /// Terraform's errors for a call to a function that does not exist.
  void UnknownFunction(const Expr& e, const ast::FunctionCallData& call, Diagnostics& diags) {
    std::string_view name = call.name;
    size_t sep = name.find("::");
    if (sep != std::string_view::npos) {
      std::string_view ns = name.substr(0, sep);
      if (ns == "provider") {
        std::string_view rest = name.substr(sep + 2);
        size_t sep2 = rest.find("::");
        std::string_view provider = rest.substr(0, sep2);
        std::string_view leaf = sep2 == std::string_view::npos ? "" : rest.substr(sep2 + 2);
        AddError(diags, "Unknown provider function",
                 fmt::format("There is no function named \"{}\". Ensure that provider name "
                             "\"{}\" is declared in this module's required_providers block, "
                             "and that this provider offers a function named \"{}\".",
                             name, provider, leaf),
                 call.name_range, e.range);
        return;
      }
      // `core::f` for a function that does not exist is reported as Terraform does.
      AddError(diags, "Unknown provider function",
               fmt::format("The function namespace \"{}\" is not valid. Provider function "
                           "calls must use the \"provider::\" namespace prefix.",
                           ns),
               call.name_range, e.range);
      return;
    }
    std::string detail = fmt::format("There is no function named \"{}\".", call.name);
    for (const std::string& candidate : functions_.Names()) {
      if (EditDistance(name, candidate) < 3) {
        detail += fmt::format(" Did you mean \"{}\"?", candidate);
        break;
      }
    }
    AddError(diags, "Call to unknown function", std::move(detail), call.name_range, e.range);
  }

  Value Conditional(const Expr& e, const Expr& cond_expr, const Expr& true_expr,
                    const Expr* false_expr, Value t, Value f, const Diagnostics& true_diags,
                    const Diagnostics& false_diags, Diagnostics& diags) {
    auto is_raw_null = [](const Value& v) {
      return v.IsKnown() && v.IsNull() && v.type().IsDynamic() && !v.IsMarked();
    };
    Type result_type;
    if (is_raw_null(t)) {
      result_type = f.type();
    } else if (is_raw_null(f)) {
      result_type = t.type();
    } else if (t.type().IsDynamic() || f.type().IsDynamic()) {
      result_type = Type::Dynamic();
    } else if (auto unified = UnifyTypes({t.type(), f.type()})) {
      result_type = *unified;
    } else {
      AddError(diags, "Inconsistent conditional result types",
               fmt::format("The true and false result expressions must have consistent types. "
                           "{}.",
                           DescribeConditionalTypeMismatch(t.type(), f.type())),
               Span(true_expr.range, false_expr->range), e.range);
      return Value::DynamicUnknown();
    }
    size_t before = diags.ErrorCount();
    Value cond = Eval(cond_expr, diags);
    if (diags.ErrorCount() != before) return Value::Unknown(result_type);
    if (cond.IsNull()) {
      AddError(diags, "Null condition",
               "The condition value is null. Conditions must either be true or false.",
               cond_expr.range, e.range);
      return Value::Unknown(result_type);
    }
    if (!cond.IsKnown()) {
      diags.Append(true_diags);
      diags.Append(false_diags);
      if (t.IsNull() && f.IsNull()) return Value::Null(result_type);
      Value ret = Value::Unknown(result_type);
      if (t.DefinitelyNotNull() && f.DefinitelyNotNull()) ret = ret.RefineNotNull();
      return WithMarksIf(ret, cond.marks() | t.marks() | f.marks());
    }
    ConvertResult c = Convert(cond, Type::Bool());
    if (!c.ok()) {
      AddError(diags, "Incorrect condition type", "The condition expression must be of type bool.",
               cond_expr.range, e.range);
      return Value::Unknown(result_type);
    }
    Marks cond_marks = c.value.marks();
    bool which = c.value.Unmarked().AsBool();
    const Value& chosen = which ? t : f;
    diags.Append(which ? true_diags : false_diags);
    ConvertResult r = Convert(chosen, result_type);
    if (!r.ok()) {
      AddError(diags, "Inconsistent conditional result types",
               fmt::format("The {} result value has the wrong type: {}.",
                           which ? "true" : "false", r.error->Format()),
               which ? true_expr.range : false_expr->range, e.range);
      return Value::Unknown(result_type);
    }
    // hclsyntax combines the marks of the condition and of both results, whichever is chosen.
    return WithMarksIf(r.value, cond_marks | t.marks() | f.marks());
  }

  Value EvalBinary(const Expr& e, Diagnostics& diags) {
    Value lhs = Eval(*e.operand, diags);
    Value rhs = Eval(*e.other, diags);
    BinaryOperator op = e.binary_op;
    if (op == BinaryOperator::kEqual || op == BinaryOperator::kNotEqual) {
      Value eq = lhs.Equals(rhs);
      if (op == BinaryOperator::kEqual || !eq.IsKnown()) return eq;
      return WithMarksIf(Value::Bool(!eq.Unmarked().AsBool()), eq.marks());
    }
    bool logical = op == BinaryOperator::kAnd || op == BinaryOperator::kOr;
    bool comparison = op == BinaryOperator::kLessThan || op == BinaryOperator::kLessThanOrEqual ||
                      op == BinaryOperator::kGreaterThan ||
                      op == BinaryOperator::kGreaterThanOrEqual;
    Type param = logical ? Type::Bool() : Type::Number();
    Type result_type = (logical || comparison) ? Type::Bool() : Type::Number();
    bool bad = false;
    ConvertResult l = Convert(lhs, param);
    if (!l.ok()) {
      AddError(diags, "Invalid operand",
               fmt::format("Unsuitable value for left operand: {}.", l.error->Format()),
               e.operand->range, e.range);
      bad = true;
    }
    ConvertResult r = Convert(rhs, param);
    if (!r.ok()) {
      AddError(diags, "Invalid operand",
               fmt::format("Unsuitable value for right operand: {}.", r.error->Format()),
               e.other->range, e.range);
      bad = true;
    }
    if (bad) return Value::Unknown(result_type);
    if (l.value.IsNull() || r.value.IsNull()) {
      AddError(diags, "Operation failed", "Error during operation: argument must not be null.",
               e.range, e.range);
      return Value::Unknown(result_type);
    }
    Marks marks = l.value.marks() | r.value.marks();
    Value a = l.value.Unmarked();
    Value b = r.value.Unmarked();
    if (!a.IsKnown() || !b.IsKnown()) {
      return WithMarksIf(Value::Unknown(result_type).RefineNotNull(), marks);
    }
    if (logical) {
      bool v = op == BinaryOperator::kAnd ? (a.AsBool() && b.AsBool())
                                          : (a.AsBool() || b.AsBool());
      return WithMarksIf(Value::Bool(v), marks);
    }
    Number x = a.AsNumber();
    Number y = b.AsNumber();
    if (comparison) {
      int c = x.Compare(y);
      bool v = op == BinaryOperator::kLessThan          ? c < 0
               : op == BinaryOperator::kLessThanOrEqual ? c <= 0
               : op == BinaryOperator::kGreaterThan     ? c > 0
                                                        : c >= 0;
      return WithMarksIf(Value::Bool(v), marks);
    }
    std::optional<Number> n;
    const char* failure = "";
    switch (op) {
      case BinaryOperator::kAdd:
        n = x.Add(y);
        failure = "can't compute sum of opposing infinities";
        break;
      case BinaryOperator::kSubtract:
        n = x.Sub(y);
        failure = "can't subtract infinity from itself";
        break;
      case BinaryOperator::kMultiply:
        n = x.Mul(y);
        failure = "can't multiply zero by infinity";
        break;
      case BinaryOperator::kDivide:
        n = x.Div(y);
        failure = "can't divide zero by zero or infinity by infinity";
        break;
      default:
        n = x.Mod(y);
        failure = "can't use modulo with zero and infinity";
        break;
    }
    if (!n) {
      AddError(diags, "Operation failed", fmt::format("Error during operation: {}.", failure),
               e.range, e.range);
      return Value::Unknown(Type::Number());
    }
    return WithMarksIf(Value::Num(*n), marks);
  }

  Value EvalUnary(const Expr& e, Diagnostics& diags) {
    Value v = Eval(*e.operand, diags);
    bool negate = e.unary_op == ast::UnaryOperator::kNegate;
    Type param = negate ? Type::Number() : Type::Bool();
    ConvertResult c = Convert(v, param);
    if (!c.ok()) {
      AddError(diags, "Invalid operand",
               fmt::format("Unsuitable value for unary operand: {}.", c.error->Format()),
               e.operand->range, e.range);
      return Value::Unknown(param);
    }
    if (c.value.IsNull()) {
      AddError(diags, "Operation failed", "Error during operation: argument must not be null.",
               e.range, e.range);
      return Value::Unknown(param);
    }
    Marks marks = c.value.marks();
    Value u = c.value.Unmarked();
    if (!u.IsKnown()) return WithMarksIf(Value::Unknown(param).RefineNotNull(), marks);
    if (negate) return WithMarksIf(Value::Num(u.AsNumber().Neg()), marks);
    return WithMarksIf(Value::Bool(!u.AsBool()), marks);
  }

  Value EvalObject(const Expr& e, Diagnostics& diags) {
    std::vector<std::pair<std::string, Value>> attrs;
    attrs.reserve(e.object_items.size());
    bool known = true;
    Marks marks;
    for (const ast::ObjectItem& item : e.object_items) {
      Value key;
      Diagnostics key_diags;
      if (item.key_is_bare_name && item.key->kind == ExprKind::kScopeTraversal &&
          item.key->steps.empty()) {
        key = Value::String(item.key->root_name);
      } else {
        key = Eval(*item.key, key_diags);
      }
      diags.Append(key_diags);
      Value val = Eval(*item.value, diags);
      if (key_diags.HasErrors()) {
        known = false;
        continue;
      }
      if (key.IsNull()) {
        AddError(diags, "Null value as key", "Can't use a null value as a key.",
                 item.value->range);
        known = false;
        continue;
      }
      marks |= key.marks();
      ConvertResult k = Convert(key.Unmarked(), Type::String());
      if (!k.ok()) {
        AddError(diags, "Incorrect key type",
                 fmt::format("Can't use this value as a key: {}.", k.error->Format()),
                 item.key->range);
        known = false;
        continue;
      }
      if (!k.value.IsKnown()) {
        known = false;
        continue;
      }
      attrs.emplace_back(k.value.AsString(), std::move(val));
    }
    if (!known) return Value::DynamicUnknown();
    return WithMarksIf(Value::Object(std::move(attrs)), marks);
  }

  /// The collection of a `for` expression checked as hclsyntax's ForExpr does; nullopt when
  /// the result is already decided (`result` set).
  std::optional<Value> ForCollection(const Expr& e, const ast::ForData& f, Diagnostics& diags,
                                     Value& result) {
    size_t before = diags.ErrorCount();
    Value coll = Eval(*f.collection, diags);
    if (diags.ErrorCount() != before) {
      result = Value::DynamicUnknown();
      return std::nullopt;
    }
    if (coll.IsNull()) {
      AddError(diags, "Iteration over null value",
               "A null value cannot be used as the collection in a 'for' expression.",
               f.collection->range, e.range);
      result = Value::DynamicUnknown();
      return std::nullopt;
    }
    if (coll.type().IsDynamic()) {
      result = WithMarksIf(Value::DynamicUnknown(), coll.marks());
      return std::nullopt;
    }
    if (!CanIterate(coll.type())) {
      AddError(diags, "Iteration over non-iterable value",
               fmt::format("A value of type {} cannot be used as the collection in a 'for' "
                           "expression.",
                           coll.type().FriendlyName()),
               f.collection->range, e.range);
      result = Value::DynamicUnknown();
      return std::nullopt;
    }
    if (!coll.IsKnown()) {
      result = WithMarksIf(Value::DynamicUnknown(), coll.marks());
      return std::nullopt;
    }
    return coll;
  }

  /// Binds the iteration variables for element `i` of `coll` (unmarked, known).
  void Bind(const ast::ForData& f, const Value& coll, size_t i) {
    const Type& ty = coll.type();
    if (!f.key_var.empty()) {
      Value key;
      if (ty.IsMap() || ty.IsObject()) {
        key = Value::String(coll.Keys()[i]);
      } else if (ty.IsSet()) {
        key = coll[i];
      } else {
        key = Value::Int(static_cast<int64_t>(i));
      }
      locals_.emplace_back(f.key_var, std::move(key));
    }
    locals_.emplace_back(f.value_var, coll[i]);
  }

  void Unbind(const ast::ForData& f) {
    locals_.pop_back();
    if (!f.key_var.empty()) locals_.pop_back();
  }

  /// Evaluates the `if` clause: true to include, false to skip; sets `known` false when
  /// the clause is unknown or invalid.
  bool Include(const Expr& e, const ast::ForData& f, bool& known, Marks& marks,
               Diagnostics& diags) {
    if (!f.condition) return true;
    Value raw = Eval(*f.condition, diags);
    if (raw.IsNull()) {
      if (known) {
        AddError(diags, "Condition is null", "The value of the 'if' clause must not be null.",
                 f.condition->range, e.range);
      }
      known = false;
      return false;
    }
    ConvertResult c = Convert(raw, Type::Bool());
    if (!c.ok()) {
      if (known) {
        AddError(diags, "Invalid 'for' condition",
                 fmt::format("The 'if' clause value is invalid: {}.", c.error->Format()),
                 f.condition->range, e.range);
      }
      known = false;
      return false;
    }
    if (!c.value.IsKnown()) {
      known = false;
      return false;
    }
    marks |= c.value.marks();
    return c.value.Unmarked().AsBool();
  }

  Value EvalForTuple(const Expr& e, const ast::ForData& f, Diagnostics& diags) {
    Value result;
    std::optional<Value> marked = ForCollection(e, f, diags, result);
    if (!marked) return result;
    Marks marks = marked->marks();
    Value coll = marked->Unmarked();
    std::vector<Value> values;
    values.reserve(coll.Length());
    bool known = true;
    for (size_t i = 0; i < coll.Length(); ++i) {
      Bind(f, coll, i);
      if (Include(e, f, known, marks, diags)) {
        values.push_back(Eval(*f.value_expr, diags));
      }
      Unbind(f);
    }
    if (!known) return WithMarksIf(Value::DynamicUnknown(), marks);
    return WithMarksIf(Value::Tuple(std::move(values)), marks);
  }

  Value EvalFor(const Expr& e, Diagnostics& diags) {
    const ast::ForData& f = *e.for_data;
    if (!f.key_expr) return EvalForTuple(e, f, diags);
    Value result;
    std::optional<Value> marked = ForCollection(e, f, diags, result);
    if (!marked) return result;
    Marks marks = marked->marks();
    Value coll = marked->Unmarked();
    bool known = true;
    std::vector<std::pair<std::string, Value>> attrs;
    // Grouping: key -> index into groups, in order of first appearance.
    std::vector<std::pair<std::string, std::vector<Value>>> groups;
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < coll.Length(); ++i) {
      Bind(f, coll, i);
      if (Include(e, f, known, marks, diags)) {
        Value raw = Eval(*f.key_expr, diags);
        if (raw.IsNull()) {
          if (known) {
            AddError(diags, "Invalid object key",
                     "Key expression in 'for' expression must not produce a null value.",
                     f.key_expr->range, e.range);
          }
          known = false;
        } else if (!raw.IsKnown()) {
          known = false;
        } else {
          ConvertResult k = Convert(raw, Type::String());
          if (!k.ok()) {
            if (known) {
              AddError(diags, "Invalid object key",
                       fmt::format("The key expression produced an invalid result: {}.",
                                   k.error->Format()),
                       f.key_expr->range, e.range);
            }
            known = false;
          } else {
            marks |= k.value.marks();
            std::string key = k.value.Unmarked().AsString();
            Value val = Eval(*f.value_expr, diags);
            auto [it, inserted] = index.emplace(key, groups.size());
            if (inserted) {
              groups.emplace_back(key, std::vector<Value>{std::move(val)});
            } else if (f.group) {
              groups[it->second].second.push_back(std::move(val));
            } else {
              AddError(diags, "Duplicate object key",
                       fmt::format("Two different items produced the key \"{}\" in this 'for' "
                                   "expression. If duplicates are expected, use the ellipsis "
                                   "(...) after the value expression to enable grouping by key.",
                                   key),
                       f.key_expr->range, e.range);
            }
          }
        }
      }
      Unbind(f);
    }
    if (!known) return WithMarksIf(Value::DynamicUnknown(), marks);
    attrs.reserve(groups.size());
    for (auto& [key, vals] : groups) {
      attrs.emplace_back(key, f.group ? Value::Tuple(std::move(vals)) : std::move(vals[0]));
    }
    return WithMarksIf(Value::Object(std::move(attrs)), marks);
  }

  const Scope& scope_;
  const FunctionRegistry& functions_;
  std::vector<std::pair<std::string_view, Value>> locals_;
  std::vector<Value> anon_;
};

}  // namespace

EvalResult Evaluate(const ast::Expr& expr, const Scope& scope,
                    const FunctionRegistry& functions) {
  EvalResult out;
  Evaluator evaluator(scope, functions);
  out.value = evaluator.Eval(expr, out.diagnostics);
  return out;
}

EvalResult Evaluate(const ast::Expr& expr, const Scope& scope) {
  static const EmptyFunctionRegistry kNoFunctions;
  return Evaluate(expr, scope, kNoFunctions);
}

}  // namespace cairn::eval
