#include "lang/config/loader.h"
#include "lang/config/config_tree.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "lang/base/diagnostic_json.h"
#include "lang/base/diagnostic_text.h"
#include "lang/config/body_schema.h"
#include "lang/syntax/navigation.h"

namespace cairn::config {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(CAIRN_SOURCE_DIR) / "tests/lang/config/testdata";

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs LoadModule(".") inside `dir`, so file names read as Terraform prints them.
LoadResult LoadIn(const fs::path& dir) {
  fs::path old = fs::current_path();
  fs::current_path(dir);
  LoadResult r = LoadModule(".");
  fs::current_path(old);
  return r;
}

/// Runs LoadConfig(".") inside `dir`.
ConfigResult LoadConfigIn(const fs::path& dir) {
  fs::path old = fs::current_path();
  fs::current_path(dir);
  ConfigResult r = LoadConfig(".");
  fs::current_path(old);
  return r;
}

void AddSources(const Config& c, syntax::ParsedSources& sources) {
  for (const auto& f : c.module.files) sources.Add(*f);
  for (const auto& child : c.children) AddSources(*child, sources);
}

struct Rendered {
  std::string json;
  std::string errors;    // what validate writes on stderr
  std::string warnings;  // what validate writes on stdout before its success line
};

Rendered Render(const ConfigResult& r) {
  syntax::ParsedSources sources;
  AddSources(r.root, sources);
  Rendered out;
  out.json = RenderValidateJson(r.diagnostics, sources);
  DiagnosticTextOptions options;
  for (const RenderedDiagnostic& d : RenderDiagnosticsText(r.diagnostics, sources, options)) {
    (d.severity == Severity::kError ? out.errors : out.warnings) += d.text;
  }
  return out;
}

/// Every directory under testdata/ holds a configuration and what `terraform validate` printed
/// for it (tests/tools/regen_config_goldens.sh). The loader must produce the same diagnostics:
/// the JSON form byte for byte (Terraform's order, ranges, snippets) and the text form.
class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesTerraformValidate) {
  fs::path dir = kTestdata / GetParam();
  ConfigResult r = LoadConfigIn(dir);
  Rendered got = Render(r);
  EXPECT_EQ(got.json, ReadFile(dir / "expected.json"));
  EXPECT_EQ(got.errors, ReadFile(dir / "expected.txt"));
  std::string out = ReadFile(dir / "expected.out.txt");
  EXPECT_EQ(out.substr(0, got.warnings.size()), got.warnings);
  // After the warnings, validate prints only its verdict.
  std::string rest = out.substr(std::min(out.size(), got.warnings.size()));
  EXPECT_TRUE(rest.empty() || rest.rfind("Success! The configuration is valid", 0) == 0) << rest;
}

