#pragma once
/// Diagnostics as Terraform 1.11 prints them for people, byte for byte.

#include <string>
#include <vector>

#include "lang/base/diagnostic.h"
#include "lang/base/diagnostic_display.h"
#include "lang/base/source_index.h"

namespace cairn {

struct DiagnosticTextOptions {
  /// Colour mode: bold coloured "Error:"/"Warning:", the subject underlined, and the whole
  /// diagnostic framed by a `╷ │ ╵` rule in the severity's colour. Off = `-no-color`.
  bool color = false;
  /// Columns of the stream the text goes to; Terraform uses 78 when it is not a terminal.
  /// Details wrap at width-1 (plain) or width-3 (colour); width <= 1 (plain) or <= 3 (colour)
  /// disables wrapping.
  int width = 78;
};

/// One rendered diagnostic. Terraform writes errors to stderr and warnings to stdout.
struct RenderedDiagnostic {
  Severity severity;
  std::string text;
};

/// Renders one diagnostic (Terraform's `format.DiagnosticPlain` / `format.Diagnostic`). Plain
/// text starts with "\n" (the blank line between diagnostics) and ends with "\n":
///
///     \nError: Unsupported block type\n\n  on main.tf line 1:\n   1: foo "bar" {\n\n<detail>\n
std::string RenderDiagnosticText(const DiagnosticDisplay& diagnostic,
                                 const DiagnosticTextOptions& options);
std::string RenderDiagnosticText(const Diagnostic& diagnostic, const SourceIndex& sources,
                                 const DiagnosticTextOptions& options);

/// Terraform's `tfdiags.Diagnostics.Sort` (stable): warnings before errors, diagnostics without
/// a subject before those with one, then by file (fewer '/' first, then name), start byte and
/// end byte.
void SortDiagnostics(std::vector<Diagnostic>& diagnostics);

/// A diagnostic after warning consolidation, with the number of warnings it stands for.
struct ConsolidatedDiagnostic {
  Diagnostic diagnostic;
  size_t count = 1;
};

/// Terraform's `ConsolidateWarnings(1)`: all warnings that have a subject and share a summary
/// become the first of them, whose detail gains "(and one more similar warning elsewhere)" or
/// "(and N more similar warnings elsewhere)" as a last paragraph. Order is otherwise kept.
std::vector<ConsolidatedDiagnostic> ConsolidateWarnings(const std::vector<Diagnostic>& diagnostics);

/// What Terraform's human views print for a list of diagnostics (`View.Diagnostics`): sorted,
/// warnings consolidated, each rendered with RenderDiagnosticText. The caller writes each piece
/// to stderr (errors) or stdout (warnings), in order.
std::vector<RenderedDiagnostic> RenderDiagnosticsText(const Diagnostics& diagnostics,
                                                      const SourceIndex& sources,
                                                      const DiagnosticTextOptions& options);

/// Terraform's `format.DiagnosticWarningsCompact` (for `-compact-warnings` when there are only
/// warnings): "Warnings:\n\n" then "- <summary>\n" and "  on <file> line <n>[ (and N more)]\n"
/// per consolidated warning. Pass the output of ConsolidateWarnings.
std::string RenderWarningsCompact(const std::vector<ConsolidatedDiagnostic>& warnings, bool color);

}  // namespace cairn
