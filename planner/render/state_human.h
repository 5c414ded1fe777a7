#pragma once
/// The state as `show` prints it for people: Terraform's `terraform show` text.

#include <string>

#include "planner/plan/plan.h"
#include "state/state.h"

namespace cairn::planner {

struct HumanStateOptions {
  bool color = false;
};

/// Each resource instance object (current, tainted, deposed) sorted by address:
/// `# terraform_data.a:` then `resource "terraform_data" "a" {` with every attribute (no diff
/// symbols, 4 columns per level, sensitive ones as "(sensitive value)"), a blank line between
/// objects; then "Outputs:" and `name = value` lines. Attributes are decoded from
/// `attributes_json` with the resource type's schema (dynamic-typed ones from their
/// {"value","type"} wrapping); an object whose type has no schema is shown with the JSON's
/// own shapes. An empty state gives "The state file is empty. No resources are represented.\n".
/// An object's attributes as `schema` types them (dynamic ones unwrapped from their
/// {"value","type"} wrapping, sensitive attributes marked); the JSON's own shapes without a
/// schema or for anything it does not type.
Value DecodeStateAttributes(const state::ObjectState& object, const providers::Schema* schema);

std::string RenderStateHuman(const state::State& state, const Schemas& schemas,
                             const HumanStateOptions& o = {});

}  // namespace cairn::planner
