// What `cairn plan` does on an interactive terminal: it asks for the required variables that
// have no value, as Terraform does (prompt text captured from `terraform plan` under
// script(1); the terminal's echo of the answers is not part of the program's output).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

struct FakeTerminal {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Streams streams{in, out, err};
  explicit FakeTerminal(std::string typed) : in(std::move(typed)) { streams.in_tty = true; }
};

class PlanPromptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = fs::current_path();
    dir_ = fs::temp_directory_path() / ("cairn-plan-prompt-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "main.tf") << "variable \"name\" {\n"
                                       "  description = \"The name.\\nSecond line.\"\n"
                                       "}\n"
                                       "variable \"n\" {\n"
                                       "  type = number\n"
                                       "}\n"
                                       "output \"o\" {\n"
                                       "  value = \"${var.name}-${var.n}\"\n"
                                       "}\n";
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(old_);
    fs::remove_all(dir_);
  }
  fs::path old_, dir_;
};

TEST_F(PlanPromptTest, AsksForMissingRequiredVariablesInNameOrder) {
  FakeTerminal t("42\nworld\n");
  EXPECT_EQ(RunPlan({"-no-color"}, t.streams), 0) << t.err.str();
  const std::string out = t.out.str();
  EXPECT_EQ(out.substr(0, out.find("\nChanges to Outputs:")),
            "var.n\n"
            "  Enter a value: \n"
            "var.name\n"
            "  The name.\n"
            "  Second line.\n"
            "\n"
            "  Enter a value: \n");
  EXPECT_NE(out.find("  + o = \"world-42\"\n"), std::string::npos) << out;
}

TEST_F(PlanPromptTest, ATypedValueIsConvertedLikeAnyOther) {
  FakeTerminal t("x\nworld\n");
  EXPECT_EQ(RunPlan({"-no-color"}, t.streams), 1);
  // As terraform plan words it (wrapped at 78 columns).
  EXPECT_NE(
      t.err.str().find("Unsuitable value for var.n set using an interactive prompt: a number is\n"
                       "required."),
      std::string::npos)
      << t.err.str();
}

TEST_F(PlanPromptTest, NoPromptWithInputFalse) {
  FakeTerminal t("42\nworld\n");
  EXPECT_EQ(RunPlan({"-no-color", "-input=false"}, t.streams), 1);
  EXPECT_EQ(t.out.str().find("Enter a value"), std::string::npos);
  EXPECT_NE(t.err.str().find("No value for required variable"), std::string::npos);
}

}  // namespace
}  // namespace cairn::cli
