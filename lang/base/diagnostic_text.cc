#include "lang/base/diagnostic_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <unordered_map>

#include "lang/base/colorize.h"
#include "lang/base/utf8.h"
#include "lang/base/wordwrap.h"

namespace cairn {
namespace {

/// Splits like Go's strings.Split(s, "\n"): n newlines give n+1 pieces.
template <typename F>
void ForEachSplitLine(std::string_view s, F&& f) {
  size_t start = 0;
  while (true) {
    const size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) {
      f(s.substr(start));
      return;
    }
    f(s.substr(start, nl - start));
    start = nl + 1;
  }
}

/// Go's strings.TrimSpace.
std::string_view TrimSpace(std::string_view s) {
  size_t begin = s.size(), end = 0;
  for (size_t i = 0; i < s.size();) {
    const utf8::Decoded d = utf8::Decode(s, i);
    if (!utf8::IsSpace(d.rune)) {
      begin = std::min(begin, i);
      end = i + d.size;
    }
    i += d.size;
  }
  return begin >= end ? std::string_view() : s.substr(begin, end - begin);
}

/// Appends `format` with each "%s" replaced by the next of `args` (Terraform's formats are
/// colorized before Go's Sprintf fills them in, so the verbs survive colouring).
void AppendFormatted(std::string& buf, std::string_view format,
                     std::initializer_list<std::string_view> args) {
  auto arg = args.begin();
  size_t from = 0;
  for (size_t at; arg != args.end() && (at = format.find("%s", from)) != std::string_view::npos;
       from = at + 2) {
    buf.append(format.substr(from, at - from));
    buf.append(*arg++);
  }
  buf.append(format.substr(from));
}

/// The snippet part (`snippetFormatter.write`): "  with ...", "  on ...", the numbered lines,
/// value hints, and a blank line after a location.
void WriteSnippet(std::string& buf, const DiagnosticDisplay& d, bool color) {
  if (!d.address.empty()) fmt::format_to(std::back_inserter(buf), "  with {},\n", d.address);
  if (!d.range) return;

  if (!d.snippet) {
    fmt::format_to(std::back_inserter(buf), "  on {} line {}:\n  (source code not available)\n",
                   d.range->filename.str(), d.range->start.line);
  } else {
    const DiagnosticSnippet& s = *d.snippet;
    const std::string context = s.context ? ", in " + *s.context : std::string();
    fmt::format_to(std::back_inserter(buf), "  on {} line {}{}:\n", d.range->filename.str(),
                   d.range->start.line, context);

    const int64_t size = static_cast<int64_t>(s.code.size());
    int64_t start = s.highlight_start_offset;
    int64_t end = s.highlight_end_offset;
    if (end < start) end = std::min(start + 1, size);
    start = std::clamp<int64_t>(start, 0, size);
    end = std::clamp<int64_t>(end, 0, size);
    const std::string_view code = s.code;
    std::string marked;
    marked.reserve(code.size() + 16);
    marked.append(code.substr(0, static_cast<size_t>(start)));
    if (color) marked += "\x1b[4m";
    marked.append(code.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    if (color) marked += "\x1b[0m";
    marked.append(code.substr(static_cast<size_t>(end)));
    if (color) marked += "\x1b[0m";  // colorstring's final reset

    int64_t line_number = s.start_line;
    ForEachSplitLine(marked, [&](std::string_view line) {
      fmt::format_to(std::back_inserter(buf), "{:4}: {}\n", line_number++, line);
    });

    const bool has_signature = s.function_call && s.function_call->signature;
    if (!s.values.empty() || has_signature) {
      buf += Colorize("    [dark_gray]├────────────────[reset]\n", color);
      if (has_signature) {
        AppendFormatted(buf,
                        Colorize("    [dark_gray]│[reset] while calling [bold]%s[reset](", color),
                        {s.function_call->called_as});
        const FunctionCallInfo::Signature& sig = *s.function_call->signature;
        for (size_t i = 0; i < sig.params.size(); ++i) {
          if (i > 0) buf += ", ";
          buf += sig.params[i].name;
        }
        if (sig.variadic_param) {
          if (!sig.params.empty()) buf += ", ";
          buf += sig.variadic_param->name;
          buf += "...";
        }
        buf += ")\n";
      }
      const std::string first = Colorize("    [dark_gray]│[reset] [bold]%s[reset] %s\n", color);
      const std::string more = Colorize("    [dark_gray]│[reset]   %s\n", color);
      for (const ExpressionValue& v : s.values) {
        bool is_first = true;
        ForEachSplitLine(v.statement, [&](std::string_view line) {
          if (is_first) {
            AppendFormatted(buf, first, {v.traversal, line});
          } else {
            AppendFormatted(buf, more, {line});
          }
          is_first = false;
        });
      }
    }
  }
  buf.push_back('\n');
}

std::string RenderPlain(const DiagnosticDisplay& d, int width) {
  std::string buf;
  buf += d.severity == Severity::kError ? "\nError: " : "\nWarning: ";
  buf += d.summary;
  buf += "\n\n";
  WriteSnippet(buf, d, /*color=*/false);
  if (!d.detail.empty()) {
    if (width > 1) {
      ForEachSplitLine(d.detail, [&](std::string_view line) {
        if (!line.empty() && line[0] == ' ') {
          buf.append(line);
        } else {
          buf += WrapString(line, static_cast<size_t>(width - 1));
        }
        buf.push_back('\n');
      });
    } else {
      buf += d.detail;
      buf.push_back('\n');
    }
  }
  return buf;
}

std::string RenderColor(const DiagnosticDisplay& d, int width) {
  const bool is_error = d.severity == Severity::kError;
  const std::string_view hue = is_error ? "[red]" : "[yellow]";
  std::string buf =
      Colorize(is_error ? "[bold][red]Error: [reset]" : "[bold][yellow]Warning: [reset]", true);
  const std::string rule_line = Colorize(std::string(hue) + "│[reset] ", true);
  const std::string rule_start = Colorize(std::string(hue) + "╷[reset]", true);
  const std::string rule_end = Colorize(std::string(hue) + "╵[reset]", true);
  constexpr int kRuleWidth = 2;

  buf += "\x1b[1m";
  buf += d.summary;
  buf += "\x1b[0m\n\n\x1b[0m";  // "[bold]%s[reset]\n\n" plus colorstring's final reset
  WriteSnippet(buf, d, /*color=*/true);
  if (!d.detail.empty()) {
    const int para_width = width - kRuleWidth - 1;
    if (para_width > 0) {
      ForEachSplitLine(d.detail, [&](std::string_view line) {
        if (!line.empty() && line[0] == ' ') {
          buf.append(line);
        } else {
          buf += WrapString(Colorize(line, true), static_cast<size_t>(para_width));
        }
        buf.push_back('\n');
      });
    } else {
      buf += d.detail;
      buf.push_back('\n');
    }
  }

  // Prefix every line with the rule, as a bufio line scanner sees the lines.
  std::string out;
  out.reserve(buf.size() + buf.size() / 4 + 64);
  out += rule_start;
  out.push_back('\n');
  const std::string_view trimmed_rule = TrimSpace(rule_line);
  size_t pos = 0;
  while (pos < buf.size()) {
    const size_t nl = buf.find('\n', pos);
    const size_t next = nl == std::string::npos ? buf.size() : nl + 1;
    size_t line_end = nl == std::string::npos ? buf.size() : nl;
    if (line_end > pos && buf[line_end - 1] == '\r') --line_end;
    const std::string_view line(buf.data() + pos, line_end - pos);
    out += line.empty() ? std::string(trimmed_rule) : rule_line;
    out += line;
    out.push_back('\n');
    pos = next;
  }
  out += rule_end;
  out.push_back('\n');
  return out;
}

size_t CountSeparators(std::string_view name) {
  return static_cast<size_t>(std::count(name.begin(), name.end(), '/'));
}

}  // namespace

std::string RenderDiagnosticText(const DiagnosticDisplay& diagnostic,
                                 const DiagnosticTextOptions& options) {
  return options.color ? RenderColor(diagnostic, options.width)
                       : RenderPlain(diagnostic, options.width);
}

std::string RenderDiagnosticText(const Diagnostic& diagnostic, const SourceIndex& sources,
                                 const DiagnosticTextOptions& options) {
  return RenderDiagnosticText(MakeDiagnosticDisplay(diagnostic, sources), options);
}

void SortDiagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.severity != b.severity) return a.severity == Severity::kWarning;
                     if (a.subject.has_value() != b.subject.has_value()) return !a.subject;
                     if (!a.subject || *a.subject == *b.subject) return false;
                     const Range& x = *a.subject;
                     const Range& y = *b.subject;
                     if (!(x.filename == y.filename)) {
                       const size_t cx = CountSeparators(x.filename.str());
                       const size_t cy = CountSeparators(y.filename.str());
                       if (cx != cy) return cx < cy;
                       return x.filename.str() < y.filename.str();
                     }
                     if (x.start.byte != y.start.byte) return x.start.byte < y.start.byte;
                     if (x.end.byte != y.end.byte) return x.end.byte < y.end.byte;
                     return false;
                   });
}

