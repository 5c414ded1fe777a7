#pragma once
/// The part of a diagnostic a user sees, computed once from the diagnostic and the sources
/// (Terraform's `views/json.Diagnostic`, which both its human and JSON renderers start from).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/source_index.h"

namespace cairn {

/// The source excerpt shown with a diagnostic.
struct DiagnosticSnippet {
  /// Header of the top-level block around the subject (`resource "a" "b"`), if any.
  std::optional<std::string> context;
  /// The lines the snippet covers, joined with "\n" (no final newline). Empty lines inside the
  /// covered range are left out, exactly as Terraform does (so lines can shift against the
  /// numbers printed from `start_line`).
  std::string code;
  /// Line number of the first line of the context (or subject) range.
  int64_t start_line = 1;
  /// Byte offsets of the subject within `code`, clamped to [0, code.size()].
  int64_t highlight_start_offset = 0;
  int64_t highlight_end_offset = 0;
  /// Expression values, sorted by traversal.
  std::vector<ExpressionValue> values;
  /// The failed call, if the diagnostic has one.
  std::optional<FunctionCallInfo> function_call;
};

/// A diagnostic ready for rendering.
struct DiagnosticDisplay {
  Severity severity = Severity::kError;
  std::string summary;
  std::string detail;
  std::string address;
  /// The subject, widened to one byte/column when empty; absent when there is no subject.
  std::optional<Range> range;
  /// Absent when there is no subject or its file's source is unknown.
  std::optional<DiagnosticSnippet> snippet;
};

/// Computes what Terraform's `views/json.NewDiagnostic` computes: the highlight range, the
/// snippet lines from the context range (or the subject's), highlight offsets, and the context
/// string of the byte just before the subject.
DiagnosticDisplay MakeDiagnosticDisplay(const Diagnostic& diagnostic, const SourceIndex& sources);

}  // namespace cairn
