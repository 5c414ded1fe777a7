#include "planner/plan/body_decode.h"

#include <fmt/format.h>

#include <map>
#include <set>

#include "lang/base/convert.h"
#include "lang/base/go_quote.h"
#include "lang/base/name_suggestion.h"
#include "lang/config/body_schema.h"

namespace cairn::planner {
namespace {

/// A scope that adds one iterator object (`rule.key`, `rule.value`) over a parent scope.
class IteratorScope : public eval::Scope {
 public:
  IteratorScope(const eval::Scope& parent, std::string name, Value iterator)
      : parent_(parent), name_(std::move(name)), iterator_(std::move(iterator)) {}

  eval::ScopeLookup Lookup(std::string_view root, const std::vector<ast::TraversalStep>& steps,
                           const Range& root_range, const Range& traversal_range) const override {
    if (root == name_) {
      eval::ScopeLookup out;
      out.value = iterator_;
      return out;
    }
    return parent_.Lookup(root, steps, root_range, traversal_range);
  }

 private:
  const eval::Scope& parent_;
  std::string name_;
  Value iterator_;
};

std::string DidYouMean(std::string_view given, const std::vector<std::string>& names) {
  std::string s = NameSuggestion(given, names);
  return s.empty() ? "" : fmt::format(" Did you mean {}?", GoQuote(s));
}

/// One block instance to decode: its body and the scope its expressions see.
struct BlockInstance {
  const ast::Body* body;
  const eval::Scope* scope;
  Range def_range;
};

class Decoder {
 public:
  Decoder(BodyEvaluator& evaluator, Diagnostics& diags) : evaluator_(evaluator), diags_(diags) {}

  Value DecodeAttributesAndBlocks(const std::vector<const ast::Attribute*>& attributes,
                                  const std::vector<const ast::Block*>& blocks,
                                  const providers::Block& schema, const eval::Scope& scope,
                                  const Range& missing_range) {
    std::map<std::string, const ast::Attribute*, std::less<>> given;
    std::vector<std::string> attr_names;
    for (const providers::Attribute& a : schema.attributes) attr_names.push_back(a.name);
    std::vector<std::string> block_names;
    for (const providers::NestedBlock& b : schema.blocks) block_names.push_back(b.type_name);
    for (const ast::Attribute* a : attributes) {
      if (!schema.FindAttribute(a->name)) {
        std::string detail = fmt::format("An argument named {} is not expected here.",
                                         GoQuote(a->name));
        if (schema.FindBlock(a->name)) {
          detail += fmt::format(" Did you mean to define a block of type {}?", GoQuote(a->name));
        } else {
          detail += DidYouMean(a->name, attr_names);
        }
        diags_.Error("Unsupported argument", detail, a->name_range);
        continue;
      }
      given[a->name] = a;
    }
    std::map<std::string, std::vector<BlockInstance>, std::less<>> block_instances;
    std::vector<std::unique_ptr<IteratorScope>>& scopes = scopes_;
    for (const ast::Block* b : blocks) {
      if (b->type == "dynamic") {
        ExpandDynamic(*b, schema, scope, block_instances);
        continue;
      }
      if (!schema.FindBlock(b->type)) {
        std::string detail = fmt::format("Blocks of type {} are not expected here.",
                                         GoQuote(b->type));
        if (schema.FindAttribute(b->type)) {
          detail += fmt::format(
              " Did you mean to define argument {}? If so, use the equals sign to assign it a "
              "value.",
              GoQuote(b->type));
        } else {
          detail += DidYouMean(b->type, block_names);
        }
        diags_.Error("Unsupported block type", detail, b->type_range);
        continue;
      }
      block_instances[b->type].push_back({b->body.get(), &scope, b->DefRange()});
    }
    (void)scopes;

    std::vector<std::pair<std::string, Value>> out;
    for (const providers::Attribute& a : schema.attributes) {
      auto it = given.find(a.name);
      if (it == given.end()) {
        if (a.required) {
          diags_.Error("Missing required argument",
                       fmt::format("The argument {} is required, but no definition was found.",
                                   GoQuote(a.name)),
                       missing_range);
        }
        out.emplace_back(a.name, Value::Null(a.type));
        continue;
      }
      const ast::Expr& expr = *it->second->expr;
      eval::EvalResult r = evaluator_.Evaluate(expr, scope);
      diags_.Append(r.diagnostics);
      if (r.diagnostics.HasErrors()) {
        out.emplace_back(a.name, Value::Unknown(a.type));
        continue;
      }
      ConvertResult c = Convert(r.value, a.type);
      if (!c.ok()) {
        diags_.Error("Incorrect attribute value type",
                     fmt::format("Inappropriate value for attribute {}: {}.", GoQuote(a.name),
                                 c.error->Format()),
                     expr.range);
        out.emplace_back(a.name, Value::Unknown(a.type));
        continue;
      }
      out.emplace_back(a.name, c.value);
    }
    for (const providers::NestedBlock& nb : schema.blocks) {
      auto it = block_instances.find(nb.type_name);
      static const std::vector<BlockInstance> kNone;
      const std::vector<BlockInstance>& found = it == block_instances.end() ? kNone : it->second;
      out.emplace_back(nb.type_name, DecodeNested(nb, found, missing_range));
    }
    return Value::Object(std::move(out));
  }

