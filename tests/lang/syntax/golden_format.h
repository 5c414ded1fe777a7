#pragma once
// The text format of the parser goldens: the AST dump followed by the diagnostics.

#include <string>

#include "lang/base/diagnostic.h"
#include "lang/syntax/ast_dump.h"

namespace cairn::syntax::testing {

inline std::string RangeText(const Range& r) {
  return std::to_string(r.start.line) + "," + std::to_string(r.start.column) + "-" +
         std::to_string(r.end.line) + "," + std::to_string(r.end.column) + " (bytes " +
         std::to_string(r.start.byte) + "-" + std::to_string(r.end.byte) + ")";
}

inline std::string DiagnosticsText(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) {
    out += d.severity == Severity::kError ? "error: " : "warning: ";
    out += d.summary + "\n  detail: " + d.detail + "\n";
    if (d.subject) out += "  subject: " + RangeText(*d.subject) + "\n";
    if (d.context) out += "  context: " + RangeText(*d.context) + "\n";
  }
  return out;
}

inline std::string GoldenText(const ast::File& file, const Diagnostics& diags) {
  return DumpFile(file) + DiagnosticsText(diags);
}

}  // namespace cairn::syntax::testing
