/// The human plan (Terraform's jsonformat Plan.renderHuman) over the structured diff.

#include "planner/render/human_plan.h"

#include <algorithm>
#include <map>

#include "lang/base/colorize.h"
#include "lang/base/go_json.h"
#include "lang/base/wordwrap.h"
#include "planner/render/value_diff.h"

namespace cairn::planner {
namespace {

/// Terraform wraps its paragraphs at 78 columns when stdout is not a terminal.
constexpr int kColumns = 78;

enum class Cause { kChange, kDrift };

std::string C(std::string_view markup, const HumanPlanOptions& o) {
  return Colorize(markup, o.color);
}

std::string HorizontalRule(const HumanPlanOptions& o) {
  std::string rule;
  for (int i = 0; i < kColumns - 1; ++i) rule += "\u2500";
  return C("[dark_gray]\n" + rule, o);
}

/// A block whose attributes are the object's (dynamic when the type is not an object):
/// what rendering falls back to for a resource type without a schema.
providers::Block BlockFromValue(const Value& before, const Value& after) {
  providers::Block block;
  const Type& t = !after.IsNull() || !after.IsKnown() ? after.type() : before.type();
  if (!t.IsObject()) return block;
  for (const auto& [name, type] : t.Attributes()) {
    providers::Attribute a;
    a.name = name;
    a.type = type;
    a.optional = true;
    block.attributes.push_back(std::move(a));
  }
  return block;
}

diff::Diff ResourceDiff(const ResourceInstanceChange& c, const Schemas& schemas) {
  diff::Change change;
  change.before = c.before;
  change.after = c.after;
  // A forget-only change is shown as a no-op, so it does not look like a deletion.
  if (c.action == Action::kForget) change.after = c.before;
  for (const ValuePath& p : c.required_replace) change.replace_paths.push_back(&p);
  const providers::Schema* schema =
      FindResourceSchema(schemas, c.provider, c.addr.resource.mode, c.addr.resource.type);
  if (schema) return diff::ComputeDiffForBlock(change, schema->block);
  return diff::ComputeDiffForBlock(change, BlockFromValue(change.before, change.after));
}

bool Moved(const ResourceInstanceChange& c) {
  return c.previous_addr && *c.previous_addr != c.addr;
}

bool Importing(const ResourceInstanceChange& c) { return c.import_id.has_value(); }

std::string IndexJson(const addrs::InstanceKey& key) {
  if (key.is_int()) return std::to_string(key.int_value());
  std::string out;
  AppendGoJsonString(out, key.string_value());
  return out;
}

/// resourceChangeComment.
std::string ChangeComment(const ResourceInstanceChange& c, Cause cause) {
  std::string addr = c.addr.ToString();
  std::string disp = addr;
  if (!c.deposed_key.empty()) disp += " (deposed object " + c.deposed_key + ")";
  std::string prev = c.previous_addr ? c.previous_addr->ToString() : "";
  bool printed_moved = false;
  bool printed_imported = false;
  std::string buf;
  switch (c.action) {
    case Action::kCreate: buf += "[bold]  # " + disp + "[reset] will be created"; break;
    case Action::kRead:
      buf += "[bold]  # " + disp + "[reset] will be read during apply";
      switch (c.reason) {
        case ActionReason::kReadBecauseConfigUnknown:
          buf += "\n  # (config refers to values not yet known)";
          break;
        case ActionReason::kReadBecauseDependencyPending:
          buf += "\n  # (depends on a resource or a module with changes pending)";
          break;
        case ActionReason::kReadBecauseCheckNested:
          buf += "\n  # (config will be reloaded to verify a check block)";
          break;
        default: break;
      }
      break;
    case Action::kUpdate:
      buf += cause == Cause::kChange ? "[bold]  # " + disp + "[reset] will be updated in-place"
                                     : "[bold]  # " + disp + "[reset] has changed";
      break;
    case Action::kCreateThenDelete:
    case Action::kDeleteThenCreate:
      switch (c.reason) {
        case ActionReason::kReplaceBecauseTainted:
          buf += "[bold]  # " + disp + "[reset] is tainted, so must be [bold][red]replaced[reset]";
          break;
        case ActionReason::kReplaceByRequest:
          buf += "[bold]  # " + disp + "[reset] will be [bold][red]replaced[reset], as requested";
          break;
        case ActionReason::kReplaceByTriggers:
          buf += "[bold]  # " + disp +
                 "[reset] will be [bold][red]replaced[reset] due to changes in "
                 "replace_triggered_by";
          break;
        default: buf += "[bold]  # " + disp + "[reset] must be [bold][red]replaced[reset]";
      }
      break;
    case Action::kForget:
      if (!c.deposed_key.empty()) {
        buf += "[bold] # " + disp +
               "[reset] will be removed from Cairn state, but [bold][red]will not be "
               "destroyed[reset]";
        buf += "\n[bold] # (left over from a partially-failed replacement of this instance)";
      } else {
        buf += "[bold] # " + disp +
               "[reset] will no longer be managed by Cairn, but [bold][red]will not be "
               "destroyed[reset]";
      }
      buf += "\n # (destroy = false is set in the configuration)";
      break;
    case Action::kDelete:
      buf += cause == Cause::kChange
                 ? "[bold]  # " + disp + "[reset] will be [bold][red]destroyed[reset]"
                 : "[bold]  # " + disp + "[reset] has been deleted";
      switch (c.reason) {
        case ActionReason::kDeleteBecauseNoResourceConfig:
          buf += "\n  # (because " + c.addr.resource.type + "." + c.addr.resource.name +
                 " is not in configuration)";
          break;
        case ActionReason::kDeleteBecauseNoMoveTarget:
          buf += "\n  # (because " + prev + " was moved to " + addr +
                 ", which is not in configuration)";
          break;
        case ActionReason::kDeleteBecauseNoModule:
          buf += "\n  # (because " + addrs::ToString(c.addr.module) + " is not in configuration)";
          break;
        case ActionReason::kDeleteBecauseWrongRepetition:
          if (c.addr.key.none()) {
            buf += "\n  # (because resource uses count or for_each)";
          } else if (c.addr.key.is_int()) {
            buf += "\n  # (because resource does not use count)";
          } else {
            buf += "\n  # (because resource does not use for_each)";
          }
          break;
        case ActionReason::kDeleteBecauseCountIndex:
          buf += "\n  # (because index [" + IndexJson(c.addr.key) + "] is out of range for count)";
          break;
        case ActionReason::kDeleteBecauseEachKey:
          buf += "\n  # (because key [" + IndexJson(c.addr.key) + "] is not in for_each map)";
          break;
        default: break;
      }
      if (!c.deposed_key.empty()) {
        buf += "\n  # (left over from a partially-failed replacement of this instance)";
      }
      break;
    case Action::kNoOp:
      if (Moved(c)) {
        buf += "[bold]  # " + prev + "[reset] has moved to [bold]" + disp + "[reset]";
        printed_moved = true;
        break;
      }
      if (Importing(c)) {
        buf += "[bold]  # " + disp + "[reset] will be imported";
        printed_imported = true;
        break;
      }
      buf += disp + " has an action the plan renderer doesn't support (this is a bug)";
      break;
  }
  buf += "\n";
  if (Moved(c) && !printed_moved) buf += "  # [reset](moved from " + prev + ")\n";
  if (Importing(c) && !printed_imported) {
    if (!c.import_id->empty()) {
      buf += "  # [reset](imported from \"" + *c.import_id + "\")\n";
    } else {
      buf += "  # [reset](will be imported first)\n";
    }
  }
  if (Importing(c) &&
      (c.action == Action::kCreateThenDelete || c.action == Action::kDeleteThenCreate)) {
    buf += "  # [reset][yellow]Warning: this will destroy the imported resource[reset]\n";
  }
  return buf;
}

/// renderHumanDiff: the comment, `± resource "type" "name" {...}`.
std::string RenderResourceChange(const ResourceInstanceChange& c, const diff::Diff& d,
                                 Cause cause, const HumanPlanOptions& o) {
  std::string out = C(ChangeComment(c, cause), o);
  diff::RenderOptions opts;
  opts.color = o.color;
  opts.show_unchanged_children = Importing(c);
  const char* mode = c.addr.resource.mode == addrs::ResourceMode::kData ? "data" : "resource";
  out += diff::ActionSymbol(c.action, o.color) + " " + mode + " \"" + c.addr.resource.type +
         "\" \"" + c.addr.resource.name + "\" " + diff::RenderHuman(d, 0, opts);
  return out;
}

/// Terraform's AbsResourceInstance.Less: shallower modules first (the root module's
/// resources before any module's), then module steps (name, key), data resources before
/// managed ones, type, name, and instance keys (none, then integers numerically, then
/// strings).
bool TerraformLess(const addrs::AbsResourceInstance& a, const addrs::AbsResourceInstance& b) {
  if (a.module.size() != b.module.size()) return a.module.size() < b.module.size();
  if (a.module != b.module) return a.module < b.module;
  if (a.resource.mode != b.resource.mode) {
    if (a.resource.mode == addrs::ResourceMode::kData) return true;
    if (b.resource.mode == addrs::ResourceMode::kData) return false;
    return a.resource.mode < b.resource.mode;
  }
  if (a.resource.type != b.resource.type) return a.resource.type < b.resource.type;
  if (a.resource.name != b.resource.name) return a.resource.name < b.resource.name;
  return a.key < b.key;
}

/// The `changes` that `keep` accepts (all by default) in the order Terraform's JSON plan
/// lists them (TerraformLess, then deposed key; recorded from terraform: `a[2]` before
/// `a[10]`, `x.y` before `module.m.x.y`).
template <class Keep = bool (*)(const ResourceInstanceChange&)>
std::vector<const ResourceInstanceChange*> InDisplayOrder(
    const std::vector<ResourceInstanceChange>& changes,
    Keep keep = [](const ResourceInstanceChange&) { return true; }) {
  std::vector<const ResourceInstanceChange*> out;
  for (const ResourceInstanceChange& c : changes) {
    if (keep(c)) out.push_back(&c);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    if (a->addr != b->addr) return TerraformLess(a->addr, b->addr);
    return a->deposed_key < b->deposed_key;
  });
  return out;
}

struct DriftEntry {
  const ResourceInstanceChange* change;
  diff::Diff diff;
};

/// The drift section and whether it printed anything (renderHumanDiffDrift). `empty_plan`:
/// no change other than a no-op that did not move, and no output change.
bool WriteDrift(const Plan& plan, const Schemas& schemas, const HumanPlanOptions& o,
                bool empty_plan, std::string& out) {
  std::vector<DriftEntry> entries;
  for (const ResourceInstanceChange* c : InDisplayOrder(plan.drift)) {
    diff::Diff d = ResourceDiff(*c, schemas);
    if (plan.mode != PlanMode::kRefreshOnly && d.action == Action::kNoOp) continue;
    entries.push_back({c, std::move(d)});
  }
  if (entries.empty()) return false;
  if (empty_plan && plan.mode != PlanMode::kRefreshOnly) return false;
  out += C("\n[bold][cyan]Note:[reset][bold] Objects have changed outside of Cairn\n", o);
  out += "\n";
  out += WordWrap(
      "Cairn detected the following changes made outside of Cairn since the last \"cairn "
      "apply\" which may have affected this plan:\n",
      kColumns);
  for (const DriftEntry& e : entries) {
    if (e.change->action == Action::kNoOp && !Moved(*e.change) && !Importing(*e.change)) {
      continue;
    }
    out += "\n";
    out += RenderResourceChange(*e.change, e.diff, Cause::kDrift, o);
    out += "\n";
  }
  if (plan.mode == PlanMode::kRefreshOnly) {
    out += WordWrap(
               "\n\nThis is a refresh-only plan, so Cairn will not take any actions to undo "
               "these. If you were expecting these changes then you can apply this plan to "
               "record the updated values in the Cairn state without changing any remote "
               "objects.",
               kColumns) +
           "\n";
  } else {
    out += WordWrap(
               "\n\nUnless you have made equivalent changes to your configuration, or ignored "
               "the relevant attributes using ignore_changes, the following plan may include "
               "actions to undo or respond to these changes.",
               kColumns) +
           "\n";
  }
  return true;
}

std::vector<diff::Diff> OutputDiffs(const std::vector<OutputChange>& changes) {
  std::vector<diff::Diff> diffs;
  diffs.reserve(changes.size());
  for (const OutputChange& c : changes) {
    diff::Change change;
    change.before = c.before_sensitive ? c.before.WithMarks(Marks::Sensitive()) : c.before;
    change.after = c.after_sensitive ? c.after.WithMarks(Marks::Sensitive()) : c.after;
    diffs.push_back(diff::ComputeDiffForOutput(change));
  }
  return diffs;
}

/// renderHumanDiffOutputs: "" when every output is unchanged.
std::string OutputLines(const std::vector<OutputChange>& changes,
                        const std::vector<diff::Diff>& diffs, const HumanPlanOptions& o) {
  std::vector<size_t> order(changes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return changes[a].name < changes[b].name; });
  size_t width = 0;
  std::vector<std::string> escaped(changes.size());
  for (size_t i = 0; i < changes.size(); ++i) {
    escaped[i] = diff::EnsureValidAttributeName(changes[i].name);
    width = std::max(width, escaped[i].size());
  }
  diff::RenderOptions opts;
  opts.color = o.color;
  std::string out;
  for (size_t i : order) {
    if (diffs[i].action == Action::kNoOp) continue;
    if (!out.empty()) out += "\n";
    std::string key = escaped[i];
    if (key.size() < width) key.append(width - key.size(), ' ');
    out += diff::ActionSymbol(diffs[i].action, o.color) + " " + key + " = " +
           diff::RenderHuman(diffs[i], 0, opts);
  }
  return out;
}

}  // namespace

