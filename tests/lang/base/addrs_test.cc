#include "lang/base/addrs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

namespace cairn::addrs {
namespace {

/// What a user sees of a parse: the address, or each error as "summary: detail" with the
/// subject's columns ("@3-5") when it has one.
template <typename T>
std::string Describe(const ParseAddrResult<T>& r, std::string ok) {
  if (!r.diagnostics.HasErrors()) return ok;
  std::string out;
  for (const Diagnostic& d : r.diagnostics) {
    if (!out.empty()) out += "\n";
    out += d.summary + ": " + d.detail;
    if (d.subject) {
      out += " @" + std::to_string(d.subject->start.column) + "-" +
             std::to_string(d.subject->end.column);
    }
  }
  return out;
}

std::string KindName(Target::Kind k) {
  switch (k) {
    case Target::Kind::kModule:
      return "module";
    case Target::Kind::kResource:
      return "resource";
    case Target::Kind::kInstance:
      return "instance";
  }
  return "";
}

std::string T(std::string_view text) {
  ParseAddrResult<Target> r = ParseTarget(text);
  if (r.diagnostics.HasErrors()) {
    EXPECT_FALSE(r.addr.has_value());
    return Describe(r, "");
  }
  EXPECT_TRUE(r.addr.has_value());
  return Describe(r, KindName(r.addr->kind) + " " + r.addr->ToString());
}

std::string I(std::string_view text) {
  ParseAddrResult<AbsResourceInstance> r = ParseAbsResourceInstance(text);
  return Describe(r, r.addr ? r.addr->ToString() : "");
}

std::string M(std::string_view text) {
  ParseAddrResult<ModuleInstance> r = ParseModuleInstance(text);
  return Describe(r, r.addr ? "module " + ToString(*r.addr) : "");
}

std::string R(std::string_view text) {
  ParseAddrResult<AbsResource> r = ParseAbsResource(text);
  return Describe(r, r.addr ? r.addr->ToString() : "");
}

TEST(AddrsParseTest, TargetsOfEveryKind) {
  EXPECT_EQ(T("a.b"), "resource a.b");
  EXPECT_EQ(T("a.b[0]"), "instance a.b[0]");
  EXPECT_EQ(T("a.b[\"x\"]"), "instance a.b[\"x\"]");
  EXPECT_EQ(T("data.a.b"), "resource data.a.b");
  EXPECT_EQ(T("ephemeral.a.b[2]"), "instance ephemeral.a.b[2]");
  EXPECT_EQ(T("resource.var.x"), "resource var.x");
  EXPECT_EQ(T("data.var.x"), "resource data.var.x");
  EXPECT_EQ(T("module.m"), "module module.m");
  EXPECT_EQ(T("module.m[0].a.b"), "resource module.m[0].a.b");
  EXPECT_EQ(T("module.m[\"k\"].a.b[\"z\"]"), "instance module.m[\"k\"].a.b[\"z\"]");
  EXPECT_EQ(T("module.m.module.n[1].data.x.y[2]"), "instance module.m.module.n[1].data.x.y[2]");
  EXPECT_EQ(T("module.a-b.x_y.z-1"), "resource module.a-b.x_y.z-1");
  // Numbers as HCL reads them.
  EXPECT_EQ(T("a.b[1e3]"), "instance a.b[1000]");
  EXPECT_EQ(T("a.b[007]"), "instance a.b[7]");
  EXPECT_EQ(T("a.b[1.0]"), "instance a.b[1]");
  // Strings with HCL's escapes.
  EXPECT_EQ(T("a.b[\"\\u00e9\"]"), "instance a.b[\"é\"]");
  EXPECT_EQ(T("a.b[\"$${x}\"]"), "instance a.b[\"$${x}\"]");
  EXPECT_EQ(T("a.b[\"q\\\"\\\\\\n\"]"), "instance a.b[\"q\\\"\\\\\\n\"]");
  EXPECT_EQ(T("a.b[\"\"]"), "instance a.b[\"\"]");
  // Spaces and comments are insignificant, as in HCL.
  EXPECT_EQ(T(" a.b"), "resource a.b");
  EXPECT_EQ(T("a.b[\"x\"] "), "instance a.b[\"x\"]");
  EXPECT_EQ(T("a.b#x"), "resource a.b");
  EXPECT_EQ(T("a . b [ 1 ] // c"), "instance a.b[1]");
  EXPECT_EQ(T("ünï.çödé"), "resource ünï.çödé");
}

// Each error as `terraform import` prints it (summary and detail; the same details follow
// "Invalid target" for -target and "Invalid force-replace address" for -replace).
TEST(AddrsParseTest, TargetErrorsAreTerraforms) {
  EXPECT_EQ(T("foo"),
            "Invalid address: Resource specification must include a resource type and name. @1-4");
  EXPECT_EQ(T("module."), "Attribute name required: Dot must be followed by attribute name. @8-8");
  EXPECT_EQ(T("a.b[\"x\""),
            "Unclosed index brackets: Index key must be followed by a closing bracket. @8-8");
  EXPECT_EQ(T("a.b[1.5]"),
            "Invalid address: Invalid resource instance key: value must be a whole number, "
            "between -9223372036854775808 and 9223372036854775807. @4-9");
  EXPECT_EQ(T("a.b[99999999999999999999]"),
            "Invalid address: Invalid resource instance key: value must be a whole number, "
            "between -9223372036854775808 and 9223372036854775807. @4-26");
  EXPECT_EQ(T("module.a[1.5]"),
            "Invalid address operator: Invalid module index: value must be a whole number, "
            "between -9223372036854775808 and 9223372036854775807. @9-14");
  EXPECT_EQ(T("a.b.c"),
            "Invalid address: Resource instance key must be given in square brackets. @4-6");
  EXPECT_EQ(T("1"), "Variable name required: Must begin with a variable name. @1-2");
  EXPECT_EQ(T(""), "Variable name required: Must begin with a variable name. @1-1");
  EXPECT_EQ(T("a."), "Attribute name required: Dot must be followed by attribute name. @3-3");
  EXPECT_EQ(T("a.*"), "Attribute name required: Splat expressions (.*) may not be used here. @3-4");
  EXPECT_EQ(T("a[*]"),
            "Attribute name required: Splat expressions ([*]) may not be used here. @3-4");
  EXPECT_EQ(T("a.b[*]"),
            "Attribute name required: Splat expressions ([*]) may not be used here. @5-6");
  EXPECT_EQ(T("a.b[x]"),
            "Index value required: Index brackets must contain either a literal number or a "
            "literal string. @5-6");
  EXPECT_EQ(T("a.b[-1]"),
            "Index value required: Index brackets must contain either a literal number or a "
            "literal string. @5-6");
  EXPECT_EQ(T("a.b[true]"),
            "Index value required: Index brackets must contain either a literal number or a "
            "literal string. @5-9");
  EXPECT_EQ(T("a.b["),
            "Index value required: Index brackets must contain either a literal number or a "
            "literal string. @5-5");
  EXPECT_EQ(T("module.m.foo"),
            "Invalid address: Resource specification must include a resource type and name. "
            "@9-13");
  EXPECT_EQ(T("data.x"),
            "Invalid address: Resource specification must include a resource type and name. @5-7");
  EXPECT_EQ(T("ephemeral.a"),
            "Invalid address: Resource specification must include a resource type and name. "
            "@10-12");
  EXPECT_EQ(T("resource.a"),
            "Invalid address: Resource specification must include a resource type and name. @9-11");
  EXPECT_EQ(T("data.x[0]"), "Invalid address: A resource name is required. @7-10");
  EXPECT_EQ(T("ephemeral.a[0]"), "Invalid address: A resource name is required. @12-15");
  EXPECT_EQ(T("data[0].x"), "Invalid address: A data source name is required. @5-8");
  EXPECT_EQ(T("ephemeral[0].x"),
            "Invalid address: An ephemeral resource type name is required. @10-13");
  EXPECT_EQ(T("a.b[0].c"), "Invalid address: Unexpected extra operators after address. @7-9");
  EXPECT_EQ(T("a.b.c.d"), "Invalid address: Unexpected extra operators after address. @6-8");
  EXPECT_EQ(T("a.b[0][1]"), "Invalid address: Unexpected extra operators after address. @7-10");
  EXPECT_EQ(
      T("module[0]"),
      "Invalid address operator: Prefix \"module.\" must be followed by a module name. @7-10");
  EXPECT_EQ(T("module.m.module"),
            "Invalid address operator: Prefix \"module.\" must be followed by a module name. "
            "@9-16");
  EXPECT_EQ(T("module.m[0][1].a.b"),
            "Invalid address operator: Module address prefix must be followed by dot and then a "
            "name. @12-15");
  EXPECT_EQ(T("a b"), "Invalid character: Expected an attribute access or an index operator. @3-4");
  EXPECT_EQ(T("a.b[\"x\"]]"),
            "Invalid character: Expected an attribute access or an index operator. @9-10");
  EXPECT_EQ(T("a.b[0]x"),
            "Invalid character: Expected an attribute access or an index operator. @7-8");
  EXPECT_EQ(T("a.b!"),
            "Invalid character: Expected an attribute access or an index operator. @4-5");
  EXPECT_EQ(T("a.\"b\""), "Attribute name required: Dot must be followed by attribute name. @3-4");
  EXPECT_EQ(T("a.b.0"), "Attribute name required: Dot must be followed by attribute name. @5-6");
  EXPECT_EQ(T("a.b[0x1]"),
            "Unclosed index brackets: Index key must be followed by a closing bracket. @6-8");
  EXPECT_EQ(T("a.b[1.]"),
            "Unclosed index brackets: Index key must be followed by a closing bracket. @6-7");
  for (const char* word :
       {"count", "each", "local", "path", "self", "terraform", "var", "template", "lazy", "arg"}) {
    EXPECT_EQ(T(std::string(word) + ".x"),
              "Invalid address: The keyword \"" + std::string(word) +
                  "\" is reserved and cannot be used to target a resource address. If you are "
                  "targeting a resource type that uses a reserved keyword, please prefix your "
                  "address with \"resource.\". @1-" +
                  std::to_string(std::string(word).size() + 3));
  }
  // "list" is not a resource mode in Terraform 1.11: a resource type named list.
  EXPECT_EQ(T("list.a.b"),
            "Invalid address: Resource instance key must be given in square brackets. @7-9");
}

TEST(AddrsParseTest, StringErrorsAreHclsyntaxs) {
  EXPECT_EQ(T("a.b[\"\\q\"]"),
            "Invalid escape sequence: The symbol \"q\" is not a valid escape sequence selector. "
            "@6-8");
  EXPECT_EQ(T("a.b[\"\\u00\"]"),
            "Invalid escape sequence: The \\u escape sequence must be followed by four "
            "hexadecimal digits. @6-10");
  EXPECT_EQ(T("a.b[\"\\uD800\"]"),
            "Invalid escape sequence: Cannot encode character U+d800 in UTF-8. @6-12");
  EXPECT_EQ(T("a.b[\"${x}\"]"),
            "Invalid string literal: Template sequences are not allowed in this string. To "
            "include a literal \"$\", double it (as \"$$\") to escape it. @6-8");
  EXPECT_EQ(T("a.b[\"%{x}\"]"),
            "Invalid string literal: Template sequences are not allowed in this string. To "
            "include a literal \"%\", double it (as \"%%\") to escape it. @6-8");
  EXPECT_EQ(T("a.b[\"a"),
            "Unterminated string literal: Unable to find the closing quote mark before the end "
            "of the file. @7-7\n"
            "Unclosed index brackets: Index key must be followed by a closing bracket. @7-7");
  EXPECT_EQ(T("€"),
            "Invalid character: This character is not used within the language. @1-2\n"
            "Variable name required: Must begin with a variable name. @1-2");
  EXPECT_EQ(T("a.b['x']"),
            "Invalid character: Single quotes are not valid. Use double quotes (\") to enclose "
            "strings. @5-6\n"
            "Index value required: Index brackets must contain either a literal number or a "
            "literal string. @5-6");
  EXPECT_EQ(T("a.b\xff"),
            "Invalid character encoding: All input files must be UTF-8 encoded. Ensure that UTF-8 "
            "encoding is selected in your editor. @4-5\n"
            "Invalid character: Expected an attribute access or an index operator. @4-5");
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// tests/tools/record_addrs_goldens.sh: what `terraform import ADDRESS` says of each address of
// testdata/addrs/cases.txt (every error's summary and detail, or the address as Terraform
// prints it back), with each error's subject as the byte range Terraform underlines.
TEST(AddrsParseTest, ImportAddressesAsTerraform) {
  const std::string dir = std::string(CAIRN_SOURCE_DIR) + "/tests/lang/base/testdata/addrs/";
  std::vector<std::string> cases = Lines(dir + "cases.txt");
  std::vector<std::string> golden = Lines(dir + "golden.txt");
  ASSERT_GT(cases.size(), 50u);
  size_t g = 0;
  for (const std::string& text : cases) {
    ASSERT_LT(g, golden.size());
    ASSERT_EQ(golden[g], "== " + text);
    std::vector<std::string> expected;
    for (++g; g < golden.size() && golden[g].rfind("== ", 0) != 0; ++g) {
      expected.push_back(golden[g]);
    }
    ParseAddrResult<AbsResourceInstance> r = ParseAbsResourceInstance(text, "<import-address>");
    std::vector<std::string> got;
    if (r.addr) got.push_back("ok " + r.addr->ToString());
    for (const Diagnostic& d : r.diagnostics) {
      std::string line = "error " + d.summary + ": " + d.detail;
      if (d.subject) {
        line += " @" + std::to_string(d.subject->start.byte) + "-" +
                std::to_string(d.subject->end.byte);
      }
      got.push_back(line);
    }
    EXPECT_EQ(got, expected) << text;
  }
  EXPECT_EQ(g, golden.size());
}

TEST(AddrsParseTest, ResourceInstanceAddresses) {
  EXPECT_EQ(I("a.b"), "a.b");
  EXPECT_EQ(I("module.m[\"x\"].data.a.b[3]"), "module.m[\"x\"].data.a.b[3]");
  EXPECT_EQ(I("module.m"),
            "Invalid address: A resource instance address is required here. The module path must "
            "be followed by a resource instance specification. @1-9");
  EXPECT_EQ(I("foo"),
            "Invalid address: Resource specification must include a resource type and name. @1-4");
  EXPECT_EQ(I("module."), "Attribute name required: Dot must be followed by attribute name. @8-8");
}

TEST(AddrsParseTest, ResourceAddresses) {
  EXPECT_EQ(R("module.a[0].x.y"), "module.a[0].x.y");
  EXPECT_EQ(R("data.x.y"), "data.x.y");
  EXPECT_EQ(R("x.y[0]"),
            "Invalid address: A resource address is required. This instance key identifies a "
            "specific resource instance, which is not expected here. @4-7");
  EXPECT_EQ(R("module.a"),
            "Invalid address: A resource address is required here. The module path must be "
            "followed by a resource specification. @1-9");
  EXPECT_EQ(R("x"),
            "Invalid address: Resource specification must include a resource type and name. @1-2");
}

TEST(AddrsParseTest, ModuleInstances) {
  EXPECT_EQ(M(""), "module ");
  EXPECT_EQ(M("module.a"), "module module.a");
  EXPECT_EQ(M("module.a[0].module.b[\"k\"]"), "module module.a[0].module.b[\"k\"]");
  EXPECT_EQ(M("a.b"),
            "Invalid module instance address: A module instance address must begin with "
            "\"module.\". @1-4");
  EXPECT_EQ(M("module.a.b.c"),
            "Invalid module instance address: The module instance address is followed by "
            "additional invalid content. @9-13");
  EXPECT_EQ(M("module."), "Attribute name required: Dot must be followed by attribute name. @8-8");
}

TEST(AddrsParseTest, DiagnosticsAreInTheNamedPseudoFile) {
  ParseAddrResult<Target> r = ParseTarget("x", "<import-address>");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  ASSERT_TRUE(r.diagnostics[0].subject.has_value());
  EXPECT_EQ(r.diagnostics[0].subject->filename.str(), "<import-address>");
  EXPECT_EQ(r.diagnostics[0].subject->start.byte, 0);
  EXPECT_EQ(r.diagnostics[0].subject->end.byte, 1);
}

TEST(AddrsParseTest, ToStringRoundTrips) {
  for (const char* text :
       {"a.b", "a.b[0]", "a.b[-3]", "a.b[\"x y\"]", "a.b[\"q\\\"\"]", "a.b[\"$${x}\"]",
        "a.b[\"%%{x}\"]", "a.b[\"\\n\\t\\\\\"]", "a.b[\"ü\"]", "data.a.b[\"k\"]", "ephemeral.a.b",
        "module.m", "module.m[1]", "module.m[\"k\"].module.n.a.b[2]"}) {
    ParseAddrResult<Target> r = ParseTarget(text);
    if (std::string(text) == "a.b[-3]") {
      // A negative key prints as Terraform prints it but does not parse back: `-` is an operator.
      EXPECT_TRUE(r.diagnostics.HasErrors());
      AbsResourceInstance i{{}, Resource{ResourceMode::kManaged, "a", "b"}, InstanceKey::Int(-3)};
      EXPECT_EQ(i.ToString(), text);
      continue;
    }
    ASSERT_TRUE(r.addr.has_value()) << text;
    EXPECT_EQ(r.addr->ToString(), text);
    ParseAddrResult<Target> again = ParseTarget(r.addr->ToString());
    ASSERT_TRUE(again.addr.has_value()) << text;
    EXPECT_EQ(*again.addr, *r.addr);
  }
}

// Keys print as Terraform's StringKey.String (seen in `terraform import`'s "resource address
// ... does not exist" message): runes Go does not print are escaped.
TEST(AddrsParseTest, KeysPrintAsTerraformPrintsThem) {
  EXPECT_EQ(I("a.b[\"\\u00a0\"]"), "a.b[\"\\u00a0\"]");
  EXPECT_EQ(I("a.b[\"\\u007f\"]"), "a.b[\"\\u007f\"]");
  EXPECT_EQ(I("a.b[\"\\u200b\"]"), "a.b[\"\\u200b\"]");
  EXPECT_EQ(I("a.b[\"\\U0010FFFFx\"]"), "a.b[\"\\U0010ffffx\"]");
  EXPECT_EQ(I("a.b[\"e\\u0301\"]"), "a.b[\"e\xcc\x81\"]");  // a combining mark prints
  EXPECT_EQ(I("a.b[\"x\\ty\"]"), "a.b[\"x\\ty\"]");
  AbsResourceInstance bad{
      {}, Resource{ResourceMode::kManaged, "a", "b"}, InstanceKey::String("\xff")};
  EXPECT_EQ(bad.ToString(), "a.b[\"\xef\xbf\xbd\"]");  // invalid UTF-8 as U+FFFD
}

// Every short text over an alphabet of the characters that matter gives an address or
// errors, never a crash, and a parsed address prints back to text that parses to it.
TEST(AddrsParseTest, ArbitraryTextNeverBreaksTheParser) {
  const std::vector<std::string> alphabet = {
      "a",      ".",    "[",   "]", "\"",   "\\", "$", "{",
      "}",      "0",    "1.5", "-", "*",    " ",  "#", "\xe2\x82\xac",
      "module", "data", "\n",  "'", "\xff", "%",  "u"};
  size_t parsed = 0;
  std::vector<std::string> texts = {""};
  for (int len = 1; len <= 4; ++len) {
    std::vector<std::string> next;
    for (const std::string& t : texts) {
      for (const std::string& c : alphabet) next.push_back(t + c);
    }
    for (const std::string& text : next) {
      ParseAddrResult<Target> r = ParseTarget(text);
      EXPECT_EQ(r.addr.has_value(), !r.diagnostics.HasErrors()) << text;
      for (const Diagnostic& d : r.diagnostics) {
        EXPECT_FALSE(d.summary.empty()) << text;
        if (d.subject) EXPECT_LE(d.subject->start.byte, d.subject->end.byte) << text;
        if (d.subject) EXPECT_LE(static_cast<size_t>(d.subject->end.byte), text.size()) << text;
      }
      if (r.addr) {
        ++parsed;
        ParseAddrResult<Target> again = ParseTarget(r.addr->ToString());
        ASSERT_TRUE(again.addr.has_value()) << text << " -> " << r.addr->ToString();
        EXPECT_EQ(*again.addr, *r.addr) << text;
      }
      ParseModuleInstance(text);
      ParseAbsResource(text);
    }
    texts = std::move(next);
  }
  EXPECT_GT(parsed, 100u);
}

TEST(AddrsTest, OrderingIsTerraforms) {
  std::vector<std::string> texts = {"module.b.a.x",    "z.a",          "a.b[10]",
                                    "data.a.a",        "a.b[2]",       "a.b",
                                    "a.b[\"b\"]",      "a.b[\"a\"]",   "module.a[1].a.a",
                                    "module.a[0].a.a", "module.a.a.a", "ephemeral.a.a"};
  std::vector<AbsResourceInstance> addrs;
  for (const std::string& t : texts) {
    ParseAddrResult<AbsResourceInstance> r = ParseAbsResourceInstance(t);
    ASSERT_TRUE(r.addr.has_value()) << t;
    addrs.push_back(*r.addr);
  }
  std::sort(addrs.begin(), addrs.end());
  std::vector<std::string> sorted;
  for (const AbsResourceInstance& a : addrs) sorted.push_back(a.ToString());
  EXPECT_EQ(sorted,
            (std::vector<std::string>{"a.b", "a.b[2]", "a.b[10]", "a.b[\"a\"]", "a.b[\"b\"]", "z.a",
                                      "data.a.a", "ephemeral.a.a", "module.a.a.a",
                                      "module.a[0].a.a", "module.a[1].a.a", "module.b.a.x"}));
}

TEST(AddrsTest, TargetContains) {
  auto target = [](const char* t) { return *ParseTarget(t).addr; };
  auto inst = [](const char* t) { return *ParseAbsResourceInstance(t).addr; };
  EXPECT_TRUE(target("module.a").Contains(inst("module.a[0].x.y")));
  EXPECT_TRUE(target("module.a").Contains(inst("module.a[\"k\"].module.b.x.y[1]")));
  EXPECT_TRUE(target("module.a").Contains(inst("module.a.x.y")));
  EXPECT_FALSE(target("module.a").Contains(inst("module.ab.x.y")));
  EXPECT_FALSE(target("module.a").Contains(inst("x.y")));
  EXPECT_TRUE(target("module.a[0]").Contains(inst("module.a[0].x.y")));
  EXPECT_FALSE(target("module.a[0]").Contains(inst("module.a[1].x.y")));
  EXPECT_FALSE(target("module.a[0]").Contains(inst("module.a.x.y")));
  EXPECT_TRUE(target("module.a.module.b").Contains(inst("module.a.module.b[2].x.y")));
  EXPECT_FALSE(target("module.a.module.b").Contains(inst("module.a[1].module.b.x.y")));
  EXPECT_TRUE(target("x.y").Contains(inst("x.y[3]")));
  EXPECT_TRUE(target("x.y").Contains(inst("x.y")));
  EXPECT_FALSE(target("x.y").Contains(inst("data.x.y")));
  EXPECT_FALSE(target("x.y").Contains(inst("module.a.x.y")));
  EXPECT_TRUE(target("x.y[\"k\"]").Contains(inst("x.y[\"k\"]")));
  EXPECT_FALSE(target("x.y[\"k\"]").Contains(inst("x.y[\"j\"]")));
  EXPECT_FALSE(target("x.y[0]").Contains(inst("x.y")));
  EXPECT_TRUE(target("module.m[1].x.y").Contains(inst("module.m[1].x.y[0]")));
  EXPECT_FALSE(target("module.m[1].x.y").Contains(inst("module.m[2].x.y[0]")));
}

}  // namespace
}  // namespace cairn::addrs
