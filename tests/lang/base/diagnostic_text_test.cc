#include "lang/base/diagnostic_text.h"

#include <gtest/gtest.h>

#include "diagnostic_cases.h"
#include "lang/base/colorize.h"
#include "lang/base/wordwrap.h"

namespace cairn {
namespace {

using testing::BuildCase;
using testing::CaseDir;
using testing::CaseNames;
using testing::ReadTestFile;

struct Streams {
  std::string out;
  std::string err;
};

/// What `terraform validate` (ValidateHuman.Results) writes for these diagnostics.
Streams ValidateHuman(const Diagnostics& diagnostics, const SourceIndex& sources, bool color) {
  Streams s;
  for (const RenderedDiagnostic& r :
       RenderDiagnosticsText(diagnostics, sources, {.color = color, .width = 78})) {
    (r.severity == Severity::kError ? s.err : s.out) += r.text;
  }
  if (!diagnostics.HasErrors()) {
    s.out += WordWrap(Colorize("[green][bold]Success![reset] The configuration is valid, but "
                               "there were some validation warnings as shown above.\n",
                               color),
                      78);
    s.out += "\n";
  }
  return s;
}

class DiagnosticTextGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DiagnosticTextGoldenTest, PlainMatchesTerraformNoColor) {
  const testing::DiagnosticCase c = BuildCase(GetParam());
  const Streams got = ValidateHuman(c.diagnostics, c.sources, /*color=*/false);
  EXPECT_EQ(got.err, ReadTestFile(CaseDir(c.name) + "/stderr.txt"));
  EXPECT_EQ(got.out, ReadTestFile(CaseDir(c.name) + "/stdout.txt"));
}

TEST_P(DiagnosticTextGoldenTest, ColorMatchesTerraform) {
  const testing::DiagnosticCase c = BuildCase(GetParam());
  const Streams got = ValidateHuman(c.diagnostics, c.sources, /*color=*/true);
  EXPECT_EQ(got.err, ReadTestFile(CaseDir(c.name) + "/color_stderr.txt"));
  EXPECT_EQ(got.out, ReadTestFile(CaseDir(c.name) + "/color_stdout.txt"));
}

INSTANTIATE_TEST_SUITE_P(Cases, DiagnosticTextGoldenTest, ::testing::ValuesIn(CaseNames()),
                         [](const auto& info) { return info.param; });

const FileName kMain = FileName::Intern("main.tf");

TEST(DiagnosticTextTest, ExactPlainLayout) {
  testing::FakeSources sources;
  const std::string src = "foo \"bar\" {\n}\n";
  sources.Add(kMain, src);
  Diagnostic d;
  d.summary = "Unsupported block type";
  d.detail = "Blocks of type \"foo\" are not expected here.";
  d.subject = testing::Span(src, kMain, "foo");
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nError: Unsupported block type\n"
            "\n"
            "  on main.tf line 1:\n"
            "   1: foo \"bar\" {\n"
            "\n"
            "Blocks of type \"foo\" are not expected here.\n");
}

TEST(DiagnosticTextTest, UnknownSourceSaysSoAndAddressComesFirst) {
  testing::FakeSources sources;  // knows no file
  Diagnostic d;
  d.severity = Severity::kWarning;
  d.summary = "Something odd";
  d.address = "terraform_data.a[0]";
  d.subject = Range{kMain, {12, 3, 200}, {12, 8, 205}};
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nWarning: Something odd\n"
            "\n"
            "  with terraform_data.a[0],\n"
            "  on main.tf line 12:\n"
            "  (source code not available)\n"
            "\n");
}

TEST(DiagnosticTextTest, AddressWithoutSubjectHasNoBlankLineBeforeDetail) {
  Diagnostic d;
  d.summary = "Failed";
  d.detail = "It broke.";
  d.address = "terraform_data.a";
  EXPECT_EQ(RenderDiagnosticText(d, EmptySourceIndex(), {}),
            "\nError: Failed\n\n  with terraform_data.a,\nIt broke.\n");
}

TEST(DiagnosticTextTest, LineNumbersWiderThanFourDigitsAreNotCut) {
  std::string src;
  for (int i = 1; i < 12345; ++i) src += "\n";
  const int64_t at = static_cast<int64_t>(src.size());
  src += "x = 1\n";
  testing::FakeSources sources;
  sources.Add(kMain, src);
  Diagnostic d;
  d.summary = "S";
  d.subject = testing::Bytes(src, kMain, at, at + 1);
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nError: S\n\n  on main.tf line 12345:\n12345: x = 1\n\n");
}

TEST(DiagnosticTextTest, EmptySubjectIsWidenedToOneCharacter) {
  testing::FakeSources sources;
  const std::string src = "a = b\n";
  sources.Add(kMain, src);
  Diagnostic d;
  d.summary = "S";
  d.subject = testing::Bytes(src, kMain, 4, 4);
  const DiagnosticDisplay display = MakeDiagnosticDisplay(d, sources);
  ASSERT_TRUE(display.range.has_value());
  EXPECT_EQ(display.range->end.byte, 5);
  EXPECT_EQ(display.range->end.column, 6);
  ASSERT_TRUE(display.snippet.has_value());
  EXPECT_EQ(display.snippet->highlight_start_offset, 4);
  EXPECT_EQ(display.snippet->highlight_end_offset, 5);
  EXPECT_EQ(RenderDiagnosticText(display, {.color = true, .width = 78}),
            "\x1b[31m╷\x1b[0m\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mS\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\x1b[0m  on main.tf line 1:\n"
            "\x1b[31m│\x1b[0m \x1b[0m   1: a = \x1b[4mb\x1b[0m\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\n"
            "\x1b[31m╵\x1b[0m\x1b[0m\n");
}

