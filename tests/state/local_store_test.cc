#include "state/local_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace cairn::state {
namespace {

namespace fs = std::filesystem;

class LocalStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cairn-store-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string Slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path dir_;
};

State WithOutput(const std::string& value) {
  State s;
  s.outputs["o"] = {Value::String(value), false};
  return s;
}

TEST_F(LocalStoreTest, FirstWriteStartsALineage) {
  LocalStateStore store(Path("terraform.tfstate"));
  ReadStateResult r = store.Read();
  EXPECT_FALSE(r.state.has_value());
  EXPECT_TRUE(r.diagnostics.empty());
  State s = WithOutput("a");
  ASSERT_TRUE(store.Write(s).empty());
  EXPECT_EQ(s.serial, 1u);
  EXPECT_TRUE(std::regex_match(
      s.lineage, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << s.lineage;
  EXPECT_EQ(s.cairn_version, CAIRN_VERSION);
  struct stat st {};
  ASSERT_EQ(stat(Path("terraform.tfstate").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_FALSE(fs::exists(Path("terraform.tfstate.backup")));
  EXPECT_EQ(Slurp(Path("terraform.tfstate")), WriteStateFile(s).bytes);
}

TEST_F(LocalStoreTest, SerialMovesOnlyWhenContentChanges) {
  std::string first_bytes;
  std::string lineage;
  {
    LocalStateStore store(Path("terraform.tfstate"));
    store.Read();
    State s = WithOutput("a");
    ASSERT_TRUE(store.Write(s).empty());
    first_bytes = Slurp(Path("terraform.tfstate"));
    lineage = s.lineage;
  }
  {
    LocalStateStore store(Path("terraform.tfstate"));
    ReadStateResult r = store.Read();
    ASSERT_TRUE(r.state.has_value());
    State same = *r.state;
    ASSERT_TRUE(store.Write(same).empty());
    EXPECT_EQ(same.serial, 1u);
    EXPECT_EQ(Slurp(Path("terraform.tfstate")), first_bytes);
    EXPECT_FALSE(fs::exists(Path("terraform.tfstate.backup")));
  }
  {
    LocalStateStore store(Path("terraform.tfstate"));
    ReadStateResult r = store.Read();
    State changed = *r.state;
    changed.outputs["o"].value = Value::String("b");
    ASSERT_TRUE(store.Write(changed).empty());
    EXPECT_EQ(changed.serial, 2u);
    EXPECT_EQ(changed.lineage, lineage);
    EXPECT_EQ(Slurp(Path("terraform.tfstate.backup")), first_bytes);
    // A second change by the same command keeps the backup of what the command started from.
    changed.outputs["o"].value = Value::String("c");
    ASSERT_TRUE(store.Write(changed).empty());
    EXPECT_EQ(changed.serial, 3u);
    EXPECT_EQ(Slurp(Path("terraform.tfstate.backup")), first_bytes);
  }
}

TEST_F(LocalStoreTest, UnreadableStateIsAnError) {
  std::ofstream(Path("terraform.tfstate")) << "{\"version\": 4, \"serial\": true}";
  LocalStateStore store(Path("terraform.tfstate"));
  ReadStateResult r = store.Read();
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].detail, "The state file field \"serial\" has invalid value bool");
}

TEST_F(LocalStoreTest, LockExcludesOthersAndSurvivesWrites) {
  LocalStateStore a(Path("terraform.tfstate"));
  LocalStateStore b(Path("terraform.tfstate"));
  LockRequest apply;
  apply.operation = "OperationTypeApply";
  ASSERT_TRUE(a.Lock(apply).empty());
  std::string info = Slurp(a.LockInfoPath());
  EXPECT_EQ(a.LockInfoPath(), Path(".terraform.tfstate.lock.info"));
  EXPECT_NE(info.find("\"Operation\":\"OperationTypeApply\""), std::string::npos) << info;
  EXPECT_NE(info.find("\"Version\":\"" CAIRN_VERSION "\""), std::string::npos) << info;
  struct stat st {};
  ASSERT_EQ(stat(a.LockInfoPath().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  Diagnostics held = b.Lock(LockRequest{});
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].summary, "Error acquiring the state lock");
  std::smatch m;
  EXPECT_TRUE(std::regex_match(
      held[0].detail, m,
      std::regex("Error message: resource temporarily unavailable\n"
                 "Lock Info:\n"
                 "  ID:        [0-9a-f-]{36}\n"
                 "  Path:      .*terraform\\.tfstate\n"
                 "  Operation: OperationTypeApply\n"
                 "  Who:       .+@.*\n"
                 "  Version:   " CAIRN_VERSION "\n"
                 "  Created:   \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC\n"
                 "  Info:      \n"
                 "\n\n"
                 "Cairn acquires a state lock to protect the state from being written\n"
                 "by multiple users at the same time. Please resolve the issue above and try\n"
                 "again. For most commands, you can disable locking with the \"-lock=false\"\n"
                 "flag, but this is not recommended.")))
      << held[0].detail;

  // Writing replaces the file; the lock moves with it.
  a.Read();
  State s = WithOutput("x");
  ASSERT_TRUE(a.Write(s).empty());
  EXPECT_EQ(b.Lock(LockRequest{}).size(), 1u);

  ASSERT_TRUE(a.Unlock().empty());
  EXPECT_FALSE(fs::exists(Path(".terraform.tfstate.lock.info")));
  EXPECT_TRUE(b.Lock(LockRequest{}).empty());
  EXPECT_TRUE(b.Unlock().empty());
}

TEST_F(LocalStoreTest, LockTimeoutRetriesAndSaysSo) {
  LocalStateStore a(Path("terraform.tfstate"));
  LocalStateStore b(Path("terraform.tfstate"));
  ASSERT_TRUE(a.Lock(LockRequest{}).empty());
  LockRequest wait;
  wait.timeout = std::chrono::milliseconds(700);
  int slow = 0;
  wait.on_slow = [&] { ++slow; };
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(b.Lock(wait).size(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(700));
  EXPECT_EQ(slow, 1);
}

TEST_F(LocalStoreTest, UuidsAreVersion4AndDiffer) {
  std::string a = NewUuid(), b = NewUuid();
  EXPECT_NE(a, b);
  EXPECT_EQ(a[14], '4');
}

}  // namespace
}  // namespace cairn::state
