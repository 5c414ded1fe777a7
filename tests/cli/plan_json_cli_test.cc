/// `cairn plan -json` against `terraform plan -json` (tests/cli/testdata/plan_json/<case>,
/// recorded by tests/tools/record_cli_goldens.sh plan_json): the same messages in the same
/// phases. Normalized on both sides: "@timestamp" (wall clock), the "version" message (it
/// names the program and its version), and the order of messages within one phase
/// (Terraform refreshes and plans in parallel, so its order varies from run to run).

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lang/base/go_json.h"
#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(CAIRN_SOURCE_DIR) / "tests/cli/testdata/plan_json";

struct Log {
  std::vector<std::string> phases;    ///< message types, runs of one type collapsed
  std::vector<std::string> messages;  ///< normalized messages, sorted
};

Log Normalize(const std::string& text) {
  Log log;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      log.messages.push_back("not JSON: " + line);
      continue;
    }
    j.erase("@timestamp");
    std::string type = j.value("type", "");
    if (type == "version") j = {{"type", "version"}, {"ui", j.value("ui", "")}};
    // refresh_start/refresh_complete pairs interleave freely between objects.
    std::string phase = type.rfind("refresh_", 0) == 0 ? "refresh" : type;
    if (log.phases.empty() || log.phases.back() != phase) log.phases.push_back(phase);
    log.messages.push_back(GoJsonMarshal(j));
  }
  std::sort(log.messages.begin(), log.messages.end());
  return log;
}

std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= line.size()) {
    size_t end = line.find(' ', start);
    if (end == std::string::npos) end = line.size();
    if (end > start) words.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

class PlanJsonCliTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PlanJsonCliTest, MatchesTerraformsLog) {
  fs::path golden = kCases / GetParam();
  ScratchDir dir;
  for (const auto& e : fs::directory_iterator(golden)) {
    std::string name = e.path().filename().string();
    if (name.rfind("expected.", 0) == 0 || name == "cmd" || name == "make_state") continue;
    fs::copy(e.path(), dir.path() / name, fs::copy_options::recursive);
  }
  std::string cmd = ReadFile(golden / "cmd");
  size_t start = 0;
  int step = 0;
  while (start < cmd.size()) {
    size_t end = cmd.find('\n', start);
    if (end == std::string::npos) end = cmd.size();
    std::string line = cmd.substr(start, end - start);
    start = end + 1;
    std::string n = std::to_string(++step);
    SCOPED_TRACE("step " + n + ": " + line);
    CliResult r = RunCairn(dir.path(), SplitWords(line));
    Log got = Normalize(r.out);
    Log want = Normalize(ReadFile(golden / ("expected." + n + ".out")));
    EXPECT_EQ(got.phases, want.phases);
    EXPECT_EQ(got.messages, want.messages);
    EXPECT_EQ(r.err, ReadFile(golden / ("expected." + n + ".err")));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(golden / ("expected." + n + ".rc")));
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanJsonCliTest,
                         ::testing::Values("create", "change", "no_changes", "errors"));

/// The version message names Cairn and keeps the keys of Terraform's.
TEST(PlanJsonCliTest, VersionMessageNamesCairn) {
  ScratchDir dir;
  dir.Write("main.tf", "output \"o\" {\n  value = 1\n}\n");
  CliResult r = RunCairn(dir.path(), {"plan", "-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::ordered_json first = nlohmann::ordered_json::parse(r.out.substr(0, r.out.find('\n')));
  std::vector<std::string> keys;
  for (auto it = first.begin(); it != first.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"@level", "@message", "@module", "@timestamp", "cairn",
                                            "terraform", "type", "ui"}));
  EXPECT_EQ(first["@message"], std::string("Cairn ") + first["cairn"].get<std::string>());
  EXPECT_EQ(first["@module"], "terraform.ui");
  EXPECT_EQ(first["type"], "version");
  EXPECT_EQ(first["ui"], "1.2");
  std::string ts = first["@timestamp"];
  EXPECT_EQ(ts.size(), 27u) << ts;  // 2026-11-22T10:56:52.341973Z
  EXPECT_EQ(ts.back(), 'Z');
}

}  // namespace
}  // namespace cairn::testing
