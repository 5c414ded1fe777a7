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
    j["snippet"] = std::move(sj);
  }
  return j;
}

nlohmann::ordered_json DiagnosticToJson(const Diagnostic& diagnostic, const SourceIndex& sources) {
  return DiagnosticToJson(MakeDiagnosticDisplay(diagnostic, sources));
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
