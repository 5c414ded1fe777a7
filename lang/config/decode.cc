#include "lang/config/decode.h"

#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "lang/base/convert.h"
#include "lang/config/body_schema.h"
#include "lang/config/provisioner.h"
#include "lang/config/static_value.h"
#include "lang/config/type_constraint.h"

namespace cairn::config {
namespace {

constexpr const char* kBadIdentifierDetail =
    "A name must start with a letter or underscore and may contain only letters, digits, "
    "underscores, and dashes.";

constexpr const char* kCountForEachDetail =
    "The \"count\" and \"for_each\" meta-arguments are mutually-exclusive, only one should be "
    "used to be explicit about the number of resources to be created.";

constexpr const char* kStaticReferenceDetail =
    "A single static variable reference is required: only attribute access and indexing with "
    "constant keys. No calculations, function calls, template expressions, etc are allowed here.";

bool ValidVersionConstraint(const std::string& text);

// ---- schemas (Terraform 1.11) ------------------------------------------------------------

const BodySchema& ConfigFileSchema() {
  static const BodySchema s{
      {},
      {{"terraform", {}},
       {"required_providers", {}},
       {"provider", {"name"}},
       {"variable", {"name"}},
       {"locals", {}},
       {"output", {"name"}},
       {"module", {"name"}},
       {"resource", {"type", "name"}},
       {"data", {"type", "name"}},
       {"ephemeral", {"type", "name"}},
       {"moved", {}},
       {"removed", {}},
       {"import", {}},
       {"check", {"name"}}}};
  return s;
}

const BodySchema& TerraformBlockSchema() {
  static const BodySchema s{{{"required_version"}, {"experiments"}, {"language"}},
                            {{"backend", {"type"}},
                             {"cloud", {}},
                             {"required_providers", {}},
                             {"provider_meta", {"provider"}}}};
  return s;
}

const BodySchema& ModuleBlockSchema() {
  static const BodySchema s{{{"source", true},
                             {"version"},
                             {"count"},
                             {"for_each"},
                             {"depends_on"},
                             {"providers"}},
                            {{"_", {}}, {"lifecycle", {}}, {"locals", {}}, {"provider", {"type"}}}};
  return s;
}

const BodySchema& VariableBlockSchema() {
  static const BodySchema s{
      {{"description"}, {"default"}, {"type"}, {"sensitive"}, {"ephemeral"}, {"nullable"}},
      {{"validation", {}}}};
  return s;
}

const BodySchema& OutputBlockSchema() {
  static const BodySchema s{{{"description"},
                             {"value", true},
                             {"depends_on"},
                             {"sensitive"},
                             {"ephemeral"}},
                            {{"precondition", {}}, {"postcondition", {}}}};
  return s;
}

const BodySchema& ProviderBlockSchema() {
  static const BodySchema s{
      {{"alias"}, {"version"}, {"count"}, {"depends_on"}, {"for_each"}, {"source"}},
      {{"_", {}}, {"lifecycle", {}}, {"locals", {}}}};
  return s;
}

const BodySchema& ResourceBlockSchema() {
  static const BodySchema s{{{"count"}, {"for_each"}, {"provider"}, {"depends_on"}},
                            {{"locals", {}},
                             {"lifecycle", {}},
                             {"connection", {}},
                             {"provisioner", {"type"}},
                             {"_", {}}}};
  return s;
}

const BodySchema& DataBlockSchema() {
  static const BodySchema s{{{"count"}, {"for_each"}, {"provider"}, {"depends_on"}},
                            {{"lifecycle", {}}, {"locals", {}}, {"_", {}}}};
  return s;
}

const BodySchema& LifecycleBlockSchema() {
  static const BodySchema s{{{"create_before_destroy"},
                             {"prevent_destroy"},
                             {"ignore_changes"},
                             {"replace_triggered_by"}},
                            {{"precondition", {}}, {"postcondition", {}}}};
  return s;
}

const BodySchema& ProvisionerBlockSchema() {
  static const BodySchema s{{{"when"}, {"on_failure"}},
                            {{"connection", {}}, {"lifecycle", {}}, {"_", {}}}};
  return s;
}

const BodySchema& CheckRuleBlockSchema() {
  static const BodySchema s{{{"condition", true}, {"error_message", true}}, {}};
  return s;
}

const BodySchema& CheckBlockSchema() {
  static const BodySchema s{{}, {{"data", {"type", "name"}}, {"assert", {}}}};
  return s;
}

const BodySchema& MovedBlockSchema() {
  static const BodySchema s{{{"from", true}, {"to", true}}, {}};
  return s;
}

const BodySchema& RemovedBlockSchema() {
  static const BodySchema s{{{"from", true}},
                            {{"lifecycle", {}}, {"connection", {}}, {"provisioner", {"type"}}}};
  return s;
}

const BodySchema& ImportBlockSchema() {
  static const BodySchema s{{{"provider"}, {"id", true}, {"to", true}, {"for_each"}}, {}};
  return s;
}

/// Terraform's schemaForOverrides: no argument is required in an override file.
BodySchema ForOverrides(const BodySchema& s) {
  BodySchema out = s;
  for (AttributeSchema& a : out.attributes) a.required = false;
  return out;
}

const ast::Expr* ExprOf(const BodyContent& c, std::string_view name) {
  const ast::Attribute* a = c.Find(name);
  return a ? a->expr.get() : nullptr;
}

BodyView ViewOf(const std::vector<const ast::Attribute*>& attributes,
                const std::vector<const ast::Block*>& blocks) {
  return BodyView{attributes, blocks};
}

// ---- references ----------------------------------------------------------------------------

/// Terraform's shimTraversalInString: a quoted reference is accepted with a deprecation warning.
void ShimQuotedReference(const ast::Expr& expr, Diagnostics& diags) {
  if (!IsQuotedString(expr)) return;
  diags.Warning("Quoted references are deprecated",
                "In this context, references are expected literally rather than in quotes. "
                "Terraform 0.11 and earlier required quotes, but quoted references are now "
                "deprecated and will be removed in a future version of Terraform. Remove the "
                "quotes surrounding this reference to silence this warning.",
                expr.range);
}

/// hcl.AbsTraversalForExpr / RelTraversalForExpr: true for a static reference.
bool IsStaticTraversal(const ast::Expr& expr) {
  return expr.kind == ast::ExprKind::kScopeTraversal;
}

/// hcl.ExprList: the items of a tuple constructor, or an error.
const std::vector<ast::ExprPtr>* ExprList(const ast::Expr& expr, Diagnostics& diags) {
  if (expr.kind == ast::ExprKind::kTuple) return &expr.items;
  diags.Error("Invalid expression", "A static list expression is required.", StartRange(expr));
  return nullptr;
}

/// Terraform's DecodeDependsOn.
void CheckDependsOn(const ast::Expr& expr, Diagnostics& diags) {
  const std::vector<ast::ExprPtr>* items = ExprList(expr, diags);
  if (!items) return;
  for (const ast::ExprPtr& item : *items) {
    if (!item) continue;
    if (IsQuotedString(*item)) {
      ShimQuotedReference(*item, diags);
      continue;
    }
    if (!IsStaticTraversal(*item)) {
      diags.Error("Invalid expression", kStaticReferenceDetail, item->range);
    }
  }
}

/// addrs.ParseProviderPart's syntax rules: "" when `name` is a valid provider name part, else
/// why not.
std::string ProviderPartError(const std::string& name) {
  constexpr const char* kLetters =
      "must contain only letters, digits, and dashes, and may not use leading or trailing dashes";
  if (name.empty()) return "must have at least one character";
  if (name.front() == '-' || name.back() == '-') return kLetters;
  if (name.find("--") != std::string::npos) return "cannot use multiple consecutive dashes";
  for (unsigned char c : name) {
    bool ok = std::isalnum(c) || c == '-' || c >= 0x80;
    if (!ok) return kLetters;
  }
  return "";
}

/// Terraform's checkProviderNameNormalized: a valid name part, in lower case.
bool CheckProviderNameNormalized(const std::string& name, const Range& subject,
                                 Diagnostics& diags) {
  if (std::string err = ProviderPartError(name); !err.empty()) {
    diags.Error("Invalid provider local name",
                fmt::format("{} is an invalid provider local name: {}", name, err), subject);
    return false;
  }
  std::string lower = name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == name) return true;
  diags.Error("Invalid provider local name",
              fmt::format("Provider names must be normalized. Replace \"{}\" with \"{}\" to fix "
                          "this error.",
                          name, lower),
              subject);
  return false;
}

/// Terraform's decodeProviderConfigRef.
std::optional<ProviderRef> DecodeProviderRef(const ast::Expr& expr, std::string_view arg_name,
                                             Diagnostics& diags) {
  std::string quoted;
  if (IsQuotedString(expr, &quoted)) {
    ShimQuotedReference(expr, diags);
    ProviderRef ref;
    size_t dot = quoted.find('.');
    ref.name = quoted.substr(0, dot);
    if (dot != std::string::npos) ref.alias = quoted.substr(dot + 1);
    ref.name_range = expr.range;
    return ref;
  }
  if (!IsStaticTraversal(expr) || expr.steps.size() > 1) {
    diags.Error("Invalid provider configuration reference",
                fmt::format("The {} argument requires a provider type name, optionally followed "
                            "by a period and then a configuration alias.",
                            arg_name),
                expr.range);
    return std::nullopt;
  }
  if (!CheckProviderNameNormalized(expr.root_name, expr.root_range, diags)) return std::nullopt;
  ProviderRef ref;
  ref.name = expr.root_name;
  ref.name_range = expr.root_range;
  if (!expr.steps.empty()) {
    const ast::TraversalStep& step = expr.steps[0];
    if (step.kind != ast::TraversalStep::Kind::kAttr) {
      diags.Error("Invalid provider configuration reference",
                  "Provider name must either stand alone or be followed by a period and then a "
                  "configuration alias.",
                  step.range);
      return ref;
    }
    ref.alias = step.name;
    ref.alias_range = step.range;
  }
  return ref;
}

// ---- check rules -----------------------------------------------------------------------------

/// Terraform's decodeCheckRuleBlock. Returns false when it reported an error.
bool DecodeCheckRule(const ast::Block& block, bool override_file, Diagnostics& diags,
                     CheckRule* out) {
  size_t before = diags.ErrorCount();
  out->decl_range = DefRange(block);
  if (override_file) {
    diags.Error(fmt::format("Can't override {} blocks", block.type),
                fmt::format("Override files cannot override \"{}\" blocks.", block.type),
                out->decl_range);
    return false;
  }
  BodyContent c = Content(block, CheckRuleBlockSchema(), diags);
  out->condition = ExprOf(c, "condition");
  out->error_message = ExprOf(c, "error_message");
  if (out->condition && Variables(*out->condition).empty()) {
    diags.Error(fmt::format("Invalid {} expression", block.type),
                "The condition expression must refer to at least one object from elsewhere in "
                "the configuration, or else its result would not be checking anything.",
                out->condition->range);
  }
  return diags.ErrorCount() == before;
}

// ---- terraform block ------------------------------------------------------------------------

/// addrs.ParseProviderSourceString, the part that can be checked without a registry.
bool ValidProviderSource(const std::string& source) {
  if (source.empty()) return false;
  size_t parts = std::count(source.begin(), source.end(), '/') + 1;
  return parts <= 3;
}

/// Terraform's decodeRequiredProvidersBlock for one entry: a version string (legacy form) or
/// an object with `source`, `version` and `configuration_aliases`.
bool DecodeRequiredProvider(const ast::Attribute& attr, Diagnostics& diags) {
  Diagnostics ignored;
  Value v = EvalStatic(*attr.expr, ignored);
  if (attr.expr->kind != ast::ExprKind::kObject) {
    if (v.type().IsPrimitive() || !v.IsKnown()) return true;
    diags.Error("Invalid required_providers syntax",
                "required_providers entries must be strings or objects.", attr.expr->range);
    return false;
  }
  if (!CheckProviderNameNormalized(attr.name, attr.expr->range, diags)) return false;
  bool ok = true;
  for (const ast::ObjectItem& item : attr.expr->object_items) {
    if (!item.key || !item.value) continue;
    std::string key;
    if (item.key_is_bare_name) {
      key = item.key->kind == ast::ExprKind::kScopeTraversal ? item.key->root_name
                                                              : item.key->literal.text;
    } else {
      IsQuotedString(*item.key, &key);
    }
    Value val = EvalStatic(*item.value, ignored);
    if (key == "version") {
      if (!val.IsKnown() || val.IsNull() || !val.type().IsString()) {
        diags.Error("Invalid version constraint", "Version must be specified as a string.",
                    item.value->range);
        ok = false;
      } else if (!ValidVersionConstraint(val.AsString())) {
        diags.Error("Invalid version constraint",
                    "This string does not use correct version constraint syntax.",
                    item.value->range);
        ok = false;
      }
    } else if (key == "source") {
      if (!val.IsKnown() || val.IsNull() || !val.type().IsString()) {
        diags.Error("Invalid source", "Source must be specified as a string.",
                    item.value->range);
        ok = false;
      } else if (!ValidProviderSource(val.AsString())) {
        diags.Error("Invalid provider source string",
                    "The \"source\" attribute must be in the format "
                    "\"[hostname/][namespace/]name\"",
                    item.value->range);
        ok = false;
      }
    } else if (key == "configuration_aliases") {
      // Each alias is a reference like `aws.east`; checked when providers are wired up.
    } else {
      diags.Error("Invalid required_providers object",
                  "required_providers objects can only contain \"version\", \"source\" and "
                  "\"configuration_aliases\" attributes. To configure a provider, use a "
                  "\"provider\" block.",
                  item.key->range);
      ok = false;
      break;
    }
  }
  return ok;
}

void DecodeTerraformBlock(const ast::Block& block, FileDecls& out, Diagnostics& diags) {
  BodyContent c = Content(block, TerraformBlockSchema(), diags);
  for (const ast::Block* inner : c.blocks) {
    if (inner->type == "backend" || inner->type == "cloud") {
      Backend b;
      if (!inner->labels.empty()) b.type = inner->labels[0];
      b.decl_range = DefRange(*inner);
      b.type_range = inner->label_ranges.empty() ? inner->type_range : inner->label_ranges[0];
      b.block = inner;
      (inner->type == "backend" ? out.backends : out.clouds).push_back(b);
    } else if (inner->type == "required_providers") {
      FileDecls::RequiredProvidersBlock rp;
      rp.decl_range = DefRange(*inner);
      for (const ast::Attribute* a : JustAttributes(*inner->body, diags)) {
        if (DecodeRequiredProvider(*a, diags)) rp.providers.push_back({a->name, a});
      }
      out.required_providers.push_back(std::move(rp));
    }
  }
}

/// Terraform's sniffActiveExperiments, for a release build: any experiment is an error, and
/// TF2021 is the only language edition.
void SniffExperiments(const std::vector<const ast::Block*>& blocks, Diagnostics& diags) {
  for (const ast::Block* b : blocks) {
    for (const ast::Attribute& attr : b->body->attributes) {
      if (attr.name == "language") {
        std::string_view kw = ExprAsKeyword(*attr.expr);
        if (kw.empty()) {
          diags.Error("Invalid language edition",
                      "The language argument expects a bare language edition keyword. Cairn "
                      "supports only language edition TF2021, which is the default.",
                      attr.expr->range);
        } else if (kw != "TF2021") {
          diags.Error("Unsupported language edition",
                      fmt::format("Cairn only supports language edition TF2021. This module "
                                  "requires language edition {}.",
                                  kw),
                      attr.expr->range);
        }
      } else if (attr.name == "experiments") {
        diags.Error("Module uses experimental features",
                    "Experimental features are intended only for gathering early feedback on new "
                    "language designs, and so are available only in alpha releases of "
                    "Terraform.",
                    attr.name_range);
      }
    }
  }
}

/// Terraform's sniffCoreVersionRequirements and sniffActiveExperiments: each looks at the
/// file's `terraform` blocks with PartialContent, so label errors on `terraform` blocks are
/// reported by both (and then once more by the full decode).
void SniffTerraformBlocks(const ast::File& file, FileDecls& out, Diagnostics& diags) {
  static const BodySchema root{{}, {{"terraform", {}}}};
  Range missing{file.filename, {}, {}};
  for (int pass = 0; pass < 2; ++pass) {
    BodyContent c = PartialContent(file.body, missing, root, diags);
    if (pass == 1) {
      SniffExperiments(c.blocks, diags);
      continue;
    }
    for (const ast::Block* b : c.blocks) {
      const ast::Attribute* a = nullptr;
      for (const ast::Attribute& attr : b->body->attributes) {
        if (attr.name == "required_version") {
          a = &attr;
          break;
        }
      }
      if (!a) continue;
      size_t before = diags.ErrorCount();
      Value v = EvalStatic(*a->expr, diags);
      if (diags.ErrorCount() != before) continue;
      ConvertResult str = Convert(v, Type::String());
      if (!str.ok()) {
        diags.Error("Invalid version constraint",
                    "A string value is required for required_version.", a->expr->range);
        continue;
      }
      if (str.value.IsNull()) continue;
      std::string text = str.value.IsKnown() ? str.value.AsString() : "";
      if (str.value.IsKnown() && !ValidVersionConstraint(text)) {
        diags.Error("Invalid version constraint",
                    "This string does not use correct version constraint syntax.",
                    a->expr->range);
        continue;
      }
      out.required_versions.push_back({a->expr.get(), a->range});
    }
  }
}

/// hashicorp/go-version's NewConstraint syntax: comma-separated `[op] version`.
bool ValidVersionConstraint(const std::string& text) {
  static const std::regex one(
      R"(^\s*(=|!=|>|<|>=|<=|~>)?\s*v?([0-9]+(\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?\s*$)");
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    if (!std::regex_match(part, one)) return false;
    if (comma == std::string::npos) return true;
    start = comma + 1;
  }
}

