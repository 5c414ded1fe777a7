// Cairn's additions and edge cases of CollectInputValues that the Terraform goldens
// (module_values_test.cc) cannot cover.

#include "planner/values/input_values.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lang/config/loader.h"
#include "planner/values/module_values.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

/// A scratch configuration directory, made the working directory while the object lives.
class ScratchConfig {
 public:
  explicit ScratchConfig(const std::string& main_tf) {
    dir_ = fs::temp_directory_path() / ("cairn-values-test-" + std::to_string(getpid()) + "-" +
                                        std::to_string(counter_++));
    fs::create_directories(dir_);
    saved_ = fs::current_path();
    fs::current_path(dir_);
    Write("main.tf", main_tf);
  }
  ~ScratchConfig() {
    fs::current_path(saved_);
    fs::remove_all(dir_);
  }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  config::Module Load() {
    config::LoadResult r = config::LoadModule(".");
    EXPECT_FALSE(r.diagnostics.HasErrors());
    return std::move(r.module);
  }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
  fs::path saved_;
};

std::string Summaries(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags) out += d.summary + ": " + d.detail + "\n";
  return out;
}

TEST(InputValuesTest, CairnVarOverridesTfVarWhateverTheOrderOfTheEnvironment) {
  ScratchConfig cfg("variable \"a\" {}\nvariable \"b\" {}\n");
  config::Module m = cfg.Load();
  CollectInputsResult r = CollectInputValues(
      m, ".", {"CAIRN_VAR_a=cairn", "TF_VAR_a=tf", "TF_VAR_b=tf", "OTHER=x", "TF_VAR_novalue"},
      {});
  ASSERT_TRUE(r.diagnostics.empty()) << Summaries(r.diagnostics);
  EXPECT_EQ(r.values.at("a").value.AsString(), "cairn");
  EXPECT_EQ(r.values.at("a").env_name, "CAIRN_VAR_a");
  EXPECT_EQ(r.values.at("b").value.AsString(), "tf");
  EXPECT_EQ(r.values.at("b").env_name, "TF_VAR_b");
  EXPECT_EQ(r.values.at("b").source, InputSource::kEnvironment);
}

TEST(InputValuesTest, CairnTfvarsComesAfterTerraformTfvarsAndBeforeAutoFiles) {
  ScratchConfig cfg("variable \"a\" {}\nvariable \"b\" {}\nvariable \"c\" {}\n");
  cfg.Write("terraform.tfvars", "a = \"t\"\nb = \"t\"\nc = \"t\"\n");
  cfg.Write("cairn.tfvars", "b = \"cairn\"\nc = \"cairn\"\n");
  cfg.Write("terraform.tfvars.json", "{\"c\": \"json\"}");
  config::Module m = cfg.Load();
  CollectInputsResult r = CollectInputValues(m, ".", {}, {});
  ASSERT_TRUE(r.diagnostics.empty()) << Summaries(r.diagnostics);
  EXPECT_EQ(r.values.at("a").value.AsString(), "t");
  EXPECT_EQ(r.values.at("b").value.AsString(), "cairn");
  EXPECT_EQ(r.values.at("c").value.AsString(), "json");
  // The files are kept for diagnostics' snippets.
  ASSERT_EQ(r.files.size(), 3u);
  EXPECT_EQ(r.files[1]->filename.str(), "cairn.tfvars");
}

TEST(InputValuesTest, TypeErrorFromCairnVarNamesThatVariable) {
  ScratchConfig cfg("variable \"n\" {\n  type = number\n}\n");
  config::Module m = cfg.Load();
  CollectInputsResult in = CollectInputValues(m, ".", {"CAIRN_VAR_n=abc"}, {});
  ASSERT_TRUE(in.diagnostics.empty());
  ModuleValuesResult r = EvaluateRootModule(m, in.values, {});
  EXPECT_EQ(Summaries(r.diagnostics),
            "Invalid value for input variable: Unsuitable value for var.n set using the "
            "CAIRN_VAR_n environment variable: a number is required.\n");
}

