#pragma once
/// `moved` blocks of every module of the configuration (Terraform's refactoring package):
/// collected with their endpoints unified (FindMoveStatements), applied to the prior state
/// before planning, for every instance of the module that declares them (ApplyMoveStatements),
/// and checked against what the configuration declares after planning (ValidateMoveStatements).
/// Endpoints are resources, resource instances, module calls (`module.a`: every instance,
/// keys kept) or module instances (`module.a[0]`); a resource may move into or out of a
/// module the declaring module calls. Terraform's implied moves (`a` <-> `a[0]` when `count`
/// is added or removed) are made for resources of every module.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/base/diagnostic.h"
#include "lang/config/module.h"
#include "state/state.h"

namespace cairn::planner {

struct ModuleTree;

struct MoveStatement {
  /// Terraform's unified endpoint kinds: both endpoints have the same one.
  enum class Kind : uint8_t { kModuleCall, kModuleInstance, kResource, kResourceInstance };
  Kind kind = Kind::kResource;
  /// The static path (call names) of the module declaring the block ({} for the root).
  std::vector<std::string> module;
  /// Endpoints relative to an instance of `module`: `module` steps (the last step's key is
  /// ignored for kModuleCall), and for resource kinds the resource and (instance) key.
  addrs::Target from, to;
  Range decl_range;  ///< the `moved` block's header
  bool implied = false;  ///< an implied `a` <-> `a[0]` move (never validated)
};

/// The address a `moved`/`removed` block's `from`/`to` traversal names, as text
/// (`module.a.x.y["k"]`); nullopt when it is not a static address.
std::optional<std::string> TraversalText(const ast::Expr* e);

/// The moved blocks of `tree` and of its descendants (a module's blocks, then its calls' in
/// name order). Endpoints that cannot be unified are errors ("Invalid \"moved\" addresses").
std::vector<MoveStatement> FindMoveStatements(const ModuleTree& tree, Diagnostics& diagnostics);

/// Adds Terraform's implied moves for `tree`'s resources (with and without `count`) that
/// `state` records under the other repetition and that no explicit statement covers.
void AddImpliedMoveStatements(const ModuleTree& tree, const state::State& state,
                              std::vector<MoveStatement>& statements);

/// Applies `statements` to `state` in chain order (a statement whose `from` is another's
/// `to` runs after it), in every instance of the declaring module the state has. An object
/// does not move onto an address that already has one. Records each moved instance's
/// original address in `moved_from` (new -> old). Cycles are errors ("Cyclic dependency in
/// move statements"), and then nothing moves. Moving an object to another resource type is
/// an error naming the target type's provider (`provider_source(type)`): no provider Cairn
/// has can move state across types.
void ApplyMoveStatements(const std::vector<MoveStatement>& statements, state::State& state,
                         std::map<addrs::AbsResourceInstance, addrs::AbsResourceInstance>&
                             moved_from,
                         const std::function<std::string(const std::string&)>& provider_source,
                         Diagnostics& diagnostics);

/// What the planned configuration declares, for ValidateMoveStatements.
class DeclaredObjects {
 public:
  virtual ~DeclaredObjects() = default;
  /// The instances of the static module `path` ({} for the root).
  virtual std::vector<addrs::ModuleInstance> InstancesOf(
      const std::vector<std::string>& path) const = 0;
  virtual bool HasModuleInstance(const addrs::ModuleInstance& module) const = 0;
  virtual bool HasResource(const addrs::AbsResource& resource) const = 0;
  virtual bool HasResourceInstance(const addrs::AbsResourceInstance& instance) const = 0;
};

/// Terraform's ValidateMoves: per instance of the declaring module, "Redundant move
/// statement", "Moved object still exists", "Resource type mismatch" and "Ambiguous move
/// statements" errors at the block's header.
Diagnostics ValidateMoveStatements(const std::vector<MoveStatement>& statements,
                                   const ModuleTree& tree, const DeclaredObjects& declared);

}  // namespace cairn::planner
