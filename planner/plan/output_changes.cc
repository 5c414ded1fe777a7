#include "planner/plan/output_changes.h"

namespace cairn::planner {

std::vector<OutputChange> PlanOutputChanges(
    const std::map<std::string, state::OutputState, std::less<>>& before,
    const std::map<std::string, OutputValue, std::less<>>& after) {
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
      c.action = Action::kNoOp;
    } else if (before_null) {
      c.action = Action::kCreate;
    } else if (after_null) {
      c.action = Action::kDelete;
    } else if (c.after.IsWhollyKnown() && c.before.RawEquals(c.after) &&
               c.before_sensitive == c.after_sensitive) {
      c.action = Action::kNoOp;
    } else {
      c.action = Action::kUpdate;
    }
    changes.push_back(std::move(c));
  }
  return changes;
}

}  // namespace cairn::planner
