#include "planner/plan/checks.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "lang/base/convert.h"
#include "planner/values/expression_values.h"
#include "planner/values/value_nodes.h"

namespace cairn::planner {
namespace {

std::string TrimSpace(const std::string& s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  size_t b = 0, e = s.size();
  while (b < e && space(s[b])) ++b;
  while (e > b && space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

void Add(Diagnostics& out, Severity severity, std::string summary, std::string detail,
         const ast::Expr& about, const eval::Scope& scope) {
  Diagnostic d;
  d.severity = severity;
  d.summary = std::move(summary);
  d.detail = std::move(detail);
  d.subject = about.range;
  d.values = ExpressionValues(about, scope);
  out.Add(std::move(d));
}

/// Terraform's EvalCheckErrorMessage: the message, or "" after saying why there is none.
std::string ErrorMessage(const ast::Expr& expr, const eval::EvalResult& message,
                         const eval::Scope& scope, Diagnostics& out) {
  if (message.diagnostics.HasErrors()) return "";
  ConvertResult s = Convert(message.value, Type::String());
  if (!s.ok()) {
    Add(out, Severity::kError, "Invalid error message",
        fmt::format("Unsuitable value for error message: {}.", s.error->Format()), expr, scope);
    return "";
  }
  if (!s.value.IsKnown()) return "";
  if (s.value.IsNull()) {
    Add(out, Severity::kError, "Invalid error message",
        "Unsuitable value for error message: must not be null.", expr, scope);
    return "";
  }
  if (s.value.IsSensitive()) {
    Add(out, Severity::kWarning, "Error message refers to sensitive values",
        "The error expression used to explain this condition refers to sensitive values, so "
        "Terraform will not display the resulting message.\n\nYou can correct this by "
        "removing references to sensitive values, or by carefully using the nonsensitive() "
        "function if the expression will not reveal the sensitive data.",
        expr, scope);
    return "";
  }
  return TrimSpace(s.value.Unmarked().AsString());
}

}  // namespace

CheckBlockResult EvaluateCheckAssertions(const config::Check& check,
                                    const eval::Scope& scope,
                                    const eval::functions::BuiltinFunctions& functions,
                                    bool validating, Diagnostics& diagnostics) {
  CheckBlockResult result;
  Diagnostics scratch;
  ValueNodes values(scope, functions, scratch);
  bool any_unknown = false, any_failed = false, any_error = false;
  for (const config::CheckRule& rule : check.asserts) {
    if (!rule.condition || !rule.error_message) continue;
    Diagnostics out;
    eval::EvalResult condition = values.Eval(*rule.condition);
    eval::EvalResult message = values.Eval(*rule.error_message);
    out.Append(condition.diagnostics);
    out.Append(message.diagnostics);
    std::string text = ErrorMessage(*rule.error_message, message, scope, out);
    const Value& v = condition.value;
    if (out.HasErrors()) {
      any_error = true;
    } else if (!v.IsKnown()) {
      any_unknown = true;
      Add(out, Severity::kWarning, "Check block assertion known after apply",
          "The condition could not be evaluated at this time, a result will be known when "
          "this plan is applied.",
          *rule.condition, scope);
    } else if (v.IsNull()) {
      any_error = true;
      Add(out, Severity::kError, "Invalid condition result",
          "Condition expression must return either true or false, not null.", *rule.condition,
          scope);
    } else if (ConvertResult b = Convert(v, Type::Bool()); !b.ok()) {
      any_error = true;
      Add(out, Severity::kError, "Invalid condition result",
          fmt::format("Invalid condition result value: {}.", b.error->Format()),
          *rule.condition, scope);
    } else if (Value known = b.value.UnmarkedDeep(); !known.IsKnown()) {
      any_unknown = true;
    } else if (!known.AsBool()) {
      any_failed = true;
      result.failure_messages.push_back(text);
      if (text.empty()) {
        text = "This check failed, but has an invalid error message as described in the other "
               "accompanying messages.";
      }
      Add(out, Severity::kWarning, "Check block assertion failed", text, *rule.condition,
          scope);
    }
    for (const Diagnostic& d : out) {
      if (!validating || d.severity == Severity::kError) diagnostics.Add(d);
    }
  }
  result.status = any_error    ? CheckStatus::kError
                  : any_failed ? CheckStatus::kFail
                  : any_unknown ? CheckStatus::kUnknown
                                : CheckStatus::kPass;
  return result;
}

bool DemoteScopedDataErrors(Diagnostics& diagnostics, size_t first) {
  bool any = false;
  for (size_t i = first; i < diagnostics.items().size(); ++i) {
    Diagnostic& d = diagnostics.items()[i];
    if (d.severity != Severity::kError) continue;
    d.severity = Severity::kWarning;
    any = true;
  }
  return any;
}

const config::Check* CheckScopingData(const config::Module& module, std::string_view type,
                                      std::string_view name) {
  for (const config::Check& c : module.checks) {
    if (c.data && c.data->type == type && c.data->name == name) return &c;
  }
  return nullptr;
}

std::string_view CheckStatusName(CheckStatus status) {
  switch (status) {
    case CheckStatus::kPass: return "pass";
    case CheckStatus::kFail: return "fail";
    case CheckStatus::kError: return "error";
    case CheckStatus::kUnknown: break;
  }
  return "unknown";
}

CheckStatus AggregateCheckStatus(const std::vector<CheckStatus>& statuses) {
  if (statuses.empty()) return CheckStatus::kUnknown;
  auto any = [&](CheckStatus s) {
    return std::find(statuses.begin(), statuses.end(), s) != statuses.end();
  };
  if (any(CheckStatus::kError)) return CheckStatus::kError;
  if (any(CheckStatus::kFail)) return CheckStatus::kFail;
  if (any(CheckStatus::kUnknown)) return CheckStatus::kUnknown;
  return CheckStatus::kPass;
}

std::string CheckResultsStateJson(const std::vector<CheckBlockResult>& results) {
  using Json = nlohmann::ordered_json;
  std::vector<std::string> order;
  std::map<std::string, std::vector<const CheckBlockResult*>> by_config;
  for (const CheckBlockResult& r : results) {
    auto& list = by_config[r.config_addr];
    if (list.empty()) order.push_back(r.config_addr);
    list.push_back(&r);
  }
  Json out = Json::array();
  for (const std::string& config_addr : order) {
    std::vector<CheckStatus> statuses;
    Json objects = Json::array();
    for (const CheckBlockResult* r : by_config[config_addr]) {
      statuses.push_back(r->status);
      Json o = Json::object();
      o["object_addr"] = r->Address();
      o["status"] = CheckStatusName(r->status);
      if (!r->failure_messages.empty()) o["failure_messages"] = r->failure_messages;
      objects.push_back(std::move(o));
    }
    Json c = Json::object();
    c["object_kind"] = "check";
    c["config_addr"] = config_addr;
    c["status"] = CheckStatusName(AggregateCheckStatus(statuses));
    c["objects"] = std::move(objects);
    out.push_back(std::move(c));
  }
  return out.dump();
}

void SortByLocation(Diagnostics& diagnostics, size_t first) {
  auto& items = diagnostics.items();
  if (first >= items.size()) return;
  std::stable_sort(items.begin() + static_cast<std::ptrdiff_t>(first), items.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (!a.subject || !b.subject) return a.subject.has_value() && !b.subject;
                     if (!(a.subject->filename == b.subject->filename)) {
                       return a.subject->filename.str() < b.subject->filename.str();
                     }
                     return a.subject->start.byte < b.subject->start.byte;
                   });
}

}  // namespace cairn::planner
