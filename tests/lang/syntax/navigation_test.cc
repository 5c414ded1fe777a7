#include "lang/syntax/navigation.h"

#include "lang/base/go_quote.h"

#include <gtest/gtest.h>

#include "lang/base/diagnostic_text.h"

namespace cairn::syntax {
namespace {

const FileName kMain = FileName::Intern("main.tf");

Range Bytes(int64_t start, int64_t end) {
  Range r;
  r.filename = kMain;
  r.start.byte = start;
  r.end.byte = end;
  return r;
}

ast::Block MakeBlock(std::string type, std::vector<std::string> labels, int64_t start,
                     int64_t end) {
  ast::Block b;
  b.type = std::move(type);
  b.labels = std::move(labels);
  b.range = Bytes(start, end);
  b.body = std::make_unique<ast::Body>();
  return b;
}

// main.tf:
//   resource "terraform_data" "a" {      block 0..82
//     lifecycle {                        nested block 34..80
//       ignore_changes = ["input"]
//     }
//   }
//   locals {                             block 83..101
//     a = 1
//   }
ast::File MakeFile() {
  ast::File file;
  file.filename = kMain;
  file.source =
      "resource \"terraform_data\" \"a\" {\n  lifecycle {\n    ignore_changes = [\"input\"]\n  "
      "}\n}\nlocals {\n  a = 1\n}\n";
  ast::Block resource = MakeBlock("resource", {"terraform_data", "a"}, 0, 82);
  resource.body->blocks.push_back(MakeBlock("lifecycle", {}, 34, 80));
  file.body.blocks.push_back(std::move(resource));
  file.body.blocks.push_back(MakeBlock("locals", {}, 83, 101));
  return file;
}

TEST(ContextStringTest, TopLevelBlockHeaderEvenInsideNestedBlocks) {
  const ast::File file = MakeFile();
  EXPECT_EQ(ContextString(file, 0), "resource \"terraform_data\" \"a\"");
  EXPECT_EQ(ContextString(file, 60), "resource \"terraform_data\" \"a\"");  // inside lifecycle
  EXPECT_EQ(ContextString(file, 81), "resource \"terraform_data\" \"a\"");
  EXPECT_EQ(ContextString(file, 82), "");  // the newline after the closing brace
  EXPECT_EQ(ContextString(file, 90), "locals");
  EXPECT_EQ(ContextString(file, -1), "");
  EXPECT_EQ(ContextString(file, 1000), "");
}

TEST(ContextStringTest, LabelsAreQuotedLikeGo) {
  ast::File file;
  file.filename = kMain;
  file.body.blocks.push_back(
      MakeBlock("module", {"ünï", "a\"b\\c", "tab\there", std::string("bad\xff", 4)}, 0, 10));
  EXPECT_EQ(ContextString(file, 5), "module \"ünï\" \"a\\\"b\\\\c\" \"tab\\there\" \"bad\\xff\"");
  // Non-printable runes are escaped as Go does (U+00A0 is not printable in Go's sense).
  EXPECT_EQ(cairn::GoQuote(std::string("\x01\x7f\u0085\u00a0\u00e9", 8)),
            "\"\\x01\\x7f\\u0085\\u00a0é\"");
}

TEST(ParsedSourcesTest, RendersContextOfByteBeforeSubject) {
  const ast::File file = MakeFile();
  ParsedSources sources;
  sources.Add(file);
  ASSERT_TRUE(sources.Source(kMain).has_value());
  EXPECT_EQ(*sources.Source(kMain), file.source);
  EXPECT_FALSE(sources.Source(FileName::Intern("other.tf")).has_value());

  Diagnostic d;
  d.severity = Severity::kWarning;
  d.summary = "Quoted references are deprecated";
  Range subject{kMain, {3, 23, 68}, {3, 30, 75}};
  d.subject = subject;
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nWarning: Quoted references are deprecated\n\n"
            "  on main.tf line 3, in resource \"terraform_data\" \"a\":\n"
            "   3:     ignore_changes = [\"input\"]\n\n");

  // A subject starting at the block's first byte gets no context (hcl asks for byte - 1).
  d.subject = Range{kMain, {6, 1, 83}, {6, 7, 89}};
  EXPECT_EQ(RenderDiagnosticText(d, sources, {}),
            "\nWarning: Quoted references are deprecated\n\n"
            "  on main.tf line 6:\n"
            "   6: locals {\n\n");
}

}  // namespace
}  // namespace cairn::syntax
