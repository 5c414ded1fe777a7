/// Runs every case of tests/cli/testdata/<group>/<case>/ (see
/// tests/tools/record_cli_goldens.sh) with cairn and compares each step's stdout, stderr and
/// exit code with what Terraform printed.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(CAIRN_SOURCE_DIR) / "tests/cli/testdata";

/// Splits a command line as the shell would for the simple quoting the cases use: blanks
/// separate words; '...' and "..." group (no escapes inside single quotes).
std::vector<std::string> SplitCommandLine(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word), word.clear(), in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"') {
      size_t end = line.find(c, i + 1);
      word += line.substr(i + 1, end - i - 1);
      i = end;
      continue;
    }
    if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      continue;
    }
    word += c;
  }
  if (in_word) words.push_back(word);
  return words;
}

/// Terraform's text as Cairn prints it: only the name of the program to run for help differs,
/// and a command's help text (it starts with "Usage: terraform ") names Cairn throughout.
std::string AsCairn(std::string text) {
  // A usage error prints a line or two, then the help text (taint, untaint).
  if (size_t usage = text.find("\nUsage: terraform "); usage != std::string::npos &&
                                                        text.rfind("Usage: terraform ", 0) != 0) {
    return text.substr(0, usage + 1) + AsCairn(text.substr(usage + 1));
  }
  if (text.rfind("Usage: terraform ", 0) == 0) {
    std::string out;
    for (size_t i = 0; i < text.size();) {
      if (text.compare(i, 9, "Terraform") == 0) {
        out += "Cairn";
        i += 9;
      } else if (text.compare(i, 10, "terraform ") == 0) {
        out += "cairn ";
        i += 10;
      } else {
        out += text[i++];
      }
    }
    return out;
  }
  for (const char* from : {"\n  terraform "}) {
    std::string f = from;
    std::string t = "\n  cairn ";
    for (size_t p = text.find(f); p != std::string::npos; p = text.find(f, p + t.size())) {
      text.replace(p, f.size(), t);
    }
  }
  return text;
}

/// The text with each run of "addr: Refreshing state..." lines sorted: Terraform reads
/// objects in parallel, so its order varies from run to run (Cairn's follows the graph).
std::string SortRefreshRuns(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    end = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  // Objects imported while planning ("Preparing import..." before their refresh) too.
  auto refreshing = [](const std::string& l) {
    return l.find(": Refreshing state...") != std::string::npos ||
           l.find(": Preparing import...") != std::string::npos;
  };
  for (size_t i = 0; i < lines.size();) {
    size_t j = i;
    while (j < lines.size() && refreshing(lines[j])) ++j;
    std::sort(lines.begin() + i, lines.begin() + j);
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (const std::string& l : lines) out += l;
  return out;
}

void CopyCase(const fs::path& from, const fs::path& to) {
  for (const auto& e : fs::directory_iterator(from)) {
    std::string name = e.path().filename().string();
    if (name.rfind("expected.", 0) == 0 || name == "cmd" || name.rfind("stdin.", 0) == 0 ||
        name == "make_state" || name == "init") {
      continue;
    }
    fs::copy(e.path(), to / name, fs::copy_options::recursive);
  }
}

class CliGoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CliGoldenTest, MatchesTerraform) {
  fs::path golden = kTestdata / GetParam();
  ScratchDir dir;
  CopyCase(golden, dir.path());
  std::string cmd = ReadFile(golden / "cmd");
  size_t step = 0;
  size_t start = 0;
  while (start < cmd.size()) {
    size_t end = cmd.find('\n', start);
    if (end == std::string::npos) end = cmd.size();
    std::string line = cmd.substr(start, end - start);
    start = end + 1;
    ++step;
    std::string n = std::to_string(step);
    SCOPED_TRACE("step " + n + ": " + line);
    std::string input = ReadFile(golden / ("stdin." + n));
    CliResult r = RunCairn(dir.path(), SplitCommandLine(line), input);
    EXPECT_EQ(SortRefreshRuns(r.out),
              SortRefreshRuns(AsCairn(ReadFile(golden / ("expected." + n + ".out")))));
    EXPECT_EQ(r.err, AsCairn(ReadFile(golden / ("expected." + n + ".err"))));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(golden / ("expected." + n + ".rc")));
  }
}

std::vector<std::string> Cases(const std::string& group) {
  std::vector<std::string> cases;
  if (!fs::exists(kTestdata / group)) return cases;
  for (const auto& e : fs::directory_iterator(kTestdata / group)) {
    if (e.is_directory()) cases.push_back(group + "/" + e.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find('/') + 1);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Console, CliGoldenTest, ::testing::ValuesIn(Cases("console")), CaseName);
INSTANTIATE_TEST_SUITE_P(Output, CliGoldenTest, ::testing::ValuesIn(Cases("output")), CaseName);
INSTANTIATE_TEST_SUITE_P(Plan, CliGoldenTest, ::testing::ValuesIn(Cases("plan")), CaseName);
INSTANTIATE_TEST_SUITE_P(Apply, CliGoldenTest, ::testing::ValuesIn(Cases("apply")), CaseName);
INSTANTIATE_TEST_SUITE_P(Destroy, CliGoldenTest, ::testing::ValuesIn(Cases("destroy")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Providers, CliGoldenTest, ::testing::ValuesIn(Cases("providers")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(StateList, CliGoldenTest, ::testing::ValuesIn(Cases("state_list")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(StateRm, CliGoldenTest, ::testing::ValuesIn(Cases("state_rm")), CaseName);
INSTANTIATE_TEST_SUITE_P(StateMv, CliGoldenTest, ::testing::ValuesIn(Cases("state_mv")), CaseName);
INSTANTIATE_TEST_SUITE_P(StatePull, CliGoldenTest, ::testing::ValuesIn(Cases("state_pull")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(StatePush, CliGoldenTest, ::testing::ValuesIn(Cases("state_push")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(StateShow, CliGoldenTest, ::testing::ValuesIn(Cases("state_show")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Refresh, CliGoldenTest, ::testing::ValuesIn(Cases("refresh")), CaseName);
INSTANTIATE_TEST_SUITE_P(Graph, CliGoldenTest, ::testing::ValuesIn(Cases("graph")), CaseName);
INSTANTIATE_TEST_SUITE_P(ForceUnlock, CliGoldenTest, ::testing::ValuesIn(Cases("force_unlock")),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Import, CliGoldenTest, ::testing::ValuesIn(Cases("import")), CaseName);
INSTANTIATE_TEST_SUITE_P(Taint, CliGoldenTest, ::testing::ValuesIn(Cases("taint")), CaseName);
INSTANTIATE_TEST_SUITE_P(Init, CliGoldenTest, ::testing::ValuesIn(Cases("init")), CaseName);
INSTANTIATE_TEST_SUITE_P(Provisioners, CliGoldenTest, ::testing::ValuesIn(Cases("provisioners")),
                         CaseName);

}  // namespace
}  // namespace cairn::testing
