// `cairn fmt` end to end: runs the real binary in a temporary directory and compares exit codes,
// listings, diffs and messages with what `terraform fmt` printed for the same steps (product
// name aside).

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace cairn::cli {
namespace {

class FmtCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("a.tf", "a=1\n");
    dir_.Write("b.tf", "b = 2\n");
    dir_.Write("v.tfvars", "x=1\n");
    dir_.Write("t.tftest.hcl", "y  =  1\n");
    dir_.Write("sub/c.tf", "c=3\n");
    dir_.Write(".hidden.tf", "h=1\n");
    dir_.Write("y.tf~", "k=1\n");
    dir_.Write("other.txt", "z=1\n");
    dir_.Write(".terraform/q.tf", "q=1\n");
    dir_.Write("nonl.tf", "n = 1");
  }

  /// Runs `cairn fmt ARGS...` in the scratch directory with `input` on standard input.
  testing::CliResult Fmt(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), "fmt");
    return testing::RunCairn(dir_.path(), args, input);
  }
  std::string Read(const std::string& name) { return dir_.Read(name); }
  void WriteFile(const std::string& name, const std::string& text) { dir_.Write(name, text); }

  testing::ScratchDir dir_;
};

TEST_F(FmtCliTest, CheckListsFilesNeedingFormatAndExits3) {
  testing::CliResult r = Fmt({"-check"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "a.tf\nt.tftest.hcl\nv.tfvars\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(Read("a.tf"), "a=1\n");  // -check never writes
}

TEST_F(FmtCliTest, CheckWithoutListPrintsNothing) {
  testing::CliResult r = Fmt({"-check", "-list=false"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
}

TEST_F(FmtCliTest, CheckRecursiveSkipsHiddenDirectories) {
  testing::CliResult r = Fmt({"-check", "-recursive"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "a.tf\nsub/c.tf\nt.tftest.hcl\nv.tfvars\n");
}

TEST_F(FmtCliTest, DiffWithoutWrite) {
  testing::CliResult r = Fmt({"-diff", "-write=false"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "a.tf\n--- old/a.tf\n+++ new/a.tf\n@@ -1 +1 @@\n-a=1\n+a = 1\n"
            "t.tftest.hcl\n--- old/t.tftest.hcl\n+++ new/t.tftest.hcl\n@@ -1 +1 @@\n-y  =  1\n"
            "+y = 1\n"
            "v.tfvars\n--- old/v.tfvars\n+++ new/v.tfvars\n@@ -1 +1 @@\n-x=1\n+x = 1\n");
  EXPECT_EQ(Read("a.tf"), "a=1\n");
}

TEST_F(FmtCliTest, DefaultWritesAndListsThenIsQuiet) {
  testing::CliResult r = Fmt({"-no-color"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a.tf\nt.tftest.hcl\nv.tfvars\n");
  EXPECT_EQ(Read("a.tf"), "a = 1\n");
  EXPECT_EQ(Read("t.tftest.hcl"), "y = 1\n");
  EXPECT_EQ(Read("sub/c.tf"), "c=3\n");    // not recursive
  EXPECT_EQ(Read(".hidden.tf"), "h=1\n");  // ignored
  EXPECT_EQ(Read("nonl.tf"), "n = 1");     // already formatted: untouched
  testing::CliResult again = Fmt({"-no-color"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "");
}

TEST_F(FmtCliTest, RewriteIsAtomicAndKeepsPermissions) {
  const std::string path = (dir_.path() / "a.tf").string();
  ASSERT_EQ(chmod(path.c_str(), 0600), 0);
  testing::CliResult r = Fmt({"a.tf"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(Read("a.tf"), "a = 1\n");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  for (const auto& e : std::filesystem::directory_iterator(dir_.path())) {
    EXPECT_EQ(e.path().filename().string().find(".cairn-tmp-"), std::string::npos);
  }
}

TEST_F(FmtCliTest, NoListNoWritePrintsFormattedFile) {
  testing::CliResult r = Fmt({"-list=false", "-write=false", "a.tf"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a = 1\n");
}

TEST_F(FmtCliTest, UnsupportedFileIsAnError) {
  testing::CliResult r = Fmt({"-no-color", "other.txt"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "\nError: Only .tf, .tfvars, .tftest.hcl and .cairn files can be processed with "
            "cairn fmt\n\n\n");
}

TEST_F(FmtCliTest, MissingPathStopsWithError) {
  testing::CliResult r = Fmt({"-no-color", "-check", "a.tf", "nope.tf", "b.tf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");  // the -check listing is dropped on errors
  EXPECT_EQ(r.err, "\nError: No file or directory at nope.tf\n\n\n");
}

TEST_F(FmtCliTest, DirectoryArgumentListsRelativePaths) {
  testing::CliResult r = Fmt({"-no-color", "sub"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "sub/c.tf\n");
  EXPECT_EQ(Read("sub/c.tf"), "c = 3\n");
}

TEST_F(FmtCliTest, RecursiveListWithoutWrite) {
  testing::CliResult r = Fmt({"-no-color", "-recursive", "-list=true", "-write=false", "."});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a.tf\nsub/c.tf\nt.tftest.hcl\nv.tfvars\n");
  EXPECT_EQ(Read("a.tf"), "a=1\n");
}

TEST_F(FmtCliTest, GoStyleBooleanValuesAndCleanedPaths) {
  testing::CliResult r =
      Fmt({"-no-color", "-check=0", "-diff=true", "-write=false", "sub", "./a.tf"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out,
            "sub/c.tf\n--- old/sub/c.tf\n+++ new/sub/c.tf\n@@ -1 +1 @@\n-c=3\n+c = 3\n"
            "a.tf\n--- old/a.tf\n+++ new/a.tf\n@@ -1 +1 @@\n-a=1\n+a = 1\n");
}

TEST_F(FmtCliTest, MissingFinalNewlineIsNotAChange) {
  testing::CliResult r = Fmt({"-no-color", "-check", "nonl.tf"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");
}

TEST_F(FmtCliTest, UnknownFlag) {
  testing::CliResult r = Fmt({"-no-color", "-bogus"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("Usage: cairn [global options] fmt [options] [target...]\n", 0), 0u);
  const std::string tail =
      "                 given directory (or current directory) is processed.\n"
      "Error parsing command-line flags: flag provided but not defined: -bogus\n\n";
  ASSERT_GE(r.err.size(), tail.size());
  EXPECT_EQ(r.err.substr(r.err.size() - tail.size()), tail);
}

TEST_F(FmtCliTest, BadBooleanValue) {
  testing::CliResult r = Fmt({"-no-color", "-check=maybe"});
  EXPECT_EQ(r.exit_code, 1);
  const std::string tail =
      "Error parsing command-line flags: invalid boolean value \"maybe\" for -check: parse "
      "error\n\n";
  ASSERT_GE(r.err.size(), tail.size());
  EXPECT_EQ(r.err.substr(r.err.size() - tail.size()), tail);
}

TEST_F(FmtCliTest, FlagsEndAtFirstPath) {
  testing::CliResult r = Fmt({"-no-color", "a.tf", "-check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "a.tf\n");
  EXPECT_EQ(r.err, "\nError: No file or directory at -check\n\n\n");
  EXPECT_EQ(Read("a.tf"), "a = 1\n");
}

TEST_F(FmtCliTest, HelpGoesToStdout) {
  testing::CliResult r = Fmt({"-help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("Usage: cairn [global options] fmt [options] [target...]\n", 0), 0u);
  EXPECT_EQ(r.err, "");
}

TEST_F(FmtCliTest, StdinToStdout) {
  testing::CliResult r = Fmt({"-"}, "a=1\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "a = 1\n");
  testing::CliResult unwrap = Fmt({"-no-color", "-list=false", "-"}, "x  {\n  y=\"${z}\"\n}\n");
  EXPECT_EQ(unwrap.out, "x {\n  y = z\n}\n");
}

TEST_F(FmtCliTest, StdinEmptyAndWithoutNewline) {
  EXPECT_EQ(Fmt({"-"}, "").out, "\n");
  EXPECT_EQ(Fmt({"-"}, "a = 1").out, "a = 1\n");
}

TEST_F(FmtCliTest, StdinDiff) {
  testing::CliResult r = Fmt({"-diff", "-"}, "a=1\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "--- old/<stdin>\n+++ new/<stdin>\n@@ -1 +1 @@\n-a=1\n+a = 1\n");
}

TEST_F(FmtCliTest, StdinCheck) {
  testing::CliResult needs = Fmt({"-check", "-"}, "a=1\n");
  EXPECT_EQ(needs.exit_code, 3);
  EXPECT_EQ(needs.out, "");
  testing::CliResult ok = Fmt({"-check", "-"}, "a = 1\n");
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.out, "");
}

TEST_F(FmtCliTest, UnparsableFileIsNotRewritten) {
  WriteFile("bad.tf", "a  = 1;\n");
  testing::CliResult r = Fmt({"-no-color", "bad.tf"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("Error: Invalid character"), std::string::npos) << r.err;
  EXPECT_EQ(Read("bad.tf"), "a  = 1;\n");
}

TEST(FmtCliGolden, RejectedFilesPrintTerraformsErrors) {
  // The inputs Terraform rejects, with its stderr and exit code for `terraform fmt -no-color -`.
  namespace fs = std::filesystem;
  const fs::path testdata = fs::path(CAIRN_SOURCE_DIR) / "tests/lang/format/testdata";
  testing::ScratchDir dir;
  size_t checked = 0;
  for (const auto& e : fs::directory_iterator(testdata)) {
    fs::path exit_file = e.path();
    if (exit_file.extension() != ".exit") continue;
    fs::path input = exit_file, stderr_file = exit_file;
    input.replace_extension(".tf");
    stderr_file.replace_extension(".stderr");
    testing::CliResult r =
        testing::RunCairn(dir.path(), {"fmt", "-no-color", "-"}, testing::ReadFile(input));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", testing::ReadFile(exit_file)) << input;
    EXPECT_EQ(r.out, "") << input;
    EXPECT_EQ(r.err, testing::ReadFile(stderr_file)) << input;
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

}  // namespace
}  // namespace cairn::cli
