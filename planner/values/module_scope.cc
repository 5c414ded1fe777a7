#include "planner/values/module_scope.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "lang/base/go_quote.h"
#include "lang/base/name_suggestion.h"
#include "planner/values/references.h"

namespace cairn::planner {
namespace {

std::string Suggest(std::string_view given, std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  std::string s = NameSuggestion(given, names);
  return s.empty() ? s : fmt::format(" Did you mean {}?", GoQuote(s));
}

}  // namespace

ModuleScope::ModuleScope(const config::Module& module, const ModuleValues& values,
                         bool applying, ScopeSettings settings)
    : module_(module), applying_(applying), settings_(std::move(settings)) {
  variable_names_.Reserve(values.variables.size());
  for (const auto& [name, v] : values.variables) {
    variable_names_.Insert(name, static_cast<uint32_t>(variables_.size()));
    variables_.push_back(&v);
  }
  local_names_.Reserve(values.locals.size());
  for (const auto& [name, v] : values.locals) {
    local_names_.Insert(name, static_cast<uint32_t>(locals_.size()));
    locals_.push_back(&v);
  }
  IndexDeclarations();
}

ModuleScope::ModuleScope(const config::Module& module, const std::vector<Value>& variables,
                         const std::vector<Value>& locals, bool applying,
                         ScopeSettings settings)
    : module_(module), applying_(applying), settings_(std::move(settings)) {
  // Names point into the module's declarations, values into the vectors.
  size_t nv = std::min(variables.size(), module.variables.size());
  variable_names_.Reserve(nv);
  for (size_t i = 0; i < nv; ++i) {
    variable_names_.Insert(module.variables[i].name, static_cast<uint32_t>(i));
    variables_.push_back(&variables[i]);
  }
  size_t nl = std::min(locals.size(), module.locals.size());
  local_names_.Reserve(nl);
  for (size_t i = 0; i < nl; ++i) {
    local_names_.Insert(module.locals[i].name, static_cast<uint32_t>(i));
    locals_.push_back(&locals[i]);
  }
  IndexDeclarations();
}

void ModuleScope::IndexDeclarations() {
  for (const config::ModuleCall& m : module_.module_calls) module_calls_.insert(m.name);
  for (const config::Resource& r : module_.resources) managed_.insert(r.type + "." + r.name);
  for (const config::Resource& r : module_.data_resources) data_.insert(r.type + "." + r.name);
}

eval::ScopeLookup ModuleScope::Lookup(std::string_view root,
                                      const std::vector<ast::TraversalStep>& steps,
                                      const Range& root_range,
                                      const Range& traversal_range) const {
  (void)traversal_range;
  eval::ScopeLookup out;
  out.value = Value::DynamicUnknown();
  ParseReferenceResult parsed = ParseReference(root, steps, root_range);
  if (parsed.diagnostics.HasErrors()) {
    out.diagnostics = std::move(parsed.diagnostics);
    return out;
  }
  const Reference& ref = parsed.reference;
  out.steps_used = ref.steps_used;
  Diagnostics& diags = out.diagnostics;
  using K = Reference::Kind;
  switch (ref.kind) {
    case K::kInputVariable: {
      if (uint32_t i = variable_names_.Find(ref.name); i != NameTable::kMissing) {
        out.value = *variables_[i];
        return out;
      }
      std::vector<std::string> names;
      for (const config::Variable& v : module_.variables) names.push_back(v.name);
      std::string suggestion = Suggest(ref.name, names);
      if (suggestion.empty()) {
        suggestion = fmt::format(" This variable can be declared with a variable {} {{}} block.",
                                 GoQuote(ref.name));
      }
      diags.Error("Reference to undeclared input variable",
                  fmt::format("An input variable with the name {} has not been declared.{}",
                              GoQuote(ref.name), suggestion),
                  ref.range);
      return out;
    }
    case K::kLocal: {
      if (uint32_t i = local_names_.Find(ref.name); i != NameTable::kMissing) {
        out.value = *locals_[i];
        return out;
      }
      std::vector<std::string> names;
      for (const config::Local& l : module_.locals) names.push_back(l.name);
      diags.Error("Reference to undeclared local value",
                  fmt::format("A local value with the name {} has not been declared.{}",
                              GoQuote(ref.name), Suggest(ref.name, names)),
                  ref.range);
      return out;
    }
    case K::kPath: {
      if (ref.name == "module") {
        out.value = Value::String(path_module_);
        return out;
      }
      if (ref.name == "root") {
        out.value = Value::String(".");
        return out;
      }
      if (ref.name == "cwd") {
        std::error_code ec;
        std::filesystem::path cwd = settings_.original_working_dir.empty()
                                        ? std::filesystem::current_path(ec)
                                        : std::filesystem::absolute(
                                              settings_.original_working_dir, ec);
        if (ec) {
          diags.Error("Failed to get working directory",
                      fmt::format("The value for path.cwd cannot be determined due to a system "
                                  "error: {}",
                                  ec.message()),
                      ref.range);
          return out;
        }
        // filepath.Abs cleans the path: no `..`, no trailing slash.
        std::string text = cwd.lexically_normal().generic_string();
        if (text.size() > 1 && text.back() == '/') text.pop_back();
        out.value = Value::String(std::move(text));
        return out;
      }
      diags.Error("Invalid \"path\" attribute",
                  fmt::format("The \"path\" object does not have an attribute named {}.{}",
                              GoQuote(ref.name), Suggest(ref.name, {"cwd", "module", "root"})),
                  ref.range);
      return out;
    }
    case K::kTerraform: {
      if (ref.name == "workspace") {
        out.value = Value::String(settings_.workspace);
        return out;
      }
      if (ref.name == "applying") {
        // Ephemeral: it differs between plan and apply, so nothing may persist it.
        out.value = Value::Bool(applying_).WithMarks(Marks::Ephemeral());
        return out;
      }
      if (ref.name == "env") {
        diags.Error("Invalid \"terraform\" attribute",
                    "The terraform.env attribute was deprecated in v0.10 and removed in v0.12. "
                    "The \"state environment\" concept was renamed to \"workspace\" in v0.12, "
                    "and so the workspace name can now be accessed using the "
                    "terraform.workspace attribute.",
                    ref.range);
        return out;
      }
      diags.Error("Invalid \"terraform\" attribute",
                  fmt::format("The \"terraform\" object does not have an attribute named {}. "
                              "The only supported attributes are terraform.workspace, the name "
                              "of the currently-selected workspace, and terraform.applying, a "
                              "boolean which is true only during apply.",
                              GoQuote(ref.name)),
                  ref.range);
      return out;
    }
    case K::kCount:
      if (ref.name == "index" && repetition_ && repetition_->count_index) {
        out.value = *repetition_->count_index;
        return out;
      }
      if (ref.name == "index") {
        out.value = Value::Unknown(Type::Number());
        diags.Error("Reference to \"count\" in non-counted context",
                    "The \"count\" object can only be used in \"module\", \"resource\", and "
                    "\"data\" blocks, and only when the \"count\" argument is set.",
                    ref.range);
      } else {
        diags.Error("Invalid \"count\" attribute",
                    fmt::format("The \"count\" object does not have an attribute named {}. The "
                                "only supported attribute is count.index, which is the index of "
                                "each instance of a resource block that has the \"count\" "
                                "argument set.",
                                GoQuote(ref.name)),
                    ref.range);
      }
      return out;
    case K::kEach:
      if (repetition_ && repetition_->each_key && (ref.name == "key" || ref.name == "value")) {
        out.value = ref.name == "key" ? *repetition_->each_key : *repetition_->each_value;
        return out;
      }
      if (ref.name == "key" || ref.name == "value") {
        diags.Error("Reference to \"each\" in context without for_each",
                    "The \"each\" object can be used only in \"module\" or \"resource\" blocks, "
                    "and only when the \"for_each\" argument is set.",
                    ref.range);
      } else {
        diags.Error("Invalid \"each\" attribute",
                    fmt::format("The \"each\" object does not have an attribute named {}. The "
                                "supported attributes are each.key and each.value, the current "
                                "key and value pair of the \"for_each\" attribute set.",
                                GoQuote(ref.name)),
                    ref.range);
      }
      return out;
    case K::kSelf:
      if (repetition_ && repetition_->self) {
        out.value = *repetition_->self;
        return out;
      }
      diags.Error("Invalid \"self\" reference",
                  "The \"self\" object is not available in this context. This object can be "
                  "used only in resource provisioner, connection, and postcondition blocks.",
                  ref.range);
      return out;
    case K::kModuleCall: {
      if (!module_calls_.count(ref.name)) {
        std::vector<std::string> names(module_calls_.begin(), module_calls_.end());
        diags.Error("Reference to undeclared module",
                    fmt::format("No module call named {} is declared in {}.{}",
                                GoQuote(ref.name), module_name_, Suggest(ref.name, names)),
                    ref.range);
        return out;
      }
      break;
    }
    case K::kManagedResource:
    case K::kDataResource: {
      bool data = ref.kind == K::kDataResource;
      std::string key = ref.type + "." + ref.name;
      if (!(data ? data_ : managed_).count(key)) {
        std::string suggestion;
        if (!data && data_.count(key)) {
          suggestion = fmt::format("\n\nDid you mean the data resource data.{}?", key);
        }
        diags.Error("Reference to undeclared resource",
                    fmt::format("A {} resource {} {} has not been declared in {}.{}",
                                data ? "data" : "managed", GoQuote(ref.type),
                                GoQuote(ref.name), module_name_, suggestion),
                    ref.range);
        return out;
      }
      break;
    }
  }
  // A declared resource, data source or module call.
  if (resolver_) return resolver_->ResolveObject(ref);
  diags.Error("Reference to a resource not supported yet",
              fmt::format("Cairn cannot evaluate {} yet: expressions that refer to resources, "
                          "data sources or module calls are evaluated by the resource graph, "
                          "which this version does not build.",
                          ReferenceName(ref)),
              ref.range);
  return out;
}

}  // namespace cairn::planner
