#include "planner/plan/planfile.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

#include "lang/base/value_console.h"
#include "state/statefile.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

Value Str(const char* s) { return Value::String(s); }

addrs::AbsResourceInstance Instance(addrs::ModuleInstance module, const char* type,
                                    const char* name, addrs::InstanceKey key = {}) {
  return {std::move(module), {addrs::ResourceMode::kManaged, type, name}, std::move(key)};
}

state::State StateFromText(const std::string& text) {
  state::ReadStateResult read = state::ReadStateFile(text);
  EXPECT_TRUE(read.state.has_value());
  return read.state ? *read.state : state::State();
}

constexpr const char* kPriorState = R"({
  "version": 4,
  "terraform_version": "1.11.4",
  "serial": 7,
  "lineage": "8c4d7a44-0c8a-2f7e-5c1c-1f6a0f0b3a21",
  "outputs": {
    "greeting": {
      "value": "hello",
      "type": "string"
    }
  },
  "resources": [
    {
      "mode": "managed",
      "type": "terraform_data",
      "name": "a",
      "provider": "provider[\"terraform.io/builtin/terraform\"]",
      "instances": [
        {
          "schema_version": 0,
          "attributes": {
            "id": "x1",
            "input": "v1",
            "output": "v1",
            "triggers_replace": null
          },
          "sensitive_attributes": []
        }
      ]
    }
  ],
  "check_results": null
}
)";

/// A plan exercising every field and every kind of value the format must keep.
SavedPlan SamplePlan() {
  SavedPlan saved;
  saved.config_hash = "0123abcd";
  saved.state_lineage = "8c4d7a44-0c8a-2f7e-5c1c-1f6a0f0b3a21";
  saved.state_serial = 7;
  Plan& plan = saved.plan;
  plan.mode = PlanMode::kNormal;
  plan.errored = false;
  plan.timestamp = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(1795305600123456789LL)));

  Value secret = Str("s3cr3t").WithMarks(Marks::Sensitive());
  plan.variables.emplace("name", Str("n1"));
  plan.variables.emplace("secret", secret);
  plan.variables.emplace("n", Value::Num(*Number::Parse("0.1")));
  plan.variables.emplace("big", Value::Num(*Number::Parse("123456789012345678901234567890.5")));
  plan.variables.emplace("i64", Value::Int(-42));
  plan.variables.emplace("f53", Value::Num(Number::FromDouble(0.1)));
  plan.variables.emplace("inf", Value::Num(Number::Infinity(true)));
  plan.variables.emplace("none", Value());

  Type attrs = Type::Object({{"id", Type::String()},
                             {"input", Type::Dynamic()},
                             {"output", Type::Dynamic()},
                             {"triggers_replace", Type::Dynamic()}});
  ResourceInstanceChange update;
  update.addr = Instance({}, "terraform_data", "a");
  update.provider = "provider[\"terraform.io/builtin/terraform\"]";
  update.action = Action::kUpdate;
  update.before = Value::Object({{"id", Str("x1")},
                                 {"input", Str("v1")},
                                 {"output", Str("v1")},
                                 {"triggers_replace", Value::Null(Type::Dynamic())}});
  Value nested = Value::Object(
      {{"list", Value::List(Type::String(), {Str("a"), Value::Unknown(Type::String())})},
       {"set", Value::Set(Type::Number(), {Value::Int(3), Value::Int(1),
                                           Value::Unknown(Type::Number()).RefineNotNull()})},
       {"map", Value::Map(Type::Bool(), {{"k", Value::True().WithMarks(Marks::Sensitive())},
                                         {"j", Value::Null(Type::Bool())}})},
       {"tuple", Value::Tuple({Value::DynamicUnknown(), secret, Value()})},
       {"deep", Value::Object({{"s", secret}}).WithMarks(Marks::Ephemeral())}});
  update.after = Value::Object({{"id", Str("x1")},
                                {"input", nested},
                                {"output", Value::DynamicUnknown()},
                                {"triggers_replace", Value::Null(Type::Dynamic())}});
  update.required_replace = {
      {PathStep::Attr("input"), PathStep::Attr("list"), PathStep::Index(Value::Int(0))},
      {PathStep::Attr("input"), PathStep::Index(Str("map"))}};
  update.private_data = "cHJpdmF0ZQ==";
  update.dependencies = {"terraform_data.b", "module.m.terraform_data.c"};
  update.create_before_destroy = true;
  plan.changes.push_back(update);

  ResourceInstanceChange create;
  create.addr =
      Instance({{"m", addrs::InstanceKey::String("x\"y")}, {"n", addrs::InstanceKey::Int(2)}},
               "terraform_data", "b", addrs::InstanceKey::Int(10));
  create.previous_addr = Instance({}, "terraform_data", "old", addrs::InstanceKey::String("k"));
  create.provider = "module.m.provider[\"terraform.io/builtin/terraform\"]";
  create.action = Action::kCreateThenDelete;
  create.reason = ActionReason::kReplaceByTriggers;
  create.before = Value::Null(attrs);
  create.after = Value::Unknown(attrs);
  create.import_id = "i-123";
  plan.changes.push_back(create);

  ResourceInstanceChange deposed;
  deposed.addr = Instance({}, "terraform_data", "a");
  deposed.deposed_key = "00ab12cd";
  deposed.provider = "provider[\"terraform.io/builtin/terraform\"]";
  deposed.action = Action::kDelete;
  deposed.reason = ActionReason::kDeleteBecauseNoResourceConfig;
  deposed.before = update.before;
  deposed.after = Value::Null(attrs);
  plan.drift.push_back(deposed);

  plan.outputs.push_back(
      {"greeting", Action::kUpdate, Str("hello"), Value::Unknown(Type::String()), false, false});
  plan.outputs.push_back({"secret", Action::kCreate, Value(), Str("s3cr3t"), false, true});

  addrs::Target module_target;
  module_target.kind = addrs::Target::Kind::kModule;
  module_target.module = {{"m", addrs::InstanceKey()}};
  addrs::Target resource_target;
  resource_target.kind = addrs::Target::Kind::kResource;
  resource_target.resource = {addrs::ResourceMode::kData, "t", "d"};
  addrs::Target instance_target;
  instance_target.kind = addrs::Target::Kind::kInstance;
  instance_target.module = {{"m", addrs::InstanceKey::Int(0)}};
  instance_target.resource = {addrs::ResourceMode::kManaged, "t", "r"};
  instance_target.key = addrs::InstanceKey::String("k");
  plan.targets = {module_target, instance_target};
  plan.excludes = {resource_target};
  plan.force_replace = {Instance({}, "terraform_data", "a")};

  plan.prior_state = StateFromText(kPriorState);
  plan.prev_run_state = plan.prior_state;
  plan.prev_run_state.outputs["pending"] = {Value::Unknown(Type::String()), true};
  return saved;
}

