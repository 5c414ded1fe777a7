#pragma once
/// Diagnostics in Terraform's machine-readable JSON (`views/json.Diagnostic`), as used by
/// `validate -json` and inside the `plan -json`/`apply -json` UI log.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "lang/base/diagnostic.h"
#include "lang/base/diagnostic_display.h"
#include "lang/base/source_index.h"

namespace cairn {

/// One diagnostic object, keys in Terraform's order: severity, summary, detail, address (only
/// when set), range {filename, start{line,column,byte}, end{...}} and snippet {context (null
/// when none), code, start_line, highlight_start_offset, highlight_end_offset, values[],
/// function_call {called_as, signature {name, params[{name, type}], variadic_param,
/// return_type}} (only when set)}; range only with a subject, snippet only when its source is
/// known.
nlohmann::ordered_json DiagnosticToJson(const DiagnosticDisplay& diagnostic);
nlohmann::ordered_json DiagnosticToJson(const Diagnostic& diagnostic, const SourceIndex& sources);

/// One message of Terraform's machine-readable UI log (`plan -json`, `apply -json`) for a
/// diagnostic: {"@level": "error" or "warn", "@message": "Error: <summary>" or "Warning: ...",
/// "@module": "terraform.ui", "@timestamp": `timestamp` (RFC 3339 with microseconds, e.g.
/// "2026-11-22T02:51:18.088171Z"), "diagnostic": DiagnosticToJson, "type": "diagnostic"}.
/// Write it with GoJsonMarshal plus "\n".
nlohmann::ordered_json DiagnosticLogMessage(const DiagnosticDisplay& diagnostic,
                                            std::string_view timestamp);

/// The whole stdout of `terraform validate -json`: {format_version "1.0", valid, error_count,
/// warning_count, diagnostics[]} indented by two spaces, in the diagnostics' own order (not
/// sorted), followed by a newline.
std::string RenderValidateJson(const Diagnostics& diagnostics, const SourceIndex& sources);

}  // namespace cairn
