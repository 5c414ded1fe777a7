// Golden tests for lang/format: every input under testdata/ is formatted and compared byte for
// byte with what `terraform fmt -` printed for it (tests/tools/regen_fmt_goldens.sh).

#include "lang/format/format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cairn::format {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(CAIRN_SOURCE_DIR) / "tests/lang/format/testdata";

std::string ReadFile(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// What `terraform fmt -` prints for a formatted text: the UI writer ends it with a newline.
std::string AsPrinted(std::string text) {
  if (text.empty() || text.back() != '\n') text.push_back('\n');
  return text;
}

/// Inputs (NAME.tf / NAME.tfvars) that have a given companion file (NAME.<ext>).
std::vector<fs::path> InputsWith(const std::string& companion_ext) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kTestdata)) {
    const fs::path& p = e.path();
    if (p.extension() != ".tf" && p.extension() != ".tfvars") continue;
    fs::path companion = p;
    companion.replace_extension(companion_ext);
    if (fs::exists(companion)) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FormatGolden, CorpusIsLarge) { EXPECT_GE(InputsWith(".golden").size(), 40u); }

TEST(FormatGolden, MatchesTerraform) {
  size_t checked = 0;
  for (const fs::path& input : InputsWith(".golden")) {
    fs::path golden = input;
    golden.replace_extension(".golden");
    const std::string src = ReadFile(input);
    FormatResult r = Format(src, input.filename().string());
    ASSERT_FALSE(r.diagnostics.HasErrors()) << input.filename() << ": " << r.diagnostics[0].summary;
    EXPECT_EQ(AsPrinted(r.formatted), ReadFile(golden)) << "input: " << input.filename();
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(FormatGolden, FormattingIsIdempotent) {
  for (const fs::path& input : InputsWith(".golden")) {
    fs::path golden = input;
    golden.replace_extension(".golden");
    // Without a final newline in the input, the golden's newline was added by printing after
    // any trailing spaces, so the golden is not a text Terraform itself would write.
    const std::string src = ReadFile(input);
    if (src.empty() || src.back() != '\n') continue;
    const std::string expected = ReadFile(golden);
    FormatResult r = Format(expected, golden.filename().string());
    ASSERT_FALSE(r.diagnostics.HasErrors()) << golden.filename();
    EXPECT_EQ(AsPrinted(r.formatted), expected) << "golden: " << golden.filename();
  }
}

TEST(FormatGolden, RejectsWhatTerraformRejects) {
  size_t checked = 0;
  for (const fs::path& input : InputsWith(".exit")) {
    const std::string src = ReadFile(input);
    FormatResult r = Format(src, "<stdin>");
    EXPECT_TRUE(r.diagnostics.HasErrors()) << input.filename();
    EXPECT_EQ(r.formatted, src) << input.filename();
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

TEST(Format, EmptyInputStaysEmpty) {
  FormatResult r = Format("", "empty.tf");
  EXPECT_FALSE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.formatted, "");
}

TEST(Format, KeepsMissingFinalNewline) {
  // Terraform writes files exactly as hclwrite produced them; only printing adds a newline.
  EXPECT_EQ(Format("a=1", "x.tf").formatted, "a = 1");
}

TEST(Format, InvalidCharacterIsRejectedAndNotRewritten) {
  const std::string src = "a  = 1;\n";
  FormatResult r = Format(src, "bad.tf");
  ASSERT_TRUE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid character");
  EXPECT_EQ(r.formatted, src);
}

TEST(Format, RefusesOutputTooLargeToIndent) {
  // 600000 comment lines inside 1000 nested blocks would take 1.2 GB of indentation.
  std::string src;
  for (int i = 0; i < 1000; ++i) src += "b {\n";
  for (int i = 0; i < 600000; ++i) src += "#\n";
  for (int i = 0; i < 1000; ++i) src += "}\n";
  FormatResult r = Format(src, "deep.tf");
  ASSERT_TRUE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.diagnostics[0].summary, "File too large to format");
  EXPECT_EQ(r.formatted, src);
}

TEST(Format, DeepNestingWithinLimitsIsIndented) {
  std::string src, expected;
  for (int i = 0; i < 1000; ++i) {
    src += "b {\n";
    expected += std::string(2 * i, ' ') + "b {\n";
  }
  for (int i = 999; i >= 0; --i) {
    src += "}\n";
    expected += std::string(2 * i, ' ') + "}\n";
  }
  FormatResult r = Format(src, "deep.tf");
  ASSERT_FALSE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.formatted, expected);
}

}  // namespace
}  // namespace cairn::format
