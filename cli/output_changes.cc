#include "cli/output_changes.h"

#include <algorithm>

#include "lang/base/value_console.h"

namespace cairn::cli {
namespace {

bool IsSequence(const Type& t) { return t.IsList() || t.IsSet() || t.IsTuple(); }
bool IsMapping(const Type& t) { return t.IsMap() || t.IsObject(); }

std::string Spaces(size_t n) { return std::string(n, ' '); }

/// A value as Terraform's plan renderer shows it when the whole of it is created or deleted
/// (`symbol` "+" or "-"); `indent` is the column of the symbol of the line it starts on.
void RenderWhole(const Value& v, const char* symbol, size_t indent, std::string& out) {
  if (v.IsSensitive()) {
    out += "(sensitive value)";
    return;
  }
  if (!v.IsKnown()) {
    out += "(known after apply)";
    return;
  }
  if (v.IsNull()) {
    out += "null";
    return;
  }
  const Type& t = v.type();
  if (t.IsString() && v.AsString().find('\n') != std::string::npos) {
    std::string s = v.AsString();
    if (!s.empty() && s.back() == '\n') s.pop_back();
    out += "<<-EOT\n";
    size_t start = 0;
    for (;;) {
      size_t end = s.find('\n', start);
      std::string line = s.substr(start, end == std::string::npos ? end : end - start);
      out += line.empty() ? "" : Spaces(indent + 6) + line;
      out += "\n";
      if (end == std::string::npos) break;
      start = end + 1;
    }
    out += Spaces(indent + 2) + "EOT";
    return;
  }
  if (IsSequence(t)) {
    if (v.Length() == 0) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (const Value& e : v.Elements()) {
      out += Spaces(indent + 4) + symbol + " ";
      RenderWhole(e, symbol, indent + 4, out);
      out += ",\n";
    }
    out += Spaces(indent + 2) + "]";
    return;
  }
  if (IsMapping(t)) {
    if (v.Length() == 0) {
      out += "{}";
      return;
    }
    // Outputs are rendered from their JSON, where maps and objects are alike: bare keys.
    const std::vector<std::string>& keys = v.Keys();
    size_t width = 0;
    for (const std::string& k : keys) width = std::max(width, k.size());
    out += "{\n";
    for (size_t i = 0; i < keys.size(); ++i) {
      out += Spaces(indent + 4) + symbol + " " + keys[i] + Spaces(width - keys[i].size()) + " = ";
      RenderWhole(*v.Find(keys[i]), symbol, indent + 4, out);
      out += "\n";
    }
    out += Spaces(indent + 2) + "}";
    return;
  }
  out += FormatConsoleValue(v, 0);
}

std::string Hidden(size_t n, const char* what) {
  return "# (" + std::to_string(n) + " unchanged " + what + (n == 1 ? "" : "s") + " hidden)";
}

void RenderUpdate(const Value& before, const Value& after, size_t indent, std::string& out);

/// Objects and maps changed in place: changed attributes, unchanged ones counted.
void RenderMappingUpdate(const Value& before, const Value& after, size_t indent,
                         std::string& out) {
  std::vector<std::string> keys = before.Keys();
  for (const std::string& k : after.Keys()) {
    if (!before.Find(k)) keys.push_back(k);
  }
  std::sort(keys.begin(), keys.end());
  size_t width = 0;
  for (const std::string& k : keys) width = std::max(width, k.size());
  size_t hidden = 0;
  out += "{\n";
  for (const std::string& k : keys) {
    const Value* b = before.Find(k);
    const Value* a = after.Find(k);
    bool b_null = !b || (b->IsKnown() && b->IsNull());
    bool a_null = !a || (a->IsKnown() && a->IsNull());
    std::string key = k + Spaces(width - k.size()) + " = ";
    if (b_null && a_null) {
      ++hidden;
    } else if (b_null) {
      out += Spaces(indent + 4) + "+ " + key;
      RenderWhole(*a, "+", indent + 4, out);
      out += "\n";
    } else if (a_null) {
      out += Spaces(indent + 4) + "- " + key;
      RenderWhole(*b, "-", indent + 4, out);
      out += "\n";
    } else if (a->IsWhollyKnown() && b->RawEquals(*a)) {
      ++hidden;
    } else {
      out += Spaces(indent + 4) + "~ " + key;
      RenderUpdate(*b, *a, indent + 4, out);
      out += "\n";
    }
  }
  if (hidden > 0) out += Spaces(indent + 6) + Hidden(hidden, "attribute") + "\n";
  out += Spaces(indent + 2) + "}";
}

/// Lists and tuples changed in place: the elements' longest common subsequence kept, others
/// removed and added; unchanged elements shown only next to a change.
void RenderSequenceUpdate(const Value& before, const Value& after, size_t indent,
                          std::string& out) {
  const std::vector<Value>& b = before.Elements();
  const std::vector<Value>& a = after.Elements();
  size_t n = b.size(), m = a.size();
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = a[j].IsWhollyKnown() && b[i].RawEquals(a[j])
                      ? lcs[i + 1][j + 1] + 1
                      : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  // As Terraform's ProcessSlice: between two elements of the common subsequence, removed
  // and added elements pair up as changed ones, in order; the rest are removed, then added.
  struct Op {
    char symbol;  // ' ' kept, '-' removed, '+' added, '~' changed
    const Value* before;
    const Value* after;
  };
  std::vector<Op> ops;
  size_t i = 0, j = 0;
  std::vector<const Value*> removed, added;
  auto flush = [&] {
    size_t paired = std::min(removed.size(), added.size());
    for (size_t k = 0; k < paired; ++k) ops.push_back({'~', removed[k], added[k]});
    for (size_t k = paired; k < removed.size(); ++k) ops.push_back({'-', removed[k], nullptr});
    for (size_t k = paired; k < added.size(); ++k) ops.push_back({'+', nullptr, added[k]});
    removed.clear();
    added.clear();
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[j].IsWhollyKnown() && b[i].RawEquals(a[j])) {
      flush();
      ops.push_back({' ', &b[i++], nullptr});
      ++j;
    } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      removed.push_back(&b[i++]);
    } else {
      added.push_back(&a[j++]);
    }
  }
  flush();
  out += "[\n";
  size_t hidden = 0;
  for (size_t k = 0; k < ops.size(); ++k) {
    bool shown = ops[k].symbol != ' ' || (k > 0 && ops[k - 1].symbol != ' ') ||
                 (k + 1 < ops.size() && ops[k + 1].symbol != ' ');
    if (!shown) {
      ++hidden;
      continue;
    }
    if (hidden > 0) out += Spaces(indent + 6) + Hidden(hidden, "element") + "\n";
    hidden = 0;
    const char symbol[2] = {ops[k].symbol, 0};
    out += Spaces(indent + 4) + symbol + " ";
    if (ops[k].symbol == '~') {
      RenderUpdate(*ops[k].before, *ops[k].after, indent + 4, out);
    } else {
      RenderWhole(ops[k].before ? *ops[k].before : *ops[k].after, symbol, indent + 4, out);
    }
    out += ",\n";
  }
  if (hidden > 0) out += Spaces(indent + 6) + Hidden(hidden, "element") + "\n";
  out += Spaces(indent + 2) + "]";
}

