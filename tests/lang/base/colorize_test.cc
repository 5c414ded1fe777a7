#include "lang/base/colorize.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

TEST(ColorizeTest, KnownTagsBecomeEscapesWithFinalReset) {
  EXPECT_EQ(Colorize("[bold][red]Error: [reset]", true), "\x1b[1m\x1b[31mError: \x1b[0m\x1b[0m");
  EXPECT_EQ(Colorize("    [dark_gray]│[reset] x", true), "    \x1b[90m│\x1b[0m x\x1b[0m");
}

TEST(ColorizeTest, DisabledDropsKnownTags) {
  EXPECT_EQ(Colorize("[bold][red]Error: [reset]", false), "Error: ");
}

TEST(ColorizeTest, UnknownOrMalformedTagsStay) {
  EXPECT_EQ(Colorize("list[0] [RED] [a b] [] [", true), "list[0] [RED] [a b] [] [");
  EXPECT_EQ(Colorize("[[bold]x", true), "[\x1b[1mx\x1b[0m");
  EXPECT_EQ(Colorize("no tags", true), "no tags");
}

}  // namespace
}  // namespace cairn