// ---- provider -----------------------------------------------------------------------------

void DecodeProviderBlock(const ast::Block& block, FileDecls& out, Diagnostics& diags) {
  ProviderConfig p;
  p.name = block.labels[0];
  p.decl_range = DefRange(block);
  BodyContent c = PartialContent(block, ProviderBlockSchema(), diags);
  if (!CheckProviderNameNormalized(p.name, p.decl_range, diags)) return;
  if (const ast::Attribute* a = c.Find("alias")) {
    std::string alias;
    DecodeString(*a->expr, diags, &alias);
    p.alias = alias;
    p.alias_range = a->expr->range;
    if (!ValidIdentifier(alias)) {
      // Terraform gives this one no source range.
      diags.Error("Invalid provider configuration alias",
                  fmt::format("An alias must be a valid name. {}", kBadIdentifierDetail));
    }
  }
  if (const ast::Attribute* a = c.Find("version")) {
    diags.Warning("Version constraints inside provider configuration blocks are deprecated",
                  "Terraform 0.13 and earlier allowed provider version constraints inside the "
                  "provider configuration block, but that is now deprecated and will be removed "
                  "in a future version of Terraform. To silence this warning, move the provider "
                  "version constraint into the required_providers block.",
                  a->expr->range);
    p.version = a->expr.get();
  }
  for (const ast::Attribute* a : c.attributes) {
    if (a->name == "count" || a->name == "depends_on" || a->name == "for_each" ||
        a->name == "source") {
      diags.Error("Reserved argument name in provider block",
                  fmt::format("The provider argument name \"{}\" is reserved for use by "
                              "Terraform in a future version.",
                              a->name),
                  a->name_range);
    }
  }
  std::vector<const ast::Block*> config_blocks = c.remain_blocks;
  const ast::Block* escape = nullptr;
  for (const ast::Block* b : c.blocks) {
    if (b->type == "_") {
      if (escape) {
        diags.Error("Duplicate escaping block",
                    fmt::format("The special block type \"_\" can be used to force particular "
                                "arguments to be interpreted as provider-specific rather than "
                                "as meta-arguments, but each provider block can have only one "
                                "such block. The first escaping block was at {}.",
                                RangeString(DefRange(*escape))),
                    DefRange(*b));
        continue;
      }
      escape = b;
      continue;
    }
    diags.Error("Reserved block type name in provider block",
                fmt::format("The block type name \"{}\" is reserved for use by Terraform in a "
                            "future version.",
                            b->type),
                b->type_range);
  }
  p.config = ViewOf(c.remain_attributes, config_blocks);
  if (escape) {
    BodyView escaped;
    for (const ast::Attribute& a : escape->body->attributes) escaped.attributes.push_back(&a);
    for (const ast::Block& b : escape->body->blocks) escaped.blocks.push_back(&b);
    p.config.Merge(escaped);
  }
  out.providers.push_back(std::move(p));
}

