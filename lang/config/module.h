#pragma once
/// config::Module: the declarations of one configuration directory (Terraform's configs.Module),
/// pure data. Expressions stay as AST and point into the parsed files the Module owns.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/base/source.h"
#include "lang/base/type.h"
#include "lang/syntax/ast.h"

namespace cairn::config {

/// A body as the configuration sees it after override files were merged in: attributes
/// replaced by name, nested blocks replaced by type (Terraform's MergeBodies).
/// Invariant: the pointers point into ast::File objects owned by the same Module; attribute
/// names are unique.
struct BodyView {
  std::vector<const ast::Attribute*> attributes;
  std::vector<const ast::Block*> blocks;

  const ast::Attribute* Find(std::string_view name) const;
  /// Applies an override body: its attributes replace ours of the same name; if it has any
  /// block of a type, all our blocks of that type are replaced by its blocks of that type.
  void Merge(const BodyView& override_body);
};

/// `name` or `name.alias` in a `provider` argument or a `providers` map.
struct ProviderRef {
  std::string name;
  std::string alias;  // empty when not given
  Range name_range;
  std::optional<Range> alias_range;
};

/// A `validation`, `precondition`, `postcondition` or `assert` block.
struct CheckRule {
  const ast::Expr* condition = nullptr;
  const ast::Expr* error_message = nullptr;
  Range decl_range;
};

struct RequiredVersion {
  const ast::Expr* expr = nullptr;
  Range decl_range;  // the attribute's range
};

struct RequiredProvider {
  std::string name;
  const ast::Attribute* attribute = nullptr;  // `name = { source = ..., version = ... }`
};

struct Backend {
  std::string type;
  Range decl_range;
  Range type_range;
  const ast::Block* block = nullptr;
};

/// What `terraform` blocks declare, collected over all files.
struct TerraformSettings {
  std::vector<RequiredVersion> required_versions;
  std::vector<RequiredProvider> required_providers;
  std::optional<Range> required_providers_range;  // DefRange of the (first) block
  std::optional<Backend> backend;
  std::optional<Backend> cloud;  // `cloud` block: type is empty
};

struct ProviderConfig {
  std::string name;
  std::string alias;
  Range decl_range;
  std::optional<Range> alias_range;
  BodyView config;  // without `alias` and `version`
  const ast::Expr* version = nullptr;
};

struct Variable {
  std::string name;
  Range decl_range;
  const ast::Expr* type = nullptr;
  const ast::Expr* default_value = nullptr;
  const ast::Expr* description = nullptr;
  const ast::Expr* sensitive = nullptr;
  const ast::Expr* nullable = nullptr;
  const ast::Expr* ephemeral = nullptr;
  std::vector<CheckRule> validations;
  /// The decoded `type` (the dynamic pseudo-type, `any`, when absent or invalid). In an
  /// override file, only meaningful when `type` is set.
  Type type_constraint;
  bool nullable_value = true;  // the decoded `nullable` (true when absent)
  /// False when the default did not fit the type constraint (Terraform then treats the
  /// default as unknown, so merging overrides does not report it again).
  bool default_fits_type = true;
};

struct Local {
  std::string name;
  const ast::Expr* expr = nullptr;
  Range decl_range;  // the whole attribute
};

struct Output {
  std::string name;
  Range decl_range;
  const ast::Expr* value = nullptr;
  const ast::Expr* description = nullptr;
  const ast::Expr* sensitive = nullptr;
  const ast::Expr* ephemeral = nullptr;
  const ast::Expr* depends_on = nullptr;
  std::vector<CheckRule> preconditions;
};

struct ModuleCall {
  std::string name;
  Range decl_range;
  const ast::Expr* source = nullptr;
  std::string source_text;  // the literal source address, when it is a literal string
  const ast::Expr* version = nullptr;
  const ast::Expr* count = nullptr;
  const ast::Expr* for_each = nullptr;
  const ast::Expr* depends_on = nullptr;
  const ast::Expr* providers = nullptr;
  BodyView config;  // the input variables: everything that is not a meta-argument
};

enum class ResourceMode { kManaged, kData, kEphemeral };

struct Provisioner {
  std::string type;
  Range decl_range;
  const ast::Block* block = nullptr;
};

struct Resource {
  ResourceMode mode = ResourceMode::kManaged;
  std::string type;
  std::string name;
  Range decl_range;
  Range type_range;
  const ast::Expr* count = nullptr;
  const ast::Expr* for_each = nullptr;
  std::optional<ProviderRef> provider;
  const ast::Expr* depends_on = nullptr;
  BodyView config;  // provider-specific arguments and blocks (meta-arguments removed)
  // lifecycle
  const ast::Expr* create_before_destroy = nullptr;
  const ast::Expr* prevent_destroy = nullptr;
  const ast::Expr* ignore_changes = nullptr;
  const ast::Expr* replace_triggered_by = nullptr;
  std::vector<CheckRule> preconditions;
  std::vector<CheckRule> postconditions;
  const ast::Block* connection = nullptr;
  std::vector<Provisioner> provisioners;
};

struct Moved {
  const ast::Expr* from = nullptr;
  const ast::Expr* to = nullptr;
  Range decl_range;
};

struct Removed {
  const ast::Expr* from = nullptr;
  Range decl_range;
  const ast::Block* block = nullptr;
};

struct Import {
  const ast::Expr* to = nullptr;
  const ast::Expr* id = nullptr;
  const ast::Expr* for_each = nullptr;
  const ast::Expr* provider = nullptr;
  Range decl_range;
  /// The target's address (`module.a.aws_instance.x[0]`) when `to` is static, else "".
  std::string static_address;
};

struct Check {
  std::string name;
  Range decl_range;
  std::optional<Resource> data;  // the scoped data source, if any
  std::vector<CheckRule> asserts;
};

/// One configuration directory. Lists are in declaration order (primary files by name, then
/// blocks in source order); a name declared twice keeps one entry (and an error was reported).
struct Module {
  std::string dir;
  /// The parsed files, primary files first, then override files, each group by name.
  /// Invariant: every AST pointer held below points into one of these files.
  std::vector<std::unique_ptr<ast::File>> files;

  TerraformSettings terraform;
  std::vector<ProviderConfig> providers;
  std::vector<Variable> variables;
  std::vector<Local> locals;
  std::vector<Output> outputs;
  std::vector<ModuleCall> module_calls;
  std::vector<Resource> resources;  // managed and ephemeral resources
  std::vector<Resource> data_resources;  // including those scoped in check blocks
  std::vector<Moved> moved;
  std::vector<Removed> removed;
  std::vector<Import> imports;
  std::vector<Check> checks;
};

}  // namespace cairn::config
