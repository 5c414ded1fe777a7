#pragma once
/// Decoding a resource's (or provider's) configuration body against its schema, as hcldec
/// does for Terraform: attributes converted to their types, nested blocks by nesting mode,
/// `dynamic` blocks expanded, with hcl's and Terraform's errors.

#include "lang/base/diagnostic.h"
#include "lang/base/value.h"
#include "lang/config/module.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/scope.h"
#include "providers/schema.h"

namespace cairn::planner {

/// Evaluates expressions for the decoder (the caller's scope, functions and value hints).
class BodyEvaluator {
 public:
  virtual ~BodyEvaluator() = default;
  /// Evaluates `expr` in `scope`.
  virtual eval::EvalResult Evaluate(const ast::Expr& expr, const eval::Scope& scope) = 0;
};

struct DecodeBodyResult {
  Value value;  ///< of schema.ImpliedType(); unknown where evaluation failed
  Diagnostics diagnostics;
};

/// Decodes `body` with `schema` in `scope`. Errors (hcl's texts): "Unsupported argument"
/// (with "Did you mean" suggestions), "Missing required argument" (subject `missing_range`),
/// "Unsupported block type", "Duplicate argument"-free by construction, "Too many X blocks",
/// "Insufficient X blocks", "Incorrect attribute value type" (conversion), and for `dynamic`
/// blocks "Invalid dynamic for_each value" / "Invalid dynamic block" problems.
DecodeBodyResult DecodeBody(const config::BodyView& body, const providers::Block& schema,
                            const eval::Scope& scope, BodyEvaluator& evaluator,
                            const Range& missing_range);

}  // namespace cairn::planner
