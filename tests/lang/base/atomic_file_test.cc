#include "lang/base/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cairn {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cairn-atomic-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, ReplacesContentKeepsModeAndLeavesNoTemporaryFile) {
  fs::path p = dir_ / "main.tf";
  { std::ofstream(p) << "old content that is longer than the new one\n"; }
  ASSERT_EQ(chmod(p.c_str(), 0640), 0);
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(p.string(), "new\n", &error)) << error;
  EXPECT_EQ(Slurp(p), "new\n");
  struct stat st {};
  ASSERT_EQ(stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(AtomicFileTest, CreatesANewFileWithTheGivenMode) {
  fs::path p = dir_ / "state.json";
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(p.string(), "{}", &error, 0600)) << error;
  EXPECT_EQ(Slurp(p), "{}");
  struct stat st {};
  ASSERT_EQ(stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(AtomicFileTest, FailureLeavesTheOldFileAndSaysWhy) {
  fs::path p = dir_ / "missing-dir" / "main.tf";
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(p.string(), "x", &error));
  EXPECT_EQ(error.rfind("create a temporary file beside " + p.string() + ": ", 0), 0u) << error;
  EXPECT_FALSE(fs::exists(p));
}

}  // namespace
}  // namespace cairn
