#pragma once
/// The structured diff every human rendering shares (Terraform's jsonformat differ and
/// renderers): a before/after pair of values becomes a tree of Diff nodes, each with an
/// action and a replace flag; rendering the tree gives Terraform's text (`+ a = "x"`,
/// `~ list = [ ... ]`, `(known after apply)`, `(sensitive value)`, hidden-unchanged counts).
///
/// Values come with their marks: a sensitive mark on a before or after value makes that side
/// "(sensitive value)"; an unknown `after` is "(known after apply)". Resource attributes are
/// diffed by their schema types; dynamic-typed attributes and outputs as Terraform diffs JSON
/// (objects and maps alike, lists, sets and tuples alike).

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "lang/base/value.h"
#include "lang/base/value_path.h"
#include "planner/plan/plan.h"
#include "providers/schema.h"

namespace cairn::planner::diff {

/// One side or both sides of a change at some position of the value tree. A side is
/// "absent" when the position does not exist there (a key only in the other map, an index
/// past the end); absent and null both count as "nil", as in Terraform's JSON model.
struct Change {
  Value before;
  Value after;
  bool before_explicit = false;  ///< present in the before value (Terraform's BeforeExplicit)
  bool after_explicit = false;
  /// Paths (relative to this position) that force replacement.
  std::vector<const ValuePath*> replace_paths;
  size_t replace_depth = 0;  ///< how many steps of each path lead to this position
  /// Paths that must be shown (drift renders only relevant attributes); `all_relevant`
  /// when every attribute is.
  bool all_relevant = true;

  bool BeforeNil() const;
  bool AfterNil() const;  ///< null, absent or unknown (unknown is null in Terraform's JSON)
  bool AfterUnknown() const;
  bool BeforeSensitive() const;
  bool AfterSensitive() const;
  /// A path ends exactly here (Terraform's ReplacePaths.Matches / ForcesReplacement).
  bool ForcesReplacement() const;
  Change ChildReplace(const PathStep& step) const;
};

/// A node of the computed diff.
struct Diff {
  enum class Kind : uint8_t {
    kPrimitive,   ///< before/after of `type` (string, number, bool, or dynamic for JSON null)
    kSensitive,   ///< children[0]: the inner diff
    kUnknown,     ///< children: empty, or the before value as deleted
    kList,        ///< children in order; `display_context` shows neighbours of changes
    kSet,
    kMap,         ///< keyed children, keys quoted
    kObject,      ///< keyed children, keys as identifiers
    kBlock,       ///< keyed attributes, then nested blocks
    kTypeChange,  ///< children[0] before (deleted), children[1] after (created)
  };
  Kind kind = Kind::kPrimitive;
  Action action = Action::kNoOp;
  bool replace = false;

  // kPrimitive
  Value before;
  Value after;
  bool before_nil = true;
  bool after_nil = true;
  Type type;
  // kSensitive
  bool before_sensitive = false;
  bool after_sensitive = false;
  // kList
  bool display_context = false;
  // kObject: Terraform's Object (true) or NestedObject (false)
  bool override_null_suffix = true;
  // kMap: NestedMap
  bool nested_map = false;
  // kSet: NestedSet
  bool nested_set = false;

  std::vector<Diff> children;
  std::vector<std::string> keys;  ///< kMap, kObject, kBlock attributes: parallel to children

  /// kBlock: nested block types, sorted by type name.
  struct BlockGroup {
    std::string type_name;
    providers::NestingMode nesting = providers::NestingMode::kList;
    std::vector<Diff> blocks;
    std::vector<std::string> map_keys;  ///< kMap nesting: parallel to blocks
    bool replace = false;
    bool before_sensitive = false;
    bool after_sensitive = false;
  };
  std::vector<BlockGroup> block_groups;
};

/// Diff of a block (a resource's whole object).
Diff ComputeDiffForBlock(const Change& change, const providers::Block& block);
/// Diff of a value of schema type `type` (dynamic: as JSON).
Diff ComputeDiffForType(const Change& change, const Type& type);
/// Diff of an output value or a dynamic-typed attribute, as Terraform diffs JSON.
Diff ComputeDiffForOutput(const Change& change);

struct RenderOptions {
  bool color = false;
  bool override_null_suffix = false;
  bool force_forces_replacement = false;
  bool forbid_forces_replacement = false;
  bool show_unchanged_children = false;
  bool hide_diff_action_symbols = false;

  /// Terraform's Clone: the replacement overrides do not cascade.
  RenderOptions Clone() const {
    RenderOptions o = *this;
    o.force_forces_replacement = false;
    o.forbid_forces_replacement = false;
    return o;
  }
};

/// The diff as Terraform's RenderHuman prints it; lines after the first are indented for
/// nesting level `indent` (4 columns per level).
std::string RenderHuman(const Diff& diff, int indent, const RenderOptions& opts);

/// Terraform's format.DiffActionSymbol markup, colourized per `color`: "  +", "  ~", "  -",
/// "-/+", "+/-", " <=", "   " (no-op), " ." (forget).
std::string ActionSymbol(Action action, bool color);

/// `%q` of a key when it is not a valid HCL identifier, else the key.
std::string EnsureValidAttributeName(const std::string& name);

/// Terraform's collections.ProcessSlice: calls `process(before_ix, after_ix)` for each
/// element pair in display order, an index past the end meaning "absent on that side". The
/// longest common subsequence is kept, other elements deleted then created, except that
/// neighbouring elements both `is_obj` are diffed as one changed element. With
/// `pair_same_length` (lists and arrays, not the lines of a string), equal lengths that are
/// not a reordering pair elements by index instead.
void ProcessSlice(const std::vector<Value>& before, const std::vector<Value>& after,
                  const std::function<void(size_t, size_t)>& process,
                  const std::function<bool(const Value&)>& is_obj, bool pair_same_length);

}  // namespace cairn::planner::diff
