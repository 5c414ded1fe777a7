#include "planner/plan/plan.h"

#include <algorithm>

namespace cairn::planner {

std::string_view ReasonJsonName(ActionReason reason) {
  switch (reason) {
    case ActionReason::kNone: return "";
    case ActionReason::kReplaceBecauseTainted: return "replace_because_tainted";
    case ActionReason::kReplaceByRequest: return "replace_by_request";
    case ActionReason::kReplaceByTriggers: return "replace_by_triggers";
    case ActionReason::kReplaceBecauseCannotUpdate: return "replace_because_cannot_update";
    case ActionReason::kDeleteBecauseNoResourceConfig: return "delete_because_no_resource_config";
    case ActionReason::kDeleteBecauseWrongRepetition: return "delete_because_wrong_repetition";
    case ActionReason::kDeleteBecauseCountIndex: return "delete_because_count_index";
    case ActionReason::kDeleteBecauseEachKey: return "delete_because_each_key";
    case ActionReason::kDeleteBecauseNoModule: return "delete_because_no_module";
    case ActionReason::kDeleteBecauseNoMoveTarget: return "delete_because_no_move_target";
    case ActionReason::kReadBecauseConfigUnknown: return "read_because_config_unknown";
    case ActionReason::kReadBecauseDependencyPending: return "read_because_dependency_pending";
    case ActionReason::kReadBecauseCheckNested: return "read_because_check_nested";
  }
  return "";
}

std::vector<std::string_view> ActionJsonNames(Action action) {
  switch (action) {
    case Action::kNoOp: return {"no-op"};
    case Action::kCreate: return {"create"};
    case Action::kRead: return {"read"};
    case Action::kUpdate: return {"update"};
    case Action::kDeleteThenCreate: return {"delete", "create"};
    case Action::kCreateThenDelete: return {"create", "delete"};
    case Action::kDelete: return {"delete"};
    case Action::kForget: return {"forget"};
  }
  return {};
}

bool Plan::Applyable() const {
  if (errored) return false;
  if (mode == PlanMode::kRefreshOnly) {
    // An object that only moved is reported, but is nothing to apply (terraform).
    for (const ResourceInstanceChange& c : drift) {
      if (c.action != Action::kNoOp) return true;
    }
  }
  for (const ResourceInstanceChange& c : changes) {
    if (c.action != Action::kNoOp || c.previous_addr || c.import_id) return true;
  }
  for (const OutputChange& c : outputs) {
    if (c.action != Action::kNoOp) return true;
  }
  return false;
}

std::string ProviderSource(std::string_view provider) {
  size_t open = provider.find("provider[\"");
  if (open == std::string_view::npos) return "";
  open += 10;
  size_t close = provider.find("\"]", open);
  if (close == std::string_view::npos) return "";
  return std::string(provider.substr(open, close - open));
}

const providers::Schema* FindResourceSchema(const Schemas& schemas, std::string_view provider,
                                            addrs::ResourceMode mode, std::string_view type) {
  auto it = schemas.find(ProviderSource(provider));
  if (it == schemas.end()) return nullptr;
  const auto& table = mode == addrs::ResourceMode::kData ? it->second.data_sources
                                                         : it->second.resource_types;
  auto found = table.find(type);
  return found == table.end() ? nullptr : &found->second;
}

void SortChanges(std::vector<ResourceInstanceChange>& changes) {
  auto before = [&](size_t a, size_t b) {
    const ResourceInstanceChange& x = changes[a];
    const ResourceInstanceChange& y = changes[b];
    if (x.addr != y.addr) return x.addr < y.addr;
    return x.deposed_key < y.deposed_key;
  };
  std::vector<size_t> order(changes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (std::is_sorted(order.begin(), order.end(), before)) return;
  std::sort(order.begin(), order.end(), before);
  // Position i must receive changes[order[i]]: walk each cycle of the permutation once.
  for (size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    ResourceInstanceChange held = std::move(changes[start]);
    size_t at = start;
    while (order[at] != start) {
      size_t from = order[at];
      changes[at] = std::move(changes[from]);
      order[at] = at;
      at = from;
    }
    changes[at] = std::move(held);
    order[at] = at;
  }
}

}  // namespace cairn::planner
