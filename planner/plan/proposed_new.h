#pragma once
/// Terraform's objchange.ProposedNew: the object a resource becomes if the provider changes
/// nothing — the configuration, with computed attributes the configuration leaves null taken
/// from the prior object.

#include "lang/base/value.h"
#include "providers/schema.h"

namespace cairn::planner {

/// `prior` null means a create (a synthetic prior with every attribute null is used);
/// `config` must be of schema.ImpliedType() (null config: returns `prior`).
Value ProposedNew(const providers::Block& schema, const Value& prior, const Value& config);

/// An object of schema.ImpliedType() with every attribute null and every block absent.
Value AllAttributesNull(const providers::Block& schema);

}  // namespace cairn::planner
