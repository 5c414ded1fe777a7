#include "state/statefile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "lang/base/addrs.h"
#include "lang/base/go_json_syntax.h"
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
  std::string original =
      Slurp(fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata" / GetParam() / "terraform.tfstate");
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
                         ::testing::Values("empty", "outputs", "checks", "checks_failed",
                                           "resources", "modules", "tainted", "deposed",
                                           "data_source", "rewrite"));

// testdata/rewrite/record.sh: Terraform read a hand-written state (float key, unsorted
// instances, raw "<" and U+2028 in attributes, odd spacing, path step keys out of order),
// removed one resource and wrote the rest. Cairn doing the same writes the same bytes.
TEST(StateFileTest, NormalizesAHandWrittenStateAsTerraform) {
  const fs::path dir = fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata/rewrite";
  ReadStateResult read = ReadStateFile(Slurp(dir / "before.tfstate"));
  ASSERT_TRUE(read.state.has_value()) << read.diagnostics[0].detail;
  State s = *read.state;
  ASSERT_EQ(s.resources.size(), 2u);
  ASSERT_EQ(s.resources[0].addr.ToString(), "terraform_data.gone");
  s.resources.erase(s.resources.begin());
  s.serial = 4;
  EXPECT_EQ(WriteStateFile(s).bytes, Slurp(dir / "terraform.tfstate"));
}

