/// Imports while planning: `import` blocks (the object imported and read at plan time, its
/// change marked `import_id`, the object recorded by apply) and `cairn import`'s legacy walk
/// (PlanOptions::legacy_imports), with the test provider (whose import ID is "test-NAME").

#include "planner/plan/imports.h"

#include <gtest/gtest.h>

#include "lang/syntax/parser.h"
#include "tests/planner/plan/plan_harness.h"

namespace cairn::planner::testing {
namespace {

addrs::AbsResourceInstance Addr(const std::string& type, const std::string& name,
                                addrs::InstanceKey key = {}) {
  return {{}, {addrs::ResourceMode::kManaged, type, name}, key};
}

class ImportsTest : public PlanHarness {};

TEST_F(ImportsTest, ImportBlockImportsAtPlanTimeAndApplyRecordsTheObject) {
  Write("main.tf", R"(
import {
  to = test_object.a
  id = "test-a"
}
resource "test_object" "a" {
  name = "a"
}
)");
  PlanResult p = PlanConfig({});
  ASSERT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
  EXPECT_EQ(Actions(p.plan), "test_object.a no-op\n");
  ASSERT_EQ(p.plan.changes.size(), 1u);
  EXPECT_EQ(p.plan.changes[0].import_id, "test-a");
  EXPECT_TRUE(p.plan.Applyable());
  // The imported object is the plan's prior state (not the state as read).
  EXPECT_NE(p.plan.prior_state.FindCurrent(Addr("test_object", "a")), nullptr);
  EXPECT_EQ(p.plan.prev_run_state.FindCurrent(Addr("test_object", "a")), nullptr);
  ASSERT_EQ(p.imports.size(), 1u);
  EXPECT_TRUE(p.imports[0].prepared);
  EXPECT_EQ(p.imports[0].types, std::vector<std::string>{"test_object"});
  EXPECT_EQ(p.imports[0].read_id, "test-a");

  ApplyResult a = ApplyConfig(p);
  ASSERT_FALSE(a.diagnostics.HasErrors()) << Summaries(a.diagnostics);
  const state::ObjectState* obj = a.state.FindCurrent(Addr("test_object", "a"));
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(obj->Id(), "test-a");
  EXPECT_EQ(resolver_.test.apply_count(), 0);

  // Once imported, the block is a no-op: nothing is imported again.
  PlanResult again = PlanConfig(a.state);
  ASSERT_FALSE(again.diagnostics.HasErrors()) << Summaries(again.diagnostics);
  EXPECT_TRUE(again.imports.empty());
  EXPECT_FALSE(again.plan.changes[0].import_id.has_value());
  EXPECT_FALSE(again.plan.Applyable());
}

TEST_F(ImportsTest, ImportedObjectThatDiffersFromTheConfigurationIsUpdated) {
  Write("main.tf", R"(
import {
  to = test_object.a
  id = "test-a"
}
resource "test_object" "a" {
  name = "a"
  size = 3
}
)");
  PlanResult p = PlanConfig({});
  ASSERT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
  EXPECT_EQ(Actions(p.plan), "test_object.a update\n");
  EXPECT_EQ(p.plan.changes[0].import_id, "test-a");
  ApplyResult a = ApplyConfig(p);
  ASSERT_FALSE(a.diagnostics.HasErrors()) << Summaries(a.diagnostics);
  ASSERT_NE(a.state.FindCurrent(Addr("test_object", "a")), nullptr);
  EXPECT_NE(a.state.FindCurrent(Addr("test_object", "a"))->attributes_json.find("\"size\":3"),
            std::string::npos);
}

TEST_F(ImportsTest, ImportBlockForEach) {
  Write("main.tf", R"(
locals {
  names = toset(["x", "y"])
}
import {
  for_each = local.names
  to       = test_object.a[each.key]
  id       = "test-${each.key}"
}
resource "test_object" "a" {
  for_each = local.names
  name     = each.key
}
)");
  PlanResult p = PlanConfig({});
  ASSERT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
  EXPECT_EQ(Actions(p.plan), "test_object.a[\"x\"] no-op\ntest_object.a[\"y\"] no-op\n");
  EXPECT_EQ(p.plan.changes[0].import_id, "test-x");
  EXPECT_EQ(p.plan.changes[1].import_id, "test-y");
}

TEST_F(ImportsTest, ProviderErrorsAndMissingObjects) {
  Write("main.tf", R"(
import {
  to = test_object.a
  id = "nope"
}
resource "test_object" "a" {
  name = "a"
}
)");
  PlanResult p = PlanConfig({});
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid import id: The id of a test_object is \"test-\" followed by its "
            "name, not \"nope\".\n");
  ASSERT_EQ(p.imports.size(), 1u);
  EXPECT_FALSE(p.imports[0].prepared);

  Write("main.tf", R"(
import {
  to = test_object.a
  id = "test-gone"
}
resource "test_object" "a" {
  name = "a"
}
)");
  resolver_.test.SetRemoteObject("test-gone", Value::Null(Type::Dynamic()));
  p = PlanConfig({});
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Cannot import non-existent remote object: While attempting to import an "
            "existing object to \"test_object.a\", the provider detected that no object exists "
            "with the given id. Only pre-existing objects can be imported; check that the id is "
            "correct and that it is associated with the provider's configured region or "
            "endpoint, or use \"terraform apply\" to create a new remote object for this "
            "resource.\n");
  ASSERT_EQ(p.imports.size(), 1u);
  EXPECT_TRUE(p.imports[0].prepared);
  EXPECT_EQ(p.imports[0].read_id, "test-gone");
}