std::string RenderOutputChanges(const std::vector<OutputChange>& changes,
                                const HumanPlanOptions& o) {
  std::string lines = OutputLines(changes, OutputDiffs(changes), o);
  if (lines.empty()) return "";
  return "\nChanges to Outputs:\n" + lines + "\n";
}

std::string RenderDrift(const Plan& plan, const Schemas& schemas, const HumanPlanOptions& o) {
  bool empty = true;
  for (const ResourceInstanceChange& c : plan.changes) {
    if (c.action != Action::kNoOp || Moved(c)) empty = false;
  }
  for (const diff::Diff& d : OutputDiffs(plan.outputs)) {
    if (d.action != Action::kNoOp) empty = false;
  }
  std::string out;
  WriteDrift(plan, schemas, o, empty, out);
  return out;
}

std::string RenderHumanPlan(const Plan& plan, const Schemas& schemas, const HumanPlanOptions& o) {
  std::string out;
  // The changes worth showing, with their diffs.
  std::vector<std::pair<const ResourceInstanceChange*, diff::Diff>> changes;
  std::map<Action, size_t> counts;
  size_t importing = 0;
  bool will_print_resource_changes = false;
  bool empty_plan = true;
  // An unmoved no-op whose values are identical shows nothing and its diff could only be a
  // no-op: left out before sorting (most of a large plan).
  auto worth_a_diff = [](const ResourceInstanceChange& c) {
    return c.action != Action::kNoOp || Moved(c) || Importing(c) || !c.before.RawEquals(c.after);
  };
  for (const ResourceInstanceChange* change : InDisplayOrder(plan.changes, worth_a_diff)) {
    const ResourceInstanceChange& c = *change;
    diff::Diff d = ResourceDiff(c, schemas);
    if (d.action != Action::kNoOp || Moved(c)) empty_plan = false;
    if (c.action == Action::kNoOp && !Moved(c) && !Importing(c)) continue;
    if (c.action == Action::kDelete && c.addr.resource.mode != addrs::ResourceMode::kManaged) {
      continue;
    }
    if (Importing(c)) ++importing;
    if (c.action != Action::kNoOp) {
      will_print_resource_changes = true;
      ++counts[c.action];
    }
    changes.emplace_back(&c, std::move(d));
  }
  std::vector<diff::Diff> output_diffs = OutputDiffs(plan.outputs);
  for (const diff::Diff& d : output_diffs) {
    if (d.action != Action::kNoOp) empty_plan = false;
  }
  bool have_refresh_changes = WriteDrift(plan, schemas, o, empty_plan, out);
  std::string outputs = OutputLines(plan.outputs, output_diffs, o);

  if (changes.empty() && outputs.empty()) {
    if (plan.errored) {
      if (have_refresh_changes) out += HorizontalRule(o) + "\n";
      out += C("\n[reset][bold][red]Planning failed.[reset][bold] Cairn encountered an error "
               "while generating this plan.[reset]\n\n",
               o);
      return out;
    }
    switch (plan.mode) {
      case PlanMode::kRefreshOnly:
        if (have_refresh_changes) return out;
        out += C("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure still "
                 "matches the configuration.[reset]\n\n",
                 o);
        out += WordWrap("Cairn has checked that the real remote objects still match the result "
                        "of your most recent changes, and found no differences.",
                        kColumns) +
               "\n";
        return out;
      case PlanMode::kDestroy:
        if (have_refresh_changes) out += HorizontalRule(o) + "\n";
        out += C("\n[reset][bold][green]No changes.[reset][bold] No objects need to be "
                 "destroyed.[reset]\n\n",
                 o);
        out += WordWrap("Either you have not created any objects yet or the existing objects "
                        "were already deleted outside of Cairn.",
                        kColumns) +
               "\n";
        return out;
      case PlanMode::kNormal:
        if (have_refresh_changes) out += HorizontalRule(o) + "\n";
        out += C("\n[reset][bold][green]No changes.[reset][bold] Your infrastructure matches the "
                 "configuration.[reset]\n\n",
                 o);
        if (have_refresh_changes) {
          if (plan.Applyable()) {
            out += WordWrap("Your configuration already matches the changes detected above, so "
                            "applying this plan will only update the state to include the "
                            "changes detected above and won't change any real infrastructure.",
                            kColumns) +
                   "\n";
          } else {
            out += WordWrap("Your configuration already matches the changes detected above. If "
                            "you'd like to update the Cairn state to match, create and apply a "
                            "refresh-only plan:\n  terraform apply -refresh-only",
                            kColumns) +
                   "\n";
          }
          return out;
        }
        out += WordWrap("Cairn has compared your real infrastructure against your configuration "
                        "and found no differences, so no changes are needed.",
                        kColumns) +
               "\n";
        return out;
    }
  }

  if (have_refresh_changes) out += HorizontalRule(o) + "\n";

  if (will_print_resource_changes) {
    out += WordWrap("\nCairn used the selected providers to generate the following execution "
                    "plan. Resource actions are indicated with the following symbols:",
                    kColumns) +
           "\n";
    static const std::pair<Action, const char*> kLegend[] = {
        {Action::kCreate, "  [green]+[reset] create"},
        {Action::kUpdate, "  [yellow]~[reset] update in-place"},
        {Action::kDelete, "  [red]-[reset] destroy"},
        {Action::kDeleteThenCreate, "[red]-[reset]/[green]+[reset] destroy and then create "
                                    "replacement"},
        {Action::kCreateThenDelete, "[green]+[reset]/[red]-[reset] create replacement and then "
                                    "destroy"},
        {Action::kRead, " [cyan]<=[reset] read (data resources)"},
    };
    for (const auto& [action, text] : kLegend) {
      if (counts[action] > 0) out += C(text, o) + "\n";
    }
  }

  if (!changes.empty()) {
    out += plan.errored ? "\nCairn planned the following actions, but then encountered a problem:\n"
                        : "\nCairn will perform the following actions:\n";
    for (const auto& [c, d] : changes) {
      out += "\n";
      out += RenderResourceChange(*c, d, Cause::kChange, o);
      out += "\n";
    }
    std::string line = "\n[bold]Plan:[reset] ";
    if (importing > 0) line += std::to_string(importing) + " to import, ";
    size_t add = counts[Action::kCreate] + counts[Action::kDeleteThenCreate] +
                 counts[Action::kCreateThenDelete];
    size_t destroy = counts[Action::kDelete] + counts[Action::kDeleteThenCreate] +
                     counts[Action::kCreateThenDelete];
    line += std::to_string(add) + " to add, " + std::to_string(counts[Action::kUpdate]) +
            " to change, " + std::to_string(destroy) + " to destroy.\n";
    out += C(line, o);
  }

  if (!outputs.empty()) {
    out += "\nChanges to Outputs:\n" + outputs + "\n";
    bool any_counted = false;
    for (const auto& [action, n] : counts) any_counted = any_counted || n > 0;
    if (!any_counted) {
      out += WordWrap("\nYou can apply this plan to save these new output values to the Cairn "
                      "state, without changing any real infrastructure.",
                      kColumns) +
             "\n";
    }
  }
  return out;
}

}  // namespace cairn::planner
