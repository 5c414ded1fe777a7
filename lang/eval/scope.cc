#include "lang/eval/scope.h"

#include <fmt/format.h>

namespace cairn::eval {

void MapScope::SetNamed(std::string root, std::string name, Value v) {
  named_[std::move(root)][std::move(name)] = std::move(v);
}

void MapScope::SetRoot(std::string root, Value v) { roots_[std::move(root)] = std::move(v); }

ScopeLookup MapScope::Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                             const Range& root_range, const Range& traversal_range) const {
  ScopeLookup out;
  out.value = Value::DynamicUnknown();
  if (auto r = roots_.find(root); r != roots_.end()) {
    out.value = r->second;
    return out;
  }
  bool has_name = !steps.empty() && steps[0].kind == ast::TraversalStep::Kind::kAttr;
  Range subject = root_range;
  if (has_name) subject = Range{root_range.filename, root_range.start, steps[0].range.end};
  if (auto n = named_.find(root); n != named_.end() && has_name) {
    if (auto v = n->second.find(steps[0].name); v != n->second.end()) {
      out.value = v->second;
      out.steps_used = 1;
      return out;
    }
  }
  std::string name = has_name ? steps[0].name : std::string();
  if (!has_name && root != "var" && root != "local") {
    out.diagnostics.Error("Invalid reference",
                          "A reference to a resource type must be followed by at least one "
                          "attribute access, specifying the resource name.",
                          subject);
  } else if (root == "var") {
    out.diagnostics.Error(
        "Reference to undeclared input variable",
        fmt::format("An input variable with the name \"{}\" has not been declared. This variable "
                    "can be declared with a variable \"{}\" {{}} block.",
                    name, name),
        subject);
  } else if (root == "local") {
    out.diagnostics.Error(
        "Reference to undeclared local value",
        fmt::format("A local value with the name \"{}\" has not been declared.", name), subject);
  } else {
    out.diagnostics.Error(
        "Reference to undeclared resource",
        fmt::format("A managed resource \"{}\" \"{}\" has not been declared in the root module.",
                    root, name),
        subject);
  }
  (void)traversal_range;
  return out;
}

}  // namespace cairn::eval
