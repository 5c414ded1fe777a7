#pragma once
/// Diagnostics: the one way a phase reports a problem. A phase returns its (partial) output
/// plus `Diagnostics`; nothing below cli/ prints.

#include <optional>
#include <string>
#include <vector>

#include "lang/base/source.h"

namespace cairn {

enum class Severity { kError, kWarning };

/// A statement about the value a traversal had while the failing expression was evaluated
/// (Terraform's "values" hints under a snippet), e.g. {"var.x", "is \"a\""}.
struct ExpressionValue {
  std::string traversal;
  std::string statement;

  friend bool operator==(const ExpressionValue&, const ExpressionValue&) = default;
};

/// A parameter of a function signature shown with a failed call.
struct FunctionParamInfo {
  std::string name;
  /// The type constraint as cty's type JSON, e.g. `"string"` or `["list","number"]`.
  std::string type_json;

  friend bool operator==(const FunctionParamInfo&, const FunctionParamInfo&) = default;
};

/// The function call a diagnostic is about (hcl's FunctionCallDiagExtra), rendered as
/// "while calling f(a, b...)" under the snippet and as `function_call` in JSON.
struct FunctionCallInfo {
  /// The name as written in the call, e.g. "upper" or "provider::p::f".
  std::string called_as;
  /// The signature, when the function is known.
  struct Signature {
    std::string name;  // leaf name, without namespace
    std::vector<FunctionParamInfo> params;
    std::optional<FunctionParamInfo> variadic_param;
    std::string return_type_json;  // cty type JSON

    friend bool operator==(const Signature&, const Signature&) = default;
  };
  std::optional<Signature> signature;

  friend bool operator==(const FunctionCallInfo&, const FunctionCallInfo&) = default;
};

/// One problem, in hashicorp/hcl's shape.
/// `summary` is a short sentence without a trailing period (Terraform's wording where Terraform
/// reports the same mistake); `detail` is prose that may span paragraphs; `subject` is the tight
/// range the problem is about (underlined when rendered); `context` is a wider enclosing range
/// (e.g. the whole expression) that rendering may use to show more lines.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  std::optional<Range> subject;
  std::optional<Range> context;
  /// The address of the object being processed (e.g. `terraform_data.a[0]`), rendered as
  /// "with <address>," above the source line; empty when none.
  std::string address;
  /// Values of the variables the expression at `subject` referred to; empty when none.
  std::vector<ExpressionValue> values;
  /// The failed function call the subject is in, if any.
  std::optional<FunctionCallInfo> function_call;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// An ordered list of diagnostics.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  }
  void Error(std::string summary, std::string detail, std::optional<Range> subject = {},
             std::optional<Range> context = {}) {
    items_.push_back({Severity::kError,
                      std::move(summary),
                      std::move(detail),
                      std::move(subject),
                      std::move(context),
                      {},
                      {},
                      {}});
  }
  void Warning(std::string summary, std::string detail, std::optional<Range> subject = {},
               std::optional<Range> context = {}) {
    items_.push_back({Severity::kWarning,
                      std::move(summary),
                      std::move(detail),
                      std::move(subject),
                      std::move(context),
                      {},
                      {},
                      {}});
  }

  bool HasErrors() const;
  size_t ErrorCount() const;
  size_t WarningCount() const;
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const Diagnostic& operator[](size_t i) const { return items_[i]; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  std::vector<Diagnostic>& items() { return items_; }
  const std::vector<Diagnostic>& items() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace cairn
