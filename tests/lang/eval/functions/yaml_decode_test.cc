// yamldecode on inputs too big for golden cases: long documents decode in linear time, deep
// nesting and alias bombs give errors instead of a crash or an endless walk.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "lang/base/value_console.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "tests/lang/eval/eval_golden_support.h"

namespace cairn::eval::functions {
namespace {

struct Decoded {
  Value value;
  std::string error;  ///< the first error's detail, empty when none
};

/// yamldecode of `yaml`, passed through a variable (no HCL escaping needed).
Decoded Decode(const std::string& yaml) {
  MapScope scope;
  scope.SetNamed("var", "doc", Value::String(yaml));
  EvalResult r = testing::EvalText("yamldecode(var.doc)", scope, Builtins());
  Decoded d{r.value, ""};
  for (const Diagnostic& diag : r.diagnostics.items()) {
    if (diag.severity == Severity::kError) {
      d.error = diag.detail;
      break;
    }
  }
  return d;
}

TEST(YamlDecodeTest, LongSequenceDecodes) {
  std::string doc;
  for (int i = 0; i < 100000; ++i) doc += "- {k: " + std::to_string(i) + "}\n";
  auto start = std::chrono::steady_clock::now();
  Decoded d = Decode(doc);
  auto took = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(d.error, "");
  ASSERT_EQ(d.value.Length(), 100000u);
  EXPECT_EQ(FormatConsoleValue(d.value.Elements()[99999].Elements()[0]), "99999");
  EXPECT_LT(took, std::chrono::seconds(20));
}

TEST(YamlDecodeTest, NestingIsBounded) {
  std::string ok = std::string(999, '[') + std::string(999, ']');
  EXPECT_EQ(Decode(ok).error, "");
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(Decode(deep).error,
            "Call to function \"yamldecode\" failed: exceeded max depth of 1000.");
}

TEST(YamlDecodeTest, AliasBombIsRefused) {
  std::string doc = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 12; ++i) {
    std::string prev = "*a" + std::to_string(i - 1);
    doc += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) doc += (j ? ", " : "") + prev;
    doc += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(Decode(doc).error,
            "Call to function \"yamldecode\" failed: document contains excessive aliasing.");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

}  // namespace
}  // namespace cairn::eval::functions