 private:
  Value DecodeOne(const providers::NestedBlock& nb, const BlockInstance& b) {
    std::vector<const ast::Attribute*> attributes;
    for (const ast::Attribute& a : b.body->attributes) attributes.push_back(&a);
    std::vector<const ast::Block*> blocks;
    for (const ast::Block& x : b.body->blocks) blocks.push_back(&x);
    return DecodeAttributesAndBlocks(attributes, blocks, nb.block, *b.scope, b.body->end_range);
  }

  Value DecodeNested(const providers::NestedBlock& nb, const std::vector<BlockInstance>& found,
                     const Range& missing_range) {
    Type object = nb.block.ImpliedType();
    const size_t n = found.size();
    switch (nb.nesting) {
      case providers::NestingMode::kSingle:
      case providers::NestingMode::kGroup:
        if (n > 1) {
          diags_.Error(fmt::format("Duplicate {} block", nb.type_name),
                       fmt::format("Only one {} block is allowed. Another was defined at {}.",
                                   nb.type_name, config::RangeString(found[0].def_range)),
                       found[1].def_range);
        }
        if (n == 0) {
          if (nb.min_items > 0) {
            diags_.Error(fmt::format("Missing {} block", nb.type_name),
                         fmt::format("A block of type {} is required here.",
                                     GoQuote(nb.type_name)),
                         missing_range);
          }
          if (nb.nesting == providers::NestingMode::kGroup) {
            // A group block that is absent decodes as if it were empty.
            BlockInstance empty{&empty_body_, &empty_scope_, missing_range};
            return DecodeOne(nb, empty);
          }
          return Value::Null(object);
        }
        return DecodeOne(nb, found[0]);
      case providers::NestingMode::kList:
      case providers::NestingMode::kSet: {
        CheckCount(nb, found, missing_range);
        std::vector<Value> items;
        for (const BlockInstance& b : found) items.push_back(DecodeOne(nb, b));
        if (nb.nesting == providers::NestingMode::kList) {
          return Value::List(object, std::move(items));
        }
        return Value::Set(object, std::move(items));
      }
      case providers::NestingMode::kMap: {
        std::vector<std::pair<std::string, Value>> entries;
        for (const BlockInstance& b : found) entries.emplace_back("", DecodeOne(nb, b));
        return Value::Map(object, std::move(entries));
      }
    }
    return Value::Null(object);
  }

  void CheckCount(const providers::NestedBlock& nb, const std::vector<BlockInstance>& found,
                  const Range& missing_range) {
    const int64_t n = static_cast<int64_t>(found.size());
    if (nb.max_items > 0 && n > nb.max_items) {
      diags_.Error(fmt::format("Too many {} blocks", nb.type_name),
                   fmt::format("No more than {} {} blocks are allowed", nb.max_items,
                               GoQuote(nb.type_name)),
                   found[nb.max_items].def_range);
    }
    if (n < nb.min_items) {
      diags_.Error(fmt::format("Insufficient {} blocks", nb.type_name),
                   fmt::format("At least {} {} blocks are required.", nb.min_items,
                               GoQuote(nb.type_name)),
                   missing_range);
    }
  }

