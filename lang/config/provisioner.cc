#include "lang/config/provisioner.h"

#include <fmt/format.h>

#include <string>

#include "lang/config/static_value.h"

namespace cairn::config {
namespace {

constexpr const char* kDestroyRefDetail =
    "Destroy-time provisioners and their connection configurations may only reference "
    "attributes of the related resource, via 'self', 'count.index', or 'each.key'.\n\n"
    "References to other resources during the destroy phase can cause dependency cycles and "
    "interact poorly with create_before_destroy.";

/// A keyword argument, bare or quoted (Terraform's shimTraversalInString: a warning).
std::string Keyword(const ast::Attribute& a, Diagnostics& diags) {
  std::string text;
  if (IsQuotedString(*a.expr, &text)) {
    diags.Warning(
        "Quoted keywords are deprecated",
        "In this context, keywords are expected literally rather than in quotes. Terraform "
        "0.11 and earlier required quotes, but quoted keywords are now deprecated and will be "
        "removed in a future version of Terraform. Remove the quotes surrounding this keyword "
        "to silence this warning.",
        a.expr->range);
    return text;
  }
  return std::string(ExprAsKeyword(*a.expr));
}

void OnlySelfRefs(const ast::Body& body, bool skip_meta, Diagnostics& diags) {
  for (const ast::Attribute& attr : body.attributes) {
    if (skip_meta && (attr.name == "when" || attr.name == "on_failure")) continue;
    for (const ast::Expr* v : Variables(*attr.expr)) {
      std::string_view root = v->root_name;
      bool valid = root == "self" || root == "path" || root == "terraform";
      if (root == "count" || root == "each") {
        valid = v->steps.size() == 1 && v->steps[0].kind == ast::TraversalStep::Kind::kAttr &&
                v->steps[0].name == (root == "count" ? "index" : "key");
      }
      if (!valid) {
        diags.Error("Invalid reference from destroy provisioner", kDestroyRefDetail,
                    attr.expr->range);
      }
    }
  }
}

}  // namespace

ProvisionerKeywords DecodeProvisionerKeywords(const ast::Block& block, Diagnostics& diags) {
  ProvisionerKeywords out;
  const ast::Attribute* when = block.body->FindAttribute("when");
  const ast::Attribute* on_failure = block.body->FindAttribute("on_failure");
  if (when) {
    std::string kw = Keyword(*when, diags);
    if (kw == "create" || kw == "destroy") {
      out.when_destroy = kw == "destroy";
    } else {
      diags.Error(
          "Invalid \"when\" keyword",
          "The \"when\" argument requires one of the following keywords: create or destroy.",
          when->expr->range);
    }
  }
  if (out.when_destroy) OnlySelfRefs(*block.body, /*skip_meta=*/true, diags);
  if (on_failure) {
    std::string kw = Keyword(*on_failure, diags);
    if (kw == "continue" || kw == "fail") {
      out.on_failure_continue = kw == "continue";
    } else {
      diags.Error("Invalid \"on_failure\" keyword",
                  "The \"on_failure\" argument requires one of the following keywords: continue "
                  "or fail.",
                  on_failure->expr->range);
    }
  }
  if (out.when_destroy) {
    for (const ast::Block& b : block.body->blocks) {
      if (b.type == "connection") OnlySelfRefs(*b.body, /*skip_meta=*/false, diags);
    }
  }
  return out;
}

void CheckDestroyProvisionerRefs(const ast::Body& body, Diagnostics& diags) {
  OnlySelfRefs(body, /*skip_meta=*/false, diags);
}

bool CheckRemovedProvisioner(const ast::Block& block, Diagnostics& diags) {
  const std::string& type = block.labels[0];
  if (type != "chef" && type != "habitat" && type != "puppet" && type != "salt-masterless") {
    return false;
  }
  diags.Error(fmt::format("The \"{}\" provisioner has been removed", type),
              fmt::format("The \"{}\" provisioner was deprecated in Terraform 0.13.4 has been "
                          "removed from Terraform. Visit "
                          "https://learn.hashicorp.com/collections/terraform/provision for "
                          "alternatives to using provisioners that are a better fit for the "
                          "Terraform workflow.",
                          type),
              block.label_ranges[0]);
  return true;
}

}  // namespace cairn::config