// ---- variable -----------------------------------------------------------------------------

void CheckVariableValidation(const std::string& var_name, const CheckRule& rule,
                             Diagnostics& diags) {
  if (!rule.condition) return;
  for (const ast::Expr* t : Variables(*rule.condition)) {
    if (t->root_name == "var" && !t->steps.empty() &&
        t->steps[0].kind == ast::TraversalStep::Kind::kAttr && t->steps[0].name == var_name) {
      return;
    }
  }
  diags.Error("Invalid variable validation condition",
              fmt::format("The condition for variable \"{}\" must refer to var.{} in order to "
                          "test incoming values.",
                          var_name, var_name),
              rule.condition->range);
}

void DecodeVariableBlock(const ast::Block& block, bool override_file, FileDecls& out,
                         Diagnostics& diags) {
  Variable v;
  v.name = block.labels[0];
  v.decl_range = DefRange(block);
  BodyContent c = Content(block, VariableBlockSchema(), diags);
  if (!ValidIdentifier(v.name)) {
    diags.Error("Invalid variable name", kBadIdentifierDetail, block.label_ranges[0]);
  }
  for (const AttributeSchema& a : ModuleBlockSchema().attributes) {
    if (a.name == v.name) {
      diags.Error("Invalid variable name",
                  fmt::format("The variable name \"{}\" is reserved due to its special meaning "
                              "inside module blocks.",
                              v.name),
                  block.label_ranges[0]);
    }
  }
  for (const BlockSchema& b : ModuleBlockSchema().blocks) {
    if (b.type == v.name) {
      diags.Error("Invalid variable name",
                  fmt::format("The variable name \"{}\" is reserved due to its special meaning "
                              "inside module blocks.",
                              v.name),
                  block.label_ranges[0]);
    }
  }
  v.description = ExprOf(c, "description");
  if (v.description) DecodeString(*v.description, diags);
  v.type = ExprOf(c, "type");
  bool has_constraint = !override_file;
  if (v.type) {
    v.type_constraint = DecodeVariableType(*v.type, diags);
    has_constraint = true;
  }
  v.sensitive = ExprOf(c, "sensitive");
  if (v.sensitive) DecodeBool(*v.sensitive, diags);
  v.ephemeral = ExprOf(c, "ephemeral");
  if (v.ephemeral) DecodeBool(*v.ephemeral, diags);
  v.nullable = ExprOf(c, "nullable");
  if (v.nullable) {
    bool b = true;
    if (DecodeBool(*v.nullable, diags, &b)) v.nullable_value = b;
  }
  v.default_value = ExprOf(c, "default");
  if (v.default_value) {
    Value val = EvalStatic(*v.default_value, diags);
    if (has_constraint) {
      ConvertResult converted = Convert(val, v.type_constraint);
      if (!converted.ok()) {
        diags.Error("Invalid default value for variable",
                    fmt::format("This default value is not compatible with the variable's type "
                                "constraint: {}.",
                                converted.error->Format()),
                    v.default_value->range);
        v.default_fits_type = false;
        val = Value::DynamicUnknown();
      }
    }
    if (!v.nullable_value && val.IsNull()) {
      diags.Error("Invalid default value for variable",
                  "A null default value is not valid when nullable=false.",
                  v.default_value->range);
    }
  }
  for (const ast::Block* b : c.blocks) {
    CheckRule rule;
    DecodeCheckRule(*b, override_file, diags, &rule);
    CheckVariableValidation(v.name, rule, diags);
    v.validations.push_back(rule);
  }
  out.variables.push_back(std::move(v));
}

