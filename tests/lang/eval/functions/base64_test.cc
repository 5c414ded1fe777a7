// Base64 as Go's encoding/base64.StdEncoding: the bytes, or CorruptInputError's offset.

#include "lang/eval/functions/base64.h"

#include <gtest/gtest.h>

namespace cairn::eval::functions {
namespace {

TEST(Base64Test, Encode) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(Base64Test, Decode) {
  EXPECT_EQ(Base64Decode("").bytes, "");
  EXPECT_EQ(Base64Decode("Zm9vYg==").bytes, "foob");
  EXPECT_EQ(Base64Decode("Zm9vYmE=").bytes, "fooba");
  EXPECT_EQ(Base64Decode("Zm9v\r\nYmE=\n").bytes, "fooba");
  EXPECT_TRUE(Base64Decode("Zm9=").ok());  // non-zero bits under padding: accepted
}

size_t CorruptAt(const char* text) {
  Base64Decoded d = Base64Decode(text);
  EXPECT_FALSE(d.ok()) << text;
  return d.corrupt_at.value_or(999);
}

TEST(Base64Test, CorruptInputOffsets) {
  EXPECT_EQ(CorruptAt("Zm9"), 0u);       // missing padding: start of the quantum
  EXPECT_EQ(CorruptAt("Zm9vY"), 4u);
  EXPECT_EQ(CorruptAt("Zm!v"), 2u);
  EXPECT_EQ(CorruptAt("Z==="), 1u);      // padding too early
  EXPECT_EQ(CorruptAt("Zg="), 3u);       // "==" expected, input ends
  EXPECT_EQ(CorruptAt("Zg=x"), 2u);
  EXPECT_EQ(CorruptAt("Zg==Zg=="), 4u);  // trailing garbage after padding
}

}  // namespace
}  // namespace cairn::eval::functions