std::vector<std::string> Cases() {
  std::vector<std::string> cases;
  for (const auto& e : fs::directory_iterator(kTestdata)) {
    if (e.is_directory()) cases.push_back(e.path().filename().string());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

INSTANTIATE_TEST_SUITE_P(Terraform, GoldenTest, ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param; });

TEST(LoaderTest, GoldenCasesExist) { EXPECT_GE(Cases().size(), 20u); }

std::string Text(const ast::Expr* e, const LoadResult& r) {
  if (!e) return "<null>";
  for (const auto& f : r.module.files) {
    if (f->filename == e->range.filename) {
      return f->source.substr(e->range.start.byte, e->range.end.byte - e->range.start.byte);
    }
  }
  return "<unknown file>";
}

TEST(LoaderTest, OverrideFilesMergeIntoPrimaryDeclarations) {
  LoadResult r = LoadIn(kTestdata / "override_merge");
  ASSERT_FALSE(r.diagnostics.HasErrors());
  const Module& m = r.module;
  ASSERT_EQ(m.files.size(), 3u);
  EXPECT_EQ(m.files[0]->filename.str(), "main.tf");
  EXPECT_EQ(m.files[1]->filename.str(), "override.tf");
  EXPECT_EQ(m.files[2]->filename.str(), "z_override.tf");

  ASSERT_EQ(m.variables.size(), 1u);
  EXPECT_EQ(Text(m.variables[0].default_value, r), "\"production\"");
  EXPECT_EQ(Text(m.variables[0].type, r), "string");  // kept from the base

  ASSERT_EQ(m.locals.size(), 1u);
  EXPECT_EQ(Text(m.locals[0].expr, r), "\"api-${var.env}\"");
  EXPECT_EQ(m.locals[0].decl_range.filename.str(), "override.tf");

  ASSERT_EQ(m.resources.size(), 1u);
  const Resource& app = m.resources[0];
  ASSERT_NE(app.config.Find("input"), nullptr);  // base argument kept
  EXPECT_EQ(Text(app.config.Find("input")->expr.get(), r), "local.name");
  ASSERT_NE(app.config.Find("triggers_replace"), nullptr);  // added by the override
  EXPECT_EQ(Text(app.create_before_destroy, r), "true");
  EXPECT_EQ(app.create_before_destroy->range.filename.str(), "z_override.tf");

  ASSERT_EQ(m.module_calls.size(), 1u);
  EXPECT_EQ(m.module_calls[0].source_text, "./child");
  ASSERT_EQ(m.module_calls[0].config.attributes.size(), 1u);
  EXPECT_EQ(Text(m.module_calls[0].config.Find("x")->expr.get(), r), "2");

  ASSERT_EQ(m.outputs.size(), 1u);
  EXPECT_EQ(Text(m.outputs[0].value, r), "upper(local.name)");
  EXPECT_EQ(Text(m.outputs[0].description, r), "\"The name.\"");
}

TEST(LoaderTest, OverrideFilesReplaceTerraformSettings) {
  LoadResult r = LoadIn(kTestdata / "override_terraform_settings");
  const TerraformSettings& t = r.module.terraform;
  ASSERT_EQ(t.required_versions.size(), 1u);
  EXPECT_EQ(Text(t.required_versions[0].expr, r), "\">= 1.1\"");
  ASSERT_EQ(t.required_providers.size(), 1u);
  EXPECT_EQ(t.required_providers[0].name, "null");
  EXPECT_EQ(t.required_providers[0].attribute->range.filename.str(), "override.tf");
  // Two backends in one override file are an error; the primary one stays.
  ASSERT_TRUE(t.backend.has_value());
  EXPECT_EQ(t.backend->decl_range.filename.str(), "main.tf");
  EXPECT_TRUE(r.module.removed.empty());  // removed blocks of override files are ignored
}

TEST(LoaderTest, NestedBlocksAreReplacedByTypeInOverrides) {
  BodyView base, over;
  ast::Block a1, a2, b1, a3;
  a1.type = a2.type = a3.type = "a";
  b1.type = "b";
  base.blocks = {&a1, &b1, &a2};
  over.blocks = {&a3};
  base.Merge(over);
  ASSERT_EQ(base.blocks.size(), 2u);
  EXPECT_EQ(base.blocks[0], &b1);
  EXPECT_EQ(base.blocks[1], &a3);
}

class ScratchDir {
 public:
  ScratchDir() {
    char tmpl[] = "/tmp/cairn-config-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~ScratchDir() { fs::remove_all(path_); }
  void Write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path_ / rel).parent_path());
    std::ofstream(path_ / rel, std::ios::binary) << text;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(LoaderTest, ReadsTfAndCairnFilesButNotSubdirectoriesOrEditorFiles) {
  ScratchDir dir;
  dir.Write("b.cairn", "variable \"b\" {}\n");
  dir.Write("a.tf", "variable \"a\" {}\n");
  dir.Write("sub/c.tf", "variable \"c\" {}\n");
  dir.Write(".hidden.tf", "variable \"h\" {}\n");
  dir.Write("backup.tf~", "variable \"t\" {}\n");
  dir.Write("#autosave.tf#", "variable \"s\" {}\n");
  dir.Write("notes.txt", "variable \"n\" {}\n");
  LoadResult r = LoadIn(dir.path());
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.module.variables.size(), 2u);
  EXPECT_EQ(r.module.variables[0].name, "a");
  EXPECT_EQ(r.module.variables[1].name, "b");
}

TEST(LoaderTest, JsonConfigurationFilesAreSkippedWithAWarning) {
  ScratchDir dir;
  dir.Write("main.tf.json", "{\"variable\": {\"a\": {}}}");
  LoadResult r = LoadIn(dir.path());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].severity, Severity::kWarning);
  EXPECT_EQ(r.diagnostics[0].summary, "JSON configuration files are not supported");
  EXPECT_EQ(r.diagnostics[0].detail,
            "Cairn does not read the JSON configuration syntax yet, so main.tf.json was "
            "skipped.");
  EXPECT_TRUE(r.module.variables.empty());
}

TEST(LoaderTest, FileNamesIncludeTheDirectoryAsGiven) {
  ScratchDir dir;
  dir.Write("conf/main.tf", "output \"o\" {}\n");
  fs::path old = fs::current_path();
  fs::current_path(dir.path());
  LoadResult rel = LoadModule("./conf/");
  LoadResult abs = LoadModule((dir.path() / "conf").string());
  fs::current_path(old);
  ASSERT_EQ(rel.diagnostics.size(), 1u);
  EXPECT_EQ(rel.diagnostics[0].subject->filename.str(), "conf/main.tf");
  ASSERT_EQ(abs.diagnostics.size(), 1u);
  EXPECT_EQ(abs.diagnostics[0].subject->filename.str(), "conf/main.tf");
}

TEST(LoaderTest, AMissingDirectoryIsAnErrorWithoutSubject) {
  LoadResult r = LoadModule("/nonexistent/cairn/dir");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Failed to read module directory");
  EXPECT_EQ(r.diagnostics[0].detail,
            "Module directory /nonexistent/cairn/dir does not exist or cannot be read.");
  EXPECT_FALSE(r.diagnostics[0].subject.has_value());
}

