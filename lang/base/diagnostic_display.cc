#include "lang/base/diagnostic_display.h"

#include <algorithm>

namespace cairn {
namespace {

// hcl.Range semantics on byte offsets only: [start, end).
struct ByteSpan {
  int64_t start;
  int64_t end;
  bool Empty() const { return start == end; }
  bool Contains(int64_t offset) const { return offset >= start && offset < end; }
  /// hcl.Range.Overlaps: empty spans never overlap anything.
  bool Overlaps(const ByteSpan& o) const {
    if (Empty() || o.Empty()) return false;
    return Contains(o.start) || Contains(o.end) || o.Contains(start) || o.Contains(end);
  }
};

/// hcl.RangeOver: covers both; an empty range is ignored.
Range RangeOver(const Range& a, const Range& b) {
  if (a.Empty()) return b;
  if (b.Empty()) return a;
  Range r;
  r.filename = a.filename;
  r.start = a.start.byte < b.start.byte ? a.start : b.start;
  r.end = a.end.byte > b.end.byte ? a.end : b.end;
  return r;
}

void WidenIfEmpty(Range& r) {
  if (r.Empty()) {
    ++r.end.byte;
    ++r.end.column;
  }
}

int64_t Clamp(int64_t v, int64_t hi) { return std::clamp<int64_t>(v, 0, hi); }

}  // namespace

DiagnosticDisplay MakeDiagnosticDisplay(const Diagnostic& diagnostic, const SourceIndex& sources) {
  DiagnosticDisplay out;
  out.severity = diagnostic.severity;
  out.summary = diagnostic.summary;
  out.detail = diagnostic.detail;
  out.address = diagnostic.address;
  if (!diagnostic.subject) return out;

  Range highlight = *diagnostic.subject;
  Range snippet_range = diagnostic.context ? *diagnostic.context : highlight;
  snippet_range = RangeOver(snippet_range, highlight);
  WidenIfEmpty(snippet_range);
  WidenIfEmpty(highlight);
  out.range = highlight;

  const std::optional<std::string_view> src = sources.Source(highlight.filename);
  if (!src) return out;

  DiagnosticSnippet snippet;
  snippet.start_line = snippet_range.start.line;
  std::string context = sources.ContextString(highlight.filename, highlight.start.byte - 1);
  if (!context.empty()) snippet.context = std::move(context);

  // Lines as bufio.ScanLines yields them: without the "\n" and without one "\r" before it.
  const ByteSpan want{snippet_range.start.byte, snippet_range.end.byte};
  int64_t code_start_byte = 0;
  std::string& code = snippet.code;
  const int64_t size = static_cast<int64_t>(src->size());
  // Lines before the one holding the snippet's first byte cannot overlap it, so the scan starts
  // there (a line ending exactly where the snippet starts is that line).
  int64_t first = 0;
  if (want.start > 0) {
    const size_t before = src->rfind('\n', static_cast<size_t>(std::min(want.start, size) - 1));
    first = before == std::string_view::npos ? 0 : static_cast<int64_t>(before) + 1;
  }
  for (int64_t pos = first; pos < size;) {
    const size_t nl = src->find('\n', static_cast<size_t>(pos));
    const int64_t next = nl == std::string_view::npos ? size : static_cast<int64_t>(nl) + 1;
    int64_t line_end = nl == std::string_view::npos ? size : static_cast<int64_t>(nl);
    if (line_end > pos && (*src)[static_cast<size_t>(line_end - 1)] == '\r') --line_end;
    const ByteSpan line{pos, line_end};
    if (line.Overlaps(want)) {
      if (code_start_byte == 0 && code.empty()) code_start_byte = pos;
      code.append(src->substr(static_cast<size_t>(pos), static_cast<size_t>(line_end - pos)));
      code.push_back('\n');
    }
    // Lines past the snippet cannot overlap it any more.
    if (pos > want.end) break;
    pos = next;
  }
  if (!code.empty() && code.back() == '\n') code.pop_back();

  const int64_t code_size = static_cast<int64_t>(code.size());
  const int64_t start = highlight.start.byte - code_start_byte;
  const int64_t end = start + (highlight.end.byte - highlight.start.byte);
  snippet.highlight_start_offset = Clamp(start, code_size);
  snippet.highlight_end_offset = Clamp(end, code_size);

  snippet.values = diagnostic.values;
  std::stable_sort(
      snippet.values.begin(), snippet.values.end(),
      [](const ExpressionValue& a, const ExpressionValue& b) { return a.traversal < b.traversal; });
  snippet.function_call = diagnostic.function_call;
  out.snippet = std::move(snippet);
  return out;
}

}  // namespace cairn
