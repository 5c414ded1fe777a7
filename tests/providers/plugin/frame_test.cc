#include "providers/plugin/frame.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cairn::providers::plugin {
namespace {

std::vector<std::string> DecodeAll(FrameDecoder& d, std::string_view bytes) {
  d.Feed(bytes);
  std::vector<std::string> out;
  while (std::optional<std::string> f = d.Next()) out.push_back(*f);
  return out;
}

TEST(FrameTest, EncodesContentLengthHeader) {
  EXPECT_EQ(EncodeFrame("{}"), "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(EncodeFrame(""), "Content-Length: 0\r\n\r\n");
  EXPECT_EQ(EncodeFrame("\xc3\xa9"), "Content-Length: 2\r\n\r\n\xc3\xa9");  // bytes, not chars
}

TEST(FrameTest, DecodesFramesSplitAtEveryByte) {
  std::string stream = EncodeFrame("{\"a\":1}") + EncodeFrame("") + EncodeFrame("[1,2,3]");
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    FrameDecoder d;
    std::vector<std::string> got = DecodeAll(d, stream.substr(0, cut));
    std::vector<std::string> rest = DecodeAll(d, stream.substr(cut));
    got.insert(got.end(), rest.begin(), rest.end());
    ASSERT_EQ(got, (std::vector<std::string>{"{\"a\":1}", "", "[1,2,3]"})) << "cut at " << cut;
    EXPECT_FALSE(d.failed());
    EXPECT_EQ(d.pending(), 0u);
  }
}

TEST(FrameTest, ByteByByteFeedingOfManyFramesStaysCorrect) {
  std::string stream;
  for (int i = 0; i < 500; ++i) stream += EncodeFrame(std::string(static_cast<size_t>(i), 'x'));
  FrameDecoder d;
  std::vector<std::string> got;
  for (char c : stream) {
    std::vector<std::string> f = DecodeAll(d, std::string_view(&c, 1));
    got.insert(got.end(), f.begin(), f.end());
  }
  ASSERT_EQ(got.size(), 500u);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i].size(), i);
}

TEST(FrameTest, OtherHeadersAndCaseAreAccepted) {
  FrameDecoder d;
  EXPECT_EQ(DecodeAll(d, "content-length:  3 \r\nContent-Type: application/json\r\n\r\nabc"),
            std::vector<std::string>{"abc"});
}

TEST(FrameTest, PartialFrameIsPending) {
  FrameDecoder d;
  EXPECT_TRUE(DecodeAll(d, "Content-Length: 10\r\n\r\nabc").empty());
  EXPECT_FALSE(d.failed());
  EXPECT_EQ(d.pending(), 3u);
}

struct Malformed {
  std::string bytes;
  std::string error;
};

class MalformedFrameTest : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedFrameTest, FailsWithMessage) {
  FrameDecoder d;
  EXPECT_TRUE(DecodeAll(d, GetParam().bytes).empty());
  EXPECT_TRUE(d.failed());
  EXPECT_EQ(d.error(), GetParam().error);
  // A failed decoder stays failed.
  EXPECT_TRUE(DecodeAll(d, EncodeFrame("{}")).empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedFrameTest,
    ::testing::Values(
        Malformed{"{\"jsonrpc\":\"2.0\"}\r\n\r\n", "frame header has no Content-Length"},
        Malformed{"HTTP/1.1 200 OK\r\n\r\n",
                  "frame header line \"HTTP/1.1 200 OK\" is not \"Name: value\" (expected "
                  "\"Content-Length: N\\r\\n\\r\\n\")"},
        Malformed{"Content-Type: x\r\n\r\n{}", "frame header has no Content-Length"},
        Malformed{"Content-Length: -1\r\n\r\n", "invalid Content-Length \"-1\""},
        Malformed{"Content-Length: 1e3\r\n\r\n", "invalid Content-Length \"1e3\""},
        Malformed{"Content-Length: \r\n\r\n", "invalid Content-Length \"\""},
        Malformed{"Content-Length: 99999999999999999999\r\n\r\n",
                  "invalid Content-Length \"99999999999999999999\""},
        Malformed{"Content-Length: 67108865\r\n\r\n",
                  "frame of 67108865 bytes is larger than the limit of 67108864 bytes"},
        Malformed{std::string(2000, 'a'),
                  "frame header longer than 1024 bytes without an empty line (expected "
                  "\"Content-Length: N\\r\\n\\r\\n\")"}));

TEST(FrameTest, HugeFrameAtTheLimitIsAccepted) {
  FrameDecoder d(1 << 20);
  std::string body(1 << 20, 'z');
  std::vector<std::string> got = DecodeAll(d, EncodeFrame(body));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].size(), body.size());
  FrameDecoder small(1 << 20);
  EXPECT_TRUE(DecodeAll(small, EncodeFrame(body + "!")).empty());
  EXPECT_EQ(small.error(), "frame of 1048577 bytes is larger than the limit of 1048576 bytes");
}

TEST(FrameTest, PendingExcerptIsPrintable) {
  FrameDecoder d;
  d.Feed("Content-Length: 5\r\n\r\nab\x01");
  EXPECT_FALSE(d.Next());
  EXPECT_EQ(d.PendingExcerpt(), "ab?");
}

}  // namespace
}  // namespace cairn::providers::plugin
