// What the golden files cannot pin: timestamp() (the current time) and plantimestamp() (absent
// from `terraform console`), abspath of relative paths (the working directory), and files
// resolved against FunctionOptions::base_dir instead of the working directory.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <regex>
#include <string>

#include "lang/base/value_console.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "tests/lang/eval/eval_golden_support.h"

namespace cairn::eval::functions {
namespace {

EvalResult EvalWith(const std::string& text, const FunctionOptions& options) {
  std::unique_ptr<BuiltinFunctions> registry = MakeBuiltins(options);
  MapScope scope;
  return testing::EvalText(text, scope, *registry);
}

Value Eval(const std::string& text, const FunctionOptions& options = {}) {
  EvalResult r = EvalWith(text, options);
  EXPECT_FALSE(r.diagnostics.HasErrors()) << text;
  return r.value;
}

TEST(DateTimeTest, TimestampIsNowInUtc) {
  const auto before = std::chrono::system_clock::now();
  Value v = Eval("timestamp()");
  const auto after = std::chrono::system_clock::now();
  ASSERT_TRUE(v.IsKnown());
  const std::string text = v.AsString();
  EXPECT_TRUE(std::regex_match(text, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << text;
  // Back through timecmp: the time lies between the two readings (to the second).
  auto rfc3339 = [](std::chrono::system_clock::time_point t) {
    FunctionOptions o;
    o.plan_time = t;
    return Eval("plantimestamp()", o).AsString();
  };
  EXPECT_LE(rfc3339(before), text);
  EXPECT_GE(rfc3339(after), text);
}

TEST(DateTimeTest, TimestampIsUnknownWhilePlanning) {
  FunctionOptions o;
  o.planning = true;
  Value v = Eval("timestamp()", o);
  EXPECT_FALSE(v.IsKnown());
  EXPECT_TRUE(v.DefinitelyNotNull());
  EXPECT_TRUE(v.type().IsString());
}

TEST(DateTimeTest, PlanTimestampIsThePlanTime) {
  FunctionOptions o;
  o.plan_time = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000) +
                                                      std::chrono::milliseconds(999));
  EXPECT_EQ(Eval("plantimestamp()", o).AsString(), "2023-11-14T22:13:20Z");
  o.planning = true;  // still known: the plan's own time
  EXPECT_EQ(Eval("plantimestamp()", o).AsString(), "2023-11-14T22:13:20Z");
}

TEST(DateTimeTest, PlanTimestampIsUnknownWithoutAPlan) {
  Value v = Eval("plantimestamp()");
  EXPECT_FALSE(v.IsKnown());
  EXPECT_TRUE(v.type().IsString());
}

TEST(FilesystemTest, AbspathJoinsTheWorkingDirectory) {
  std::string cwd(4096, '\0');
  ASSERT_NE(::getcwd(cwd.data(), cwd.size()), nullptr);
  cwd.resize(cwd.find('\0'));
  EXPECT_EQ(Eval("abspath(\"a/../b/c\")").AsString(), cwd + "/b/c");
  EXPECT_EQ(Eval("abspath(\"\")").AsString(), cwd);
}

TEST(FilesystemTest, RelativePathsAreJoinedToBaseDir) {
  FunctionOptions o;
  o.base_dir = testing::GoldenDir() + "testdata/fs";
  EXPECT_EQ(Eval("file(\"hello.txt\")", o).AsString(), "hello\n");
  EXPECT_EQ(Eval("fileexists(\"sub/a.txt\")", o).AsBool(), true);
  EXPECT_EQ(FormatConsoleValue(Eval("fileset(\"sub\", \"*.json\")", o)),
            "toset([\n  \"b.json\",\n])");
  EXPECT_EQ(Eval("templatefile(\"tpl/greet.tftpl\", { name = \"b\" })", o).AsString(),
            "Hello, b!");
  EXPECT_EQ(Eval("filemd5(\"hello.txt\")", o).AsString(), "b1946ac92492d2347c6235b4d2611184");
  // Errors name the path as written, or the joined path where Terraform prints the os error.
  EvalResult missing = EvalWith("file(\"nope.txt\")", o);
  ASSERT_TRUE(missing.diagnostics.HasErrors());
  EXPECT_NE(missing.diagnostics[0].detail.find("no file exists at \"nope.txt\""),
            std::string::npos);
  EvalResult dir = EvalWith("file(\"sub\")", o);
  ASSERT_TRUE(dir.diagnostics.HasErrors());
  EXPECT_NE(dir.diagnostics[0].detail.find("read " + o.base_dir + "/sub: is a directory"),
            std::string::npos)
      << dir.diagnostics[0].detail;
}

TEST(FilesystemTest, AbsolutePathsIgnoreBaseDir) {
  FunctionOptions o;
  o.base_dir = "/nonexistent";
  const std::string hello = testing::GoldenDir() + "testdata/fs/hello.txt";
  EXPECT_EQ(Eval("file(\"" + hello + "\")", o).AsString(), "hello\n");
}

}  // namespace
}  // namespace cairn::eval::functions
