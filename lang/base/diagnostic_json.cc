#include "lang/base/diagnostic_json.h"

#include "lang/base/go_json.h"

namespace cairn {
namespace {

nlohmann::ordered_json PosToJson(const Pos& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["line"] = p.line;
  j["column"] = p.column;
  j["byte"] = p.byte;
  return j;
}

/// A cty type JSON text as a value; "dynamic" when it is not valid JSON (as Terraform falls
/// back to when a type cannot be described).
nlohmann::ordered_json TypeJson(const std::string& text) {
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return "dynamic";
  return j;
}

nlohmann::ordered_json ParamToJson(const FunctionParamInfo& p) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["name"] = p.name;
  j["type"] = TypeJson(p.type_json);
  return j;
}

}  // namespace

nlohmann::ordered_json DiagnosticToJson(const DiagnosticDisplay& d) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["severity"] = d.severity == Severity::kError ? "error" : "warning";
  j["summary"] = d.summary;
  j["detail"] = d.detail;
  if (!d.address.empty()) j["address"] = d.address;
  if (d.range) {
    nlohmann::ordered_json r = nlohmann::ordered_json::object();
    r["filename"] = std::string(d.range->filename.str());
    r["start"] = PosToJson(d.range->start);
    r["end"] = PosToJson(d.range->end);
    j["range"] = std::move(r);
  }
  if (d.snippet) {
    const DiagnosticSnippet& s = *d.snippet;
    nlohmann::ordered_json sj = nlohmann::ordered_json::object();
    sj["context"] = s.context ? nlohmann::ordered_json(*s.context) : nlohmann::ordered_json();
    sj["code"] = s.code;
    sj["start_line"] = s.start_line;
    sj["highlight_start_offset"] = s.highlight_start_offset;
    sj["highlight_end_offset"] = s.highlight_end_offset;
    nlohmann::ordered_json values = nlohmann::ordered_json::array();
    for (const ExpressionValue& v : s.values) {
      nlohmann::ordered_json vj = nlohmann::ordered_json::object();
      vj["traversal"] = v.traversal;
      vj["statement"] = v.statement;
      values.push_back(std::move(vj));
    }
    sj["values"] = std::move(values);
    if (s.function_call) {
      nlohmann::ordered_json call = nlohmann::ordered_json::object();
      call["called_as"] = s.function_call->called_as;
      if (const auto& sig = s.function_call->signature) {
        nlohmann::ordered_json sj2 = nlohmann::ordered_json::object();
        sj2["name"] = sig->name;
        nlohmann::ordered_json params = nlohmann::ordered_json::array();
        for (const FunctionParamInfo& p : sig->params) params.push_back(ParamToJson(p));
        sj2["params"] = std::move(params);
        if (sig->variadic_param) sj2["variadic_param"] = ParamToJson(*sig->variadic_param);
        sj2["return_type"] = TypeJson(sig->return_type_json);
        call["signature"] = std::move(sj2);
      }
      sj["function_call"] = std::move(call);
    }
    j["snippet"] = std::move(sj);
  }
  return j;
}

nlohmann::ordered_json DiagnosticToJson(const Diagnostic& diagnostic, const SourceIndex& sources) {
  return DiagnosticToJson(MakeDiagnosticDisplay(diagnostic, sources));
}

nlohmann::ordered_json DiagnosticLogMessage(const DiagnosticDisplay& diagnostic,
                                            std::string_view timestamp) {
  const bool is_error = diagnostic.severity == Severity::kError;
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  j["@level"] = is_error ? "error" : "warn";
  j["@message"] = (is_error ? "Error: " : "Warning: ") + diagnostic.summary;
  j["@module"] = "terraform.ui";
  j["@timestamp"] = std::string(timestamp);
  j["diagnostic"] = DiagnosticToJson(diagnostic);
  j["type"] = "diagnostic";
  return j;
}

std::string RenderValidateJson(const Diagnostics& diagnostics, const SourceIndex& sources) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["format_version"] = "1.0";
  out["valid"] = !diagnostics.HasErrors();
  out["error_count"] = diagnostics.ErrorCount();
  out["warning_count"] = diagnostics.WarningCount();
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diagnostics) list.push_back(DiagnosticToJson(d, sources));
  out["diagnostics"] = std::move(list);
  std::string text = GoJsonMarshalIndent(out, "  ");
  text.push_back('\n');
  return text;
}

}  // namespace cairn
