#pragma once
/// The plan: pure data. MakePlan (planner.h) produces it from configuration, state and
/// providers; renderers (planner/render) print it for people and machines; apply (#5)
/// executes it and never decides anything anew. OpenTofu's vocabulary: an Action says what
/// happens to one object, an ActionReason why.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/value.h"
#include "lang/base/value_path.h"
#include "providers/schema.h"
#include "state/state.h"

namespace cairn::planner {

enum class Action : uint8_t {
  kNoOp,
  kCreate,
  kRead,
  kUpdate,
  kDeleteThenCreate,  ///< replace, destroying first (the default)
  kCreateThenDelete,  ///< replace with create_before_destroy
  kDelete,
  kForget,  ///< removed from the state, the object left alone (`removed` with destroy = false)
};

/// Why an action was chosen when the action alone does not say (Terraform's
/// plans.ResourceInstanceChangeActionReason; the comments give its JSON spelling).
enum class ActionReason : uint8_t {
  kNone,
  kReplaceBecauseTainted,            ///< replace_because_tainted
  kReplaceByRequest,                 ///< replace_by_request (-replace)
  kReplaceByTriggers,                ///< replace_by_triggers (replace_triggered_by)
  kReplaceBecauseCannotUpdate,       ///< replace_because_cannot_update (requires replacement)
  kDeleteBecauseNoResourceConfig,    ///< delete_because_no_resource_config
  kDeleteBecauseWrongRepetition,     ///< delete_because_wrong_repetition
  kDeleteBecauseCountIndex,          ///< delete_because_count_index
  kDeleteBecauseEachKey,             ///< delete_because_each_key
  kDeleteBecauseNoModule,            ///< delete_because_no_module
  kDeleteBecauseNoMoveTarget,        ///< delete_because_no_move_target
  kReadBecauseConfigUnknown,         ///< read_because_config_unknown
  kReadBecauseDependencyPending,     ///< read_because_dependency_pending
  kReadBecauseCheckNested,           ///< read_because_check_nested
};

/// The JSON spelling of `reason` ("" for kNone).
std::string_view ReasonJsonName(ActionReason reason);
/// Terraform's JSON action list: ["create"], ["delete","create"], ["create","delete"],
/// ["no-op"], ["read"], ["update"], ["delete"], ["forget"].
std::vector<std::string_view> ActionJsonNames(Action action);

/// One planned change of one resource instance object.
///
/// Invariants: `before` is null (of the schema's implied type) for kCreate and kRead of a
/// new object, `after` is null for kDelete and kForget. Values carry sensitive marks where the
/// configuration or schema makes them sensitive (renderers show "(sensitive value)" there);
/// unknown parts of `after` are "(known after apply)".
struct ResourceInstanceChange {
  addrs::AbsResourceInstance addr;
  /// Where a `moved` block moved the object from; nullopt when it did not move.
  std::optional<addrs::AbsResourceInstance> previous_addr;
  /// "" for the current object; a deposed object's key otherwise.
  std::string deposed_key;
  /// The provider configuration, spelled as the state file spells it.
  std::string provider;
  Action action = Action::kNoOp;
  ActionReason reason = ActionReason::kNone;
  Value before;
  Value after;
  /// Paths that forced the replacement (renderers mark them "# forces replacement").
  std::vector<ValuePath> required_replace;
  std::string private_data;
  /// Set when an `import` block imported the object (with this ID) while planning: `before`
  /// is the imported object, which apply records in the state (even for a no-op).
  std::optional<std::string> import_id;
  /// Direct dependencies of the instance (resource addresses), recorded in the state on apply.
  std::vector<std::string> dependencies;
  /// The resource's `lifecycle.create_before_destroy` (recorded in the state).
  bool create_before_destroy = false;
};

/// One root module output's change. `before`/`after` are unmarked (null when absent);
/// sensitivity is in the flags.
struct OutputChange {
  std::string name;
  Action action = Action::kNoOp;  ///< kNoOp, kCreate, kUpdate or kDelete
  Value before;
  Value after;
  bool before_sensitive = false;
  bool after_sensitive = false;
};

enum class PlanMode : uint8_t { kNormal, kDestroy, kRefreshOnly };

/// A check block instance's status (Terraform's checks.Status).
enum class CheckStatus : uint8_t { kUnknown, kPass, kFail, kError };

/// What the assertions of one `check` block instance gave when they were last evaluated.
struct CheckBlockResult {
  std::string config_addr;  ///< `check.name`, `module.m.check.name` (no instance keys)
  std::string module;       ///< the module instance, `module.m[0]` ("" for the root)
  std::string name;
  CheckStatus status = CheckStatus::kUnknown;
  /// Why it failed (failed assertions' messages, a scoped data source's error), in order.
  std::vector<std::string> failure_messages;