void ExpectSameValue(const Value& a, const Value& b, const std::string& what) {
  EXPECT_TRUE(a.RawEquals(b)) << what << ": " << FormatConsoleValue(a) << " vs "
                              << FormatConsoleValue(b);
  EXPECT_EQ(a.type(), b.type()) << what;
}

void ExpectSameChange(const ResourceInstanceChange& a, const ResourceInstanceChange& b) {
  std::string what = a.addr.ToString();
  EXPECT_EQ(a.addr, b.addr);
  EXPECT_EQ(a.previous_addr, b.previous_addr);
  EXPECT_EQ(a.deposed_key, b.deposed_key);
  EXPECT_EQ(a.provider, b.provider);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.reason, b.reason);
  ExpectSameValue(a.before, b.before, what + " before");
  ExpectSameValue(a.after, b.after, what + " after");
  ASSERT_EQ(a.required_replace.size(), b.required_replace.size());
  for (size_t i = 0; i < a.required_replace.size(); i++) {
    ASSERT_EQ(a.required_replace[i].size(), b.required_replace[i].size());
    for (size_t j = 0; j < a.required_replace[i].size(); j++) {
      EXPECT_EQ(a.required_replace[i][j].kind, b.required_replace[i][j].kind);
      EXPECT_EQ(a.required_replace[i][j].name, b.required_replace[i][j].name);
      ExpectSameValue(a.required_replace[i][j].key, b.required_replace[i][j].key, what + " path");
    }
  }
  EXPECT_EQ(a.private_data, b.private_data);
  EXPECT_EQ(a.import_id, b.import_id);
  EXPECT_EQ(a.dependencies, b.dependencies);
  EXPECT_EQ(a.create_before_destroy, b.create_before_destroy);
}