// ---- locals, output -------------------------------------------------------------------------

void DecodeLocalsBlock(const ast::Block& block, FileDecls& out, Diagnostics& diags) {
  for (const ast::Attribute* a : JustAttributes(*block.body, diags)) {
    if (!ValidIdentifier(a->name)) {
      diags.Error("Invalid local value name", kBadIdentifierDetail, a->name_range);
    }
    out.locals.push_back({a->name, a->expr.get(), a->range});
  }
}

void DecodeOutputBlock(const ast::Block& block, bool override_file, FileDecls& out,
                       Diagnostics& diags) {
  Output o;
  o.name = block.labels[0];
  o.decl_range = DefRange(block);
  BodyContent c = override_file ? Content(block, ForOverrides(OutputBlockSchema()), diags)
                                : Content(block, OutputBlockSchema(), diags);
  if (!ValidIdentifier(o.name)) {
    diags.Error("Invalid output name", kBadIdentifierDetail, block.label_ranges[0]);
  }
  o.description = ExprOf(c, "description");
  if (o.description) DecodeString(*o.description, diags);
  o.value = ExprOf(c, "value");
  o.sensitive = ExprOf(c, "sensitive");
  if (o.sensitive) DecodeBool(*o.sensitive, diags);
  o.ephemeral = ExprOf(c, "ephemeral");
  if (o.ephemeral) DecodeBool(*o.ephemeral, diags);
  o.depends_on = ExprOf(c, "depends_on");
  if (o.depends_on) CheckDependsOn(*o.depends_on, diags);
  for (const ast::Block* b : c.blocks) {
    if (b->type == "precondition") {
      CheckRule rule;
      DecodeCheckRule(*b, override_file, diags, &rule);
      o.preconditions.push_back(rule);
    } else {
      diags.Error("Postconditions are not allowed",
                  "Output values can only have preconditions, not postconditions.",
                  b->type_range);
    }
  }
  out.outputs.push_back(std::move(o));
}

