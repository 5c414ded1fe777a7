// Raw digests against the RFC/NIST test vectors.

#include "lang/eval/functions/digest.h"

#include <gtest/gtest.h>

namespace cairn::eval::functions {
namespace {

TEST(DigestTest, KnownVectors) {
  EXPECT_EQ(HexEncode(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(HexEncode(Md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(HexEncode(Sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha512("abc")),
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST(DigestTest, RawLengthsAndBinaryInput) {
  std::string bytes("a\0b\xff", 4);
  EXPECT_EQ(Md5(bytes).size(), 16u);
  EXPECT_EQ(Sha1(bytes).size(), 20u);
  EXPECT_EQ(Sha256(bytes).size(), 32u);
  EXPECT_EQ(Sha512(bytes).size(), 64u);
  EXPECT_NE(Md5(bytes), Md5(std::string("a")));
}

TEST(DigestTest, HexEncode) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xf0\xff", 4)), "000ff0ff");
}

}  // namespace
}  // namespace cairn::eval::functions