void ExpectSameState(const state::State& a, const state::State& b) {
  EXPECT_EQ(a.serial, b.serial);
  EXPECT_EQ(a.lineage, b.lineage);
  EXPECT_EQ(a.terraform_version, b.terraform_version);
  EXPECT_EQ(a.resources, b.resources);
  EXPECT_EQ(a.check_results_json, b.check_results_json);
  ASSERT_EQ(a.outputs.size(), b.outputs.size());
  for (const auto& [name, output] : a.outputs) {
    auto it = b.outputs.find(name);
    ASSERT_NE(it, b.outputs.end()) << name;
    ExpectSameValue(output.value, it->second.value, "output " + name);
    EXPECT_EQ(output.sensitive, it->second.sensitive);
  }
}

TEST(PlanFileTest, RoundTripKeepsEveryField) {
  SavedPlan saved = SamplePlan();
  std::string bytes = EncodePlanFile(saved);
  DecodePlanFileResult decoded = DecodePlanFile(bytes);
  ASSERT_TRUE(decoded.diagnostics.empty()) << decoded.diagnostics[0].detail;
  ASSERT_TRUE(decoded.saved.has_value());
  const SavedPlan& got = *decoded.saved;
  EXPECT_EQ(EncodePlanFile(got), bytes);

  EXPECT_EQ(got.config_hash, saved.config_hash);
  EXPECT_EQ(got.state_lineage, saved.state_lineage);
  EXPECT_EQ(got.state_serial, saved.state_serial);
  const Plan& p = got.plan;
  const Plan& want = saved.plan;
  EXPECT_EQ(p.mode, want.mode);
  EXPECT_EQ(p.timestamp, want.timestamp);
  EXPECT_EQ(p.errored, want.errored);
  ASSERT_EQ(p.variables.size(), want.variables.size());
  for (const auto& [name, value] : want.variables) {
    ASSERT_TRUE(p.variables.count(name)) << name;
    ExpectSameValue(p.variables.at(name), value, "var." + name);
    if (value.type().IsNumber() && value.IsKnown() && !value.IsNull()) {
      EXPECT_EQ(p.variables.at(name).AsNumber().precision(), value.AsNumber().precision());
    }
  }
  ASSERT_EQ(p.changes.size(), want.changes.size());
  for (size_t i = 0; i < want.changes.size(); i++) ExpectSameChange(p.changes[i], want.changes[i]);
  ASSERT_EQ(p.drift.size(), want.drift.size());
  for (size_t i = 0; i < want.drift.size(); i++) ExpectSameChange(p.drift[i], want.drift[i]);
  ASSERT_EQ(p.outputs.size(), want.outputs.size());
  for (size_t i = 0; i < want.outputs.size(); i++) {
    EXPECT_EQ(p.outputs[i].name, want.outputs[i].name);
    EXPECT_EQ(p.outputs[i].action, want.outputs[i].action);
    ExpectSameValue(p.outputs[i].before, want.outputs[i].before, "output before");
    ExpectSameValue(p.outputs[i].after, want.outputs[i].after, "output after");
    EXPECT_EQ(p.outputs[i].before_sensitive, want.outputs[i].before_sensitive);
    EXPECT_EQ(p.outputs[i].after_sensitive, want.outputs[i].after_sensitive);
  }
  EXPECT_EQ(p.targets, want.targets);
  EXPECT_EQ(p.excludes, want.excludes);
  EXPECT_EQ(p.force_replace, want.force_replace);
  ExpectSameState(p.prior_state, want.prior_state);
  ExpectSameState(p.prev_run_state, want.prev_run_state);
}

TEST(PlanFileTest, NestedMarksAndUnknownsSurvive) {
  SavedPlan saved = SamplePlan();
  DecodePlanFileResult decoded = DecodePlanFile(EncodePlanFile(saved));
  ASSERT_TRUE(decoded.saved.has_value());
  const Value& after = decoded.saved->plan.changes[0].after;
  const Value& input = *after.Find("input");
  EXPECT_FALSE((*input.Find("list"))[1].IsKnown());
  EXPECT_TRUE((*input.Find("map")->Find("k")).IsSensitive());
  EXPECT_TRUE(input.Find("deep")->marks().ephemeral());
  EXPECT_TRUE(input.Find("deep")->Find("s")->IsSensitive());
  const Value& set = *input.Find("set");
  ASSERT_EQ(set.Length(), 3u);
  EXPECT_FALSE(set[2].IsKnown());
  EXPECT_TRUE(set[2].DefinitelyNotNull());
  EXPECT_TRUE((*input.Find("tuple"))[0].type().IsDynamic());
  EXPECT_FALSE((*input.Find("tuple"))[0].IsKnown());
  EXPECT_TRUE(decoded.saved->plan.variables.at("secret").IsSensitive());
  EXPECT_FALSE(decoded.saved->plan.changes[1].after.IsKnown());
}

