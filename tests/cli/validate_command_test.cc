// RunValidate with fake streams: what a terminal user sees (colour), which the process-level
// CLI tests cannot show (their output is never a TTY).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "cli/commands.h"

namespace cairn::cli {
namespace {

namespace fs = std::filesystem;

struct FakeTerminal {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  Streams streams{in, out, err};
  FakeTerminal() {
    streams.out_tty = true;
    streams.err_tty = true;
  }
};

fs::path Testdata(const char* name) {
  return fs::path(CAIRN_SOURCE_DIR) / "tests/lang/config/testdata" / name;
}

TEST(ValidateCommandTest, SuccessIsGreenAndBoldOnATerminal) {
  FakeTerminal t;
  int rc = RunValidate({Testdata("valid_quickstart").string()}, t.streams);
  EXPECT_EQ(rc, 0);
  // terraform validate in a terminal (captured with script(1)).
  EXPECT_EQ(t.out.str(), "\x1b[32m\x1b[1mSuccess!\x1b[0m The configuration is valid.\n\x1b[0m\n");
  EXPECT_EQ(t.err.str(), "");
}

TEST(ValidateCommandTest, NoColorFlagAndNoColorEnvironmentTurnColourOff) {
  FakeTerminal t;
  EXPECT_EQ(RunValidate({"-no-color", Testdata("valid_quickstart").string()}, t.streams), 0);
  EXPECT_EQ(t.out.str(), "Success! The configuration is valid.\n\n");
  FakeTerminal u;
  u.streams.no_color = true;
  EXPECT_EQ(RunValidate({Testdata("valid_quickstart").string()}, u.streams), 0);
  EXPECT_EQ(u.out.str(), "Success! The configuration is valid.\n\n");
}

TEST(ValidateCommandTest, ErrorsAreFramedInRedOnATerminal) {
  FakeTerminal t;
  fs::path old = fs::current_path();
  fs::current_path(Testdata("missing_required"));
  int rc = RunValidate({}, t.streams);
  fs::current_path(old);
  EXPECT_EQ(rc, 1);
  EXPECT_EQ(t.out.str(), "");
  const std::string err = t.err.str();
  // The first diagnostic, as terraform prints it in a terminal.
  EXPECT_EQ(err.substr(0, err.find("\x1b[31m╵")),
            "\x1b[31m╷\x1b[0m\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m\x1b[1mMissing required "
            "argument\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\x1b[0m  on main.tf line 1, in output \"o\":\n"
            "\x1b[31m│\x1b[0m \x1b[0m   1: output \"o\" \x1b[4m{\x1b[0m}\x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0m\n"
            "\x1b[31m│\x1b[0m \x1b[0mThe argument \"value\" is required, but no definition was "
            "found.\n");
}

TEST(ValidateCommandTest, JsonIsNeverColoured) {
  FakeTerminal t;
  EXPECT_EQ(RunValidate({"-json", Testdata("valid_quickstart").string()}, t.streams), 0);
  EXPECT_EQ(t.out.str(),
            "{\n  \"format_version\": \"1.0\",\n  \"valid\": true,\n  \"error_count\": 0,\n"
            "  \"warning_count\": 0,\n  \"diagnostics\": []\n}\n");
}

}  // namespace
}  // namespace cairn::cli