TEST(StateFileTest, ReadsOutputsWithTheirTypes) {
  std::string text =
      Slurp(fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata/outputs/terraform.tfstate");
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
  EXPECT_TRUE(s.resources.empty());
  EXPECT_EQ(s.check_results_json, "null");
}

std::string OnlyError(const ReadStateResult& r);

State ReadGolden(const std::string& name) {
  std::string text =
      Slurp(fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata" / name / "terraform.tfstate");
  ReadStateResult read = ReadStateFile(text);
  EXPECT_FALSE(read.diagnostics.HasErrors()) << name;
  return read.state.value_or(State());
}

addrs::AbsResourceInstance Addr(const char* text) {
  addrs::ParseAddrResult<addrs::AbsResourceInstance> r = addrs::ParseAbsResourceInstance(text);
  EXPECT_TRUE(r.addr.has_value()) << text;
  return r.addr.value_or(addrs::AbsResourceInstance());
}

std::vector<std::string> InstanceAddresses(const State& s) {
  std::vector<std::string> out;
  for (const ResourceState& r : s.resources) {
    for (const InstanceState& i : r.instances) {
      out.push_back(addrs::AbsResourceInstance{r.addr.module, r.addr.resource, i.key}.ToString());
    }
  }
  return out;
}

TEST(StateFileTest, ReadsResourcesIntoTheModel) {
  State s = ReadGolden("resources");
  ASSERT_EQ(s.resources.size(), 4u);
  EXPECT_EQ(s.InstanceCount(), 3u + 9u + 1u + 1u);
  EXPECT_EQ(
      InstanceAddresses(s),
      (std::vector<std::string>{
          "terraform_data.counted[0]", "terraform_data.counted[1]", "terraform_data.counted[2]",
          "terraform_data.keyed[\"$${x}\"]", "terraform_data.keyed[\"10\"]",
          "terraform_data.keyed[\"9\"]", "terraform_data.keyed[\"<&>\"]",
          "terraform_data.keyed[\"a\"]", "terraform_data.keyed[\"b\\\"q\"]",
          "terraform_data.keyed[\"tab\\there\"]", "terraform_data.keyed[\"x y\"]",
          "terraform_data.keyed[\"ü\"]", "terraform_data.plain", "terraform_data.secret"}));
  const ResourceState* keyed = s.FindResource(Addr("terraform_data.keyed").ContainingResource());
  ASSERT_NE(keyed, nullptr);
  EXPECT_EQ(keyed->provider, "provider[\"terraform.io/builtin/terraform\"]");
  EXPECT_EQ(keyed->each, "");  // Terraform 1.x does not write it
  const ObjectState* lt = s.FindCurrent(Addr("terraform_data.keyed[\"<&>\"]"));
  ASSERT_NE(lt, nullptr);
  // Compact, as Go's json.Compact with HTML escaping leaves it.
  EXPECT_NE(lt->attributes_json.find("\"input\":{\"value\":\"\\u003c\\u0026\\u003e\","
                                     "\"type\":\"string\"}"),
            std::string::npos)
      << lt->attributes_json;
  EXPECT_EQ(lt->attributes_json.find(' '), std::string::npos);
  EXPECT_TRUE(lt->create_before_destroy);  // it is a dependency of a create_before_destroy one
  const ObjectState* secret = s.FindCurrent(Addr("terraform_data.secret"));
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ(secret->sensitive_attributes_json, "[[{\"type\":\"get_attr\",\"value\":\"input\"}]]");
  EXPECT_EQ(secret->dependencies,
            (std::vector<std::string>{"terraform_data.counted", "terraform_data.keyed"}));
  EXPECT_TRUE(secret->create_before_destroy);
  EXPECT_EQ(secret->status, ObjectState::Status::kReady);
  EXPECT_EQ(secret->schema_version, 0u);
  const ObjectState* plain = s.FindCurrent(Addr("terraform_data.plain"));
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->sensitive_attributes_json, "[]");
  EXPECT_FALSE(plain->create_before_destroy);
}

TEST(StateFileTest, ReadsModulesTaintedDeposedAndData) {
  State m = ReadGolden("modules");
  std::vector<std::string> names = InstanceAddresses(m);
  ASSERT_EQ(names.size(), 1u + 5u * (1u + 4u));  // 5 instances of child, 4 leaves under each
  EXPECT_EQ(names.front(), "terraform_data.root");
  EXPECT_EQ(names[1], "module.counted[0].terraform_data.here");
  EXPECT_EQ(names[2], "module.counted[0].module.grandchild[0].terraform_data.leaf[\"a\"]");
  EXPECT_EQ(names.back(), "module.single.module.grandchild[1].terraform_data.leaf[\"b\"]");
  EXPECT_NE(m.FindCurrent(Addr("module.keyed[\"k\\\"1\"].terraform_data.here")), nullptr);
  EXPECT_TRUE(std::is_sorted(
      m.resources.begin(), m.resources.end(),
      [](const ResourceState& a, const ResourceState& b) { return a.addr < b.addr; }));

  State t = ReadGolden("tainted");
  EXPECT_EQ(t.FindCurrent(Addr("terraform_data.t[0]"))->status, ObjectState::Status::kReady);
  EXPECT_EQ(t.FindCurrent(Addr("terraform_data.t[1]"))->status, ObjectState::Status::kTainted);

  State d = ReadGolden("deposed");
  const ResourceState* r = d.FindResource(Addr("terraform_data.d").ContainingResource());
  ASSERT_NE(r, nullptr);
  const InstanceState* i1 = r->Find(addrs::InstanceKey::Int(1));
  ASSERT_NE(i1, nullptr);
  ASSERT_TRUE(i1->current.has_value());
  EXPECT_EQ(i1->current->status, ObjectState::Status::kTainted);
  ASSERT_EQ(i1->deposed.size(), 1u);
  EXPECT_EQ(i1->deposed.begin()->first.size(), 8u);
  EXPECT_TRUE(r->Find(addrs::InstanceKey::Int(0))->deposed.empty());

  State ds = ReadGolden("data_source");
  ASSERT_EQ(ds.resources.size(), 2u);
  EXPECT_EQ(ds.resources[0].addr.ToString(), "terraform_data.uses");  // managed before data
  EXPECT_EQ(ds.resources[1].addr.ToString(), "data.terraform_remote_state.other");
}

/// A state with one resource entry `resource` (JSON) in its `resources`.
std::string WithResource(const std::string& resource) {
  return "{\"version\":4,\"terraform_version\":\"1.11.4\",\"serial\":1,\"lineage\":\"x\","
         "\"outputs\":{},\"resources\":[" +
         resource + "],\"check_results\":null}";
}

std::string Instance(const std::string& fields) {
  return "{\"mode\":\"managed\",\"type\":\"a\",\"name\":\"b\",\"provider\":"
         "\"provider[\\\"terraform.io/builtin/terraform\\\"]\",\"instances\":[" +
         fields + "]}";
}

// What `terraform show` prints for broken state files (after "Plan read error: ").
TEST(StateFileTest, ResourceErrorsAreTerraforms) {
  auto error = [](const std::string& resource) {
    return OnlyError(ReadStateFile(WithResource(resource)));
  };
  EXPECT_EQ(error(Instance("{\"schema_version\":\"x\",\"attributes\":{}}")),
            "Invalid state file format: The state file field "
            "\"resources.instances.schema_version\" has invalid value string");
  EXPECT_EQ(error(Instance("{\"schema_version\":-1,\"attributes\":{}}")),
            "Invalid state file format: The state file field "
            "\"resources.instances.schema_version\" has invalid value number -1");
  EXPECT_EQ(error(Instance("{\"index_key\":true,\"schema_version\":0,\"attributes\":{}}")),
            "Invalid resource instance metadata in state: Resource a.b has an instance with the "
            "invalid instance key true.");
  EXPECT_EQ(error(Instance("{\"index_key\":{\"a\":1},\"schema_version\":0,\"attributes\":{}}")),
            "Invalid resource instance metadata in state: Resource a.b has an instance with the "
            "invalid instance key map[string]interface {}{\"a\":1}.");
  EXPECT_EQ(error("{\"mode\":\"bogus\",\"type\":\"a\",\"name\":\"b\",\"provider\":\"p\","
                  "\"instances\":[]}"),
            "Invalid resource mode in state: State contains a resource with mode \"bogus\" "
            "(\"a\" \"b\") which is not supported.");
  EXPECT_EQ(error(Instance("{\"status\":\"x\",\"schema_version\":0,\"attributes\":{}}")),
            "Invalid resource instance metadata in state: Instance a.b has invalid status \"x\".");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes\":{},\"dependencies\":[\"x\"]}")),
            "Invalid address: Resource specification must include a resource type and name.");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes\":{},\"private\":\"!!\"}")),
            "Invalid state file format: The state file does not conform to the expected JSON "
            "data structure: illegal base64 data at input byte 0.");
  EXPECT_EQ(error("{\"module\":\"module.\",\"mode\":\"managed\",\"type\":\"a\",\"name\":\"b\","
                  "\"provider\":\"p\",\"instances\":[]}"),
            "Attribute name required: Dot must be followed by attribute name.");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes\":{}},"
                           "{\"schema_version\":0,\"attributes\":{}}")),
            "Duplicate resource instance in state: Instance a.b appears multiple times in the "
            "state file.");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"deposed\":\"abc\",\"attributes\":{}}")),
            "Invalid resource instance metadata in state: Instance a.b has an object with deposed "
            "key \"abc\", which is not correctly formatted.");
  EXPECT_EQ(error(Instance("{\"index_key\":1,\"deposed\":\"0000000a\",\"attributes\":{}},"
                           "{\"index_key\":1,\"deposed\":\"0000000a\",\"attributes\":{}}")),
            "Duplicate resource instance in state: Instance a.b[1] deposed object \"0000000a\" "
            "appears multiple times in the state file.");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes\":{},"
                           "\"sensitive_attributes\":{}}")),
            "Error unmarshaling path steps: json: cannot unmarshal object into Go value of type "
            "[][]statefile.pathStep");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes\":{},"
                           "\"sensitive_attributes\":[[{\"type\":\"zz\",\"value\":1}]]}")),
            "Unsupported path step: Unsupported path step type \"zz\"");
  EXPECT_EQ(error(Instance("{\"schema_version\":0,\"attributes_flat\":{\"id\":\"x\"}}")),
            "Unsupported legacy state: Instance a.b has its attributes in the flat format "
            "(\"attributes_flat\") of a state written by an old Terraform, which Cairn does not "
            "read. Upgrade the state with Terraform first: run any Terraform 1.x command that "
            "writes the state (for example \"terraform apply -refresh-only\").");
  EXPECT_EQ(error("3"),
            "Invalid state file format: The state file field \"resources\" has invalid value "
            "number");
  EXPECT_EQ(error(Instance("[]")),
            "Invalid state file format: The state file field \"resources.instances\" has "
            "invalid value array");
}