TEST(PlanFileTest, EmptyPlanRoundTrips) {
  SavedPlan saved;
  std::string bytes = EncodePlanFile(saved);
  DecodePlanFileResult decoded = DecodePlanFile(bytes);
  ASSERT_TRUE(decoded.saved.has_value()) << decoded.diagnostics[0].detail;
  EXPECT_EQ(EncodePlanFile(*decoded.saved), bytes);
}

std::string ReadError(std::string_view bytes) {
  DecodePlanFileResult decoded = DecodePlanFile(bytes);
  EXPECT_FALSE(decoded.saved.has_value());
  if (decoded.diagnostics.size() != 1)
    return "(" + std::to_string(decoded.diagnostics.size()) + " diagnostics)";
  EXPECT_EQ(decoded.diagnostics[0].summary, "Failed to read plan from plan file");
  return decoded.diagnostics[0].detail;
}

TEST(PlanFileTest, ForeignFilesAreRefused) {
  const std::string not_ours =
      "The file is not a Cairn plan file. Plan files are written by \"cairn plan -out=FILE\".";
  EXPECT_EQ(ReadError(""), not_ours);
  EXPECT_EQ(ReadError("hello"), not_ours);
  EXPECT_EQ(ReadError("{\"version\":4,\"lineage\":\"x\"}"), not_ours);
  EXPECT_EQ(ReadError(std::string("PK\x03\x04\x14\x00", 6)),
            "The file is a Terraform plan file (a zip archive). Cairn reads only plan files that "
            "Cairn wrote: run \"cairn plan -out=FILE\".");
  EXPECT_EQ(ReadError("{\"format\":\"cairn-plan\",\"version\":2}"),
            "The plan file has format version 2, but this version of Cairn reads only format "
            "version 1. Create the plan again with this version of Cairn.");
}

TEST(PlanFileTest, CorruptFilesGiveAClearError) {
  std::string bytes = EncodePlanFile(SamplePlan());
  // Truncated anywhere: never a crash, always the same clear summary.
  for (size_t cut : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 3}) {
    EXPECT_FALSE(ReadError(bytes.substr(0, cut)).empty());
  }
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string copy = bytes;
    size_t at = copy.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) copy.replace(at, from.size(), to);
    return copy;
  };
  EXPECT_EQ(ReadError(replace("\"action\":\"update\"", "\"action\":\"explode\"")),
            "The plan file is corrupt: invalid action \"explode\".");
  EXPECT_EQ(ReadError(replace("\"state_serial\":7", "\"state_serial\":\"7\"")),
            "The plan file is corrupt: field \"state_serial\" is not a count.");
  EXPECT_EQ(ReadError(replace("\"mode\":\"normal\"", "\"mode\":\"sideways\"")),
            "The plan file is corrupt: invalid plan mode \"sideways\".");
  EXPECT_EQ(ReadError(replace("\"value\":\"n1\"", "\"value\":1")),
            "The plan file is corrupt: expected a string at the top.");
  EXPECT_EQ(ReadError(replace("\"targets\":[\"module.m\"", "\"targets\":[\"module..m\"")),
            "The plan file is corrupt: invalid target address \"module..m\".");
  EXPECT_EQ(ReadError(replace(",\"errored\":false", "")),
            "The plan file is corrupt: missing field \"errored\".");
  EXPECT_EQ(ReadError(replace("\"type\":\"number\",\"value\":\"0.1\"",
                              "\"type\":\"number\",\"value\":\"zero\"")),
            "The plan file is corrupt: invalid number at the top.");
  EXPECT_EQ(ReadError(replace("\"type\":\"number\",\"value\":\"0.1\"",
                              "\"type\":[\"vector\"],\"value\":\"0.1\"")),
            "The plan file is corrupt: invalid type [\"vector\"].");
}

