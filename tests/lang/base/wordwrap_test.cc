#include "lang/base/wordwrap.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

struct WrapCase {
  std::string input;
  size_t limit;
  std::string want;
};

// The cases of go-wordwrap v1.0.1's own test suite, which Terraform's wrapping is.
TEST(WrapStringTest, BehavesLikeGoWordwrap) {
  std::string repeated;
  for (int i = 0; i < 4; ++i) repeated += "\u2584 ";
  const std::vector<WrapCase> cases = {
      {"foo", 4, "foo"},
      {"foobarbaz", 4, "foobarbaz"},  // words are never broken
      {"foo bar baz", 4, "foo\nbar\nbaz"},
      {"foo bars bazzes", 4, "foo\nbars\nbazzes"},
      {"fo sop", 4, "fo\nsop"},
      {"foo bar\u00A0baz", 10, "foo\nbar\u00A0baz"},  // no break at a non-breaking space
      {"foo\nb\t r\n baz", 4, "foo\nb\t r\n baz"},
      {"foo    \nb   ar   ", 4, "foo\nb\nar"},
      {"foo bar baz\n", 4, "foo\nbar\nbaz\n"},
      {"\nfoo bar\n\n\nbaz\n", 4, "\nfoo\nbar\n\n\nbaz\n"},
      {" This is a list: \n\n\t* foo\n\t* bar\n\n\n\t* baz  \nBAM    ", 6,
       " This\nis a\nlist: \n\n\t* foo\n\t* bar\n\n\n\t* baz\nBAM"},
      {repeated, 4, "\u2584 \u2584\n\u2584 \u2584 "},  // limits count characters, not bytes
  };
  for (const WrapCase& c : cases) {
    EXPECT_EQ(WrapString(c.input, c.limit), c.want) << "input: " << c.input;
  }
}

TEST(WrapStringTest, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(WrapString("a\xff b", 10), "a\uFFFD b");
}

TEST(WordWrapTest, WrapsEachLineAtWidthMinusOneButNotIndentedOnes) {
  EXPECT_EQ(WordWrap("aaa bbb ccc\n  ddd eee fff\nggg", 8), "aaa bbb\nccc\n  ddd eee fff\nggg");
  EXPECT_EQ(WordWrap("aaa bbb", 1), "aaa bbb");
}

}  // namespace
}  // namespace cairn
