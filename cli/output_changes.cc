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
          // Known gap: Terraform shows a nested diff when a collection changes in place.
          RenderWhole(before, "-", 2, out);
          out += " -> ";
          RenderWhole(after, "+", 2, out);
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
