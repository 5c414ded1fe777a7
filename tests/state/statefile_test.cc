#include "state/statefile.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lang/base/value_console.h"

namespace cairn::state {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// States the real Terraform wrote (tests/tools/record_state_goldens.sh) are read and written
/// back byte for byte; Cairn only adds its "cairn_version" line after "terraform_version".
class TerraformStateTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TerraformStateTest, RewritesIdenticallyModuloCairnVersion) {
  std::string original = Slurp(fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata" /
                               GetParam() / "terraform.tfstate");
  ASSERT_FALSE(original.empty());
  ReadStateResult read = ReadStateFile(original);
  ASSERT_FALSE(read.diagnostics.HasErrors()) << read.diagnostics[0].detail;
  ASSERT_TRUE(read.state.has_value());
  EXPECT_EQ(read.state->cairn_version, "");

  WriteStateResult same = WriteStateFile(*read.state);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same.bytes, original);

  State with_version = *read.state;
  with_version.cairn_version = "9.8.7";
  std::string expected = original;
  size_t line_end = expected.find('\n', expected.find("\"terraform_version\""));
  expected.insert(line_end + 1, "  \"cairn_version\": \"9.8.7\",\n");
  EXPECT_EQ(WriteStateFile(with_version).bytes, expected);

  // And what Cairn wrote reads back to the same state.
  ReadStateResult again = ReadStateFile(expected);
  ASSERT_TRUE(again.state.has_value());
  EXPECT_EQ(again.state->cairn_version, "9.8.7");
  EXPECT_TRUE(SameContent(*again.state, *read.state));
}

INSTANTIATE_TEST_SUITE_P(Goldens, TerraformStateTest,
                         ::testing::Values("empty", "outputs", "checks", "checks_failed"));

TEST(StateFileTest, ReadsOutputsWithTheirTypes) {
  std::string text = Slurp(fs::path(CAIRN_SOURCE_DIR) /
                           "tests/state/testdata/outputs/terraform.tfstate");
  ReadStateResult read = ReadStateFile(text);
  ASSERT_TRUE(read.state.has_value());
  const State& s = *read.state;
  EXPECT_EQ(s.terraform_version, "1.11.4");
  EXPECT_EQ(s.serial, 1u);
  EXPECT_EQ(s.lineage.size(), 36u);
  ASSERT_EQ(s.outputs.count("secret"), 1u);
  EXPECT_TRUE(s.outputs.at("secret").sensitive);
  EXPECT_EQ(s.outputs.at("secret").value.AsString(), "s3cr3t");
  EXPECT_FALSE(s.outputs.at("str").sensitive);
  EXPECT_EQ(FormatConsoleValue(s.outputs.at("str").value), "\"hello <&> world\"");
  EXPECT_EQ(FormatConsoleValue(s.outputs.at("big").value), "12345678901234567890");
  EXPECT_EQ(FormatConsoleValue(s.outputs.at("list").value), "tolist([\n  \"a\",\n  \"b\",\n])");
  EXPECT_TRUE(s.outputs.at("set").value.type().IsSet());
  EXPECT_TRUE(s.outputs.at("map").value.type().IsMap());
  EXPECT_EQ(s.outputs.count("nul"), 0u);  // Terraform does not record null outputs
  EXPECT_EQ(s.resources_json, "[]");
  EXPECT_EQ(s.check_results_json, "null");
}

TEST(StateFileTest, EmptyFileIsNoState) {
  ReadStateResult read = ReadStateFile("");
  EXPECT_FALSE(read.state.has_value());
  EXPECT_TRUE(read.diagnostics.empty());
}

std::string OnlyError(const ReadStateResult& r) {
  EXPECT_FALSE(r.state.has_value());
  EXPECT_EQ(r.diagnostics.size(), 1u);
  if (r.diagnostics.empty()) return "";
  return r.diagnostics[0].summary + ": " + r.diagnostics[0].detail;
}

TEST(StateFileTest, FutureVersionNamesItsWriter) {
  EXPECT_EQ(OnlyError(ReadStateFile(R"({"version": 5, "terraform_version": "1.99.0"})")),
            "Unsupported state file format: The state file uses format version 5, which is not "
            "supported by Cairn " CAIRN_VERSION
            ". This state file was created by Terraform 1.99.0.");
  EXPECT_EQ(OnlyError(ReadStateFile(R"({"version": 7, "terraform_version": "x y"})")),
            "Unsupported state file format: The state file uses format version 7, which is not "
            "supported by Cairn " CAIRN_VERSION
            ". This state file may have been created by a newer version of Terraform.");
}

TEST(StateFileTest, LegacyVersionsNeedTerraformToUpgrade) {
  EXPECT_EQ(OnlyError(ReadStateFile(R"({"version": 3, "serial": 1})")),
            "Unsupported state file format: The state file uses format version 3, which Cairn "
            "does not read. Upgrade it to format version 4 by running any Terraform 1.x command "
            "that writes the state (for example \"terraform apply -refresh-only\") first.");
  EXPECT_EQ(OnlyError(ReadStateFile("tfstate\x01\x02")),
            "Unsupported state file format: The state is stored in a legacy binary format that "
            "is not supported since Terraform v0.7. To continue, first upgrade the state using "
            "Terraform 0.6.16 or earlier.");
}

