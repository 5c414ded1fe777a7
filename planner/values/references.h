#pragma once
/// What a traversal in an expression refers to: Terraform's addrs.ParseRef for the roots a
/// module's expressions can use (`var.x`, `local.x`, `path.module`, `terraform.workspace`,
/// `count.index`, `each.key`, `self`, `module.m`, `data.t.n`, `t.n`), with its diagnostics.

#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source.h"
#include "lang/syntax/ast.h"

namespace cairn::planner {

struct Reference {
  enum class Kind {
    kInputVariable,  ///< var.NAME
    kLocal,          ///< local.NAME
    kPath,           ///< path.NAME
    kTerraform,      ///< terraform.NAME
    kCount,          ///< count.NAME
    kEach,           ///< each.NAME
    kSelf,           ///< self
    kModuleCall,     ///< module.NAME (name = the call's name)
    kManagedResource,  ///< TYPE.NAME or resource.TYPE.NAME
    kDataResource,     ///< data.TYPE.NAME
  };
  Kind kind = Kind::kInputVariable;
  /// The name after the root (for resources: the resource's name).
  std::string name;
  /// Resources only: the resource type.
  std::string type;
  /// The reference's source range (Terraform's Reference.SourceRange: root through name).
  Range range;
  /// How many of the traversal's steps the reference consumed.
  size_t steps_used = 0;
};

struct ParseReferenceResult {
  Reference reference;
  Diagnostics diagnostics;  ///< errors: `reference` is meaningless
};

/// addrs.ParseRef over a root traversal given as its parts (`root`, `steps`), as
/// eval::Scope::Lookup receives them.
ParseReferenceResult ParseReference(std::string_view root,
                                    const std::vector<ast::TraversalStep>& steps,
                                    const Range& root_range);

/// The references of `expr` (hcl's Variables(): traversals outside names bound by enclosing
/// `for` expressions), in source order; traversals that are not valid references are skipped
/// (evaluation reports them).
std::vector<Reference> FindReferences(const ast::Expr& expr);

/// The name Terraform gives the referenced object (`var.x`, `local.y`, `module.m`,
/// `data.t.n`, `t.n`).
std::string ReferenceName(const Reference& ref);

}  // namespace cairn::planner