// tests/tools/record_state_error_goldens.sh: what `terraform show` says of a state whose
// `resources` array is each line of testdata/errors/cases.txt.
TEST(StateFileTest, ReadErrorsAsTerraform) {
  const fs::path dir = fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata/errors";
  std::istringstream cases(Slurp(dir / "cases.txt"));
  std::istringstream golden_text(Slurp(dir / "golden.txt"));
  std::vector<std::string> golden;
  for (std::string line; std::getline(golden_text, line);) golden.push_back(line);
  size_t g = 0, n = 0;
  for (std::string resources; std::getline(cases, resources); ++n) {
    ASSERT_LT(g, golden.size());
    ASSERT_EQ(golden[g], "== " + resources);
    std::vector<std::string> expected;
    for (++g; g < golden.size() && golden[g].rfind("== ", 0) != 0; ++g) {
      expected.push_back(golden[g]);
    }
    ReadStateResult r = ReadStateFile(WithResource(resources));
    std::vector<std::string> got;
    if (r.state) got.push_back("ok");
    for (const Diagnostic& d : r.diagnostics) got.push_back(d.summary + ": " + d.detail);
    EXPECT_EQ(got, expected) << resources;
  }
  EXPECT_EQ(g, golden.size());
  EXPECT_GT(n, 40u);
}

