// Tests for lang/syntax/parser.cc: AST dumps for every construct (goldens in testdata/ast/),
// every parse diagnostic against what Terraform 1.11 reported for the same file (goldens in
// testdata/errors/, made by tests/tools/syntax_goldens.sh), and robustness on garbled input.
#include "lang/syntax/parser.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "lang/syntax/ast_dump.h"
#include "tests/lang/syntax/golden_format.h"

namespace cairn::syntax {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(CAIRN_SOURCE_DIR) / "tests/lang/syntax/testdata";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> Files(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ext) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// ---- AST goldens -------------------------------------------------------------------------------

TEST(ParserAst, Goldens) {
  auto inputs = Files(kTestdata / "ast", ".tf");
  ASSERT_FALSE(inputs.empty());
  for (const fs::path& tf : inputs) {
    SCOPED_TRACE(tf.filename().string());
    auto result = ParseFile(ReadFile(tf), tf.filename().string());
    std::string got = testing::GoldenText(*result.file, result.diagnostics);
    fs::path golden = tf;
    golden.replace_extension(".ast");
    EXPECT_EQ(got, ReadFile(golden));
  }
}

// ---- Diagnostics against Terraform -------------------------------------------------------------

/// Cases where hclsyntax goes on after the first error of an item and reports more (its
/// recovery reparses the rest); Cairn reports the first error of each item, which must be
/// Terraform's first.
const std::set<std::string> kFirstErrorOnly = {
    "directive_bad_keyword", "directive_double_else", "directive_else_in_for",
    "directive_for_no_in",   "directive_for_no_var",  "label_unterminated",
};

nlohmann::json ToJson(const Diagnostic& d) {
  nlohmann::json j;
  j["summary"] = d.summary;
  j["detail"] = d.detail;
  if (!d.subject) {
    j["range"] = nullptr;
  } else {
    Range r = *d.subject;
    // Terraform's JSON view widens an empty range to one character.
    if (r.Empty()) {
      r.end.column += 1;
      r.end.byte += 1;
    }
    j["range"] = {r.start.line, r.start.column, r.start.byte, r.end.line, r.end.column, r.end.byte};
  }
  return j;
}

TEST(ParserDiagnostics, MatchTerraform) {
  auto inputs = Files(kTestdata / "errors", ".tf");
  ASSERT_GT(inputs.size(), 50u);
  for (const fs::path& tf : inputs) {
    std::string name = tf.stem().string();
    SCOPED_TRACE(name);
    auto result = ParseFile(ReadFile(tf), tf.filename().string());
    nlohmann::json got = nlohmann::json::array();
    for (const Diagnostic& d : result.diagnostics) got.push_back(ToJson(d));
    fs::path golden = tf;
    golden.replace_extension(".json");
    nlohmann::json want = nlohmann::json::parse(ReadFile(golden));
    if (kFirstErrorOnly.count(name)) {
      ASSERT_GE(got.size(), 1u);
      ASSERT_LE(got.size(), want.size());
      for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].dump(), want[i].dump());
    } else {
      EXPECT_EQ(got.dump(), want.dump());
    }
    // CheckSyntax reports exactly what ParseFile reports.
    Diagnostics check = CheckSyntax(ReadFile(tf), tf.filename().string());
    EXPECT_EQ(check.items(), result.diagnostics.items());
  }
}

}  // namespace
}  // namespace cairn::syntax

namespace cairn::syntax {
namespace {

// ---- Robustness --------------------------------------------------------------------------------

std::vector<std::string> AllInputs() {
  std::vector<std::string> out;
  for (const char* dir : {"ast", "errors"}) {
    for (const fs::path& p : Files(kTestdata / dir, ".tf")) out.push_back(ReadFile(p));
  }
  return out;
}

/// Every prefix of every test input parses (as a file, an expression and a template) without
/// crashing or hanging.
TEST(ParserRobustness, EveryTruncation) {
  for (const std::string& text : AllInputs()) {
    for (size_t n = 0; n <= text.size(); ++n) {
      std::string prefix = text.substr(0, n);
      ParseResult r = ParseFile(prefix, "t.tf");
      ASSERT_NE(r.file, nullptr);
      ExprParseResult e = ParseExpression(prefix, "t.tf");
      ExprParseResult t = ParseTemplate(prefix, "t.tf");
      (void)e;
      (void)t;
    }
  }
}

/// Deterministic byte-level mutations (deletions, duplications, swaps and inserted syntax
/// characters) never crash or hang the parser.
TEST(ParserRobustness, GarbledInputs) {
  const std::string alphabet = "{}[]()\"$%~<>=!&|*/+-.,:?#\n\\ \t'abc019";
  uint64_t seed = 0x9E3779B97F4A7C15ull;
  auto next = [&]() {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
  };
  for (const std::string& text : AllInputs()) {
    if (text.empty()) continue;
    for (int round = 0; round < 40; ++round) {
      std::string s = text;
      for (int k = 0; k < 3; ++k) {
        size_t pos = next() % s.size();
        switch (next() % 4) {
          case 0: s.erase(pos, 1 + next() % 3); break;
          case 1: s.insert(pos, 1, alphabet[next() % alphabet.size()]); break;
          case 2: std::swap(s[pos], s[next() % s.size()]); break;
          case 3: s.insert(pos, s.substr(pos, 1 + next() % 5)); break;
        }
        if (s.empty()) s = "x";
      }
      ParseResult r = ParseFile(s, "g.tf");
      ASSERT_NE(r.file, nullptr);
      Diagnostics d = CheckSyntax(s, "g.tf");
      EXPECT_EQ(d.items(), r.diagnostics.items()) << s;
    }
  }
}

}  // namespace
}  // namespace cairn::syntax

