#pragma once
/// The Scope a root module's expressions are evaluated in: `var.*`, `local.*`, `path.*`,
/// `terraform.*`, with Terraform's errors for everything else (count/each/self outside their
/// contexts, undeclared names with "Did you mean" suggestions). Resources, data sources and
/// module calls that ARE declared are not evaluated here (the resource graph does that): a
/// reference to one is a located error, never a crash.

#include <set>
#include <string>
#include <string_view>

#include "lang/config/module.h"
#include "lang/eval/scope.h"
#include "planner/values/module_values.h"
#include "planner/values/name_table.h"

namespace cairn::planner {

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

  ModuleScope(const ModuleScope&) = delete;
  ModuleScope& operator=(const ModuleScope&) = delete;

  eval::ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                           const Range& root_range, const Range& traversal_range) const override;

 private:
  void IndexDeclarations();

  const config::Module& module_;
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
