// What EvaluateRootModule and MakeModuleScope do beyond what Terraform can be asked for
// (references to declared resources, planning vs applying, console scope).

#include "planner/values/module_scope.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "lang/base/name_suggestion.h"
#include "lang/config/loader.h"
#include "lang/eval/evaluate.h"
#include "lang/syntax/parser.h"
#include "planner/values/module_values.h"

namespace cairn::planner {
namespace {

namespace fs = std::filesystem;

config::LoadResult LoadText(const std::string& text) {
  // One directory per process: ctest runs the cases of this file in parallel processes.
  fs::path dir = fs::temp_directory_path() /
                 ("cairn-module-scope-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "main.tf") << text;
  config::LoadResult r = config::LoadModule(dir.string());
  EXPECT_FALSE(r.diagnostics.HasErrors());
  return r;
}

TEST(ModuleScopeTest, ReferenceToADeclaredResourceIsALocatedError) {
  config::LoadResult loaded = LoadText(
      "resource \"terraform_data\" \"r\" {\n  input = 1\n}\n"
      "data \"external\" \"d\" {}\n"
      "module \"m\" {\n  source = \"./m\"\n}\n"
      "output \"a\" {\n  value = terraform_data.r.output\n}\n"
      "output \"b\" {\n  value = data.external.d.result\n}\n"
      "output \"c\" {\n  value = module.m.x\n}\n"
      "output \"d\" {\n  value = \"ok\"\n}\n");
  ModuleValuesResult r = EvaluateRootModule(loaded.module, {}, {});
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].summary, "Reference to a resource not supported yet");
  EXPECT_EQ(r.diagnostics[0].detail,
            "Cairn cannot evaluate terraform_data.r yet: expressions that refer to resources, "
            "data sources or module calls are evaluated by the resource graph, which this "
            "version does not build.");
  ASSERT_TRUE(r.diagnostics[0].subject);
  EXPECT_EQ(r.diagnostics[0].subject->start.line, 9);
  EXPECT_EQ(r.diagnostics[0].subject->start.column, 11);
  EXPECT_EQ(r.diagnostics[0].subject->end.column, 27);  // terraform_data.r
  EXPECT_NE(r.diagnostics[1].detail.find("data.external.d"), std::string::npos);
  EXPECT_NE(r.diagnostics[2].detail.find("module.m"), std::string::npos);
  // Errors of the validation walk stop evaluation, as in Terraform: every value is unknown.
  EXPECT_FALSE(r.values.outputs.at("a").value.IsKnown());
  EXPECT_FALSE(r.values.outputs.at("d").value.IsKnown());
}

TEST(ModuleScopeTest, PlanningLeavesUuidUnknownAndApplyingFalse) {
  config::LoadResult loaded = LoadText(
      "locals {\n  u = uuid()\n  applying = terraform.applying\n}\n");
  EvaluateOptions plan;
  plan.planning = true;
  plan.outputs = false;
  ModuleValuesResult planned = EvaluateRootModule(loaded.module, {}, plan);
  ASSERT_TRUE(planned.diagnostics.empty()) << planned.diagnostics[0].summary << ": " << planned.diagnostics[0].detail;
  EXPECT_FALSE(planned.values.locals.at("u").IsKnown());
  EXPECT_FALSE(planned.values.locals.at("applying").Unmarked().AsBool());
  EXPECT_TRUE(planned.values.locals.at("applying").marks().ephemeral());
  EXPECT_TRUE(planned.values.outputs.empty());

  EvaluateOptions apply;
  apply.planning = false;
  ModuleValuesResult applied = EvaluateRootModule(loaded.module, {}, apply);
  EXPECT_EQ(applied.values.locals.at("u").AsString().size(), 36u);
  EXPECT_TRUE(applied.values.locals.at("applying").Unmarked().AsBool());
}

TEST(ModuleScopeTest, ConsoleScopeSeesVariablesLocalsAndSensitiveMarks) {
  config::LoadResult loaded = LoadText(
      "variable \"s\" {\n  default = \"pw\"\n  sensitive = true\n}\n"
      "locals {\n  l = [1, 2]\n}\n");
  ModuleValuesResult r = EvaluateRootModule(loaded.module, {}, {});
  ASSERT_TRUE(r.diagnostics.empty());
  std::unique_ptr<eval::Scope> scope = MakeModuleScope(loaded.module, r.values);
  auto eval = [&](const std::string& text) {
    syntax::ExprParseResult e = syntax::ParseExpression(text, "<console-input>");
    EXPECT_TRUE(e.expr);
    return eval::Evaluate(*e.expr, *scope);
  };
  eval::EvalResult l = eval("local.l[1]");
  ASSERT_TRUE(l.diagnostics.empty());
  EXPECT_EQ(l.value.AsNumber().ToString(), "2");
  eval::EvalResult s = eval("var.s");
  EXPECT_TRUE(s.value.IsSensitive());
  eval::EvalResult p = eval("path.module");
  EXPECT_EQ(p.value.AsString(), ".");
  eval::EvalResult bad = eval("local.nothing_like_it");
  ASSERT_EQ(bad.diagnostics.size(), 1u);
  EXPECT_EQ(bad.diagnostics[0].detail,
            "A local value with the name \"nothing_like_it\" has not been declared.");
}

TEST(ModuleScopeTest, WorkspaceAndOriginalWorkingDirectoryFromSettings) {
  config::LoadResult loaded = LoadText(
      "locals {\n  w = terraform.workspace\n  c = path.cwd\n}\n");
  EvaluateOptions options;
  options.scope.workspace = "staging";
  options.scope.original_working_dir = "/tmp/somewhere/../elsewhere";
  ModuleValuesResult r = EvaluateRootModule(loaded.module, {}, options);
  ASSERT_TRUE(r.diagnostics.empty());
  EXPECT_EQ(r.values.locals.at("w").AsString(), "staging");
  EXPECT_EQ(r.values.locals.at("c").AsString(), "/tmp/elsewhere");
  ModuleValuesResult d = EvaluateRootModule(loaded.module, {}, {});
  EXPECT_EQ(d.values.locals.at("w").AsString(), "default");
  EXPECT_EQ(d.values.locals.at("c").AsString(), fs::current_path().generic_string());
}

TEST(ModuleScopeTest, NameSuggestionPicksTheFirstCloseName) {
  EXPECT_EQ(NameSuggestion("modul", std::vector<std::string>{"cwd", "module", "root"}), "module");
  EXPECT_EQ(NameSuggestion("foo", std::vector<std::string>{"cwd", "module", "root"}), "root");
  EXPECT_EQ(NameSuggestion("xyzzy", std::vector<std::string>{"cwd", "module", "root"}), "");
}

TEST(ModuleScopeTest, CycleThroughAnOutputFreeGraphEvaluatesNothing) {
  config::LoadResult loaded = LoadText(
      "locals {\n  a = local.c\n  b = 1\n  c = local.a\n}\noutput \"b\" {\n  value = local.b\n}\n");
  ModuleValuesResult r = EvaluateRootModule(loaded.module, {}, {});
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Cycle: local.a (expand), local.c (expand)");
  EXPECT_FALSE(r.values.locals.at("b").IsKnown());
  EXPECT_FALSE(r.values.outputs.at("b").value.IsKnown());
}

}  // namespace
}  // namespace cairn::planner