TEST(InputValuesTest, VarFileThatIsADirectory) {
  ScratchConfig cfg("variable \"a\" {\n  default = 1\n}\n");
  fs::create_directories("sub");
  config::Module m = cfg.Load();
  CollectInputsResult r = CollectInputValues(m, ".", {}, {{true, "sub"}});
  EXPECT_EQ(Summaries(r.diagnostics),
            "Failed to read variables file: Error while reading sub: read sub: is a "
            "directory.\n");
}

TEST(InputValuesTest, DeeplyNestedJsonIsAnErrorNotACrash) {
  ScratchConfig cfg("variable \"a\" {\n  default = 1\n}\n");
  cfg.Write("terraform.tfvars.json",
            "{\"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
  config::Module m = cfg.Load();
  CollectInputsResult r = CollectInputValues(m, ".", {}, {});
  ASSERT_TRUE(r.diagnostics.HasErrors());
  EXPECT_EQ(r.diagnostics[0].summary, "Nesting too deep");
}

TEST(InputValuesTest, LaterArgumentsWinInCommandLineOrder) {
  ScratchConfig cfg("variable \"a\" {}\n");
  cfg.Write("one.tfvars", "a = \"file\"\n");
  config::Module m = cfg.Load();
  CollectInputsResult r1 = CollectInputValues(m, ".", {}, {{false, "a=cli"}, {true, "one.tfvars"}});
  EXPECT_EQ(r1.values.at("a").value.AsString(), "file");
  EXPECT_EQ(r1.values.at("a").source, InputSource::kFile);
  CollectInputsResult r2 = CollectInputValues(m, ".", {}, {{true, "one.tfvars"}, {false, "a=cli"}});
  EXPECT_EQ(r2.values.at("a").value.AsString(), "cli");
  EXPECT_EQ(r2.values.at("a").range.filename.str(), "<value for var.a>");
}

TEST(InputValuesTest, MissingDirectoryHasNoAutomaticFiles) {
  ScratchConfig cfg("variable \"a\" {\n  default = 1\n}\n");
  config::Module m = cfg.Load();
  CollectInputsResult r = CollectInputValues(m, "does-not-exist", {}, {});
  EXPECT_TRUE(r.diagnostics.empty()) << Summaries(r.diagnostics);
  EXPECT_TRUE(r.values.empty());
}

TEST(InputValuesTest, PromptedValuesFillOnlyUnsetVariables) {
  ScratchConfig cfg(
      "variable \"a\" {}\nvariable \"b\" {}\nvariable \"l\" {\n  type = list(number)\n}\n"
      "variable \"d\" {\n  default = 1\n}\n");
  config::Module m = cfg.Load();
  CollectInputsResult first = CollectInputValues(m, ".", {"TF_VAR_a=env"}, {});
  std::vector<const config::Variable*> unset = UnsetRequiredVariables(m, first.values);
  ASSERT_EQ(unset.size(), 2u);
  EXPECT_EQ(unset[0]->name, "b");
  EXPECT_EQ(unset[1]->name, "l");
  EXPECT_EQ(first.diagnostics.ErrorCount(), 2u);  // "No value for required variable" each

  CollectInputsResult second = CollectInputValues(
      m, ".", {"TF_VAR_a=env"}, {}, {{"a", "ignored"}, {"b", "typed"}, {"l", "[1, 2]"}});
  ASSERT_TRUE(second.diagnostics.empty()) << Summaries(second.diagnostics);
  EXPECT_EQ(second.values.at("a").value.AsString(), "env");
  EXPECT_EQ(second.values.at("b").value.AsString(), "typed");
  EXPECT_EQ(second.values.at("b").source, InputSource::kInput);
  EXPECT_EQ(second.values.at("l").value.Length(), 2u);  // parsed as HCL for a list type
  EXPECT_TRUE(UnsetRequiredVariables(m, second.values).empty());

  // A type error in a prompted value is worded for the prompt.
  CollectInputsResult bad = CollectInputValues(m, ".", {}, {}, {{"a", "x"}, {"b", "y"}, {"l", "[\"z\"]"}});
  ModuleValuesResult r = EvaluateRootModule(m, bad.values, {});
  EXPECT_EQ(Summaries(r.diagnostics),
            "Invalid value for input variable: Unsuitable value for var.l set using an "
            "interactive prompt: a number is required.\n");
}

}  // namespace
}  // namespace cairn::planner