std::vector<ConsolidatedDiagnostic> ConsolidateWarnings(
    const std::vector<Diagnostic>& diagnostics) {
  std::vector<ConsolidatedDiagnostic> out;
  out.reserve(diagnostics.size());
  std::unordered_map<std::string_view, size_t> group_of;  // summary -> index in `out`
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::kWarning || !d.subject) {
      out.push_back({d, 1});
      continue;
    }
    auto [it, inserted] = group_of.emplace(d.summary, out.size());
    if (inserted) {
      out.push_back({d, 1});
    } else {
      ++out[it->second].count;
    }
  }
  for (ConsolidatedDiagnostic& c : out) {
    if (c.count < 2) continue;
    const std::string note =
        c.count == 2 ? std::string("(and one more similar warning elsewhere)")
                     : fmt::format("(and {} more similar warnings elsewhere)", c.count - 1);
    std::string& detail = c.diagnostic.detail;
    detail = detail.empty() ? note : detail + "\n\n" + note;
  }
  return out;
}

std::vector<RenderedDiagnostic> RenderDiagnosticsText(const Diagnostics& diagnostics,
                                                      const SourceIndex& sources,
                                                      const DiagnosticTextOptions& options) {
  std::vector<Diagnostic> sorted = diagnostics.items();
  SortDiagnostics(sorted);
  std::vector<RenderedDiagnostic> out;
  for (const ConsolidatedDiagnostic& c : ConsolidateWarnings(sorted)) {
    out.push_back({c.diagnostic.severity, RenderDiagnosticText(c.diagnostic, sources, options)});
  }
  return out;
}

std::string RenderWarningsCompact(const std::vector<ConsolidatedDiagnostic>& warnings, bool color) {
  std::string out = Colorize("[bold][yellow]Warnings:[reset]\n\n", color);
  for (const ConsolidatedDiagnostic& c : warnings) {
    fmt::format_to(std::back_inserter(out), "- {}\n", c.diagnostic.summary);
    if (c.diagnostic.subject) {
      const Range& s = *c.diagnostic.subject;
      if (c.count > 1) {
        fmt::format_to(std::back_inserter(out), "  on {} line {} (and {} more)\n", s.filename.str(),
                       s.start.line, c.count - 1);
      } else {
        fmt::format_to(std::back_inserter(out), "  on {} line {}\n", s.filename.str(),
                       s.start.line);
      }
    } else if (c.count > 1) {
      fmt::format_to(std::back_inserter(out), "  ({} occurences of this warning)\n", c.count);
    }
  }
  return out;
}

}  // namespace cairn
