/// Computing the structured diff (Terraform's jsonformat/differ, jsondiff and collections
/// packages) over values instead of their JSON form.

#include <algorithm>
#include <set>

#include "planner/render/value_diff.h"

namespace cairn::planner::diff {
namespace {

bool IsNil(const Value& v, bool present) { return !present || !v.IsKnown() || v.IsNull(); }

bool IsSequence(const Type& t) { return t.IsList() || t.IsSet() || t.IsTuple(); }
bool IsMapping(const Type& t) { return t.IsMap() || t.IsObject(); }

/// reflect.DeepEqual of the two values' JSON forms (unknown and null are both JSON null;
/// lists, sets and tuples are arrays; maps and objects are objects; numbers are compared as
/// their JSON text, which json.Unmarshal turns into equal float64s when equal).
bool JsonEqual(const Value& a, const Value& b) {
  bool a_nil = !a.IsKnown() || a.IsNull();
  bool b_nil = !b.IsKnown() || b.IsNull();
  if (a_nil || b_nil) return a_nil && b_nil;
  const Type& ta = a.type();
  const Type& tb = b.type();
  if (ta.IsString()) return tb.IsString() && a.AsString() == b.AsString();
  if (ta.IsBool()) return tb.IsBool() && a.AsBool() == b.AsBool();
  if (ta.IsNumber()) return tb.IsNumber() && a.AsNumber().ToDouble() == b.AsNumber().ToDouble();
  if (IsSequence(ta)) {
    if (!IsSequence(tb) || a.Length() != b.Length()) return false;
    for (size_t i = 0; i < a.Length(); ++i) {
      if (!JsonEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (IsMapping(ta)) {
    if (!IsMapping(tb) || a.Keys() != b.Keys()) return false;
    for (size_t i = 0; i < a.Length(); ++i) {
      if (!JsonEqual(a[i], b[i])) return false;
    }
    return true;
  }
  return false;
}

/// The JSON kinds of jsondiff.GetType.
enum class JsonType { kNull, kBool, kNumber, kString, kObject, kArray };

JsonType GetJsonType(const Value& v, bool present) {
  if (IsNil(v, present)) return JsonType::kNull;
  const Type& t = v.type();
  if (t.IsBool()) return JsonType::kBool;
  if (t.IsNumber()) return JsonType::kNumber;
  if (t.IsString()) return JsonType::kString;
  if (IsMapping(t)) return JsonType::kObject;
  return JsonType::kArray;
}

Action CompareActions(Action current, Action next) {
  if (next == Action::kNoOp) return current;
  return current != next ? Action::kUpdate : current;
}

/// structured.Change.CalculateAction.
Action CalculateAction(const Change& c) {
  bool before_nil = c.BeforeNil();
  bool after_nil = c.AfterNil();
  if (before_nil && !c.before_explicit && (!after_nil || c.after_explicit)) {
    return Action::kCreate;
  }
  if (after_nil && !c.after_explicit && (!before_nil || c.before_explicit)) {
    return Action::kDelete;
  }
  bool equal = before_nil || after_nil ? before_nil && after_nil : JsonEqual(c.before, c.after);
  if (equal && c.after_explicit == c.before_explicit &&
      c.AfterSensitive() == c.BeforeSensitive()) {
    return Action::kNoOp;
  }
  return Action::kUpdate;
}

/// GetDefaultActionForIteration.
Action DefaultActionForIteration(const Change& c) {
  bool before_nil = c.BeforeNil();
  bool after_nil = c.AfterNil();
  if (before_nil && after_nil) return Action::kNoOp;
  if (before_nil) return Action::kCreate;
  if (after_nil) return Action::kDelete;
  return Action::kNoOp;
}

Change AsDelete(const Change& c) {
  Change d = c;
  d.after = Value();
  d.after_explicit = false;
  return d;
}

Change AsCreate(const Change& c) {
  Change d = c;
  d.before = Value();
  d.before_explicit = false;
  return d;
}

Change AsNoOp(const Change& c) {
  Change d = c;
  d.after = c.before;
  d.after_explicit = c.before_explicit;
  return d;
}

/// The value with its own marks removed (Terraform's inner change of a sensitive one).
Change Unmarked(const Change& c) {
  Change d = c;
  d.before = c.before.Unmarked();
  d.after = c.after.Unmarked();
  return d;
}

const std::vector<Value>* Elements(const Value& v, bool present) {
  if (IsNil(v, present) || !IsSequence(v.type())) return nullptr;
  return &v.Elements();
}

bool IsMappingValue(const Value& v, bool present) {
  return !IsNil(v, present) && IsMapping(v.type());
}

/// ChangeMap.GetChild.
Change MapChild(const Change& c, const std::string& key) {
  Change child = c.ChildReplace(PathStep::Attr(key));
  child.before = Value();
  child.after = Value();
  child.before_explicit = false;
  child.after_explicit = false;
  if (IsMappingValue(c.before, true)) {
    if (const Value* v = c.before.Find(key)) {
      child.before = *v;
      child.before_explicit = true;
    }
  }
  if (c.after.IsKnown() && !c.after.IsNull() && IsMapping(c.after.type())) {
    if (const Value* v = c.after.Find(key)) {
      child.after = *v;
      child.after_explicit = true;
    }
  }
  return child;
}

/// ChangeSlice.GetChild.
Change SliceChild(const Change& c, const std::vector<Value>* before,
                  const std::vector<Value>* after, size_t before_ix, size_t after_ix) {
  bool in_before = before && before_ix < before->size();
  size_t relevant = in_before ? before_ix : after_ix;
  Change child = c.ChildReplace(PathStep::Index(Value::Int(static_cast<int64_t>(relevant))));
  child.before = in_before ? (*before)[before_ix] : Value();
  child.before_explicit = in_before;
  bool in_after = after && after_ix < after->size();
  child.after = in_after ? (*after)[after_ix] : Value();
  child.after_explicit = in_after;
  return child;
}

/// Sorted union of the keys of the before and after maps/objects.
std::vector<std::string> AllKeys(const Change& c) {
  std::vector<std::string> keys;
  if (!c.BeforeNil() && IsMapping(c.before.type())) keys = c.before.Keys();
  if (!c.AfterNil() && IsMapping(c.after.type())) {
    for (const std::string& k : c.after.Keys()) keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

/// objchange.LongestCommonSubsequence (with Terraform's choice among equally long ones).
std::vector<const Value*> LongestCommonSubsequence(const std::vector<Value>& xs,
                                                   const std::vector<Value>& ys) {
  std::vector<const Value*> seq;
  if (xs.empty() || ys.empty()) return seq;
  size_t w = xs.size();
  std::vector<int> c(xs.size() * ys.size(), 0);
  std::vector<bool> eqs(xs.size() * ys.size(), false);
  for (size_t y = 0; y < ys.size(); ++y) {
    for (size_t x = 0; x < xs.size(); ++x) {
      bool eq = JsonEqual(xs[x], ys[y]);
      size_t at = w * y + x;
      if (eq) {
        eqs[at] = true;
        c[at] = (x == 0 || y == 0) ? 1 : c[w * (y - 1) + (x - 1)] + 1;
      } else {
        int l = x > 0 ? c[at - 1] : 0;
        int u = y > 0 ? c[w * (y - 1) + x] : 0;
        c[at] = l > u ? l : u;
      }
    }
  }
  seq.resize(static_cast<size_t>(c.back()));
  ptrdiff_t x = static_cast<ptrdiff_t>(xs.size()) - 1;
  ptrdiff_t y = static_cast<ptrdiff_t>(ys.size()) - 1;
  ptrdiff_t i = static_cast<ptrdiff_t>(seq.size()) - 1;
  while (x > -1 && y > -1) {
    size_t at = w * static_cast<size_t>(y) + static_cast<size_t>(x);
    if (eqs[at]) {
      seq[static_cast<size_t>(i)] = &xs[static_cast<size_t>(x)];
      --x;
      --y;
      --i;
    } else {
      int l = x > 0 ? c[at - 1] : 0;
      int u = y > 0 ? c[w * static_cast<size_t>(y - 1) + static_cast<size_t>(x)] : 0;
      if (l > u) {
        --x;
      } else {
        --y;
      }
    }
  }
  return seq;
}

bool IsReorder(const std::vector<Value>& before, const std::vector<Value>& after) {
  if (before.size() != after.size()) return false;
  for (const Value& b : before) {
    bool found = false;
    for (const Value& a : after) {
      if (JsonEqual(b, a)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

/// collections.ProcessSlice: `process(before_ix, after_ix)` for each element pair, an index
/// past the end meaning "absent" on that side.
void ProcessSlice(const std::vector<Value>& before, const std::vector<Value>& after,
                  const std::function<void(size_t, size_t)>& process,
                  const std::function<bool(const Value&)>& is_obj, bool pair_same_length) {
  if (pair_same_length && before.size() == after.size() && !IsReorder(before, after)) {
    for (size_t i = 0; i < before.size(); ++i) process(i, i);
    return;
  }
  std::vector<const Value*> lcs = LongestCommonSubsequence(before, after);
  size_t b = 0, a = 0, l = 0;
  while (b < before.size() || a < after.size() || l < lcs.size()) {
    while (b < before.size() && (l >= lcs.size() || !JsonEqual(before[b], *lcs[l]))) {
      bool object_diff = is_obj(before[b]) && a < after.size() && is_obj(after[a]) &&
                         (l >= lcs.size() || !JsonEqual(after[a], *lcs[l]));
      if (object_diff) {
        process(b++, a++);
        continue;
      }
      process(b++, after.size());
    }
    while (a < after.size() && (l >= lcs.size() || !JsonEqual(after[a], *lcs[l]))) {
      process(before.size(), a++);
    }
    if (l < lcs.size()) {
      process(b++, a++);
      ++l;
    }
  }
}

bool Change::BeforeNil() const { return IsNil(before, true); }
bool Change::AfterNil() const { return IsNil(after, true); }
bool Change::AfterUnknown() const { return !after.IsKnown(); }
bool Change::BeforeSensitive() const { return before.IsSensitive(); }
bool Change::AfterSensitive() const { return after.IsSensitive(); }

bool Change::ForcesReplacement() const {
  for (const ValuePath* p : replace_paths) {
    if (p->size() == replace_depth) return true;
  }
  return false;
}

Change Change::ChildReplace(const PathStep& step) const {
  Change child;
  child.all_relevant = all_relevant;
  child.replace_depth = replace_depth + 1;
  for (const ValuePath* p : replace_paths) {
    if (p->size() <= replace_depth) continue;
    const PathStep& s = (*p)[replace_depth];
    bool match = false;
    if (step.kind == PathStep::Kind::kAttr) {
      match = (s.kind == PathStep::Kind::kAttr && s.name == step.name) ||
              (s.kind == PathStep::Kind::kIndex && s.key.IsKnown() && !s.key.IsNull() &&
               s.key.type().IsString() && s.key.AsString() == step.name);
    } else if (s.kind == PathStep::Kind::kIndex && s.key.IsKnown() && !s.key.IsNull() &&
               s.key.type().IsNumber()) {
      match = s.key.AsNumber().ToDouble() == step.key.AsNumber().ToDouble();
    }
    if (match) child.replace_paths.push_back(p);
  }
  return child;
}

namespace {

Diff MakeDiff(Diff::Kind kind, Action action, bool replace) {
  Diff d;
  d.kind = kind;
  d.action = action;
  d.replace = replace;
  return d;
}

Diff Primitive(const Change& c, Type type, Action action, bool replace) {
  Diff d = MakeDiff(Diff::Kind::kPrimitive, action, replace);
  d.before_nil = c.BeforeNil();
  d.after_nil = c.AfterNil();
  if (!d.before_nil) d.before = c.before.UnmarkedDeep();
  if (!d.after_nil) d.after = c.after.UnmarkedDeep();
  d.type = std::move(type);
  return d;
}

/// checkForSensitive: `inner` computes the diff of the change without its own marks.
template <typename Inner>
bool CheckForSensitive(const Change& c, bool replace, Inner inner, Diff& out) {
  bool before_sensitive = c.BeforeSensitive();
  bool after_sensitive = c.AfterSensitive();
  if (!before_sensitive && !after_sensitive) return false;
  Diff in = inner(Unmarked(c));
  Action action = in.action;
  if (action == Action::kNoOp && before_sensitive != after_sensitive) action = Action::kUpdate;
  out = MakeDiff(Diff::Kind::kSensitive, action, replace);
  out.before_sensitive = before_sensitive;
  out.after_sensitive = after_sensitive;
  out.children.push_back(std::move(in));
  return true;
}

/// CheckForUnknown: `with_before` computes the before value's diff as deleted.
template <typename WithBefore>
bool CheckForUnknown(const Change& c, bool json, WithBefore with_before, Diff& out) {
  if (!c.AfterUnknown()) return false;
  Change current = c;
  current.after_explicit = true;
  if (current.BeforeNil()) {
    Action action = json ? Action::kCreate : CalculateAction(current);
    out = MakeDiff(Diff::Kind::kUnknown, action, json ? false : c.ForcesReplacement());
    return true;
  }
  Diff before = with_before(AsDelete(current));
  Action action = json ? Action::kUpdate : CalculateAction(current);
  out = MakeDiff(Diff::Kind::kUnknown, action, json ? false : c.ForcesReplacement());
  out.children.push_back(std::move(before));
  return true;
}

Diff TransformJson(const Change& c);

Diff JsonUpdate(const Change& c, JsonType type) {
  switch (type) {
    case JsonType::kNull:
    case JsonType::kBool:
    case JsonType::kString:
    case JsonType::kNumber: {
      bool before_missing = c.BeforeNil() && !c.before_explicit;
      bool after_missing = c.AfterNil() && !c.after_explicit;
      Action action;
      if (before_missing && !after_missing) {
        action = Action::kCreate;
      } else if (!before_missing && after_missing) {
        action = Action::kDelete;
      } else if (c.BeforeNil() || c.AfterNil() ? c.BeforeNil() && c.AfterNil()
                                                : JsonEqual(c.before, c.after)) {
        action = Action::kNoOp;
      } else {
        action = Action::kUpdate;
      }
      Type t = type == JsonType::kBool     ? Type::Bool()
               : type == JsonType::kString ? Type::String()
               : type == JsonType::kNumber ? Type::Number()
                                           : Type::Dynamic();
      return Primitive(c, t, action, false);
    }
    case JsonType::kObject: {
      Action current = Action::kNoOp;
      bool b = IsMappingValue(c.before, true), a = IsMappingValue(c.after, true);
      if (b && !a) current = Action::kDelete;
      if (!b && a) current = Action::kCreate;
      Diff d = MakeDiff(Diff::Kind::kObject, Action::kNoOp, false);
      for (const std::string& key : AllKeys(c)) {
        Change child = MapChild(c, key);
        if (!child.all_relevant) child = AsNoOp(child);
        d.keys.push_back(key);
        d.children.push_back(TransformJson(child));
        current = CompareActions(current, d.children.back().action);
      }
      d.action = current;
      return d;
    }
    case JsonType::kArray: {
      const std::vector<Value>* before = Elements(c.before, true);
      const std::vector<Value>* after = Elements(c.after, true);
      Action current = Action::kNoOp;
      if (before && !after) current = Action::kDelete;
      if (!before && after) current = Action::kCreate;
      Diff d = MakeDiff(Diff::Kind::kList, Action::kNoOp, false);
      d.display_context = true;
      static const std::vector<Value> kEmpty;
      ProcessSlice(
          before ? *before : kEmpty, after ? *after : kEmpty,
          [&](size_t bi, size_t ai) {
            d.children.push_back(TransformJson(SliceChild(c, before, after, bi, ai)));
            current = CompareActions(current, d.children.back().action);
          },
          [](const Value& v) { return GetJsonType(v, true) == JsonType::kObject; }, true);
      d.action = current;
      return d;
    }
  }
  return Diff();
}

/// jsondiff.JsonOpts.Transform with the renderers' DefaultJsonOpts.
Diff TransformJson(const Change& c) {
  Diff out;
  if (CheckForSensitive(c, false, TransformJson, out)) return out;
  if (CheckForUnknown(c, true, TransformJson, out)) return out;
  JsonType before = GetJsonType(c.before, true);
  JsonType after = GetJsonType(c.after, true);
  bool deleted = after == JsonType::kNull && !c.after_explicit;
  bool created = before == JsonType::kNull && !c.before_explicit;
  if (before == after || created || deleted) {
    return JsonUpdate(c, before == JsonType::kNull ? after : before);
  }
  Diff d = MakeDiff(Diff::Kind::kTypeChange, Action::kUpdate, false);
  d.children.push_back(JsonUpdate(AsDelete(c), before));
  d.children.push_back(JsonUpdate(AsCreate(c), after));
  return d;
}

}  // namespace

Diff ComputeDiffForOutput(const Change& c) {
  Diff out;
  if (CheckForSensitive(c, false, ComputeDiffForOutput, out)) return out;
  if (CheckForUnknown(c, true, ComputeDiffForOutput, out)) return out;
  return TransformJson(c);
}

Diff ComputeDiffForType(const Change& c, const Type& type) {
  Diff out;
  bool replace = c.ForcesReplacement();
  auto again = [&type](const Change& inner) { return ComputeDiffForType(inner, type); };
  if (CheckForSensitive(c, replace, again, out)) return out;
  if (CheckForUnknown(c, false, again, out)) return out;
  if (type.IsDynamic()) return ComputeDiffForOutput(c);
  if (type.IsPrimitive()) return Primitive(c, type, CalculateAction(c), replace);
  if (type.IsObject()) {
    Diff d = MakeDiff(Diff::Kind::kObject, DefaultActionForIteration(c), replace);
    for (const auto& [name, attr_type] : type.Attributes()) {
      Change child = MapChild(c, name);
      if (!child.all_relevant) child = AsNoOp(child);
      child.before_explicit = false;
      child.after_explicit = false;
      Diff attr = ComputeDiffForType(child, attr_type);
      if (attr.action == Action::kNoOp && child.BeforeNil() && child.AfterNil()) continue;
      d.action = CompareActions(d.action, attr.action);
      d.keys.push_back(name);
      d.children.push_back(std::move(attr));
    }
    return d;
  }
  if (type.IsMap()) {
    Action current = Action::kNoOp;
    bool b = IsMappingValue(c.before, true), a = IsMappingValue(c.after, true);
    if (b && !a) current = Action::kDelete;
    if (!b && a) current = Action::kCreate;
    Diff d = MakeDiff(Diff::Kind::kMap, Action::kNoOp, replace);
    for (const std::string& key : AllKeys(c)) {
      Change child = MapChild(c, key);
      if (!child.all_relevant) child = AsNoOp(child);
      d.keys.push_back(key);
      d.children.push_back(ComputeDiffForType(child, type.ElementType()));
      current = CompareActions(current, d.children.back().action);
    }
    d.action = current;
    return d;
  }
  const std::vector<Value>* before = Elements(c.before, true);
  const std::vector<Value>* after = Elements(c.after, true);
  static const std::vector<Value> kEmpty;
  if (type.IsList()) {
    Action current = Action::kNoOp;
    if (before && !after) current = Action::kDelete;
    if (!before && after) current = Action::kCreate;
    Diff d = MakeDiff(Diff::Kind::kList, Action::kNoOp, replace);
    d.display_context = true;
    bool object_elements = type.ElementType().IsObject();
    ProcessSlice(
        before ? *before : kEmpty, after ? *after : kEmpty,
        [&](size_t bi, size_t ai) {
          Change child = SliceChild(c, before, after, bi, ai);
          child.all_relevant = true;
          d.children.push_back(ComputeDiffForType(child, type.ElementType()));
          current = CompareActions(current, d.children.back().action);
        },
        [object_elements](const Value&) { return object_elements; }, true);
    d.action = current;
    return d;
  }
  if (type.IsTuple()) {
    Diff d = MakeDiff(Diff::Kind::kList, DefaultActionForIteration(c), replace);
    d.display_context = true;
    const std::vector<Type>& types = type.TupleElements();
    for (size_t i = 0; i < types.size(); ++i) {
      Change child = SliceChild(c, before, after, i, i);
      if (!child.all_relevant) child = AsNoOp(child);
      d.children.push_back(ComputeDiffForType(child, types[i]));
      d.action = CompareActions(d.action, d.children.back().action);
    }
    return d;
  }
  // Sets: elements matched by equality (an element whose sensitivity or knownness differs
  // is not a match), the rest deleted, then created.
  Diff d = MakeDiff(Diff::Kind::kSet, DefaultActionForIteration(c), replace);
  const std::vector<Value>& bs = before ? *before : kEmpty;
  const std::vector<Value>& as = after ? *after : kEmpty;
  std::vector<ptrdiff_t> found_in_before(bs.size(), -1);
  std::vector<bool> found_in_after(as.size(), false);
  for (size_t i = 0; i < bs.size(); ++i) {
    for (size_t j = 0; j < as.size(); ++j) {
      if (found_in_after[j]) continue;
      if (as[j].IsWhollyKnown() && JsonEqual(bs[i], as[j]) &&
          bs[i].IsSensitive() == as[j].IsSensitive()) {
        found_in_before[i] = static_cast<ptrdiff_t>(j);
        found_in_after[j] = true;
        break;
      }
    }
  }
  auto add = [&](size_t bi, size_t ai) {
    Change child = SliceChild(c, before, after, bi, ai);
    child.replace_paths.clear();
    d.children.push_back(ComputeDiffForType(child, type.ElementType()));
    d.action = CompareActions(d.action, d.children.back().action);
  };
  for (size_t i = 0; i < bs.size(); ++i) {
    add(i, found_in_before[i] >= 0 ? static_cast<size_t>(found_in_before[i]) : as.size());
  }
  for (size_t j = 0; j < as.size(); ++j) {
    if (!found_in_after[j]) add(bs.size(), j);
  }
  return d;
}

namespace {

/// Nested blocks of one type: the diffs of each block and the group's action.
void BlockGroupDiffs(const Change& c, const providers::NestedBlock& nb, Diff::BlockGroup& group,
                     Action& action) {
  action = DefaultActionForIteration(c);
  static const std::vector<Value> kEmpty;
  switch (nb.nesting) {
    case providers::NestingMode::kSingle:
    case providers::NestingMode::kGroup: {
      group.blocks.push_back(ComputeDiffForBlock(c, nb.block));
      action = group.blocks.back().action;
      return;
    }
    case providers::NestingMode::kMap: {
      for (const std::string& key : AllKeys(c)) {
        group.map_keys.push_back(key);
        group.blocks.push_back(ComputeDiffForBlock(MapChild(c, key), nb.block));
        action = CompareActions(action, group.blocks.back().action);
      }
      return;
    }
    case providers::NestingMode::kList: {
      const std::vector<Value>* before = Elements(c.before, true);
      const std::vector<Value>* after = Elements(c.after, true);
      size_t n = std::max(before ? before->size() : 0, after ? after->size() : 0);
      for (size_t i = 0; i < n; ++i) {
        group.blocks.push_back(ComputeDiffForBlock(SliceChild(c, before, after, i, i), nb.block));
        action = CompareActions(action, group.blocks.back().action);
      }
      return;
    }
    case providers::NestingMode::kSet: {
      const std::vector<Value>* before = Elements(c.before, true);
      const std::vector<Value>* after = Elements(c.after, true);
      const std::vector<Value>& bs = before ? *before : kEmpty;
      const std::vector<Value>& as = after ? *after : kEmpty;
      std::vector<ptrdiff_t> match(bs.size(), -1);
      std::vector<bool> used(as.size(), false);
      for (size_t i = 0; i < bs.size(); ++i) {
        for (size_t j = 0; j < as.size(); ++j) {
          if (!used[j] && as[j].IsWhollyKnown() && JsonEqual(bs[i], as[j])) {
            match[i] = static_cast<ptrdiff_t>(j);
            used[j] = true;
            break;
          }
        }
      }
      for (size_t i = 0; i < bs.size(); ++i) {
        size_t j = match[i] >= 0 ? static_cast<size_t>(match[i]) : as.size();
        Change child = SliceChild(c, before, after, i, j);
        child.replace_paths.clear();
        group.blocks.push_back(ComputeDiffForBlock(child, nb.block));
        action = CompareActions(action, group.blocks.back().action);
      }
      for (size_t j = 0; j < as.size(); ++j) {
        if (used[j]) continue;
        Change child = SliceChild(c, before, after, bs.size(), j);
        child.replace_paths.clear();
        group.blocks.push_back(ComputeDiffForBlock(child, nb.block));
        action = CompareActions(action, group.blocks.back().action);
      }
      return;
    }
  }
}

}  // namespace

Diff ComputeDiffForBlock(const Change& c, const providers::Block& block) {
  Diff out;
  bool replace = c.ForcesReplacement();
  auto again = [&block](const Change& inner) { return ComputeDiffForBlock(inner, block); };
  if (CheckForSensitive(c, replace, again, out)) {
    out.kind = Diff::Kind::kSensitive;
    return out;
  }
  if (CheckForUnknown(c, false, again, out)) return out;
  Diff d = MakeDiff(Diff::Kind::kBlock, DefaultActionForIteration(c), replace);
  for (const providers::Attribute& attr : block.attributes) {
    Change child = MapChild(c, attr.name);
    child.before_explicit = false;
    child.after_explicit = false;
    if (attr.sensitive) {
      if (!child.BeforeNil()) child.before = child.before.WithMarks(Marks::Sensitive());
      if (!child.after.IsNull() || !child.after.IsKnown()) {
        child.after = child.after.WithMarks(Marks::Sensitive());
      }
    }
    Diff a = ComputeDiffForType(child, attr.type);
    if (a.action == Action::kNoOp && child.BeforeNil() && child.AfterNil()) continue;
    d.action = CompareActions(d.action, a.action);
    d.keys.push_back(attr.name);
    d.children.push_back(std::move(a));
  }
  for (const providers::NestedBlock& nb : block.blocks) {
    Change child = MapChild(c, nb.type_name);
    Diff::BlockGroup group;
    group.type_name = nb.type_name;
    group.nesting = nb.nesting;
    group.replace = child.ForcesReplacement();
    group.before_sensitive = child.BeforeSensitive();
    group.after_sensitive = child.AfterSensitive();
    Change inner = Unmarked(child);
    Action action;
    BlockGroupDiffs(inner, nb, group, action);
    if (action == Action::kNoOp && child.BeforeNil() && child.AfterNil()) continue;
    d.action = CompareActions(d.action, action);
    d.block_groups.push_back(std::move(group));
  }
  return d;
}

}  // namespace cairn::planner::diff
