#pragma once
/// A configuration directory planned and applied with the built-in providers and the test
/// provider (cairn.dev/test/test, local name "test"): what the planner's feature tests share.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "lang/config/loader.h"
#include "planner/plan/planner.h"
#include "providers/builtin.h"
#include "providers/test_provider.h"

namespace cairn::planner::testing {

namespace fs = std::filesystem;

/// Built-in providers plus the test provider, one instance each.
class HarnessResolver : public ProviderResolver {
 public:
  providers::Provider* Resolve(std::string_view source) override {
    if (source == providers::kTestProviderSource) return &test;
    if (!terraform) terraform = providers::MakeBuiltinProvider("terraform.io/builtin/terraform");
    return providers::CanonicalBuiltinSource(source).empty() ? nullptr : terraform.get();
  }
  std::unique_ptr<providers::Provider> Instantiate(std::string_view source) override {
    if (source == providers::kTestProviderSource) {
      auto p = std::make_unique<providers::TestProvider>();
      instances.push_back(p.get());
      return p;
    }
    return providers::MakeBuiltinProvider(source);
  }
  providers::TestProvider test;
  std::unique_ptr<providers::Provider> terraform;
  /// The test provider instances Instantiate made, in order (owned by the planner).
  std::vector<providers::TestProvider*> instances;
};

class PlanHarness : public ::testing::Test {
 protected:
  PlanHarness() {
    dir_ = fs::temp_directory_path() /
           ("cairn_plan_harness_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Loaded from inside, so diagnostics name files as the CLI does ("main.tf").
    previous_cwd_ = fs::current_path();
    fs::current_path(dir_);
  }
  ~PlanHarness() override {
    fs::current_path(previous_cwd_);
    fs::remove_all(dir_);
  }

  /// Writes `text` to `name` (relative); main.tf files get the test provider's
  /// required_providers entry first.
  void Write(const std::string& name, const std::string& text, bool require_test = true) {
    fs::remove_all(dir_ / name);
    fs::create_directories((dir_ / name).parent_path());
    std::ofstream out(dir_ / name);
    if (require_test) {
      out << "terraform {\n  required_providers {\n    test = {\n"
             "      source = \"cairn.dev/test/test\"\n    }\n  }\n}\n";
    }
    out << text;
  }

  PlanResult PlanConfig(const state::State& prior, PlanOptions options = {}) {
    loaded_ = std::make_unique<config::LoadResult>(config::LoadModule("."));
    EXPECT_FALSE(loaded_->diagnostics.HasErrors())
        << (loaded_->diagnostics.empty() ? "" : loaded_->diagnostics.begin()->summary);
    LoadModuleTreeResult tree = LoadModuleTree(loaded_->module);
    EXPECT_FALSE(tree.diagnostics.HasErrors());
    tree_ = std::move(tree.tree);
    return MakePlan(*tree_, prior, {}, resolver_, options);
  }

  ApplyResult ApplyConfig(const PlanResult& planned) {
    struct NoHooks : ApplyHooks {
      void PreApply(const addrs::AbsResourceInstance&, Action, const Value&) override {}
      void PostApply(const addrs::AbsResourceInstance&, Action, const Value&, bool,
                     std::chrono::steady_clock::duration) override {}
    } hooks;
    return ApplyPlan(*tree_, planned.plan, {}, resolver_, hooks);
  }

  /// Plans from `prior` and applies; the plan must have no errors.
  state::State PlanAndApply(const state::State& prior) {
    PlanResult p = PlanConfig(prior);
    EXPECT_FALSE(p.diagnostics.HasErrors()) << Summaries(p.diagnostics);
    ApplyResult a = ApplyConfig(p);
    EXPECT_FALSE(a.diagnostics.HasErrors()) << Summaries(a.diagnostics);
    return a.state;
  }

  /// "addr action[ (moved from X)]" per change.
  static std::string Actions(const Plan& plan) {
    std::string out;
    for (const ResourceInstanceChange& c : plan.changes) {
      out += c.addr.ToString() + " " + std::string(ActionJsonNames(c.action).front());
      if (ActionJsonNames(c.action).size() > 1) {
        out += "," + std::string(ActionJsonNames(c.action)[1]);
      }
      if (c.previous_addr) out += " (from " + c.previous_addr->ToString() + ")";
      out += "\n";
    }
    return out;
  }

  /// "severity: summary: detail" per diagnostic, one a line.
  static std::string Summaries(const Diagnostics& diags) {
    std::string out;
    for (const Diagnostic& d : diags) {
      out += (d.severity == Severity::kError ? "error: " : "warning: ") + d.summary + ": " +
             d.detail + "\n";
    }
    return out;
  }

  fs::path dir_;
  fs::path previous_cwd_;
  HarnessResolver resolver_;
  std::unique_ptr<config::LoadResult> loaded_;
  std::unique_ptr<ModuleTree> tree_;
};

}  // namespace cairn::planner::testing