  /// `module.m[0].check.name`.
  std::string Address() const { return (module.empty() ? "" : module + ".") + "check." + name; }
  friend bool operator==(const CheckBlockResult&, const CheckBlockResult&) = default;
};

/// A whole plan.
struct Plan {
  PlanMode mode = PlanMode::kNormal;
  /// Every resource instance object the plan considered (no-ops included), sorted by
  /// address then deposed key.
  std::vector<ResourceInstanceChange> changes;
  /// Changes made outside Cairn that refresh found ("Objects have changed outside of Cairn"):
  /// `before` is the object as the state recorded it, `after` as the provider read it
  /// (null: deleted outside); action kUpdate or kDelete, or kNoOp for an object a `moved`
  /// block moved (its previous_addr set) and nothing else changed. Sorted by address.
  std::vector<ResourceInstanceChange> drift;
  /// Every root module output of the configuration and the state, sorted by name.
  std::vector<OutputChange> outputs;
  std::vector<addrs::Target> targets;
  std::vector<addrs::Target> excludes;
  std::vector<addrs::AbsResourceInstance> force_replace;
  /// The root module's input variable values the plan was made with (marked as declared).
  std::map<std::string, Value, std::less<>> variables;
  /// The state as read (Terraform's prev_run_state).
  state::State prev_run_state;
  /// The state after refresh: what the changes start from.
  state::State prior_state;
  std::chrono::system_clock::time_point timestamp;
  /// The check blocks' results after planning, in configuration order (none for -destroy).
  std::vector<CheckBlockResult> checks;
  /// Planning stopped on errors: the plan is incomplete and cannot be applied.
  bool errored = false;

  /// Whether applying would change anything: any change other than a no-op, an import, any
  /// output change, or (refresh-only) any drift other than an object that only moved.
  bool Applyable() const;
};

/// Sorts `changes` by address, then deposed key (the order Plan::changes keeps): the order is
/// found on indices and applied by following its cycles, so each change (a large struct) is
/// moved about once instead of O(log n) times.
void SortChanges(std::vector<ResourceInstanceChange>& changes);

/// Schemas of the providers a plan uses, by provider source address
/// ("terraform.io/builtin/terraform", "registry.terraform.io/hashicorp/aws").
using Schemas = std::map<std::string, providers::ProviderSchema, std::less<>>;

/// The source address inside a provider configuration string as the state spells it:
/// `provider["terraform.io/builtin/terraform"]` and `module.m.provider["x/y/z"].alias` give
/// "terraform.io/builtin/terraform" and "x/y/z"; "" when `provider` is not such a string.
std::string ProviderSource(std::string_view provider);

/// The schema of a resource type (managed/ephemeral) or data source of the provider the
/// configuration string `provider` names; null when unknown.
const providers::Schema* FindResourceSchema(const Schemas& schemas, std::string_view provider,
                                            addrs::ResourceMode mode, std::string_view type);

}  // namespace cairn::planner
