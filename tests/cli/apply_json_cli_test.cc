/// `apply -json`: the machine-readable UI log, message for message as Terraform 1.11 wrote it
/// for the same configuration (tests/cli/testdata/apply_json/terraform*.jsonl), with the
/// timestamps, the random ids and the version message (Cairn names itself) left out, and
/// "Terraform" read as "Cairn" in texts.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/cli_runner.h"

namespace cairn::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kData = fs::path(CAIRN_SOURCE_DIR) / "tests" / "cli" / "testdata" / "apply_json";

/// The lines after the version message, without timestamps and ids, "Terraform" as "Cairn".
std::vector<std::string> Comparable(const std::string& log) {
  static const std::regex timestamp(R"("@timestamp":"[^"]*")");
  static const std::regex uuid(R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
  std::vector<std::string> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find(R"("type":"version")") != std::string::npos) continue;
    line = std::regex_replace(std::regex_replace(line, timestamp, "\"@timestamp\":\"T\""), uuid,
                              "UUID");
    for (size_t p = line.find("Terraform"); p != std::string::npos; p = line.find("Terraform")) {
      line.replace(p, 9, "Cairn");
    }
    out.push_back(line);
  }
  return out;
}

TEST(ApplyJsonTest, MessagesAreTerraforms) {
  ScratchDir work;
  work.Write("main.tf", ReadFile(kData / "main.tf"));
  CliResult r = RunCairn(work.path(), {"apply", "-json", "-auto-approve"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Comparable(r.out), Comparable(ReadFile(kData / "terraform.jsonl")));
  EXPECT_NE(r.out.find(R"("@message":"Cairn )"), std::string::npos);
}

TEST(ApplyJsonTest, NeedsAutoApproveOrAPlanFile) {
  ScratchDir work;
  work.Write("main.tf", ReadFile(kData / "main.tf"));
  CliResult r = RunCairn(work.path(), {"apply", "-json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(Comparable(r.out), Comparable(ReadFile(kData / "terraform_no_approve.jsonl")));
}

}  // namespace
}  // namespace cairn::testing