// ---- module ---------------------------------------------------------------------------------

/// The part of Terraform's module source address parsing that can fail at load time: a
/// string that is neither a local path, nor a registry address, nor recognizably remote.
bool MaybeRelativePath(const std::string& s) {
  if (s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0 || s == "." || s == "..") return false;
  if (s.find("::") != std::string::npos || s.find("://") != std::string::npos) return false;
  if (s.rfind("github.com/", 0) == 0 || s.rfind("bitbucket.org/", 0) == 0 ||
      s.rfind("git@", 0) == 0 || s.find(".amazonaws.com/") != std::string::npos ||
      s.find("googleapis.com/") != std::string::npos) {
    return false;
  }
  std::string no_subdir = s.substr(0, s.find("//"));
  size_t slashes = std::count(no_subdir.begin(), no_subdir.end(), '/');
  if (slashes == 2 || slashes == 3) return false;  // registry: [host/]namespace/name/system
  return true;
}

void DecodeModuleBlock(const ast::Block& block, bool override_file, FileDecls& out,
                       Diagnostics& diags) {
  ModuleCall m;
  m.name = block.labels[0];
  m.decl_range = DefRange(block);
  BodyContent c = override_file ? PartialContent(block, ForOverrides(ModuleBlockSchema()), diags)
                                : PartialContent(block, ModuleBlockSchema(), diags);
  if (!ValidIdentifier(m.name)) {
    diags.Error("Invalid module instance name", kBadIdentifierDetail, block.label_ranges[0]);
  }
  m.version = ExprOf(c, "version");
  m.source = ExprOf(c, "source");
  if (m.source) {
    std::string text;
    if (DecodeString(*m.source, diags, &text)) {
      m.source_text = text;
      if (!m.version && MaybeRelativePath(text)) {
        diags.Error("Invalid module source address",
                    fmt::format("Terraform failed to determine your intended installation method "
                                "for remote module package \"{0}\".\n\nIf you intended this as a "
                                "path relative to the current module, use \"./{0}\" instead. The "
                                "\"./\" prefix indicates that the address is a relative "
                                "filesystem path.",
                                text),
                    m.source->range);
      }
    }
  }
  m.count = ExprOf(c, "count");
  if (const ast::Attribute* a = c.Find("for_each")) {
    if (m.count) {
      diags.Error("Invalid combination of \"count\" and \"for_each\"", kCountForEachDetail,
                  a->name_range);
    }
    m.for_each = a->expr.get();
  }
  m.depends_on = ExprOf(c, "depends_on");
  if (m.depends_on) CheckDependsOn(*m.depends_on, diags);
  m.providers = ExprOf(c, "providers");
  if (m.providers) {
    if (m.providers->kind != ast::ExprKind::kObject) {
      diags.Error("Invalid expression", "A static map expression is required.",
                  StartRange(*m.providers));
    } else {
      std::vector<std::pair<std::string, Range>> seen;
      for (const ast::ObjectItem& item : m.providers->object_items) {
        if (!item.key || !item.value) continue;
        size_t before = diags.ErrorCount();
        std::optional<ProviderRef> key = DecodeProviderRef(*item.key, "providers", diags);
        std::optional<ProviderRef> value = DecodeProviderRef(*item.value, "providers", diags);
        if (diags.ErrorCount() != before || !key || !value) continue;
        std::string match = key->alias.empty() ? key->name : key->name + "." + key->alias;
        auto prev = std::find_if(seen.begin(), seen.end(),
                                 [&](const auto& s) { return s.first == match; });
        if (prev != seen.end()) {
          diags.Error("Duplicate provider address",
                      fmt::format("A provider configuration was already passed to {} at {}. Each "
                                  "child provider configuration can be assigned only once.",
                                  match, RangeString(prev->second)),
                      item.value->range);
          continue;
        }
        seen.emplace_back(match, Cover(item.key->range, item.value->range));
      }
    }
  }
  m.config = ViewOf(c.remain_attributes, c.remain_blocks);
  const ast::Block* escape = nullptr;
  for (const ast::Block* b : c.blocks) {
    if (b->type == "_") {
      if (escape) {
        diags.Error("Duplicate escaping block",
                    fmt::format("The special block type \"_\" can be used to force particular "
                                "arguments to be interpreted as module input variables rather "
                                "than as meta-arguments, but each module block can have only "
                                "one such block. The first escaping block was at {}.",
                                RangeString(DefRange(*escape))),
                    DefRange(*b));
        continue;
      }
      escape = b;
      BodyView escaped;
      for (const ast::Attribute& a : b->body->attributes) escaped.attributes.push_back(&a);
      for (const ast::Block& nb : b->body->blocks) escaped.blocks.push_back(&nb);
      m.config.Merge(escaped);
      continue;
    }
    diags.Error("Reserved block type name in module block",
                fmt::format("The block type name \"{}\" is reserved for use by Terraform in a "
                            "future version.",
                            b->type),
                b->type_range);
  }
  out.module_calls.push_back(std::move(m));
}

// ---- resources ------------------------------------------------------------------------------

void DecodeIgnoreChanges(const ast::Expr& expr, Diagnostics& diags) {
  if (ExprAsKeyword(expr) == "all") return;
  const std::vector<ast::ExprPtr>* items = ExprList(expr, diags);
  if (!items) return;
  for (const ast::ExprPtr& item : *items) {
    if (!item) continue;
    std::string text;
    if (IsQuotedString(*item, &text)) {
      if (text == "*") {
        diags.Error("Invalid ignore_changes wildcard",
                    "The [\"*\"] form of ignore_changes wildcard is was deprecated and is now "
                    "invalid. Use \"ignore_changes = all\" to ignore changes to all attributes.",
                    expr.range);
        continue;
      }
      ShimQuotedReference(*item, diags);
      continue;
    }
    if (!IsStaticTraversal(*item)) {
      diags.Error("Invalid expression", kStaticReferenceDetail, item->range);
    }
  }
}

