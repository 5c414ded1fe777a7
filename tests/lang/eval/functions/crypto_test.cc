// The random results of uuid and bcrypt (not golden values): their shape, bcrypt's hash
// checked with crypt_r, and both unknown while planning.

#include <crypt.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>

#include "lang/base/value_console.h"
#include "lang/eval/evaluate.h"
#include "lang/eval/functions/registry.h"
#include "tests/lang/eval/eval_golden_support.h"

namespace cairn::eval::functions {
namespace {

Value Eval(const std::string& text, bool planning = false) {
  FunctionOptions options;
  options.planning = planning;
  std::unique_ptr<BuiltinFunctions> registry = MakeBuiltins(options);
  MapScope scope;
  EvalResult r = testing::EvalText(text, scope, *registry);
  EXPECT_FALSE(r.diagnostics.HasErrors()) << text;
  return r.value;
}

bool CryptMatches(const std::string& password, const std::string& hash) {
  auto data = std::make_unique<crypt_data>();
  const char* again = crypt_r(password.c_str(), hash.c_str(), data.get());
  return again != nullptr && hash == again;
}

TEST(CryptoTest, UuidIsRandomHex) {
  Value a = Eval("uuid()");
  Value b = Eval("uuid()");
  const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(a.AsString(), shape)) << a.AsString();
  EXPECT_NE(a.AsString(), b.AsString());
}

TEST(CryptoTest, BcryptHashVerifies) {
  const std::regex shape(R"(\$2a\$(\d\d)\$[./A-Za-z0-9]{53})");
  std::smatch m;
  std::string h = Eval(R"(bcrypt("hello wörld"))").AsString();
  ASSERT_TRUE(std::regex_match(h, m, shape)) << h;
  EXPECT_EQ(m[1], "10");
  EXPECT_TRUE(CryptMatches("hello wörld", h));
  EXPECT_FALSE(CryptMatches("hello world", h));

  std::string h4 = Eval(R"(bcrypt("", 4))").AsString();
  ASSERT_TRUE(std::regex_match(h4, m, shape)) << h4;
  EXPECT_EQ(m[1], "04");
  EXPECT_TRUE(CryptMatches("", h4));
  EXPECT_NE(h4, Eval(R"(bcrypt("", 4))").AsString());  // a fresh salt each time

  // Below the minimum cost Go's bcrypt uses its default.
  std::string low = Eval(R"(bcrypt("x", 2))").AsString();
  EXPECT_EQ(low.substr(0, 7), "$2a$10$");
  EXPECT_TRUE(CryptMatches("x", low));
}

TEST(CryptoTest, ImpureFunctionsAreUnknownWhilePlanning) {
  for (const char* text : {"uuid()", R"(bcrypt("x"))", R"(bcrypt("x", 99))"}) {
    Value v = Eval(text, /*planning=*/true);
    EXPECT_FALSE(v.IsKnown()) << text;
    EXPECT_TRUE(v.type() == Type::String()) << text;
    EXPECT_EQ(FormatConsoleValue(v), "(known after apply)") << text;
  }
  EXPECT_TRUE(Eval(R"(uuidv5("dns", "x"))", /*planning=*/true).IsKnown());
}

}  // namespace
}  // namespace cairn::eval::functions
