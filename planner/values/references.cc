#include "planner/values/references.h"

#include <fmt/format.h>

#include "lang/config/static_value.h"

namespace cairn::planner {
namespace {

using Step = ast::TraversalStep;

Diagnostics OneError(std::string summary, std::string detail, Range subject) {
  Diagnostics d;
  d.Error(std::move(summary), std::move(detail), subject);
  return d;
}

Range Between(const Range& a, const Range& b) { return Range{a.filename, a.start, b.end}; }

/// parseSingleAttrRef: ROOT.NAME.
ParseReferenceResult SingleAttr(Reference::Kind kind, std::string_view root,
                                const std::vector<Step>& steps, const Range& root_range) {
  ParseReferenceResult out;
  if (steps.empty()) {
    out.diagnostics = OneError(
        "Invalid reference",
        fmt::format("The \"{}\" object cannot be accessed directly. Instead, access one of its "
                    "attributes.",
                    root),
        root_range);
    return out;
  }
  if (steps[0].kind != Step::Kind::kAttr) {
    out.diagnostics = OneError(
        "Invalid reference",
        fmt::format("The \"{}\" object does not support this operation.", root), steps[0].range);
    return out;
  }
  out.reference.kind = kind;
  out.reference.name = steps[0].name;
  out.reference.range = Between(root_range, steps[0].range);
  out.reference.steps_used = 1;
  return out;
}

/// parseResourceRef over `parts` = [type, name, ...] where `type` is the root (managed) or the
/// first step (data/resource).
ParseReferenceResult ResourceRef(Reference::Kind kind, const Range& start_range,
                                 std::string_view type, const Range& type_range,
                                 const std::vector<Step>& steps, size_t first) {
  ParseReferenceResult out;
  if (steps.size() <= first) {
    out.diagnostics = OneError("Invalid reference",
                               "A reference to a resource type must be followed by at least one "
                               "attribute access, specifying the resource name.",
                               Between(type_range, type_range));
    return out;
  }
  const Step& name = steps[first];
  if (name.kind != Step::Kind::kAttr) {
    const char* what = kind == Reference::Kind::kDataResource ? "data source" : "resource type";
    out.diagnostics = OneError(
        "Invalid reference",
        fmt::format("A reference to a {} must be followed by at least one attribute access, "
                    "specifying the resource name.",
                    what),
        name.range);
    return out;
  }
  out.reference.kind = kind;
  out.reference.type = std::string(type);
  out.reference.name = name.name;
  out.reference.range = Between(start_range, name.range);
  out.reference.steps_used = first + 1;
  return out;
}

}  // namespace

ParseReferenceResult ParseReference(std::string_view root, const std::vector<Step>& steps,
                                    const Range& root_range) {
  using K = Reference::Kind;
  if (root == "count") return SingleAttr(K::kCount, root, steps, root_range);
  if (root == "each") return SingleAttr(K::kEach, root, steps, root_range);
  if (root == "local") return SingleAttr(K::kLocal, root, steps, root_range);
  if (root == "path") return SingleAttr(K::kPath, root, steps, root_range);
  if (root == "terraform") return SingleAttr(K::kTerraform, root, steps, root_range);
  if (root == "var") return SingleAttr(K::kInputVariable, root, steps, root_range);
  if (root == "module") {
    // module.NAME, module.NAME[KEY] or module.NAME[KEY].OUTPUT: the range covers the output
    // name when there is one (ModuleCallInstanceOutput), which the scope does not consume.
    ParseReferenceResult out = SingleAttr(K::kModuleCall, root, steps, root_range);
    if (out.diagnostics.HasErrors()) return out;
    size_t next = 1;
    if (next < steps.size() && steps[next].kind == Step::Kind::kIndex) ++next;
    if (next < steps.size() && steps[next].kind == Step::Kind::kAttr) {
      out.reference.range = Between(root_range, steps[next].range);
    }
    return out;
  }
  if (root == "self") {
    ParseReferenceResult out;
    out.reference.kind = K::kSelf;
    out.reference.range = root_range;
    return out;
  }
  if (root == "data" || root == "resource") {
    K kind = root == "data" ? K::kDataResource : K::kManagedResource;
    if (steps.size() < 2) {
      Range whole = root_range;
      if (!steps.empty()) whole = Between(root_range, steps.back().range);
      return {Reference{},
              OneError("Invalid reference",
                       fmt::format("The \"{}\" object must be followed by two attribute names: "
                                   "the {} type and the resource name.",
                                   root, root == "data" ? "data source" : "resource"),
                       whole)};
    }
    if (steps[0].kind != Step::Kind::kAttr) {
      return {Reference{},
              OneError("Invalid reference",
                       fmt::format("The \"{}\" object does not support this operation.", root),
                       steps[0].range)};
    }
    return ResourceRef(kind, root_range, steps[0].name, steps[0].range, steps, 1);
  }
  if (root == "template" || root == "lazy" || root == "arg") {
    return {Reference{},
            OneError("Reserved symbol name",
                     fmt::format("The symbol name \"{}\" is reserved for use in a future "
                                 "Terraform version. If you are using a provider that already "
                                 "uses this as a resource type name, add the prefix "
                                 "\"resource.\" to force interpretation as a resource type name.",
                                 root),
                     root_range)};
  }
  return ResourceRef(K::kManagedResource, root_range, root, root_range, steps, 0);
}

std::vector<Reference> FindReferences(const ast::Expr& expr) {
  std::vector<Reference> out;
  for (const ast::Expr* t : config::Variables(expr)) {
    ParseReferenceResult r = ParseReference(t->root_name, t->steps, t->root_range);
    if (!r.diagnostics.HasErrors()) out.push_back(std::move(r.reference));
  }
  return out;
}

std::string ReferenceName(const Reference& ref) {
  using K = Reference::Kind;
  switch (ref.kind) {
    case K::kInputVariable:
      return "var." + ref.name;
    case K::kLocal:
      return "local." + ref.name;
    case K::kPath:
      return "path." + ref.name;
    case K::kTerraform:
      return "terraform." + ref.name;
    case K::kCount:
      return "count." + ref.name;
    case K::kEach:
      return "each." + ref.name;
    case K::kSelf:
      return "self";
    case K::kModuleCall:
      return "module." + ref.name;
    case K::kManagedResource:
      return ref.type + "." + ref.name;
    case K::kDataResource:
      return "data." + ref.type + "." + ref.name;
  }
  return "";
}

}  // namespace cairn::planner
