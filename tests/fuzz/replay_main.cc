/// Replays every file of tests/fuzz/corpus through the fuzz entry point as an ordinary test, so
/// inputs that once crashed (and the seeds) stay fixed without a fuzzing toolchain.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

TEST(FuzzCorpusTest, EveryCorpusFileIsHandled) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(CAIRN_SOURCE_DIR) / "tests/fuzz/corpus";
  int count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream f(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    std::string data = ss.str();
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size()),
              0);
    ++count;
  }
  EXPECT_GT(count, 10);
}