void CollectSpans(const JsonSpan& v, std::vector<JsonSpan>& out) {
  out.push_back(v);
  if (v.kind == JsonKind::kObject) {
    for (const auto& [key, member] : JsonObjectMembers(v)) CollectSpans(member, out);
  } else if (v.kind == JsonKind::kArray) {
    for (const JsonSpan& e : JsonArrayElements(v)) CollectSpans(e, out);
  }
}

// Every value of Terraform-written states replaced by a value of each other kind: the reader
// gives a state or errors with a message, never a crash, and what it reads writes and reads
// back to the same bytes.
TEST(StateFileTest, AnyValueOfAnyKindAnywhereIsHandled) {
  for (const char* name : {"resources", "deposed", "modules", "data_source"}) {
    std::string text =
        Slurp(fs::path(CAIRN_SOURCE_DIR) / "tests/state/testdata" / name / "terraform.tfstate");
    std::vector<JsonSpan> spans;
    CollectSpans(JsonValueOf(text), spans);
    size_t read_ok = 0, failed = 0;
    for (const JsonSpan& span : spans) {
      const size_t at = static_cast<size_t>(span.text.data() - text.data());
      for (const char* other : {"null", "true", "-1.5", "7", "\"x\"", "[]", "{}", "[{}]",
                                "{\"a\":[1]}", "\"00000000\""}) {
        std::string changed = text.substr(0, at) + other + text.substr(at + span.text.size());
        ReadStateResult r = ReadStateFile(changed);
        if (!r.state) {
          ++failed;
          ASSERT_TRUE(r.diagnostics.HasErrors()) << name << ": " << other << " at " << at;
          for (const Diagnostic& d : r.diagnostics) {
            EXPECT_FALSE(d.summary.empty());
            EXPECT_FALSE(d.detail.empty()) << d.summary;
          }
          continue;
        }
        ++read_ok;
        WriteStateResult w = WriteStateFile(*r.state);
        ASSERT_TRUE(w.ok()) << w.error;
        ReadStateResult again = ReadStateFile(w.bytes);
        ASSERT_TRUE(again.state.has_value()) << name << ": " << other << " at " << at << "\n"
                                             << again.diagnostics[0].detail << "\n"
                                             << w.bytes;
        EXPECT_EQ(WriteStateFile(*again.state).bytes, w.bytes);
      }
    }
    EXPECT_GT(read_ok, 100u) << name;
    EXPECT_GT(failed, 100u) << name;
  }
}

TEST(StateFileTest, FirstJsonErrorWinsOverLaterChecks) {
  // Go's decoder reports its first error; Terraform's checks after decoding never run.
  ReadStateResult r = ReadStateFile(WithResource(
      "{\"mode\":\"bogus\"},{\"mode\":\"managed\",\"type\":\"a\",\"name\":\"b\",\"instances\":"
      "[{\"create_before_destroy\":1}]}"));
  EXPECT_EQ(OnlyError(r),
            "Invalid state file format: The state file field "
            "\"resources.instances.create_before_destroy\" has invalid value number");
}