/// Terraform's decodeReplaceTriggeredBy. Like Terraform, it stops checking items after the
/// first error.
void DecodeReplaceTriggeredBy(const ast::Expr& expr, Diagnostics& diags) {
  const std::vector<ast::ExprPtr>* items = ExprList(expr, diags);
  if (!items) return;
  size_t before = diags.ErrorCount();
  for (const ast::ExprPtr& item : *items) {
    if (!item || diags.ErrorCount() != before) continue;
    int resources = 0;
    for (const ast::Expr* t : Variables(*item)) {
      const std::string& root = t->root_name;
      std::string_view first_attr;
      if (!t->steps.empty() && t->steps[0].kind == ast::TraversalStep::Kind::kAttr) {
        first_attr = t->steps[0].name;
      }
      if (root == "count") {
        if (first_attr != "index") {
          diags.Error("Invalid count reference in replace_triggered_by expression",
                      "Only count.index may be used in replace_triggered_by.", item->range);
        }
      } else if (root == "each") {
        if (first_attr != "key") {
          diags.Error("Invalid each reference in replace_triggered_by expression",
                      "Only each.key may be used in replace_triggered_by.", item->range);
        }
      } else if (root == "var" || root == "local" || root == "module" || root == "path" ||
                 root == "terraform" || root == "self" || root == "ephemeral") {
        diags.Error("Invalid reference in replace_triggered_by expression",
                    "Only resources, count.index, and each.key may be used in "
                    "replace_triggered_by.",
                    item->range);
      } else {
        ++resources;  // a managed resource (`type.name`), `data.type.name` or `resource.type.name`
      }
    }
    if (resources == 0) {
      diags.Error("Invalid replace_triggered_by expression",
                  "Missing resource reference in replace_triggered_by expression.", item->range);
    } else if (resources > 1) {
      diags.Error("Invalid replace_triggered_by expression",
                  "Multiple resource references in replace_triggered_by expression.",
                  item->range);
    }
  }
}

void DecodeProvisioner(const ast::Block& block, Resource& r, Diagnostics& diags) {
  BodyContent c = PartialContent(block, ProvisionerBlockSchema(), diags);
  if (CheckRemovedProvisioner(block, diags)) return;
  DecodeProvisionerKeywords(block, diags);
  const ast::Block* seen_connection = nullptr;
  for (const ast::Block* b : c.blocks) {
    if (b->type == "connection") {
      if (seen_connection) {
        diags.Error("Duplicate connection block",
                    fmt::format("This provisioner already has a connection block at {}.",
                                RangeString(DefRange(*seen_connection))),
                    DefRange(*b));
        continue;
      }
      seen_connection = b;
      continue;
    }
    diags.Error("Reserved block type name in provisioner block",
                fmt::format("The block type name \"{}\" is reserved for use by Terraform in a "
                            "future version.",
                            b->type),
                b->type_range);
  }
  r.provisioners.push_back({block.labels[0], DefRange(block), &block});
}

void DecodeResourceLike(const ast::Block& block, ResourceMode mode, bool override_file,
                        Resource& r, Diagnostics& diags) {
  r.mode = mode;
  r.type = block.labels[0];
  r.name = block.labels[1];
  r.decl_range = DefRange(block);
  r.type_range = block.label_ranges[0];
  const BodySchema& schema =
      mode == ResourceMode::kManaged ? ResourceBlockSchema() : DataBlockSchema();
  BodyContent c = PartialContent(block, schema, diags);
  const char* type_summary = "Invalid resource type name";
  const char* name_summary = "Invalid resource name";
  if (mode == ResourceMode::kData) {
    type_summary = "Invalid data source name";
    name_summary = "Invalid data resource name";
  } else if (mode == ResourceMode::kEphemeral) {
    type_summary = "Invalid ephemeral resource type";
    name_summary = "Invalid ephemeral resource name";
  }
  if (!ValidIdentifier(r.type)) {
    diags.Error(type_summary, kBadIdentifierDetail, block.label_ranges[0]);
  }
  if (!ValidIdentifier(r.name)) {
    diags.Error(name_summary, kBadIdentifierDetail, block.label_ranges[1]);
  }
  r.count = ExprOf(c, "count");
  if (const ast::Attribute* a = c.Find("for_each")) {
    r.for_each = a->expr.get();
    if (r.count) {
      diags.Error("Invalid combination of \"count\" and \"for_each\"", kCountForEachDetail,
                  a->name_range);
    }
  }
  if (const ast::Attribute* a = c.Find("provider")) {
    r.provider = DecodeProviderRef(*a->expr, "provider", diags);
  }
  r.depends_on = ExprOf(c, "depends_on");
  if (r.depends_on) CheckDependsOn(*r.depends_on, diags);

  r.config = ViewOf(c.remain_attributes, c.remain_blocks);
  const char* kind = mode == ResourceMode::kManaged ? "resource" : "data";
  const ast::Block* seen_lifecycle = nullptr;
  const ast::Block* seen_connection = nullptr;
  const ast::Block* seen_escape = nullptr;
  for (const ast::Block* b : c.blocks) {
    if (b->type == "lifecycle") {
      if (seen_lifecycle) {
        diags.Error("Duplicate lifecycle block",
                    fmt::format("This resource already has a lifecycle block at {}.",
                                RangeString(DefRange(*seen_lifecycle))),
                    DefRange(*b));
        continue;
      }
      seen_lifecycle = b;
      BodyContent lc = Content(*b, LifecycleBlockSchema(), diags);
      if (mode == ResourceMode::kManaged) {
        r.create_before_destroy = ExprOf(lc, "create_before_destroy");
        if (r.create_before_destroy) DecodeBool(*r.create_before_destroy, diags);
        r.prevent_destroy = ExprOf(lc, "prevent_destroy");
        if (r.prevent_destroy) DecodeBool(*r.prevent_destroy, diags);
        r.replace_triggered_by = ExprOf(lc, "replace_triggered_by");
        if (r.replace_triggered_by) DecodeReplaceTriggeredBy(*r.replace_triggered_by, diags);
        r.ignore_changes = ExprOf(lc, "ignore_changes");
        if (r.ignore_changes) DecodeIgnoreChanges(*r.ignore_changes, diags);
      } else {
        std::vector<const ast::Attribute*> attrs = lc.attributes;
        std::sort(attrs.begin(), attrs.end(), [](const ast::Attribute* x, const ast::Attribute* y) {
          return x->range.start.byte < y->range.start.byte;
        });
        for (const ast::Attribute* a : attrs) {
          diags.Error("Invalid data resource lifecycle argument",
                      fmt::format("The lifecycle argument \"{}\" is defined only for managed "
                                  "resources (\"resource\" blocks), and is not valid for data "
                                  "resources.",
                                  a->name),
                      a->name_range);
        }
      }
      for (const ast::Block* cb : lc.blocks) {
        CheckRule rule;
        DecodeCheckRule(*cb, override_file, diags, &rule);
        (cb->type == "precondition" ? r.preconditions : r.postconditions).push_back(rule);
      }
    } else if (b->type == "connection" && mode == ResourceMode::kManaged) {
      if (seen_connection) {
        diags.Error("Duplicate connection block",
                    fmt::format("This resource already has a connection block at {}.",
                                RangeString(DefRange(*seen_connection))),
                    DefRange(*b));
        continue;
      }
      seen_connection = b;
      r.connection = b;
    } else if (b->type == "provisioner" && mode == ResourceMode::kManaged) {
      DecodeProvisioner(*b, r, diags);
    } else if (b->type == "_") {
      if (seen_escape) {
        diags.Error("Duplicate escaping block",
                    fmt::format("The special block type \"_\" can be used to force particular "
                                "arguments to be interpreted as resource-type-specific rather "
                                "than as meta-arguments, but each {} block can have only one "
                                "such block. The first escaping block was at {}.",
                                kind, RangeString(DefRange(*seen_escape))),
                    DefRange(*b));
        continue;
      }
      seen_escape = b;
      BodyView escaped;
      for (const ast::Attribute& a : b->body->attributes) escaped.attributes.push_back(&a);
      for (const ast::Block& nb : b->body->blocks) escaped.blocks.push_back(&nb);
      r.config.Merge(escaped);
    } else {
      diags.Error(fmt::format("Reserved block type name in {} block", kind),
                  fmt::format("The block type name \"{}\" is reserved for use by Terraform in a "
                              "future version.",
                              b->type),
                  b->type_range);
    }
  }
  // A destroy-time provisioner uses the resource's connection block too.
  if (r.connection) {
    for (const Provisioner& p : r.provisioners) {
      Diagnostics ignored;  // reported when the provisioner was decoded
      if (DecodeProvisionerKeywords(*p.block, ignored).when_destroy) {
        CheckDestroyProvisionerRefs(*r.connection->body, diags);
        break;
      }
    }
  }
}

