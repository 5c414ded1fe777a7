#pragma once
/// The `configuration` and `relevant_attributes` parts of the JSON plan (Terraform's
/// jsonconfig package and the plan's relevant attributes), private to planner/render.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lang/base/addrs.h"
#include "lang/syntax/ast.h"
#include "planner/render/json_plan.h"

namespace cairn::planner::json_config {

using Json = nlohmann::ordered_json;

/// One reference of an expression, parsed as Terraform's addrs.ParseRef does.
struct Ref {
  enum class Kind : uint8_t { kNamed, kSelf, kModule, kResource };
  Kind kind = Kind::kNamed;
  /// kNamed: "var", "local", "path", "terraform", "count" or "each".
  std::string root;
  /// kNamed: the attribute; kModule: the call's name.
  std::string name;
  /// kModule: the output name ("" when the reference stops at the call).
  std::string output;
  /// kResource: the resource.
  addrs::Resource resource;
  /// kModule and kResource: the instance key given, if any.
  addrs::InstanceKey key;
  /// The reference's subject as Terraform prints it ("var.x", "module.a[0].out",
  /// `terraform_data.b["k"]`).
  std::string subject;
  /// The traversal steps after the subject.
  std::vector<const ast::TraversalStep*> remaining;
};

/// The references of `expr` in source order (invalid ones skipped).
std::vector<Ref> References(const ast::Expr& expr);

/// The `configuration` object.
Json ConfigurationJson(const ConfigView& config, const Schemas& schemas);

/// The `relevant_attributes` array (empty when none): resource attributes that the changed
/// resources and outputs refer to, directly or through locals, variables and module outputs.
Json RelevantAttributes(const Plan& plan, const ConfigView& config);

}  // namespace cairn::planner::json_config