/// `before -> after` for a value changed in place (both not null).
void RenderUpdate(const Value& before, const Value& after, size_t indent, std::string& out) {
  bool comparable = before.IsKnown() && after.IsKnown() && !before.IsNull() && !after.IsNull();
  if (comparable && IsMapping(before.type()) && IsMapping(after.type())) {
    RenderMappingUpdate(before, after, indent, out);
    return;
  }
  if (comparable && (before.type().IsList() || before.type().IsTuple()) &&
      (after.type().IsList() || after.type().IsTuple())) {
    RenderSequenceUpdate(before, after, indent, out);
    return;
  }
  RenderWhole(before, "-", indent, out);
  out += " -> ";
  RenderWhole(after, "+", indent, out);
}

}  // namespace

std::vector<OutputChange> PlanOutputChanges(
    const std::map<std::string, state::OutputState, std::less<>>& before,
    const std::map<std::string, planner::OutputValue, std::less<>>& after) {
  std::vector<OutputChange> changes;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    OutputChange c;
    bool take_b = b != before.end() && (a == after.end() || b->first <= a->first);
    bool take_a = a != after.end() && (b == before.end() || a->first <= b->first);
    c.name = take_b ? b->first : a->first;
    if (take_b) {
      c.before = b->second.value;
      c.before_sensitive = b->second.sensitive;
      ++b;
    }
    if (take_a) {
      c.after = a->second.value.UnmarkedDeep();
      c.after_sensitive = a->second.sensitive || a->second.value.IsSensitive();
      ++a;
    }
    bool before_null = c.before.IsKnown() && c.before.IsNull();
    bool after_null = c.after.IsKnown() && c.after.IsNull();
    if (before_null && after_null) {
      c.action = ChangeAction::kNoOp;
    } else if (before_null) {
      c.action = ChangeAction::kCreate;
    } else if (after_null) {
      c.action = ChangeAction::kDelete;
    } else if (c.after.IsWhollyKnown() && c.before.RawEquals(c.after) &&
               c.before_sensitive == c.after_sensitive) {
      c.action = ChangeAction::kNoOp;
    } else {
      c.action = ChangeAction::kUpdate;
    }
    changes.push_back(std::move(c));
  }
  return changes;
}

bool HasChanges(const std::vector<OutputChange>& changes) {
  return std::any_of(changes.begin(), changes.end(),
                     [](const OutputChange& c) { return c.action != ChangeAction::kNoOp; });
}

std::string RenderOutputChanges(const std::vector<OutputChange>& changes) {
  if (!HasChanges(changes)) return "";
  size_t width = 0;
  for (const OutputChange& c : changes) width = std::max(width, c.name.size());
  std::string out = "\nChanges to Outputs:\n";
  for (const OutputChange& c : changes) {
    if (c.action == ChangeAction::kNoOp) continue;
    const char* symbol = c.action == ChangeAction::kCreate   ? "+"
                         : c.action == ChangeAction::kDelete ? "-"
                                                             : "~";
    out += std::string("  ") + symbol + " " + c.name + Spaces(width - c.name.size()) + " = ";
    Value before = c.before_sensitive ? c.before.WithMarks(Marks::Sensitive()) : c.before;
    Value after = c.after_sensitive ? c.after.WithMarks(Marks::Sensitive()) : c.after;
    switch (c.action) {
      case ChangeAction::kCreate:
        RenderWhole(after, "+", 2, out);
        break;
      case ChangeAction::kDelete:
        RenderWhole(before, "-", 2, out);
        out += " -> null";
        break;
      case ChangeAction::kUpdate:
        if (c.before_sensitive || c.after_sensitive) {
          out += "(sensitive value)";
        } else {
          RenderUpdate(before, after, 2, out);
        }
        break;
      case ChangeAction::kNoOp:
        break;
    }
    out += "\n";
  }
  return out;
}

}  // namespace cairn::cli
