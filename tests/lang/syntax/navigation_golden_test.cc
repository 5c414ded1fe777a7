// Context strings from real parses: for every diagnostic Terraform reported on the diagnostic
// golden configurations (tests/lang/base/testdata/diagnostics), ContextString over our AST at
// the byte before the subject gives the snippet context Terraform printed.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lang/base/diagnostic_text.h"
#include "lang/syntax/navigation.h"
#include "lang/syntax/parser.h"

namespace cairn::syntax {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::filesystem::path kCases =
    std::filesystem::path(CAIRN_SOURCE_DIR) / "tests/lang/base/testdata/diagnostics";

TEST(NavigationGoldenTest, ContextStringsMatchTerraform) {
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCases)) {
    const std::string name = entry.path().filename().string();
    ParseResult parsed = ParseFile(Slurp(entry.path() / "main.tf"), "main.tf");
    ParsedSources sources;
    sources.Add(*parsed.file);
    const nlohmann::json golden = nlohmann::json::parse(Slurp(entry.path() / "validate.json"));
    for (const auto& d : golden["diagnostics"]) {
      if (!d.contains("snippet")) continue;
      const int64_t byte = d["range"]["start"]["byte"].get<int64_t>();
      const auto& context = d["snippet"]["context"];
      const std::string want = context.is_null() ? "" : context.get<std::string>();
      EXPECT_EQ(sources.ContextString(FileName::Intern("main.tf"), byte - 1), want)
          << name << ": " << d["summary"];
      ++checked;
    }
  }
  EXPECT_GT(checked, 15);
}

// End to end for a syntax error: our parser's diagnostics rendered over our AST give
// Terraform's text.
// The partial AST keeps a block whose body has an error, as hclsyntax does, so Terraform's
// "in locals" context appears.
TEST(NavigationGoldenTest, SyntaxErrorRendersLikeTerraform) {
  const std::filesystem::path dir = kCases / "syntax_error";
  ParseResult parsed = ParseFile(Slurp(dir / "main.tf"), "main.tf");
  ParsedSources sources;
  sources.Add(*parsed.file);
  std::string err;
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(parsed.diagnostics, sources, {})) {
    err += r.text;
  }
  EXPECT_EQ(err, Slurp(dir / "stderr.txt"));
}

}  // namespace
}  // namespace cairn::syntax