// ---- moved, removed, import, check -----------------------------------------------------------

void DecodeCheckBlock(const ast::Block& block, bool override_file, FileDecls& out,
                      Diagnostics& diags) {
  Check check;
  check.name = block.labels[0];
  check.decl_range = DefRange(block);
  if (override_file) {
    diags.Error("Can't override check blocks", "Override files cannot override check blocks.",
                check.decl_range);
    out.checks.push_back(std::move(check));
    return;
  }
  BodyContent c = Content(block, CheckBlockSchema(), diags);
  if (!ValidIdentifier(check.name)) {
    diags.Error("Invalid check block name", kBadIdentifierDetail, block.label_ranges[0]);
  }
  for (const ast::Block* b : c.blocks) {
    if (b->type == "data") {
      if (check.data) {
        diags.Error("Multiple data resource blocks",
                    fmt::format("This check block already has a data resource defined at {}.",
                                RangeString(check.data->decl_range)),
                    DefRange(*b));
        continue;
      }
      Diagnostics data_diags;
      Resource r;
      DecodeResourceLike(*b, ResourceMode::kData, override_file, r, data_diags);
      bool ok = !data_diags.HasErrors();
      diags.Append(data_diags);
      if (ok) check.data = std::move(r);
    } else {
      Diagnostics rule_diags;
      CheckRule rule;
      DecodeCheckRule(*b, override_file, rule_diags, &rule);
      bool ok = !rule_diags.HasErrors();
      diags.Append(rule_diags);
      if (ok) check.asserts.push_back(rule);
    }
  }
  if (check.asserts.empty()) {
    diags.Error("Zero assert blocks", "Check blocks must have at least one assert block.",
                check.decl_range);
  }
  out.checks.push_back(std::move(check));
}