TEST(LoadConfigTest, LocalModulesAreLoadedInCallNameOrder) {
  ConfigResult r = LoadConfigIn(kTestdata / "modules_local");
  const Config& root = r.root;
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.children[0]->path, "a");
  EXPECT_EQ(root.children[1]->path, "b");
  EXPECT_EQ(root.children[2]->path, "c");
  ASSERT_EQ(root.children[0]->children.size(), 1u);
  EXPECT_EQ(root.children[0]->children[0]->path, "a.g");
  EXPECT_EQ(root.children[0]->children[0]->module.files[0]->filename.str(),
            "child/grand/main.tf");
  EXPECT_EQ(root.children[2]->children[0]->path, "c.up");
}

TEST(LoadConfigTest, RootErrorsStopBeforeChildModules) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"m\" {\n  source = \"./m\"\n}\noutput \"o\" {}\n");
  dir.Write("m/main.tf", "output \"p\" {}\n");
  ConfigResult r = LoadConfigIn(dir.path());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].subject->filename.str(), "main.tf");
  EXPECT_TRUE(r.root.children.empty());
}

TEST(LoadConfigTest, RemoteModulesAreNotFetched) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"consul\" {\n  source = \"hashicorp/consul/aws\"\n}\n");
  ConfigResult r = LoadConfigIn(dir.path());
  EXPECT_TRUE(r.diagnostics.empty());
  EXPECT_TRUE(r.root.children.empty());
  EXPECT_EQ(r.root.remote_calls, std::vector<std::string>{"consul"});
}

TEST(LoadConfigTest, MissingLocalModuleDirectory) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"x\" {\n  source = \"./nope\"\n}\n");
  ConfigResult r = LoadConfigIn(dir.path());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Unreadable module directory");
  EXPECT_EQ(r.diagnostics[0].detail,
            "The directory nope could not be read for module \"x\" at main.tf:1.");
  EXPECT_EQ(RangeString(*r.diagnostics[0].subject), "main.tf:1,1-11");
}

TEST(LoadConfigTest, AModuleCallingItselfIsAnError) {
  ScratchDir dir;
  dir.Write("main.tf", "module \"self\" {\n  source = \"./m\"\n}\n");
  dir.Write("m/main.tf", "module \"again\" {\n  source = \"../m\"\n}\n");
  ConfigResult r = LoadConfigIn(dir.path());
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].summary, "Recursive module call");
  EXPECT_EQ(r.diagnostics[0].detail,
            "Module \"again\" calls m, which is already being loaded by one of its callers; "
            "modules cannot call themselves.");
  EXPECT_EQ(r.diagnostics[0].subject->filename.str(), "m/main.tf");
}

TEST(LoaderTest, ImportTargetsHaveStaticAddresses) {
  ScratchDir dir;
  dir.Write("main.tf",
            "import {\n  to = module.a[\"x\"].module.b.terraform_data.r[2]\n  id = \"1\"\n}\n"
            "import {\n  to = resource.terraform_data.s\n  id = \"2\"\n}\n"
            "import {\n  to = terraform_data.t[var.k]\n  id = \"3\"\n}\n");
  LoadResult r = LoadIn(dir.path());
  EXPECT_TRUE(r.diagnostics.empty());
  ASSERT_EQ(r.module.imports.size(), 3u);
  EXPECT_EQ(r.module.imports[0].static_address, "module.a[\"x\"].module.b.terraform_data.r[2]");
  EXPECT_EQ(r.module.imports[1].static_address, "terraform_data.s");
  EXPECT_EQ(r.module.imports[2].static_address, "");  // the key is only known later
}

TEST(LoaderTest, DeclarationsKeepTheirExpressionsAndRanges) {
  LoadResult r = LoadIn(fs::path(CAIRN_SOURCE_DIR) / "examples/quickstart");
  ASSERT_TRUE(r.diagnostics.empty());
  const Module& m = r.module;
  ASSERT_EQ(m.terraform.required_versions.size(), 1u);
  EXPECT_EQ(Text(m.terraform.required_versions[0].expr, r), "\">= 1.5\"");
  ASSERT_EQ(m.variables.size(), 1u);
  EXPECT_EQ(m.variables[0].name, "environment");
  EXPECT_EQ(m.variables[0].type_constraint.FriendlyName(), "string");
  ASSERT_EQ(m.locals.size(), 2u);
  EXPECT_EQ(m.locals[0].name, "name");
  EXPECT_EQ(m.locals[1].name, "tags");
  ASSERT_EQ(m.resources.size(), 2u);
  EXPECT_EQ(m.resources[0].type, "terraform_data");
  EXPECT_EQ(m.resources[0].name, "bucket");
  EXPECT_EQ(m.resources[1].name, "app");
  EXPECT_EQ(m.resources[1].decl_range.start.line, 26);
  ASSERT_NE(m.resources[1].config.Find("triggers_replace"), nullptr);
  ASSERT_EQ(m.outputs.size(), 1u);
  EXPECT_EQ(Text(m.outputs[0].value, r), "terraform_data.app.output");
}

}  // namespace
}  // namespace cairn::config