TEST(DiagnosticTextTest, SnippetFromContextLinesAndLastLineWithoutNewline) {
  testing::FakeSources sources;
  const std::string src = "a = 1\nb = [\n  x,\n  y]";
  sources.Add(kMain, src);
  Diagnostic d;
  d.summary = "S";
  d.subject = testing::Span(src, kMain, "y");
  d.context = testing::Span(src, kMain, "[\n  x,\n  y]");
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nError: S\n\n  on main.tf line 4:\n   2: b = [\n   3:   x,\n   4:   y]\n\n");
}

TEST(DiagnosticTextTest, BrokenRangesDoNotCrash) {
  testing::FakeSources sources;
  const std::string src = "a = 1\n";
  sources.Add(kMain, src);
  Diagnostic d;
  d.summary = "S";
  d.subject = Range{kMain, {1, 5, 4}, {1, 2, 1}};  // end before start
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nError: S\n\n  on main.tf line 1:\n   1: a = 1\n\n");
  d.subject = Range{kMain, {9, 1, 500}, {9, 3, 502}};  // past the end of the file
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}), "\nError: S\n\n  on main.tf line 9:\n   9: \n\n");
  const DiagnosticDisplay display = MakeDiagnosticDisplay(d, sources);
  ASSERT_TRUE(display.snippet.has_value());
  EXPECT_EQ(display.snippet->code, "");
  EXPECT_EQ(display.snippet->start_line, 9);
}

TEST(DiagnosticTextTest, NarrowWidthWrapsDetailAndIndentedLinesStayWhole) {
  Diagnostic d;
  d.summary = "S";
  d.detail = "one two three four five\n    keep this long indented line\n\nsix seven";
  EXPECT_EQ(RenderDiagnosticText(d, EmptySourceIndex(), {.color = false, .width = 11}),
            "\nError: S\n\none two\nthree four\nfive\n    keep this long indented line\n\nsix "
            "seven\n");
  // Width 1 or less: no wrapping at all.
  EXPECT_EQ(RenderDiagnosticText(d, EmptySourceIndex(), {.color = false, .width = 0}),
            "\nError: S\n\n" + d.detail + "\n");
}

TEST(DiagnosticTextTest, SortPutsWarningsThenSourcelessThenByPosition) {
  const FileName a = FileName::Intern("a.tf");
  const FileName nested = FileName::Intern("modules/x/a.tf");
  std::vector<Diagnostic> list(5);
  list[0].summary = "error nested";
  list[0].subject = Range{nested, {1, 1, 0}, {1, 2, 1}};
  list[1].summary = "error a late";
  list[1].subject = Range{a, {3, 1, 30}, {3, 2, 31}};
  list[2].summary = "error a early";
  list[2].subject = Range{a, {1, 1, 5}, {1, 2, 6}};
  list[3].summary = "error no subject";
  list[4].summary = "warning";
  list[4].severity = Severity::kWarning;
  list[4].subject = Range{a, {9, 1, 90}, {9, 2, 91}};
  SortDiagnostics(list);
  std::vector<std::string> order;
  for (const Diagnostic& d : list) order.push_back(d.summary);
  EXPECT_EQ(order, (std::vector<std::string>{"warning", "error no subject", "error a early",
                                             "error a late", "error nested"}));
}

// Checked against `terraform plan -compact-warnings` on the consolidated_warnings config.
TEST(DiagnosticTextTest, CompactWarnings) {
  const testing::DiagnosticCase c = BuildCase("consolidated_warnings");
  Diagnostic sourceless;
  sourceless.severity = Severity::kWarning;
  sourceless.summary = "Global warning";
  std::vector<Diagnostic> list = c.diagnostics.items();
  list.push_back(sourceless);
  list.push_back(sourceless);
  EXPECT_EQ(RenderWarningsCompact(ConsolidateWarnings(list), false),
            "Warnings:\n\n"
            "- Quoted references are deprecated\n"
            "  on main.tf line 3 (and 2 more)\n"
            "- Global warning\n"
            "- Global warning\n");
  EXPECT_EQ(RenderWarningsCompact({}, true), "\x1b[1m\x1b[33mWarnings:\x1b[0m\n\n\x1b[0m");
}

TEST(DiagnosticTextTest, ConsolidationNoteForOneMore) {
  const testing::DiagnosticCase c = BuildCase("consolidated_warnings");
  std::vector<Diagnostic> two = {c.diagnostics[0], c.diagnostics[1]};
  const auto out = ConsolidateWarnings(two);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].count, 2u);
  EXPECT_TRUE(out[0].diagnostic.detail.ends_with(
      "this warning.\n\n(and one more similar warning elsewhere)"));
}

}  // namespace
}  // namespace cairn
