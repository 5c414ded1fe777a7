#pragma once
/// A provisioner block's meta-arguments as Terraform's config loader reads them
/// (configs.decodeProvisionerBlock): `when` and `on_failure` are bare keywords, checked when
/// the module loads; destroy-time provisioners may refer only to the object itself.

#include "lang/base/diagnostic.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

struct ProvisionerKeywords {
  bool when_destroy = false;         ///< `when = destroy` (default: create)
  bool on_failure_continue = false;  ///< `on_failure = continue` (default: fail)
};

/// Reads `when` and `on_failure` of a provisioner block. Terraform's diagnostics, in its order:
/// a quoted keyword is a warning ("Quoted keywords are deprecated") and still counts; any
/// other value is "Invalid \"when\" keyword" / "Invalid \"on_failure\" keyword" (the default
/// is kept); for a destroy-time provisioner, every reference in its arguments and in its
/// `connection` block other than `self`, `path`, `terraform`, `count.index` and `each.key` is
/// "Invalid reference from destroy provisioner" (at the attribute's expression).
ProvisionerKeywords DecodeProvisionerKeywords(const ast::Block& block, Diagnostics& diags);

/// Terraform's onlySelfRefs over the attributes of `body` (a resource's `connection` block
/// when the resource has a destroy-time provisioner).
void CheckDestroyProvisionerRefs(const ast::Body& body, Diagnostics& diags);

/// The provisioner types Terraform removed in 0.15: "The \"chef\" provisioner has been
/// removed" (at the type label); true when `block` is one.
bool CheckRemovedProvisioner(const ast::Block& block, Diagnostics& diags);

}  // namespace cairn::config
