// The plan as markdown for pull requests. Layout:
//
//   ### Cairn plan: 1 to add, 1 to change, 2 to destroy
//
//   | Action | Resources |
//   | --- | ---: |
//   | Create | 1 |
//   ...
//
//   > **Warning:** this plan destroys 1 and replaces 1 resource.   (only when it does)
//
//   #### Destroyed and replaced                  (deletes, replacements, forgets)
//   <details><summary><code>ADDR</code> will be destroyed (why)</summary>
//
//   ```diff
//   - attr = value
//   ```
//
//   </details>
//
//   #### Changed                                  (creates, updates, reads, moves, imports)
//   ...
//   #### Outputs
//   ```diff
//   + name = value
//   ```
//
// Sensitive values are always "(sensitive value)", unknown ones "(known after apply)". When
// the whole would exceed max_chars, sections are cut and the last line says how many
// resource changes (and whether the outputs) were left out.

#include "planner/render/markdown_plan.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "planner/render/json_values.h"

namespace cairn::planner {

namespace {

constexpr const char* kSensitive = "(sensitive value)";
constexpr const char* kUnknown = "(known after apply)";

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

/// A string in double quotes with JSON's escapes (no HTML escapes: the text sits in a code
/// block); invalid UTF-8 becomes U+FFFD.
std::string Quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// A value on one line: strings quoted, collections inline.
std::string Inline(const Value& v) {
  if (v.IsSensitive()) return kSensitive;
  if (!v.IsKnown()) return kUnknown;
  if (v.IsNull()) return "null";
  const Type& t = v.type();
  switch (t.kind()) {
    case Type::Kind::kBool:
      return v.AsBool() ? "true" : "false";
    case Type::Kind::kNumber:
      return v.AsNumber().ToString();
    case Type::Kind::kString:
      return Quote(v.AsString());
    case Type::Kind::kList:
    case Type::Kind::kSet:
    case Type::Kind::kTuple: {
      std::string out = "[";
      for (size_t i = 0; i < v.Length(); i++) {
        if (i > 0) out += ", ";
        out += Inline(v[i]);
      }
      return out + "]";
    }
    case Type::Kind::kMap:
    case Type::Kind::kObject: {
      if (v.Length() == 0) return "{}";
      std::string out = "{ ";
      for (size_t i = 0; i < v.Length(); i++) {
        if (i > 0) out += ", ";
        std::string key = v.Keys()[i];
        if (t.IsMap()) key = Quote(key);
        out += key + " = " + Inline(v[i]);
      }
      return out + " }";
    }
    case Type::Kind::kDynamic:
      break;
  }
  return "null";
}

/// Equal and both wholly known, with the same sensitivity.
bool Same(const Value& a, const Value& b) {
  if (!a.IsWhollyKnown() || !b.IsWhollyKnown()) return false;
  if (a.ContainsMarked() != b.ContainsMarked()) return false;
  return a.UnmarkedDeep().RawEquals(b.UnmarkedDeep());
}

bool Absent(const Value& v) { return v.IsKnown() && v.IsNull() && !v.IsSensitive(); }

struct DiffLine {
  char sign;
  std::string name;
  std::string text;  // after "name = "
  bool forces_replacement = false;
};

std::string FormatDiff(const std::vector<DiffLine>& lines) {
  size_t width = 0;
  for (const DiffLine& l : lines) width = std::max(width, l.name.size());
  std::string out;
  for (const DiffLine& l : lines) {
    out.push_back(l.sign);
    out.push_back(' ');
    out += l.name;
    out.append(width - l.name.size(), ' ');
    out += " = " + l.text;
    if (l.forces_replacement) out += " # forces replacement";
    out.push_back('\n');
  }
  return out;
}

/// The attribute lines of one change: top-level attributes that differ.
std::vector<DiffLine> AttributeDiff(const ResourceInstanceChange& c, const Schemas& schemas) {
  Value before = c.before;
  Value after = c.after;
  if (const providers::Schema* s =
          FindResourceSchema(schemas, c.provider, c.addr.resource.mode, c.addr.resource.type)) {
    before = json_values::MarkSchemaSensitive(before, s->block);
    after = json_values::MarkSchemaSensitive(after, s->block);
  }
  std::set<std::string> forcing;
  for (const ValuePath& p : c.required_replace) {
    if (!p.empty() && p[0].kind == PathStep::Kind::kAttr) forcing.insert(p[0].name);
  }
  std::vector<DiffLine> lines;
  auto object_of = [](const Value& v) -> const Value* {
    return v.IsKnown() && !v.IsNull() && v.type().IsObject() ? &v : nullptr;
  };
  const Value* b = object_of(before);
  const Value* a = object_of(after);
  if (b == nullptr && a == nullptr) {
    if (!after.IsKnown()) lines.push_back({'+', "(object)", kUnknown, false});
    return lines;
  }
  std::vector<std::string> names;
  if (b) names = b->Keys();
  if (a) {
    for (const std::string& k : a->Keys()) {
      if (!b || b->Find(k) == nullptr) names.push_back(k);
    }
  }
  std::sort(names.begin(), names.end());
  Value null_value;
  for (const std::string& name : names) {
    const Value* bv = b ? b->Find(name) : nullptr;
    const Value* av = a ? a->Find(name) : nullptr;
    const Value& old_v = bv ? *bv : null_value;
    const Value& new_v = av ? *av : null_value;
    bool forces = forcing.count(name) > 0;
    if (b == nullptr || Absent(old_v)) {
      if (a != nullptr && !Absent(new_v)) lines.push_back({'+', name, Inline(new_v), forces});
    } else if (a == nullptr || Absent(new_v)) {
      lines.push_back({'-', name, Inline(old_v), forces});
    } else if (!Same(old_v, new_v)) {
      std::string o = Inline(old_v);
      std::string n = Inline(new_v);
      // Equal texts differ only in sensitive parts.
      lines.push_back(
          {'~', name, o == n ? n + " # sensitive parts changed" : o + " -> " + n, forces});
    }
  }
  return lines;
}

/// Wraps `body` in a ```diff fence longer than any backtick run inside it.
std::string Fence(const std::string& body) {
  size_t longest = 0, run = 0;
  for (char ch : body) {
    run = ch == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  std::string fence(std::max<size_t>(3, longest + 1), '`');
  return fence + "diff\n" + body + fence + "\n";
}

std::string ReasonText(const ResourceInstanceChange& c) {
  switch (c.reason) {
    case ActionReason::kReplaceBecauseTainted:
      return "tainted";
    case ActionReason::kReplaceByRequest:
      return "replacement requested";
    case ActionReason::kReplaceByTriggers:
      return "replace_triggered_by";
    case ActionReason::kDeleteBecauseNoResourceConfig:
      return "not in configuration";
    case ActionReason::kDeleteBecauseWrongRepetition:
      return "count/for_each changed";
    case ActionReason::kDeleteBecauseCountIndex:
      return "index out of range for count";
    case ActionReason::kDeleteBecauseEachKey:
      return "key not in for_each";
    case ActionReason::kDeleteBecauseNoModule:
      return "module instance not in configuration";
    case ActionReason::kDeleteBecauseNoMoveTarget:
      return "moved to an address not in configuration";
    case ActionReason::kReadBecauseConfigUnknown:
      return "configuration known only after apply";
    case ActionReason::kReadBecauseDependencyPending:
      return "depends on pending changes";
    case ActionReason::kReadBecauseCheckNested:
      return "check block";
    default:
      return "";
  }
}

bool Moved(const ResourceInstanceChange& c) {
  return c.previous_addr && *c.previous_addr != c.addr;
}

std::string Verb(const ResourceInstanceChange& c) {
  switch (c.action) {
    case Action::kCreate:
      return "will be created";
    case Action::kUpdate:
      return "will be updated in place";
    case Action::kDeleteThenCreate:
      return "must be <b>replaced</b>";
    case Action::kCreateThenDelete:
      return "must be <b>replaced</b> (create before destroy)";
    case Action::kDelete:
      return "will be <b>destroyed</b>";
    case Action::kRead:
      return "will be read during apply";
    case Action::kForget:
      return "will be removed from the state (not destroyed)";
    case Action::kNoOp:
      break;
  }
  if (Moved(c)) return "has moved";
  if (c.import_id) return "will be imported";
  return "has no changes";
}

std::string Entry(const ResourceInstanceChange& c, const Schemas& schemas) {
  std::string summary = "<code>" + EscapeHtml(c.addr.ToString()) + "</code>";
  if (!c.deposed_key.empty()) summary += " (deposed object " + EscapeHtml(c.deposed_key) + ")";
  summary += " " + Verb(c);
  std::vector<std::string> notes;
  if (Moved(c))
    notes.push_back("from <code>" + EscapeHtml(c.previous_addr->ToString()) + "</code>");
  if (c.import_id) notes.push_back("import id " + EscapeHtml(*c.import_id));
  if (std::string why = ReasonText(c); !why.empty()) notes.push_back(EscapeHtml(why));
  for (size_t i = 0; i < notes.size(); i++) summary += (i == 0 ? " (" : ", ") + notes[i];
  if (!notes.empty()) summary += ")";
  std::string out = "<details><summary>" + summary + "</summary>\n\n";
  std::vector<DiffLine> lines = AttributeDiff(c, schemas);
  if (lines.empty()) {
    out += "No attribute changes.\n";
  } else {
    out += Fence(FormatDiff(lines));
  }
  return out + "\n</details>\n\n";
}

std::string OutputsSection(const Plan& plan) {
  std::vector<DiffLine> lines;
  for (const OutputChange& o : plan.outputs) {
    bool sensitive = o.before_sensitive || o.after_sensitive;
    auto text = [&](const Value& v) { return sensitive ? std::string(kSensitive) : Inline(v); };
    switch (o.action) {
      case Action::kCreate:
        lines.push_back({'+', o.name, text(o.after), false});
        break;
      case Action::kDelete:
        lines.push_back({'-', o.name, text(o.before), false});
        break;
      case Action::kUpdate: {
        std::string before = text(o.before), after = text(o.after);
        lines.push_back({'~', o.name, before == after ? after : before + " -> " + after, false});
        break;
      }
      default:
        break;
    }
  }
  if (lines.empty()) return "";
  return "#### Outputs\n\n" + Fence(FormatDiff(lines)) + "\n";
}

bool IsDestructive(Action a) {
  return a == Action::kDelete || a == Action::kDeleteThenCreate || a == Action::kCreateThenDelete ||
         a == Action::kForget;
}

bool IsShown(const ResourceInstanceChange& c) {
  return c.action != Action::kNoOp || Moved(c) || c.import_id.has_value();
}

}  // namespace

std::string RenderMarkdownPlan(const Plan& plan, const Schemas& schemas,
                               const MarkdownPlanOptions& o) {
  int create = 0, update = 0, replace = 0, destroy = 0, read = 0, forget = 0, moved = 0, import = 0;
  std::vector<const ResourceInstanceChange*> destructive, others;
  for (const ResourceInstanceChange& c : plan.changes) {
    if (c.addr.resource.mode == addrs::ResourceMode::kData && c.action == Action::kDelete) continue;
    switch (c.action) {
      case Action::kCreate:
        ++create;
        break;
      case Action::kUpdate:
        ++update;
        break;
      case Action::kDeleteThenCreate:
      case Action::kCreateThenDelete:
        ++replace;
        break;
      case Action::kDelete:
        ++destroy;
        break;
      case Action::kRead:
        ++read;
        break;
      case Action::kForget:
        ++forget;
        break;
      case Action::kNoOp:
        break;
    }
    if (Moved(c)) ++moved;
    if (c.import_id) ++import;
    if (!IsShown(c)) continue;
    (IsDestructive(c.action) ? destructive : others).push_back(&c);
  }

  std::string head;
  if (plan.errored) {
    head += "### Cairn plan: planning failed\n\nThe plan is incomplete and cannot be applied.\n\n";
  }
  bool any = !destructive.empty() || !others.empty();
  bool outputs_change =
      std::any_of(plan.outputs.begin(), plan.outputs.end(),
                  [](const OutputChange& oc) { return oc.action != Action::kNoOp; });
  if (!plan.errored) {
    if (!any && !outputs_change) {
      head += "### Cairn plan: no changes\n\nYour infrastructure matches the configuration.\n";
      return head;
    }
    head += "### Cairn plan: ";
    if (import > 0) head += std::to_string(import) + " to import, ";
    head += std::to_string(create + replace) + " to add, " + std::to_string(update) +
            " to change, " + std::to_string(destroy + replace) + " to destroy";
    if (forget > 0) head += ", " + std::to_string(forget) + " to forget";
    head += "\n\n";
  }
  if (any) {
    head += "| Action | Resources |\n| --- | ---: |\n";
    auto row = [&](const char* name, int n) {
      if (n > 0) head += std::string("| ") + name + " | " + std::to_string(n) + " |\n";
    };
    row("Create", create);
    row("Update", update);
    row("Replace", replace);
    row("Destroy", destroy);
    row("Read", read);
    row("Forget", forget);
    row("Move", moved);
    row("Import", import);
    head += "\n";
  }
  if (destroy + replace > 0) {
    head += "> **Warning:** this plan destroys " + std::to_string(destroy) + " and replaces " +
            std::to_string(replace) + (destroy + replace == 1 ? " resource" : " resources") +
            ". Review them first.\n\n";
  }

  std::vector<std::string> pieces;
  for (size_t i = 0; i < destructive.size(); i++) {
    pieces.push_back((i == 0 ? "#### Destroyed and replaced\n\n" : "") +
                     Entry(*destructive[i], schemas));
  }
  for (size_t i = 0; i < others.size(); i++) {
    pieces.push_back((i == 0 ? "#### Changed\n\n" : "") + Entry(*others[i], schemas));
  }
  std::string outputs = OutputsSection(plan);

  auto note = [](size_t n, bool outputs_cut) {
    if (n == 0) {
      return std::string(
          "_The output changes are not shown: run `cairn show PLANFILE` for the whole plan._\n");
    }
    return "_" + std::to_string(n) + " more resource change" + (n == 1 ? "" : "s") +
           (outputs_cut ? " and the output changes" : "") +
           " not shown: run `cairn show PLANFILE` for the whole plan._\n";
  };
  std::string out = head;
  for (const std::string& p : pieces) out += p;
  out += outputs;
  if (out.ends_with("\n\n")) out.pop_back();  // no blank line at the end
  if (out.size() <= o.max_chars) return out;
  out = head;
  // Something must go: keep room for the longest note the cut can need.
  size_t reserve = note(pieces.size(), true).size();
  size_t shown = 0;
  while (shown < pieces.size() && out.size() + pieces[shown].size() + reserve <= o.max_chars) {
    out += pieces[shown++];
  }
  bool outputs_cut = !outputs.empty();
  if (shown == pieces.size() && outputs_cut &&
      out.size() + outputs.size() + reserve <= o.max_chars) {
    out += outputs;
    outputs_cut = false;
  }
  out += note(pieces.size() - shown, outputs_cut);
  return out;
}

}  // namespace cairn::planner
