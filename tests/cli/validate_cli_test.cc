#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(CAIRN_SOURCE_DIR) / "tests/lang/config/testdata";

/// Copies a golden case (without its expected* files) into `dir`.
void CopyCase(const fs::path& from, const fs::path& to) {
  for (const auto& e : fs::recursive_directory_iterator(from)) {
    fs::path rel = fs::relative(e.path(), from);
    if (rel.filename().string().rfind("expected", 0) == 0) continue;
    if (e.is_directory()) {
      fs::create_directories(to / rel);
    } else {
      fs::create_directories((to / rel).parent_path());
      fs::copy_file(e.path(), to / rel, fs::copy_options::overwrite_existing);
    }
  }
}

/// `cairn validate` must print exactly what `terraform validate` printed for each golden case
/// (tests/tools/regen_config_goldens.sh), on the same streams, with the same exit code.
class ValidateGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ValidateGoldenTest, TextOutputMatchesTerraform) {
  fs::path golden = kTestdata / GetParam();
  ScratchDir dir;
  CopyCase(golden, dir.path());
  CliResult r = RunCairn(dir.path(), {"validate", "-no-color"});
  EXPECT_EQ(r.out, ReadFile(golden / "expected.out.txt"));
  EXPECT_EQ(r.err, ReadFile(golden / "expected.txt"));
  EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(golden / "expected.rc"));
}

TEST_P(ValidateGoldenTest, JsonOutputMatchesTerraform) {
  fs::path golden = kTestdata / GetParam();
  ScratchDir dir;
  CopyCase(golden, dir.path());
  CliResult r = RunCairn(dir.path(), {"validate", "-json"});
  EXPECT_EQ(r.out, ReadFile(golden / "expected.json"));
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(golden / "expected.rc"));
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(kTestdata)) {
    if (e.is_directory()) cases.push_back(e.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Terraform, ValidateGoldenTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param; });

TEST(ValidateCliTest, SuccessWithoutColorWhenNotATerminal) {
  ScratchDir dir;
  dir.Write("main.tf", "variable \"a\" {}\n");
  CliResult r = RunCairn(dir.path(), {"validate"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Success! The configuration is valid.\n\n");
  EXPECT_EQ(r.err, "");
}

TEST(ValidateCliTest, DirectoryArgumentPrefixesFileNames) {
  ScratchDir dir;
  dir.Write("conf/main.tf", "output \"o\" {}\n");
  CliResult r = RunCairn(dir.path(), {"validate", "-no-color", "conf"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "\n"
            "Error: Missing required argument\n"
            "\n"
            "  on conf/main.tf line 1, in output \"o\":\n"
            "   1: output \"o\" {}\n"
            "\n"
            "The argument \"value\" is required, but no definition was found.\n");
}

TEST(ValidateCliTest, AbsoluteDirectoryIsShownRelativeToTheWorkingDirectory) {
  ScratchDir dir;
  dir.Write("work/.keep", "");
  dir.Write("conf/main.tf", "output \"o\" {}\n");
  CliResult r =
      RunCairn(dir.path() / "work", {"validate", "-no-color", (dir.path() / "conf").string()});
  EXPECT_EQ(r.exit_code, 1);
  // As terraform prints it (checked with terraform 1.11).
  EXPECT_NE(r.err.find("  on ../conf/main.tf line 1, in output \"o\":\n"), std::string::npos)
      << r.err;
}

TEST(ValidateCliTest, ChdirAppliesBeforeValidate) {
  ScratchDir dir;
  dir.Write("conf/main.tf", "output \"o\" {\n  value = 1\n}\n");
  CliResult r = RunCairn(dir.path(), {"-chdir=conf", "validate"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Success! The configuration is valid.\n\n");
}

TEST(ValidateCliTest, MissingDirectoryIsReportedLikeTerraform) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"validate", "-no-color", "nonexist"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\nError: Failed to read module directory\n\n"
            "Module directory nonexist does not exist or cannot be read.\n");
  CliResult j = RunCairn(dir.path(), {"validate", "-json", "nonexist"});
  EXPECT_EQ(j.exit_code, 1);
  EXPECT_EQ(j.out,
            "{\n"
            "  \"format_version\": \"1.0\",\n"
            "  \"valid\": false,\n"
            "  \"error_count\": 1,\n"
            "  \"warning_count\": 0,\n"
            "  \"diagnostics\": [\n"
            "    {\n"
            "      \"severity\": \"error\",\n"
            "      \"summary\": \"Failed to read module directory\",\n"
            "      \"detail\": \"Module directory nonexist does not exist or cannot be read.\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
}

TEST(ValidateCliTest, TooManyArguments) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"validate", "-no-color", "a", "b"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "\nError: Too many command line arguments\n\n"
            "Expected at most one positional argument.\n\n"
            "For more help on using this command, run:\n  cairn validate -help\n");
}

TEST(ValidateCliTest, UnknownFlag) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"validate", "-bogus"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\nError: Failed to parse command-line flags\n\n"
            "flag provided but not defined: -bogus\n\n"
            "For more help on using this command, run:\n  cairn validate -help\n");
}

TEST(ValidateCliTest, HelpDescribesTheCommand) {
  ScratchDir dir;
  CliResult r = RunCairn(dir.path(), {"validate", "-help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("Usage: cairn [global options] validate [options] [DIR]\n", 0), 0u);
  EXPECT_NE(r.out.find("Cairn needs no \"init\""), std::string::npos);
}

TEST(ValidateCliTest, OnlyLanguageEditionTF2021IsSupported) {
  ScratchDir dir;
  dir.Write("main.tf", "terraform {\n  language = TF2077\n}\n");
  CliResult r = RunCairn(dir.path(), {"validate", "-no-color"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "\nError: Unsupported language edition\n\n"
            "  on main.tf line 2, in terraform:\n"
            "   2:   language = TF2077\n\n"
            "Cairn only supports language edition TF2021. This module requires language\n"
            "edition TF2077.\n");
}

TEST(ValidateCliTest, QuickstartExampleIsValid) {
  CliResult r =
      RunCairn(fs::path(CAIRN_SOURCE_DIR) / "examples/quickstart", {"validate", "-no-color"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "Success! The configuration is valid.\n\n");
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace cairn::testing