TEST(PlanFileTest, CorruptEmbeddedStateIsReported) {
  std::string bytes = EncodePlanFile(SamplePlan());
  size_t at = bytes.find("\"prior_state\":{\"file\":\"");
  ASSERT_NE(at, std::string::npos);
  bytes.insert(at + 23, "x");
  std::string detail = ReadError(bytes);
  EXPECT_TRUE(detail.starts_with("The plan file is corrupt: invalid prior state: ")) << detail;
}

state::State StateWith(const std::string& lineage, uint64_t serial) {
  state::State s;
  s.lineage = lineage;
  s.serial = serial;
  return s;
}

TEST(PlanFileTest, CheckStale) {
  SavedPlan saved;
  saved.config_hash = "h1";
  saved.state_lineage = "L1";
  saved.state_serial = 3;
  EXPECT_TRUE(CheckStale(saved, "h1", StateWith("L1", 3)).empty());

  Diagnostics serial = CheckStale(saved, "h1", StateWith("L1", 4));
  ASSERT_EQ(serial.size(), 1u);
  EXPECT_EQ(serial[0].summary, "Saved plan is stale");
  EXPECT_EQ(serial[0].detail,
            "The given plan file can no longer be applied because the state was changed by "
            "another operation after the plan was created.");

  Diagnostics lineage = CheckStale(saved, "h1", StateWith("L2", 3));
  ASSERT_EQ(lineage.size(), 1u);
  EXPECT_EQ(lineage[0].summary, "Saved plan does not match the given state");
  EXPECT_EQ(lineage[0].detail,
            "The given plan file can not be applied because it was created from a different "
            "state lineage.");

  Diagnostics config = CheckStale(saved, "h2", StateWith("L1", 3));
  ASSERT_EQ(config.size(), 1u);
  EXPECT_EQ(config[0].summary, "Saved plan is stale");
  EXPECT_EQ(config[0].detail,
            "The given plan file can no longer be applied because the configuration was changed "
            "after the plan was created.");

  // A plan made without any state: the first apply elsewhere makes it stale.
  SavedPlan fresh;
  fresh.config_hash = "h1";
  EXPECT_TRUE(CheckStale(fresh, "h1", StateWith("", 0)).empty());
  Diagnostics created = CheckStale(fresh, "h1", StateWith("L9", 1));
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].summary, "Saved plan is stale");
}

class ConfigHashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    root_ = fs::temp_directory_path() /
            ("cairn_planfile_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::remove_all(root_);
    fs::create_directories(root_ / "root" / "mod");
    fs::create_directories(root_ / "shared");
    Write("root/main.tf",
          "module \"a\" {\n  source = \"./mod\"\n}\nmodule \"b\" {\n  source = \"../shared\"\n}\n"
          "module \"r\" {\n  source = \"hashicorp/x/y\"\n}\n");
    Write("root/mod/main.tf", "variable \"x\" {}\n");
    Write("shared/main.cairn", "output \"o\" {\n  value = 1\n}\n");
  }
  void TearDown() override { fs::remove_all(root_); }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }
  std::string Hash() { return ConfigHash((root_ / "root").string()); }
  fs::path root_;
};

TEST_F(ConfigHashTest, CoversRootAndLocalModules) {
  std::string h = Hash();
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(Hash(), h);
  Write("root/README.md", "not configuration");
  Write("root/.hidden.tf", "ignored");
  Write("root/main.tf~", "editor backup");
  EXPECT_EQ(Hash(), h);

  Write("shared/main.cairn", "output \"o\" {\n  value = 2\n}\n");
  std::string h2 = Hash();
  EXPECT_NE(h2, h);
  Write("root/mod/extra.tf.json", "{}");
  std::string h3 = Hash();
  EXPECT_NE(h3, h2);
  Write("root/override.tf", "# override\n");
  EXPECT_NE(Hash(), h3);
}

TEST_F(ConfigHashTest, RenamingAFileChangesTheHash) {
  std::string h = Hash();
  fs::rename(root_ / "root/mod/main.tf", root_ / "root/mod/vars.tf");
  EXPECT_NE(Hash(), h);
}

TEST_F(ConfigHashTest, ModuleCyclesTerminate) {
  Write("root/mod/main.tf", "module \"back\" {\n  source = \"../\"\n}\n");
  EXPECT_EQ(Hash().size(), 64u);
}

}  // namespace
}  // namespace cairn::planner
