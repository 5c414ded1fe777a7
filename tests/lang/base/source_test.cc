#include "lang/base/source.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

TEST(FileNameTest, InternedNamesCompareEqualAndKeepText) {
  FileName a = FileName::Intern("main.tf");
  FileName b = FileName::Intern(std::string("main") + ".tf");
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.str(), "main.tf");
  EXPECT_FALSE(a == FileName::Intern("other.tf"));
}

TEST(RangeTest, CoverSpansBoth) {
  FileName f = FileName::Intern("x.tf");
  Range a{f, {1, 1, 0}, {1, 4, 3}};
  Range b{f, {2, 2, 10}, {2, 5, 13}};
  Range c = Cover(b, a);
  EXPECT_EQ(c.start.byte, 0);
  EXPECT_EQ(c.end.byte, 13);
  EXPECT_EQ(c.end.line, 2);
}

}  // namespace
}  // namespace cairn
