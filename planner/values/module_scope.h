#pragma once
/// The Scope a root module's expressions are evaluated in: `var.*`, `local.*`, `path.*`,
/// `terraform.*`, with Terraform's errors for everything else (count/each/self outside their
/// contexts, undeclared names with "Did you mean" suggestions). Resources, data sources and
/// module calls that ARE declared are not evaluated here (the resource graph does that): a
/// reference to one is a located error, never a crash.

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "lang/config/module.h"
#include "lang/eval/scope.h"
#include "planner/values/module_values.h"
#include "planner/values/name_table.h"
#include "planner/values/references.h"

namespace cairn::planner {

/// Resolves what a module's expressions refer to beyond variables and locals: DECLARED module
/// calls (`module.m`), managed resources and data sources (the resource graph's values).
class ObjectResolver {
 public:
  virtual ~ObjectResolver() = default;
  /// `ref` is a kModuleCall, kManagedResource or kDataResource reference to a declared object;
  /// the lookup consumes ref.steps_used steps.
  virtual eval::ScopeLookup ResolveObject(const Reference& ref) const = 0;
};

/// `count.index`, `each.key`/`each.value` and `self` of the block being evaluated.
struct Repetition {
  std::optional<Value> count_index;
  std::optional<Value> each_key;
  std::optional<Value> each_value;
  std::optional<Value> self;
};

class ModuleScope : public eval::Scope {
 public:
  /// `values` must outlive the scope, and its variable and local entries must exist when the
  /// scope is made: lookups see the current contents of those entries (values assigned while a
  /// module is evaluated are seen by later lookups), through hash tables built here (O(1) per
  /// lookup). `applying` is `terraform.applying`.
  ModuleScope(const config::Module& module, const ModuleValues& values, bool applying,
              ScopeSettings settings = {});
  /// The same over values held by index: `variables[i]` is `module.variables[i]`'s value,
  /// `locals[i]` `module.locals[i]`'s (the vectors must not be resized while the scope lives).
  ModuleScope(const config::Module& module, const std::vector<Value>& variables,
              const std::vector<Value>& locals, bool applying, ScopeSettings settings = {});

  /// Resource, data source and module call references go to `resolver` (which must outlive
  /// the scope); without one they are a located "not supported" error.
  void SetResolver(const ObjectResolver* resolver) { resolver_ = resolver; }
  /// The repetition values in effect (nullptr: none; `repetition` must outlive its use).
  void SetRepetition(const Repetition* repetition) { repetition_ = repetition; }
  /// `path.module` (default ".") and how errors name the module ("the root module",
  /// "module.a").
  void SetModule(std::string path_module, std::string module_name) {
    path_module_ = std::move(path_module);
    module_name_ = std::move(module_name);
  }

  ModuleScope(const ModuleScope&) = delete;
  ModuleScope& operator=(const ModuleScope&) = delete;

  eval::ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                           const Range& root_range, const Range& traversal_range) const override;

 private:
  void IndexDeclarations();

  const config::Module& module_;
  const ObjectResolver* resolver_ = nullptr;
  const Repetition* repetition_ = nullptr;
  std::string path_module_ = ".";
  std::string module_name_ = "the root module";
  bool applying_;
  ScopeSettings settings_;
  NameTable variable_names_;  // name -> index in variables_
  NameTable local_names_;     // name -> index in locals_
  std::vector<const Value*> variables_;
  std::vector<const Value*> locals_;
  std::set<std::string, std::less<>> module_calls_;
  std::set<std::string, std::less<>> managed_;  // "type.name"
  std::set<std::string, std::less<>> data_;     // "type.name"
};


}  // namespace cairn::planner