TEST(StateFileTest, SyntaxErrorOffsetsAreGos) {
  auto offset_of = [](std::string_view text) {
    ReadStateResult r = ReadStateFile(text);
    EXPECT_EQ(r.diagnostics.size(), 2u);
    return r.diagnostics.empty() ? std::string() : r.diagnostics[0].detail;
  };
  EXPECT_EQ(offset_of("{\"version\": 4,"),
            "The state file could not be parsed as JSON: syntax error at byte offset 14.");
  EXPECT_EQ(offset_of("nope"),
            "The state file could not be parsed as JSON: syntax error at byte offset 2.");
  EXPECT_EQ(offset_of("{\"a\": 01}"),
            "The state file could not be parsed as JSON: syntax error at byte offset 8.");
  EXPECT_EQ(offset_of("{\"a\": \"\\x\"}"),
            "The state file could not be parsed as JSON: syntax error at byte offset 9.");
  EXPECT_EQ(offset_of("[1.]"),
            "The state file could not be parsed as JSON: syntax error at byte offset 4.");
}

TEST(StateFileTest, WritesTerraformsLayout) {
  State s;
  s.terraform_version = "1.11.0";
  s.cairn_version = "0.1.0";
  s.serial = 3;
  s.lineage = "00000000-0000-4000-8000-000000000000";
  s.outputs["b"] = {Value::Object({{"z", Value::String("<x>")}, {"a", Value::Tuple({})}}), false};
  s.outputs["a"] = {Value::Int(1).WithMarks(Marks::Sensitive()), true};
  WriteStateResult w = WriteStateFile(s);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w.bytes,
            "{\n"
            "  \"version\": 4,\n"
            "  \"terraform_version\": \"1.11.0\",\n"
            "  \"cairn_version\": \"0.1.0\",\n"
            "  \"serial\": 3,\n"
            "  \"lineage\": \"00000000-0000-4000-8000-000000000000\",\n"
            "  \"outputs\": {\n"
            "    \"a\": {\n"
            "      \"value\": 1,\n"
            "      \"type\": \"number\",\n"
            "      \"sensitive\": true\n"
            "    },\n"
            "    \"b\": {\n"
            "      \"value\": {\n"
            "        \"a\": [],\n"
            "        \"z\": \"\\u003cx\\u003e\"\n"
            "      },\n"
            "      \"type\": [\n"
            "        \"object\",\n"
            "        {\n"
            "          \"a\": [\n"
            "            \"tuple\",\n"
            "            []\n"
            "          ],\n"
            "          \"z\": \"string\"\n"
            "        }\n"
            "      ]\n"
            "    }\n"
            "  },\n"
            "  \"resources\": [],\n"
            "  \"check_results\": null\n"
            "}\n");
}

TEST(StateFileTest, UnknownOutputCannotBeWritten) {
  State s;
  s.outputs["u"] = {Value::Unknown(Type::String()), false};
  WriteStateResult w = WriteStateFile(s);
  EXPECT_FALSE(w.ok());
  EXPECT_NE(w.error.find("output \"u\""), std::string::npos);
}

TEST(StateFileTest, ResourcesAreKeptAsTheyWere) {
  std::string text =
      "{\"version\":4,\"serial\":2,\"lineage\":\"l\",\"outputs\":{},"
      "\"resources\":[{\"mode\":\"managed\",\"type\":\"terraform_data\",\"name\":\"a\","
      "\"provider\":\"provider[\\\"terraform.io/builtin/terraform\\\"]\",\"instances\":"
      "[{\"schema_version\":0,\"attributes\":{\"id\":\"x\",\"n\":1.50}}]}],"
      "\"check_results\":[]}";
  ReadStateResult r = ReadStateFile(text);
  ASSERT_TRUE(r.state.has_value());
  EXPECT_EQ(r.state->check_results_json, "null");  // as Terraform writes no results
  std::string out = WriteStateFile(*r.state).bytes;
  EXPECT_NE(out.find("            \"n\": 1.50\n"), std::string::npos) << out;
  EXPECT_NE(out.find("      \"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\",\n"),
            std::string::npos)
      << out;
}

TEST(StateFileTest, SameContentIgnoresBookkeeping) {
  State a;
  a.outputs["x"] = {Value::String("1"), false};
  State b = a;
  b.serial = 9;
  b.lineage = "other";
  b.cairn_version = "1.0.0";
  EXPECT_TRUE(SameContent(a, b));
  b.outputs["x"].sensitive = true;
  EXPECT_FALSE(SameContent(a, b));
  b = a;
  b.outputs["x"].value = Value::String("2");
  EXPECT_FALSE(SameContent(a, b));
  b = a;
  b.outputs["y"] = {Value::True(), false};
  EXPECT_FALSE(SameContent(a, b));
}

}  // namespace
}  // namespace cairn::state