TEST(StateFileTest, SeveralResourceErrorsAreAllReported) {
  ReadStateResult r = ReadStateFile(
      WithResource("{\"mode\":\"bogus\",\"type\":\"a\",\"name\":\"b\"}," +
                   Instance("{\"status\":\"x\"},{\"index_key\":2,\"status\":\"y\"}")));
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].summary, "Invalid resource mode in state");
  EXPECT_EQ(r.diagnostics[1].detail, "Instance a.b has invalid status \"x\".");
  EXPECT_EQ(r.diagnostics[2].detail, "Instance a.b[2] has invalid status \"y\".");
  EXPECT_FALSE(r.state.has_value());
}

TEST(StateFileTest, RepeatedResourceEntriesMerge) {
  ReadStateResult r = ReadStateFile(WithResource(
      "{\"mode\":\"managed\",\"type\":\"a\",\"name\":\"b\",\"provider\":\"p1\",\"instances\":"
      "[{\"index_key\":2,\"attributes\":{\"id\":\"two\"}}]},"
      "{\"mode\":\"data\",\"type\":\"a\",\"name\":\"b\",\"provider\":\"p\",\"instances\":[]},"
      "{\"MODE\":\"managed\",\"Type\":\"a\",\"name\":\"b\",\"provider\":\"p2\",\"instances\":"
      "[{\"index_key\":1.9,\"attributes\":{\"id\" : \"one\"}}]}"));
  ASSERT_TRUE(r.state.has_value()) << r.diagnostics[0].detail;
  ASSERT_EQ(r.state->resources.size(), 2u);
  const ResourceState& b = r.state->resources[0];
  EXPECT_EQ(b.addr.ToString(), "a.b");
  EXPECT_EQ(b.provider, "p2");  // the last entry's
  ASSERT_EQ(b.instances.size(), 2u);
  EXPECT_EQ(b.instances[0].key, addrs::InstanceKey::Int(1));  // Go's int(1.9)
  EXPECT_EQ(b.instances[0].current->attributes_json, "{\"id\":\"one\"}");
  EXPECT_EQ(b.instances[1].current->attributes_json, "{\"id\":\"two\"}");
  EXPECT_EQ(r.state->resources[1].addr.ToString(), "data.a.b");
  EXPECT_TRUE(r.state->resources[1].instances.empty());  // kept, as Terraform keeps it
  std::string out = WriteStateFile(*r.state).bytes;
  EXPECT_NE(out.find("      \"provider\": \"p\",\n      \"instances\": []\n"), std::string::npos)
      << out;
}

TEST(StateFileTest, DependenciesAreConfigAddressesSorted) {
  ReadStateResult r = ReadStateFile(
      WithResource(Instance("{\"attributes\":{},\"dependencies\":[\"module.m[1].x.y\",\"a.a\"]}")));
  ASSERT_TRUE(r.state.has_value());
  EXPECT_EQ(r.state->resources[0].instances[0].current->dependencies,
            (std::vector<std::string>{"a.a", "module.m.x.y"}));
  ReadStateResult bad =
      ReadStateFile(WithResource(Instance("{\"attributes\":{},\"dependencies\":[\"x.y[0]\"]}")));
  EXPECT_EQ(OnlyError(bad),
            "Invalid address: A resource address is required. This instance key identifies a "
            "specific resource instance, which is not expected here.");
}

