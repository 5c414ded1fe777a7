/// `provisioner "local-exec"` applied end to end, against what Terraform 1.11 printed for the
/// same configurations (tests/cli/testdata/provisioner_reference, recorded by
/// tests/tools/record_cli_goldens.sh). The objects' random ids and the durations differ from
/// run to run; everything else must match byte for byte.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kReference =
    fs::path(CAIRN_SOURCE_DIR) / "tests" / "cli" / "testdata" / "provisioner_reference";


class ProvisionerTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ProvisionerTest, MatchesTerraform) {
  const fs::path dir = kReference / GetParam();
  ScratchDir work;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("expected.", 0) == 0 || name == "cmd" || name == "make_state") continue;
    fs::copy(e.path(), work.path() / name, fs::copy_options::recursive);
  }
  const std::string cmd = ReadFile(dir / "cmd");
  size_t step = 0;
  for (size_t start = 0; start < cmd.size();) {
    size_t end = cmd.find('\n', start);
    if (end == std::string::npos) end = cmd.size();
    const std::string line = cmd.substr(start, end - start);
    start = end + 1;
    const std::string n = std::to_string(++step);
    SCOPED_TRACE("step " + n + ": " + line);
    CliResult r = RunCairn(work.path(), Words(line));
    EXPECT_EQ(MaskRunSpecific(r.out), MaskRunSpecific(ReadFile(dir / ("expected." + n + ".out"))));
    EXPECT_EQ(MaskRunSpecific(r.err), MaskRunSpecific(ReadFile(dir / ("expected." + n + ".err"))));
    EXPECT_EQ(std::to_string(r.exit_code) + "\n", ReadFile(dir / ("expected." + n + ".rc")));
  }
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(kReference)) {
    if (e.is_directory()) cases.push_back(e.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Reference, ProvisionerTest, ::testing::ValuesIn(Cases()));

}  // namespace
}  // namespace cairn::testing