namespace cairn::syntax {
namespace {

/// Nesting and operator chains beyond what a thread's stack can recurse through are reported,
/// not crashed on; up to the limits they parse.
TEST(ParserLimits, DeepNestingIsAnErrorNotACrash) {
  auto nested = [](size_t n) {
    return "a = " + std::string(n, '[') + std::string(n, ']') + "\n";
  };
  ParseResult ok = ParseFile(nested(1000), "deep.tf");
  EXPECT_TRUE(ok.diagnostics.empty());
  ASSERT_EQ(ok.file->body.attributes.size(), 1u);

  ParseResult r = ParseFile(nested(100000), "deep.tf");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Nesting too deep");
  EXPECT_EQ(r.diagnostics[0].detail,
            "Cairn does not support brackets, braces, parentheses, strings and template "
            "sequences nested more than 1000 levels deep.");
  EXPECT_EQ(r.diagnostics[0].subject->start.column, 5 + 1000);

  std::string blocks;
  for (int i = 0; i < 5000; ++i) blocks += "a {\n";
  std::string closed = blocks;
  for (int i = 0; i < 5000; ++i) closed += "}\n";
  EXPECT_TRUE(ParseFile(closed, "deep.tf").diagnostics.empty());
  for (int i = 0; i < 50000; ++i) blocks += "a {\n";
  Diagnostics deep_blocks = CheckSyntax(blocks, "deep.tf");
  ASSERT_EQ(deep_blocks.size(), 1u);
  EXPECT_EQ(deep_blocks[0].detail, "Cairn does not support blocks nested more than 5000 levels deep.");
  EXPECT_EQ(deep_blocks[0].subject->start.line, 5001);

  std::string parens = std::string(20000, '(') + "1" + std::string(20000, ')');
  EXPECT_EQ(ParseExpression(parens, "x").diagnostics[0].summary, "Nesting too deep");
}

TEST(ParserLimits, LongOperatorChainsAreAnErrorNotACrash) {
  std::string sum = "a = 1";
  for (int i = 0; i < 1999; ++i) sum += "+1";
  ParseResult ok = ParseFile(sum + "\n", "sum.tf");
  EXPECT_TRUE(ok.diagnostics.empty());

  std::string longer = "a = 1";
  for (int i = 0; i < 200000; ++i) longer += "+1";
  ParseResult r = ParseFile(longer + "\n", "sum.tf");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Expression too long");

  std::string negations = "a = " + std::string(200000, '!') + "true\n";
  EXPECT_EQ(ParseFile(negations, "not.tf").diagnostics[0].summary, "Expression too long");
  std::string ok_negations = "a = " + std::string(1999, '-') + "1\n";
  EXPECT_TRUE(ParseFile(ok_negations, "neg.tf").diagnostics.empty());
}

TEST(ParserLimits, AllLimitsAtOnceStayWithinTheStack) {
  std::string src;
  for (int i = 0; i < 5000; ++i) src += "a {\n";
  src += "x = " + std::string(1000, '[') + std::string(1000, ']') + " + " +
         std::string(1990, '-') + "1\n";
  for (int i = 0; i < 5000; ++i) src += "}\n";
  ParseResult r = ParseFile(src, "limits.tf");
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_FALSE(DumpFile(*r.file).empty());
}

}  // namespace
}  // namespace cairn::syntax

namespace cairn::syntax {
namespace {

/// Like hclsyntax, a block whose body has a syntax error stays in the AST with what parsed
/// before the error, so diagnostics can still say which block they are in.
TEST(ParserRecovery, BlockWithAnErrorIsKeptPartially) {
  ParseResult r = ParseFile(
      "resource \"a\" \"b\" {\n  x = 1\n  inner {\n    y = 1 +\n  }\n}\nlocals {\n  ok = 1\n}\n",
      "partial.tf");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid expression");
  ASSERT_EQ(r.file->body.blocks.size(), 2u);
  const ast::Block& res = r.file->body.blocks[0];
  EXPECT_EQ(res.type, "resource");
  EXPECT_EQ(res.labels, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(res.body->FindAttribute("x"), nullptr);
  ASSERT_EQ(res.body->blocks.size(), 1u);
  EXPECT_EQ(res.body->blocks[0].type, "inner");
  // The attribute whose value failed stays, with a placeholder over the token where the parser
  // stopped (hclsyntax's ExprSyntaxError), so later phases add no "missing argument" errors.
  const ast::Attribute* y = res.body->blocks[0].body->FindAttribute("y");
  ASSERT_NE(y, nullptr);
  EXPECT_EQ(y->expr->kind, ast::ExprKind::kInvalid);
  EXPECT_EQ(y->expr->range.start.line, 4);
  EXPECT_EQ(y->expr->range.start.column, 12);
  EXPECT_EQ(y->expr->range.end.line, 5);
  EXPECT_EQ(res.range.start.line, 1);
  EXPECT_GE(res.range.end.line, 4);
  EXPECT_EQ(r.file->body.blocks[1].type, "locals");
}

TEST(ParserRecovery, TopLevelAttributeWithAnErrorIsKeptWithAPlaceholder) {
  ParseResult r = ParseFile("a = 1 +\nb = 2\n", "vars.tfvars");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid expression");
  const ast::Attribute* a = r.file->body.FindAttribute("a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->expr->kind, ast::ExprKind::kInvalid);
  EXPECT_EQ(a->expr->range, *r.diagnostics[0].subject);
  ASSERT_NE(r.file->body.FindAttribute("b"), nullptr);
}

}  // namespace
}  // namespace cairn::syntax