TEST(StateFileTest, WritesResourcesInTerraformsFileOrder) {
  State s;
  s.lineage = "l";
  ObjectState o;
  o.attributes_json = "{\"id\":\"i\",\"list\":[1,{}],\"s\":\"<\"}";
  o.dependencies = {"z.z", "a.a"};
  auto put = [&](const char* addr, const char* each = "") {
    s.SetCurrent(Addr(addr), o, "provider[\"terraform.io/builtin/terraform\"]", each);
  };
  put("module.b.t.n");
  put("module.a[10].t.n");
  put("module.a[2].t.n");
  put("data.t.n");
  put("t.n[\"k\"]", "map");
  ObjectState tainted = o;
  tainted.status = ObjectState::Status::kTainted;
  tainted.dependencies.clear();
  tainted.create_before_destroy = true;
  tainted.private_data = "eyJ4IjoxfQ==";
  tainted.sensitive_attributes_json = "[[{\"type\":\"get_attr\",\"value\":\"s\"}]]";
  s.FindResource(Addr("t.n").ContainingResource())
      ->instances[0]
      .deposed.emplace("00000002", tainted);
  WriteStateResult w = WriteStateFile(s);
  ASSERT_TRUE(w.ok());
  const std::string object =
      "          \"schema_version\": 0,\n"
      "          \"attributes\": {\n"
      "            \"id\": \"i\",\n"
      "            \"list\": [\n"
      "              1,\n"
      "              {}\n"
      "            ],\n"
      "            \"s\": \"\\u003c\"\n"
      "          },\n"
      "          \"sensitive_attributes\": [],\n"
      "          \"dependencies\": [\n"
      "            \"a.a\",\n"
      "            \"z.z\"\n"
      "          ]\n"
      "        }";
  auto resource = [&](const char* module, const char* mode, const char* each) {
    std::string out = "    {\n";
    if (*module) out += std::string("      \"module\": \"") + module + "\",\n";
    out += std::string("      \"mode\": \"") + mode + "\",\n";
    out += "      \"type\": \"t\",\n      \"name\": \"n\",\n";
    if (*each) out += std::string("      \"each\": \"") + each + "\",\n";
    out +=
        "      \"provider\": \"provider[\\\"terraform.io/builtin/terraform\\\"]\",\n"
        "      \"instances\": [\n        {\n";
    return out;
  };
  std::string expected =
      "{\n  \"version\": 4,\n  \"terraform_version\": \"1.11.0\",\n  \"serial\": 0,\n"
      "  \"lineage\": \"l\",\n  \"outputs\": {},\n  \"resources\": [\n" +
      resource("", "data", "") + object + "\n      ]\n    },\n" +  //
      resource("", "managed", "map") + "          \"index_key\": \"k\",\n" + object + ",\n" +
      "        {\n"
      "          \"index_key\": \"k\",\n"
      "          \"status\": \"tainted\",\n"
      "          \"deposed\": \"00000002\",\n"
      "          \"schema_version\": 0,\n"
      "          \"attributes\": {\n"
      "            \"id\": \"i\",\n"
      "            \"list\": [\n"
      "              1,\n"
      "              {}\n"
      "            ],\n"
      "            \"s\": \"\\u003c\"\n"
      "          },\n"
      "          \"sensitive_attributes\": [\n"
      "            [\n"
      "              {\n"
      "                \"type\": \"get_attr\",\n"
      "                \"value\": \"s\"\n"
      "              }\n"
      "            ]\n"
      "          ],\n"
      "          \"private\": \"eyJ4IjoxfQ==\",\n"
      "          \"create_before_destroy\": true\n"
      "        }\n      ]\n    },\n" +
      // Module addresses in text order: "module.a[10]" before "module.a[2]".
      resource("module.a[10]", "managed", "") + object + "\n      ]\n    },\n" +
      resource("module.a[2]", "managed", "") + object + "\n      ]\n    },\n" +
      resource("module.b", "managed", "") + object + "\n      ]\n    }\n" +
      "  ],\n  \"check_results\": null\n}\n";
  EXPECT_EQ(w.bytes, expected);
  // And it reads back to a state that writes the same bytes.
  ReadStateResult again = ReadStateFile(w.bytes);
  ASSERT_TRUE(again.state.has_value()) << again.diagnostics[0].detail;
  EXPECT_EQ(WriteStateFile(*again.state).bytes, w.bytes);
  EXPECT_EQ(again.state->resources.size(), s.resources.size());
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
  b = a;
  ObjectState o;
  b.SetCurrent(*addrs::ParseAbsResourceInstance("x.y").addr, o, "p", "");
  EXPECT_FALSE(SameContent(a, b));
  State c = b;
  c.serial = 3;
  EXPECT_TRUE(SameContent(b, c));
  c.resources[0].instances[0].current->attributes_json = "{\"id\":\"1\"}";
  EXPECT_FALSE(SameContent(b, c));
}

}  // namespace
}  // namespace cairn::state