/// Terraform's parseConfigResourceFromExpression for an import block's `to`: a managed
/// resource (instance) address, possibly inside module instances; instance keys may be
/// expressions.
/// Returns the target's address when it is static (Terraform's parseImportToStatic), else "".
std::string CheckImportTarget(const ast::Attribute& attr, Diagnostics& diags) {
  const ast::Expr* e = attr.expr.get();
  bool dynamic_key = false;
  if (e->kind == ast::ExprKind::kIndex && e->operand &&
      e->operand->kind == ast::ExprKind::kScopeTraversal) {
    e = e->operand.get();  // `type.name[expr]`: the key is evaluated later
    dynamic_key = true;
  }
  auto invalid_import = [&] {
    diags.Error("Invalid import address", "Only managed resources can be imported.", attr.range);
  };
  if (e->kind != ast::ExprKind::kScopeTraversal) {
    diags.Error("Invalid expression", kStaticReferenceDetail, attr.expr->range);
    invalid_import();
    return "";
  }
  struct Step {
    bool attr;
    std::string_view name;
    Range range;
    const ast::Expr* key;
  };
  std::vector<Step> steps{{true, e->root_name, e->root_range, nullptr}};
  for (const ast::TraversalStep& s : e->steps) {
    steps.push_back({s.kind == ast::TraversalStep::Kind::kAttr, s.name, s.range, s.key.get()});
  }
  auto key_text = [](const Step& st) {
    if (!st.key || st.key->kind != ast::ExprKind::kLiteral) return std::string("[?]");
    if (st.key->literal.kind == ast::LiteralValue::Kind::kString) {
      return "[\"" + st.key->literal.text + "\"]";
    }
    return "[" + st.key->literal.text + "]";
  };
  size_t i = 0;
  while (i < steps.size() && steps[i].attr && steps[i].name == "module") {
    i += 2;  // module.NAME
    if (i < steps.size() && !steps[i].attr) ++i;  // [key]
  }
  const size_t module_end = i;
  bool data = false;
  if (i < steps.size() && steps[i].attr && steps[i].name == "data") {
    data = true;
    ++i;
  } else if (i < steps.size() && steps[i].attr && steps[i].name == "resource") {
    ++i;
  }
  auto span = [&](size_t from) { return Cover(steps[from].range, steps.back().range); };
  if (i + 2 > steps.size()) {
    diags.Error("Invalid address", "Resource specification must include a resource type and name.",
                i < steps.size() ? span(i) : e->range);
    invalid_import();
    return "";
  }
  static const char* const kReserved[] = {"count", "each", "local", "path", "self",
                                          "terraform", "var"};
  if (!data && i == 0) {
    for (const char* r : kReserved) {
      if (steps[i].name == r) {
        diags.Error("Invalid address",
                    fmt::format("The keyword \"{}\" is reserved and cannot be used to target a "
                                "resource address. If you are targeting a resource type that "
                                "uses a reserved keyword, please prefix your address with "
                                "\"resource.\".",
                                r),
                    e->range);
        invalid_import();
        return "";
      }
    }
  }
  size_t rest = steps.size() - (i + 2);
  if (!steps[i + 1].attr) {
    diags.Error("Invalid address", "A resource name is required.", steps[i + 1].range);
    invalid_import();
    return "";
  }
  if (rest == 1 && steps[i + 2].attr) {
    diags.Error("Invalid address", "Resource instance key must be given in square brackets.",
                steps[i + 2].range);
    invalid_import();
    return "";
  }
  if (rest >= 2) {
    diags.Error("Invalid address", "Unexpected extra operators after address.",
                steps[i + 3].range);
    invalid_import();
    return "";
  }
  if (data) {
    invalid_import();
    return "";
  }
  if (dynamic_key) return "";
  std::string address;
  size_t j = 0;
  while (j < module_end) {
    address += fmt::format("module.{}", steps[j + 1].name);
    j += 2;
    if (j < module_end && !steps[j].attr) address += key_text(steps[j++]);
    address += ".";
  }
  address += fmt::format("{}.{}", steps[i].name, steps[i + 1].name);
  if (rest == 1) address += key_text(steps[i + 2]);
  return address;
}

void DecodeRemovedBlock(const ast::Block& block, FileDecls& out, Diagnostics& diags) {
  BodyContent c = Content(block, RemovedBlockSchema(), diags);
  Removed rm{ExprOf(c, "from"), DefRange(block), &block};
  bool targets_module = false;
  if (rm.from) {
    if (!IsStaticTraversal(*rm.from)) {
      diags.Error("Invalid expression", kStaticReferenceDetail, rm.from->range);
    } else if (rm.from->root_name == "module") {
      targets_module = true;
    } else {
      for (const ast::TraversalStep& step : rm.from->steps) {
        if (step.kind == ast::TraversalStep::Kind::kIndex) {
          diags.Error("Resource instance keys not allowed",
                      "Resource address must be a resource (e.g. \"test_instance.foo\"), not a "
                      "resource instance (e.g. \"test_instance.foo[1]\").",
                      step.range);
          break;
        }
      }
    }
  }
  for (const ast::Block* b : c.blocks) {
    if (b->type == "lifecycle") {
      static const BodySchema lifecycle{{{"destroy"}}, {}};
      BodyContent lc = Content(*b, lifecycle, diags);
      if (const ast::Attribute* a = lc.Find("destroy")) DecodeBool(*a->expr, diags);
    } else if (b->type == "provisioner" && targets_module) {
      diags.Error("Invalid provisioner block",
                  "Provisioners are valid only when a removed block targets a managed resource.",
                  DefRange(*b));
    }
  }
  out.removed.push_back(rm);
}

}  // namespace

FileDecls DecodeFile(const ast::File& file, bool override_file, Diagnostics& diags) {
  FileDecls out;
  SniffTerraformBlocks(file, out, diags);
  Range missing{file.filename, {}, {}};
  BodyContent top = Content(file.body, missing, ConfigFileSchema(), diags);
  for (const ast::Block* block : top.blocks) {
    const std::string& t = block->type;
    if (t == "terraform") {
      DecodeTerraformBlock(*block, out, diags);
    } else if (t == "required_providers") {
      diags.Error("Invalid required_providers block",
                  "A \"required_providers\" block must be nested inside a \"terraform\" block.",
                  block->type_range);
    } else if (t == "provider") {
      DecodeProviderBlock(*block, out, diags);
    } else if (t == "variable") {
      DecodeVariableBlock(*block, override_file, out, diags);
    } else if (t == "locals") {
      DecodeLocalsBlock(*block, out, diags);
    } else if (t == "output") {
      DecodeOutputBlock(*block, override_file, out, diags);
    } else if (t == "module") {
      DecodeModuleBlock(*block, override_file, out, diags);
    } else if (t == "resource" || t == "data" || t == "ephemeral") {
      ResourceMode mode = t == "resource" ? ResourceMode::kManaged
                          : t == "data"   ? ResourceMode::kData
                                          : ResourceMode::kEphemeral;
      Resource r;
      DecodeResourceLike(*block, mode, override_file, r, diags);
      (mode == ResourceMode::kManaged     ? out.resources
       : mode == ResourceMode::kEphemeral ? out.ephemeral_resources
                                          : out.data_resources)
          .push_back(std::move(r));
    } else if (t == "moved") {
      BodyContent c = Content(*block, MovedBlockSchema(), diags);
      Moved mv{ExprOf(c, "from"), ExprOf(c, "to"), DefRange(*block)};
      for (const ast::Expr* e : {mv.from, mv.to}) {
        if (e && !IsStaticTraversal(*e)) {
          diags.Error("Invalid expression", kStaticReferenceDetail, e->range);
        }
      }
      out.moved.push_back(mv);
    } else if (t == "removed") {
      DecodeRemovedBlock(*block, out, diags);
    } else if (t == "import") {
      BodyContent c = Content(*block, ImportBlockSchema(), diags);
      std::string address;
      if (const ast::Attribute* to = c.Find("to")) address = CheckImportTarget(*to, diags);
      out.imports.push_back({ExprOf(c, "to"), ExprOf(c, "id"), ExprOf(c, "for_each"),
                             ExprOf(c, "provider"), DefRange(*block), address});
    } else if (t == "check") {
      DecodeCheckBlock(*block, override_file, out, diags);
    }
  }
  return out;
}

}  // namespace cairn::config