  /// `dynamic "TYPE" { for_each = ..., iterator = NAME, content { ... } }`.
  void ExpandDynamic(const ast::Block& b, const providers::Block& schema,
                     const eval::Scope& scope,
                     std::map<std::string, std::vector<BlockInstance>, std::less<>>& out) {
    if (b.labels.size() != 1) {
      diags_.Error("Invalid dynamic block",
                   "A dynamic block must have exactly one label: the type of block to generate.",
                   b.DefRange());
      return;
    }
    const std::string& type = b.labels[0];
    if (!schema.FindBlock(type)) {
      diags_.Error("Unsupported block type",
                   fmt::format("Blocks of type {} are not expected here.", GoQuote(type)),
                   b.label_ranges.empty() ? b.type_range : b.label_ranges[0]);
      return;
    }
    const ast::Attribute* for_each = b.body->FindAttribute("for_each");
    const ast::Attribute* iterator = b.body->FindAttribute("iterator");
    const ast::Block* content = nullptr;
    for (const ast::Block& c : b.body->blocks) {
      if (c.type == "content") content = &c;
    }
    if (!for_each) {
      diags_.Error("Missing required argument",
                   "The argument \"for_each\" is required, but no definition was found.",
                   b.body->end_range);
      return;
    }
    if (!content) {
      diags_.Error("Missing content block",
                   "A dynamic block must have a nested block of type \"content\".",
                   b.DefRange());
      return;
    }
    std::string name = type;
    if (iterator && iterator->expr->kind == ast::ExprKind::kScopeTraversal &&
        iterator->expr->steps.empty()) {
      name = iterator->expr->root_name;
    }
    eval::EvalResult r = evaluator_.Evaluate(*for_each->expr, scope);
    diags_.Append(r.diagnostics);
    if (r.diagnostics.HasErrors()) return;
    const Value& v = r.value;
    if (v.IsNull()) {
      diags_.Error("Invalid dynamic for_each value",
                   "Cannot use a null value in for_each.", for_each->expr->range);
      return;
    }
    if (!v.IsKnown()) {
      // The number of blocks is not known: the whole block type is unknown (hcl's
      // dynblock gives an unknown block; the planner shows it as known after apply).
      unknown_types_.insert(type);
      return;
    }
    const Type& t = v.type();
    if (!(t.IsList() || t.IsSet() || t.IsMap() || t.IsTuple() || t.IsObject())) {
      diags_.Error("Invalid dynamic for_each value",
                   fmt::format("Cannot use a {} value in for_each. An iterable collection is "
                               "required.",
                               t.FriendlyName()),
                   for_each->expr->range);
      return;
    }
    const Value collection = v.Unmarked();
    const std::vector<Value>& elements = collection.Elements();
    const std::vector<std::string>& keys = collection.Keys();
    for (size_t i = 0; i < elements.size(); ++i) {
      Value key = t.IsMap() || t.IsObject() ? Value::String(keys[i])
                  : t.IsSet()               ? elements[i]
                                            : Value::Int(static_cast<int64_t>(i));
      auto s = std::make_unique<IteratorScope>(
          scope, name, Value::Object({{"key", key}, {"value", elements[i]}}).WithMarks(v.marks()));
      out[type].push_back({content->body.get(), s.get(), content->DefRange()});
      scopes_.push_back(std::move(s));
    }
  }

  BodyEvaluator& evaluator_;
  Diagnostics& diags_;
  std::vector<std::unique_ptr<IteratorScope>> scopes_;
  std::set<std::string> unknown_types_;
  ast::Body empty_body_;
  eval::MapScope empty_scope_;
};

}  // namespace

DecodeBodyResult DecodeBody(const config::BodyView& body, const providers::Block& schema,
                            const eval::Scope& scope, BodyEvaluator& evaluator,
                            const Range& missing_range) {
  DecodeBodyResult result;
  Decoder decoder(evaluator, result.diagnostics);
  result.value =
      decoder.DecodeAttributesAndBlocks(body.attributes, body.blocks, schema, scope, missing_range);
  return result;
}

}  // namespace cairn::planner