TEST_F(ImportsTest, LegacyImportAddsTheObjectAndPlansNothing) {
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
resource "test_object" "b" {
  name = "b"
}
)");
  PlanOptions options;
  options.refresh = false;
  options.legacy_imports.push_back({Addr("test_object", "a"), "test-a"});
  PlanResult p = PlanConfig({}, options);
  ASSERT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
  EXPECT_TRUE(p.plan.changes.empty());
  EXPECT_NE(p.plan.prior_state.FindCurrent(Addr("test_object", "a")), nullptr);
  EXPECT_EQ(p.plan.prior_state.FindCurrent(Addr("test_object", "b")), nullptr);

  // Into an address that has an object: the provider is asked first, as Terraform does.
  PlanResult twice = PlanConfig(p.plan.prior_state, options);
  EXPECT_EQ(Summaries(twice.diagnostics),
            "error: Resource already managed by Terraform: Terraform is already managing a "
            "remote object for test_object.a. To import to this address you must first remove "
            "the existing object from the state.\n");
  ASSERT_EQ(twice.imports.size(), 1u);
  EXPECT_TRUE(twice.imports[0].prepared);
  EXPECT_FALSE(twice.imports[0].read_id.has_value());

  // An instance the configuration does not declare.
  options.legacy_imports = {{Addr("test_object", "a", addrs::InstanceKey::Int(1)), "test-a"}};
  PlanResult missing = PlanConfig({}, options);
  EXPECT_EQ(Summaries(missing.diagnostics),
            "error: Configuration for import target does not exist: The configuration for the "
            "given import test_object.a[1] does not exist. All target instances must have an "
            "associated configuration to be imported.\n");
  EXPECT_TRUE(missing.imports.empty());
}

TEST_F(ImportsTest, ImportBlockErrors) {
  // Only the root module may import (terraform: an error while loading, even in `init`).
  Write("main.tf", "module \"m\" {\n  source = \"./mod\"\n}\n");
  Write("mod/main.tf", R"(
resource "test_object" "x" {
  name = "x"
}
import {
  to = test_object.x
  id = "test-x"
}
)");
  PlanResult p = PlanConfig({});
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid import configuration: An import block was detected in \"module.m\". "
            "Import blocks are only allowed in the root module.\n");
  EXPECT_TRUE(p.validation_failed);

  // An ID known only after apply.
  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
resource "test_object" "b" {
  name = "b"
}
import {
  to = test_object.a
  id = test_object.b.id
}
)");
  Write("mod/main.tf", "", false);
  p = PlanConfig({});
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid import id argument: The import block \"id\" argument depends on "
            "resource attributes that cannot be determined until apply, so Terraform cannot "
            "plan to import this resource.\n");
  EXPECT_FALSE(p.validation_failed);
  EXPECT_TRUE(p.imports.empty());
}

TEST_F(ImportsTest, ImportBlockProviderMustBeTheResources) {
  Write("main.tf", R"(
provider "test" {
  alias = "x"
}
resource "test_object" "a" {
  provider = test.x
  name     = "a"
}
import {
  to       = test_object.a
  id       = "test-a"
  provider = test.x
}
)");
  PlanResult p = PlanConfig({});
  ASSERT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
  ASSERT_EQ(p.plan.changes.size(), 1u);
  EXPECT_EQ(p.plan.changes[0].import_id, "test-a");
  EXPECT_EQ(p.plan.changes[0].provider, "provider[\"cairn.dev/test/test\"].x");

  Write("main.tf", R"(
resource "test_object" "a" {
  name = "a"
}
import {
  to       = test_object.a
  id       = "test-a"
  provider = test
}
)");
  p = PlanConfig({});
  EXPECT_EQ(Summaries(p.diagnostics),
            "error: Invalid import provider argument: The provider argument can only be "
            "specified in import blocks that will generate configuration.\n\nUse the provider "
            "argument in the target resource block to configure the provider for a resource "
            "with explicit provider configuration.\n");
  EXPECT_TRUE(p.validation_failed);
}

TEST(ParseImportToTest, StaticAndDynamicKeys) {
  syntax::ParseResult parsed = syntax::ParseFile(
      "x = module.m[\"k\"].test_object.a[2]\ny = test_object.b[each.key]\n", "a.tf");
  ASSERT_EQ(parsed.file->body.attributes.size(), 2u);
  std::optional<ImportTo> x = ParseImportTo(*parsed.file->body.attributes[0].expr);
  ASSERT_TRUE(x.has_value());
  EXPECT_EQ(x->Instance(x->key).ToString(), "module.m[\"k\"].test_object.a[2]");
  EXPECT_EQ(x->key_expr, nullptr);
  std::optional<ImportTo> y = ParseImportTo(*parsed.file->body.attributes[1].expr);
  ASSERT_TRUE(y.has_value());
  EXPECT_NE(y->key_expr, nullptr);
  EXPECT_EQ(y->Instance(addrs::InstanceKey::String("z")).ToString(), "test_object.b[\"z\"]");
}

}  // namespace
}  // namespace cairn::planner::testing
