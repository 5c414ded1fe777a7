#include "lang/syntax/ast_builder.h"

#include <climits>

#include "lang/syntax/string_lit.h"

namespace cairn::syntax::internal {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;

namespace {

ExprPtr NewExpr(ExprKind kind, Range range) {
  auto e = std::make_unique<Expr>(kind);
  e->range = range;
  return e;
}

/// Decodes one UTF-8 code point at `s[i]`; returns its length (1 for invalid bytes).
size_t DecodeRune(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  if (n == 1) {
    *cp = c;
    return 1;
  }
  uint32_t v = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *cp = v;
  return n;
}

/// Go's unicode.IsSpace.
bool IsUnicodeSpace(uint32_t cp) {
  switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

/// Number of leading bytes of `s` that are spaces, and how many characters they are.
size_t LeadingSpaceBytes(std::string_view s, size_t* chars) {
  size_t i = 0;
  *chars = 0;
  while (i < s.size()) {
    uint32_t cp;
    size_t n = DecodeRune(s, i, &cp);
    if (!IsUnicodeSpace(cp)) break;
    i += n;
    ++*chars;
  }
  return i;
}

void TrimLeftSpace(std::string* s) {
  size_t chars;
  s->erase(0, LeadingSpaceBytes(*s, &chars));
}

void TrimRightSpace(std::string* s) {
  size_t end = s->size();
  while (end > 0) {
    size_t start = end - 1;
    while (start > 0 && (static_cast<unsigned char>((*s)[start]) & 0xC0) == 0x80) --start;
    uint32_t cp;
    DecodeRune(*s, start, &cp);
    if (!IsUnicodeSpace(cp)) break;
    end = start;
  }
  s->resize(end);
}

bool EndsWithNewline(const std::string& s) { return !s.empty() && s.back() == '\n'; }

int Precedence(size_t op_type) {
  using P = cairn_antlr::HCLParser;
  switch (op_type) {
    case P::OR: return 1;
    case P::AND: return 2;
    case P::EQUAL_OP: case P::NOT_EQUAL: return 3;
    case P::LESS_THAN: case P::LESS_THAN_EQ: case P::GREATER_THAN: case P::GREATER_THAN_EQ:
      return 4;
    case P::PLUS: case P::MINUS: return 5;
    default: return 6;  // * / %
  }
}

ast::BinaryOperator BinaryOp(size_t op_type) {
  using P = cairn_antlr::HCLParser;
  using B = ast::BinaryOperator;
  switch (op_type) {
    case P::OR: return B::kOr;
    case P::AND: return B::kAnd;
    case P::EQUAL_OP: return B::kEqual;
    case P::NOT_EQUAL: return B::kNotEqual;
    case P::LESS_THAN: return B::kLessThan;
    case P::LESS_THAN_EQ: return B::kLessThanOrEqual;
    case P::GREATER_THAN: return B::kGreaterThan;
    case P::GREATER_THAN_EQ: return B::kGreaterThanOrEqual;
    case P::PLUS: return B::kAdd;
    case P::MINUS: return B::kSubtract;
    case P::STAR: return B::kMultiply;
    case P::SLASH: return B::kDivide;
    default: return B::kModulo;
  }
}

/// Appends a static step to a traversal expression, or wraps `expr` in a relative traversal
/// (hclsyntax's makeRelativeTraversal).
ExprPtr AddStep(ExprPtr expr, ast::TraversalStep step) {
  Range r = step.range;
  if (expr->kind == ExprKind::kScopeTraversal || expr->kind == ExprKind::kRelativeTraversal) {
    expr->steps.push_back(std::move(step));
    expr->range = Cover(expr->range, r);
    return expr;
  }
  auto rel = NewExpr(ExprKind::kRelativeTraversal, Cover(expr->range, r));
  rel->operand = std::move(expr);
  rel->steps.push_back(std::move(step));
  return rel;
}

}  // namespace

// ---- Bodies ------------------------------------------------------------------------------------

bool AstBuilder::CheckDuplicate(const ast::Attribute& attr, const ast::Body& body,
                                std::unordered_map<std::string_view, Range>* index) {
  std::optional<Range> existing;
  if (index) {
    auto [it, inserted] = index->try_emplace(attr_name_view_, attr.name_range);
    if (!inserted) existing = it->second;
  } else {
    for (const ast::Attribute& a : body.attributes) {
      if (a.name == attr.name) {
        existing = a.name_range;
        break;
      }
    }
  }
  if (!existing) return true;
  diags_->Error("Attribute redefined",
                "The argument \"" + attr.name + "\" was already set at " + RangeString(*existing) +
                    ". Each argument may be set only once.",
                attr.name_range);
  return false;
}

void AstBuilder::AddItem(P::BodyItemContext* item, ast::Body* body, bool top_level) {
  if (P::AttributeContext* a = item->attr) {
    ast::Attribute attr = Attribute(a);
    // hcl keeps the first definition only.
    if (CheckDuplicate(attr, *body, top_level ? &top_index_ : nullptr)) {
      body->attributes.push_back(std::move(attr));
    }
    return;
  }
  body->blocks.push_back(Block(item->blk));
}

ast::Attribute AstBuilder::Attribute(P::AttributeContext* ctx) {
  ast::Attribute attr;
  attr_name_view_ = Text(ctx->name);
  attr.name = std::string(attr_name_view_);
  attr.name_range = R(ctx->name);
  attr.equals_range = R(ctx->eq);
  attr.expr = Expression(ctx->value);
  attr.range = Cover(attr.name_range, attr.expr->range);
  return attr;
}

ast::Block AstBuilder::Block(P::BlockContext* ctx) {
  ast::Block block;
  block.type = std::string(Text(ctx->type));
  block.type_range = R(ctx->type);
  for (P::BlockLabelContext* label : ctx->labels) {
    if (P::LabelStringContext* s = label->quoted) {
      std::string value;
      Range range = Cover(R(s->open), R(s->close));
      for (antlr4::Token* t : s->lits) {
        DecodeStringLit(Text(t), /*quoted=*/true, R(t), &value, diags_);
      }
      block.labels.push_back(std::move(value));
      block.label_ranges.push_back(range);
    } else {
      antlr4::Token* t = label->bare;
      block.labels.emplace_back(Text(t));
      block.label_ranges.push_back(R(t));
    }
  }
  block.open_brace_range = R(ctx->open);
  block.close_brace_range = R(ctx->close);
  block.range = Cover(block.type_range, block.close_brace_range);
  block.body = std::make_unique<ast::Body>();
  ast::Body* body = block.body.get();
  if (ctx->single) {
    body->attributes.push_back(Attribute(ctx->single));
    const Range& r = body->attributes.back().range;
    body->range = r;
    body->end_range = Range{filename_, r.end, r.end};
    return block;
  }
  if (ctx->nl) {
    std::unordered_map<std::string_view, Range> index;
    bool big = ctx->items.size() > 16;
    for (P::BodyItemContext* item : ctx->items) {
      if (P::AttributeContext* a = item->attr) {
        ast::Attribute attr = Attribute(a);
        if (CheckDuplicate(attr, *body, big ? &index : nullptr)) {
          body->attributes.push_back(std::move(attr));
        }
      } else {
        body->blocks.push_back(Block(item->blk));
      }
    }
  }
  body->range = Cover(block.open_brace_range, block.close_brace_range);
  body->end_range = Range{filename_, block.close_brace_range.end, block.close_brace_range.end};
  return block;
}

void AstBuilder::AddPartialBlock(antlr4::ParserRuleContext* failed, Range end, Range error_at,
                                 ast::Body* body) {
  std::vector<P::BlockContext*> chain;  // outermost first
  P::AttributeContext* failed_attr = nullptr;  // innermost, below the innermost block
  for (auto* c = failed; c; c = static_cast<antlr4::ParserRuleContext*>(c->parent)) {
    if (c->getRuleIndex() == P::RuleBlock) {
      chain.insert(chain.begin(), static_cast<P::BlockContext*>(c));
    } else if (c->getRuleIndex() == P::RuleAttribute && chain.empty() && !failed_attr) {
      failed_attr = static_cast<P::AttributeContext*>(c);
    }
  }
  Diagnostics* real = diags_;
  Diagnostics ignored;
  diags_ = &ignored;
  if (chain.empty()) {
    AddFailedAttribute(failed_attr, error_at, body);
  } else {
    body->blocks.push_back(PartialBlock(chain, 0, end, failed_attr, error_at));
  }
  diags_ = real;
}

void AstBuilder::AddFailedAttribute(P::AttributeContext* ctx, Range error_at, ast::Body* body) {
  if (!ctx || !ctx->name || !ctx->eq) return;
  ast::Attribute attr;
  attr.name = std::string(Text(ctx->name));
  if (body->FindAttribute(attr.name)) return;
  attr.name_range = R(ctx->name);
  attr.equals_range = R(ctx->eq);
  // Like hclsyntax's placeholder, the value covers the token the parser stopped at.
  const Range value = error_at;
  attr.expr = NewExpr(ExprKind::kInvalid, value);
  attr.range = Cover(attr.name_range, value);
  body->attributes.push_back(std::move(attr));
}

ast::Block AstBuilder::PartialBlock(const std::vector<P::BlockContext*>& chain, size_t i,
                                    Range end, P::AttributeContext* failed_attr,
                                    Range error_at) {
  P::BlockContext* ctx = chain[i];
  ast::Block block;
  block.type = std::string(Text(ctx->type));
  block.type_range = R(ctx->type);
  for (P::BlockLabelContext* label : ctx->labels) {
    if (P::LabelStringContext* s = label->quoted) {
      std::string value;
      for (antlr4::Token* t : s->lits) DecodeStringLit(Text(t), true, R(t), &value, diags_);
      block.labels.push_back(std::move(value));
      block.label_ranges.push_back(Cover(R(s->open), s->close ? R(s->close) : R(s->open)));
    } else if (label->bare) {
      block.labels.emplace_back(Text(label->bare));
      block.label_ranges.push_back(R(label->bare));
    }
  }
  block.body = std::make_unique<ast::Body>();
  if (!ctx->open) {
    // hclsyntax's placeholders for a block whose header is broken.
    block.open_brace_range = block.type_range;
    block.close_brace_range =
        block.label_ranges.empty() ? block.type_range : block.label_ranges.back();
    block.range = Cover(block.type_range, block.close_brace_range);
    block.body->range = block.type_range;
    block.body->end_range = block.type_range;
    return block;
  }
  block.open_brace_range = R(ctx->open);
  block.close_brace_range = ctx->close ? R(ctx->close) : end;
  block.range = Cover(block.type_range, block.close_brace_range);
  ast::Body* body = block.body.get();
  if (ctx->single) body->attributes.push_back(Attribute(ctx->single));
  for (P::BodyItemContext* item : ctx->items) {
    if (item->attr) {
      ast::Attribute attr = Attribute(item->attr);
      if (!body->FindAttribute(attr.name)) body->attributes.push_back(std::move(attr));
    } else {
      body->blocks.push_back(Block(item->blk));
    }
  }
  if (i + 1 < chain.size()) {
    body->blocks.push_back(PartialBlock(chain, i + 1, end, failed_attr, error_at));
  } else {
    AddFailedAttribute(failed_attr, error_at, body);
  }
  body->range = Cover(block.open_brace_range, block.close_brace_range);
  body->end_range = Range{filename_, block.close_brace_range.end, block.close_brace_range.end};
  return block;
}

// ---- Expressions -------------------------------------------------------------------------------

ExprPtr AstBuilder::Expression(P::ExpressionContext* ctx) {
  ExprPtr cond = Operators(ctx);
  if (!ctx->yes) return cond;
  ExprPtr yes = Expression(ctx->yes);
  ExprPtr no = Expression(ctx->no);
  auto e = NewExpr(ExprKind::kConditional, Cover(cond->range, no->range));
  e->condition = std::move(cond);
  e->operand = std::move(yes);
  e->other = std::move(no);
  return e;
}

ExprPtr AstBuilder::Operators(P::ExpressionContext* ctx) {
  if (ctx->ops.empty()) return Unary(ctx->first);
  // Operator precedence over the flat operand/operator list (all left-associative).
  std::vector<ExprPtr> operands;
  std::vector<antlr4::Token*> ops;
  operands.reserve(ctx->operands.size() + 1);
  auto reduce = [&]() {
    ExprPtr rhs = std::move(operands.back());
    operands.pop_back();
    ExprPtr lhs = std::move(operands.back());
    operands.pop_back();
    antlr4::Token* op = ops.back();
    ops.pop_back();
    auto e = NewExpr(ExprKind::kBinaryOp, Cover(lhs->range, rhs->range));
    e->binary_op = BinaryOp(op->getType());
    e->op_range = R(op);
    e->operand = std::move(lhs);
    e->other = std::move(rhs);
    operands.push_back(std::move(e));
  };
  operands.push_back(Unary(ctx->first));
  for (size_t i = 0; i < ctx->ops.size(); ++i) {
    antlr4::Token* op = ctx->ops[i];
    int prec = Precedence(op->getType());
    while (!ops.empty() && Precedence(ops.back()->getType()) >= prec) reduce();
    ops.push_back(op);
    operands.push_back(Unary(ctx->operands[i]));
  }
  while (!ops.empty()) reduce();
  return std::move(operands.back());
}

ExprPtr AstBuilder::Unary(P::UnaryExprContext* ctx) {
  if (!ctx->op) {
    ExprPtr e = Primary(ctx->prim);
    if (ctx->steps.empty()) return e;
    return Steps(std::move(e), ctx->steps, 0);
  }
  ExprPtr operand = Unary(ctx->operand);
  auto e = NewExpr(ExprKind::kUnaryOp, Cover(R(ctx->op), operand->range));
  e->unary_op = ctx->op->getType() == P::MINUS ? ast::UnaryOperator::kNegate
                                               : ast::UnaryOperator::kNot;
  e->op_range = R(ctx->op);
  e->operand = std::move(operand);
  return e;
}

namespace {
bool IsAttrOnlyStep(cairn_antlr::HCLParser::PostfixContext* s) {
  return s->dot && (s->name || s->index);
}
}  // namespace

ExprPtr AstBuilder::Steps(ExprPtr ret, const std::vector<P::PostfixContext*>& steps, size_t i) {
  const Range from = ret->range;
  for (; i < steps.size(); ++i) {
    P::PostfixContext* s = steps[i];
    if (s->dot && s->name) {
      ast::TraversalStep step;
      step.kind = ast::TraversalStep::Kind::kAttr;
      step.name = std::string(Text(s->name));
      step.range = Cover(R(s->dot), R(s->name));
      ret = AddStep(std::move(ret), std::move(step));
      continue;
    }
    if (s->dot && s->index) {
      std::string_view num = Text(s->index);
      Range num_range = R(s->index);
      size_t dot = num.find('.');
      if (dot != std::string_view::npos) {
        diags_->Error("Invalid legacy index syntax",
                      "When using the legacy index syntax, chaining two indexes together is not "
                      "permitted. Use the proper index syntax instead, like [" +
                          std::string(num.substr(0, dot)) + "][" +
                          std::string(num.substr(dot + 1)) + "].",
                      num_range);
      }
      ast::TraversalStep step;
      step.kind = ast::TraversalStep::Kind::kIndex;
      step.key = NewExpr(ExprKind::kLiteral, num_range);
      step.key->literal.kind = ast::LiteralValue::Kind::kNumber;
      step.key->literal.text = std::string(num);
      step.range = Cover(R(s->dot), num_range);
      ret = AddStep(std::move(ret), std::move(step));
      continue;
    }
    if (s->open && s->key) {
      ExprPtr key = Expression(s->key);
      Range brackets = Cover(R(s->open), R(s->close));
      bool literal = key->kind == ExprKind::kLiteral;
      if (!literal && key->kind == ExprKind::kTemplate && key->parts.size() == 1 &&
          key->parts[0]->kind == ExprKind::kLiteral) {
        // A quoted string without interpolations is a static key.
        ExprPtr lit = std::move(key->parts[0]);
        lit->range = key->range;
        key = std::move(lit);
        literal = true;
      }
      if (literal) {
        ast::TraversalStep step;
        step.kind = ast::TraversalStep::Kind::kIndex;
        step.key = std::move(key);
        step.range = brackets;
        ret = AddStep(std::move(ret), std::move(step));
      } else {
        auto e = NewExpr(ExprKind::kIndex, Cover(from, brackets));
        e->op_range = R(s->open);
        e->operand = std::move(ret);
        e->index = std::move(key);
        ret = std::move(e);
      }
      continue;
    }
    if (s->open) {  // [*]
      Range marker = Cover(R(s->open), R(s->close));
      ExprPtr each = NewExpr(ExprKind::kAnonSymbol, marker);
      each = Steps(std::move(each), steps, i + 1);
      auto e = NewExpr(ExprKind::kSplat, Cover(from, each->range));
      e->full_splat = true;
      e->op_range = marker;
      e->operand = std::move(ret);
      e->each = std::move(each);
      return e;
    }
    // `.*`: an attribute-only splat takes the attribute (and legacy index) steps after it.
    Range marker = Cover(R(s->dot), R(s->star));
    ExprPtr each = NewExpr(ExprKind::kAnonSymbol, marker);
    Range last = marker;
    size_t j = i + 1;
    while (j < steps.size() && IsAttrOnlyStep(steps[j])) ++j;
    bool nested = j < steps.size() && steps[j]->dot && steps[j]->star;
    if (nested) {
      diags_->Error("Nested splat expression not allowed",
                    "A splat expression (*) cannot be used inside another attribute-only splat "
                    "expression.",
                    R(steps[j]->star));
    }
    if (j > i + 1) {
      std::vector<P::PostfixContext*> inner(steps.begin() + static_cast<ptrdiff_t>(i + 1),
                                            steps.begin() + static_cast<ptrdiff_t>(j));
      Range first = R(inner.front()->getStart());
      ExprPtr anon = std::move(each);
      each = Steps(std::move(anon), inner, 0);
      last = each->range;
      each->range = Range{filename_, first.start, last.end};
    }
    auto e = NewExpr(ExprKind::kSplat, Cover(from, last));
    e->full_splat = false;
    e->op_range = marker;
    e->operand = std::move(ret);
    e->each = std::move(each);
    ret = std::move(e);
    if (nested) return ret;  // reported above; the rest is not meaningful
    i = j - 1;
  }
  return ret;
}

ExprPtr AstBuilder::Primary(P::PrimaryContext* ctx) {
  if (antlr4::Token* t = ctx->num) {
    auto e = NewExpr(ExprKind::kLiteral, R(t));
    e->literal.kind = ast::LiteralValue::Kind::kNumber;
    e->literal.text = std::string(Text(t));
    return e;
  }
  if (antlr4::Token* t = ctx->name) {
    std::string_view name = Text(t);
    if (name == "true" || name == "false") {
      auto e = NewExpr(ExprKind::kLiteral, R(t));
      e->literal.kind = ast::LiteralValue::Kind::kBool;
      e->literal.boolean = name == "true";
      return e;
    }
    if (name == "null") return NewExpr(ExprKind::kLiteral, R(t));
    auto e = NewExpr(ExprKind::kScopeTraversal, R(t));
    e->root_name = std::string(name);
    e->root_range = R(t);
    return e;
  }
  if (ctx->oquote) return Template(ctx->oquote, ctx->part, ctx->parts, ctx->cquote, false);
  if (ctx->call) return Call(ctx->call);
  if (ctx->open) {
    auto e = NewExpr(ExprKind::kParens, Cover(R(ctx->open), R(ctx->close)));
    e->operand = Expression(ctx->inner);
    return e;
  }
  if (ctx->oheredoc) {
    std::string_view intro = Text(ctx->oheredoc);
    bool flush = intro.size() > 2 && intro[2] == '-';
    ExprPtr e = Template(ctx->oheredoc, ctx->part, ctx->parts, ctx->cheredoc, flush);
    if (e->kind == ExprKind::kTemplate) e->heredoc = true;
    return e;
  }
  if (P::ForTupleContext* c = ctx->ftuple) {
    return For(c->open, c->intro, c->first, c->arrow, c->second, c->ellipsis, c->cond, c->close,
               false);
  }
  if (P::ForObjectContext* c = ctx->fobject) {
    return For(c->open, c->intro, c->first, c->arrow, c->second, c->ellipsis, c->cond, c->close,
               true);
  }
  if (ctx->tup) return Tuple(ctx->tup);
  return Object(ctx->obj);
}

ExprPtr AstBuilder::Call(P::FunctionCallContext* ctx) {
  auto data = std::make_unique<ast::FunctionCallData>();
  for (size_t i = 0; i < ctx->names.size(); ++i) {
    if (i > 0) data->name += "::";
    data->name += Text(ctx->names[i]);
  }
  data->name_range = Cover(R(ctx->names.front()), R(ctx->names.back()));
  data->open_paren_range = R(ctx->open);
  data->close_paren_range = R(ctx->close);
  data->args.reserve(ctx->args.size());
  for (P::ExpressionContext* a : ctx->args) data->args.push_back(Expression(a));
  if (ctx->ellipsis) {
    data->expand_final = true;
    data->ellipsis_range = R(ctx->ellipsis);
  }
  auto e = NewExpr(ExprKind::kFunctionCall, Cover(data->name_range, data->close_paren_range));
  e->call = std::move(data);
  return e;
}

ExprPtr AstBuilder::Tuple(P::TupleContext* ctx) {
  auto e = NewExpr(ExprKind::kTuple, Cover(R(ctx->open), R(ctx->close)));
  e->open_range = R(ctx->open);
  e->close_range = R(ctx->close);
  e->items.reserve(ctx->items.size());
  for (P::ExpressionContext* item : ctx->items) e->items.push_back(Expression(item));
  return e;
}

ExprPtr AstBuilder::Object(P::ObjectContext* ctx) {
  auto e = NewExpr(ExprKind::kObject, Cover(R(ctx->open), R(ctx->close)));
  e->open_range = R(ctx->open);
  e->close_range = R(ctx->close);
  e->object_items.reserve(ctx->items.size());
  for (P::ObjectItemContext* item : ctx->items) {
    ast::ObjectItem oi;
    // A lone identifier (not parenthesised) names the key literally.
    P::ExpressionContext* k = item->key;
    if (!k->yes && k->ops.empty() && !k->first->op) {
      P::UnaryExprContext* u = k->first;
      if (u->steps.empty() && u->prim->name) {
        antlr4::Token* name = u->prim->name;
        oi.key = NewExpr(ExprKind::kScopeTraversal, R(name));
        oi.key->root_name = std::string(Text(name));
        oi.key->root_range = R(name);
        oi.key_is_bare_name = true;
      }
    }
    if (!oi.key) oi.key = Expression(k);
    oi.equals_range = R(item->sep);
    oi.value = Expression(item->value);
    e->object_items.push_back(std::move(oi));
  }
  return e;
}

ExprPtr AstBuilder::For(antlr4::Token* open, P::ForIntroContext* intro,
                        P::ExpressionContext* first, antlr4::Token* arrow,
                        P::ExpressionContext* second, antlr4::Token* ellipsis,
                        P::ExpressionContext* cond, antlr4::Token* close, bool object) {
  Range whole = Cover(R(open), R(close));
  auto data = std::make_unique<ast::ForData>();
  if (intro->second) {
    data->key_var = std::string(Text(intro->first));
    data->key_var_range = R(intro->first);
    data->value_var = std::string(Text(intro->second));
    data->value_var_range = R(intro->second);
  } else {
    data->value_var = std::string(Text(intro->first));
    data->value_var_range = R(intro->first);
  }
  data->collection = Expression(intro->coll);
  if (arrow) {
    data->key_expr = Expression(first);
    data->value_expr = Expression(second);
  } else {
    data->value_expr = Expression(first);
  }
  if (cond) data->condition = Expression(cond);
  data->group = ellipsis != nullptr;
  data->open_range = R(open);
  data->close_range = R(close);
  if (!object) {
    if (data->key_expr) {
      diags_->Error("Invalid 'for' expression",
                    "Key expression is not valid when building a tuple.", data->key_expr->range,
                    whole);
    }
    if (ellipsis) {
      diags_->Error("Invalid 'for' expression",
                    "Grouping ellipsis (...) cannot be used when building a tuple.", R(ellipsis),
                    whole);
    }
  } else if (!data->key_expr) {
    diags_->Error("Invalid 'for' expression", "Key expression is required when building an object.",
                  data->value_expr->range, whole);
  }
  auto e = NewExpr(ExprKind::kFor, whole);
  e->for_data = std::move(data);
  return e;
}

// ---- Templates ---------------------------------------------------------------------------------

/// One element of a template flattened the way hclsyntax's parseTemplateParts sees it.
struct AstBuilder::TplTok {
  enum Kind { kLit, kInterp, kIf, kElse, kEndIf, kFor, kEndFor } kind;
  std::string value;  // kLit
  Range range;
  ExprPtr expr;  // kInterp: the expression; kIf: the condition; kFor: the collection
  std::string key_var, value_var;
  Range key_var_range, value_var_range;
};

void AstBuilder::Flatten(const std::vector<P::TemplatePartContext*>& parts,
                         std::vector<TplTok>* out) {
  for (P::TemplatePartContext* part : parts) FlattenPart(part, out);
}

void AstBuilder::FlattenPart(P::TemplatePartContext* part, std::vector<TplTok>* out) {
  // hclsyntax: `${~`/`%{~` trim trailing space from the literal just before; `~}` trims
  // leading space from the literal just after.
  auto open_marker = [&](antlr4::Token* t) {
    std::string_view text = Text(t);
    if (can_trim_prev_ && text.size() == 3 && text[2] == '~' && !out->empty() &&
        out->back().kind == TplTok::kLit) {
      TrimRightSpace(&out->back().value);
    }
    can_trim_prev_ = false;
    ltrim_next_ = false;
  };
  auto close_marker = [&](antlr4::Token* t) {
    std::string_view text = Text(t);
    ltrim_next_ = text.size() == 2 && text[0] == '~';
  };
  auto directive = [&](TplTok::Kind kind, antlr4::Token* open, antlr4::Token* close) {
    open_marker(open);
    TplTok tok{kind, {}, Cover(R(open), R(close)), nullptr, {}, {}, {}, {}};
    out->push_back(std::move(tok));
    close_marker(close);
  };
  {
    if (antlr4::Token* lit = part->qlit ? part->qlit : part->slit) {
      TplTok tok{TplTok::kLit, {}, R(lit), nullptr, {}, {}, {}, {}};
      DecodeStringLit(Text(lit), part->qlit != nullptr, tok.range, &tok.value, diags_);
      if (ltrim_next_) TrimLeftSpace(&tok.value);
      ltrim_next_ = false;
      out->push_back(std::move(tok));
      can_trim_prev_ = true;
    } else if (part->iopen) {
      open_marker(part->iopen);
      TplTok tok{TplTok::kInterp, {}, Cover(R(part->iopen), R(part->iclose)), nullptr, {}, {}, {}, {}};
      tok.expr = Expression(part->iexpr);
      out->push_back(std::move(tok));
      close_marker(part->iclose);
    } else if (P::TemplateIfContext* c = part->tif) {
      open_marker(c->ifOpen);
      TplTok tok{TplTok::kIf, {}, Cover(R(c->ifOpen), R(c->ifClose)), nullptr, {}, {}, {}, {}};
      tok.expr = Expression(c->cond);
      out->push_back(std::move(tok));
      close_marker(c->ifClose);
      Flatten(c->thenParts, out);
      if (c->elseOpen) {
        directive(TplTok::kElse, c->elseOpen, c->elseClose);
        Flatten(c->elseParts, out);
      }
      directive(TplTok::kEndIf, c->endOpen, c->endClose);
    } else {
      P::TemplateForContext* f = part->tfor;
      open_marker(f->forOpen);
      TplTok tok{TplTok::kFor, {}, Cover(R(f->forOpen), R(f->forClose)), nullptr, {}, {}, {}, {}};
      if (f->second) {
        tok.key_var = std::string(Text(f->first));
        tok.key_var_range = R(f->first);
        tok.value_var = std::string(Text(f->second));
        tok.value_var_range = R(f->second);
      } else {
        tok.value_var = std::string(Text(f->first));
        tok.value_var_range = R(f->first);
      }
      tok.expr = Expression(f->coll);
      out->push_back(std::move(tok));
      close_marker(f->forClose);
      Flatten(f->parts, out);
      directive(TplTok::kEndFor, f->endOpen, f->endClose);
    }
  }
}

ExprPtr AstBuilder::Template(antlr4::Token* open, P::TemplatePartContext* first,
                             const std::vector<P::TemplatePartContext*>& more,
                             antlr4::Token* close, bool flush) {
  if (first && first->qlit && more.empty()) {
    // The common "plain string": one literal, nothing to trim or join (same result as below).
    auto lit = NewExpr(ExprKind::kLiteral, R(first->qlit));
    lit->literal.kind = ast::LiteralValue::Kind::kString;
    DecodeStringLit(Text(first->qlit), /*quoted=*/true, lit->range, &lit->literal.text, diags_);
    auto e = NewExpr(ExprKind::kTemplate, Cover(R(open), R(close)));
    e->parts.push_back(std::move(lit));
    return e;
  }
  std::vector<TplTok> flat;
  ltrim_next_ = false;
  can_trim_prev_ = false;
  if (first) FlattenPart(first, &flat);
  Flatten(more, &flat);
  if (flush) {
    // hclsyntax's flushHeredocTemplateParts: remove the smallest indentation of the lines.
    size_t min_spaces = SIZE_MAX;
    bool newline = true;
    std::vector<size_t> adjust;
    for (size_t i = 0; i < flat.size(); ++i) {
      TplTok& t = flat[i];
      if (newline) {
        newline = false;
        size_t spaces = 0;
        if (t.kind == TplTok::kLit) {
          size_t chars;
          size_t bytes = LeadingSpaceBytes(t.value, &chars);
          if (bytes == t.value.size() && EndsWithNewline(t.value)) {
            spaces = SIZE_MAX;  // a blank line does not count
          } else {
            spaces = chars;
            adjust.push_back(i);
          }
        }
        if (spaces < min_spaces) min_spaces = spaces;
      }
      if (t.kind == TplTok::kLit && EndsWithNewline(t.value)) newline = true;
    }
    if (min_spaces != SIZE_MAX && min_spaces > 0) {
      for (size_t i : adjust) {
        TplTok& t = flat[i];
        size_t byte = 0;
        for (size_t k = 0; k < min_spaces && byte < t.value.size(); ++k) {
          uint32_t cp;
          byte += DecodeRune(t.value, byte, &cp);
        }
        t.value.erase(0, byte);
        t.range.start.column += static_cast<int32_t>(min_spaces);
        t.range.start.byte += static_cast<int64_t>(byte);
      }
    }
  }
  Range whole = Cover(R(open), R(close));
  // hclsyntax's "start range": the token after the opener.
  Range start_range = first ? R(first->getStart()) : R(close);
  return BuildTemplate(flat, whole, start_range);
}

ExprPtr AstBuilder::TemplateFile(P::TemplateFileContext* ctx, Range whole) {
  std::vector<TplTok> flat;
  ltrim_next_ = false;
  can_trim_prev_ = false;
  Flatten(ctx->parts, &flat);
  Range start_range = R(ctx->getStart());
  return BuildTemplate(flat, whole, start_range);
}

ExprPtr AstBuilder::BuildTemplate(std::vector<TplTok>& flat, Range whole, Range start_range) {
  // Meld consecutive literals.
  size_t w = 0;
  for (size_t r = 0; r < flat.size(); ++r) {
    if (w > 0 && flat[r].kind == TplTok::kLit && flat[w - 1].kind == TplTok::kLit) {
      flat[w - 1].value += flat[r].value;
      flat[w - 1].range.end = flat[r].range.end;
      continue;
    }
    if (w != r) flat[w] = std::move(flat[r]);
    ++w;
  }
  flat.resize(w);
  if (flat.empty()) {
    TplTok empty{TplTok::kLit, {}, Range{filename_, start_range.end, start_range.end}, nullptr,
                 {}, {}, {}, {}};
    flat.push_back(std::move(empty));
  }
  if (flat.size() == 1 && flat[0].kind == TplTok::kInterp) {
    auto e = NewExpr(ExprKind::kTemplateWrap, whole);
    e->operand = std::move(flat[0].expr);
    return e;
  }
  auto e = NewExpr(ExprKind::kTemplate, whole);
  size_t i = 0;
  while (i < flat.size()) e->parts.push_back(Structure(flat, &i));
  return e;
}

ExprPtr AstBuilder::Structure(std::vector<TplTok>& flat, size_t* i) {
  TplTok& t = flat[(*i)++];
  switch (t.kind) {
    case TplTok::kLit: {
      auto e = NewExpr(ExprKind::kLiteral, t.range);
      e->literal.kind = ast::LiteralValue::Kind::kString;
      e->literal.text = std::move(t.value);
      return e;
    }
    case TplTok::kInterp:
      return std::move(t.expr);
    case TplTok::kIf: {
      // The grammar guarantees balance: parts up to else/endif at this level.
      auto collect = [&](Range empty_at) {
        std::vector<ExprPtr> parts;
        while (flat[*i].kind != TplTok::kElse && flat[*i].kind != TplTok::kEndIf) {
          parts.push_back(Structure(flat, i));
        }
        if (parts.empty()) {
          auto lit = NewExpr(ExprKind::kLiteral, empty_at);
          lit->literal.kind = ast::LiteralValue::Kind::kString;
          parts.push_back(std::move(lit));
        }
        auto tpl = NewExpr(ExprKind::kTemplate, Cover(parts.front()->range, parts.back()->range));
        tpl->parts = std::move(parts);
        return tpl;
      };
      Range if_range = t.range;
      ExprPtr cond = std::move(t.expr);
      ExprPtr then_part = collect(Range{filename_, if_range.end, if_range.end});
      ExprPtr else_part;
      if (flat[*i].kind == TplTok::kElse) {
        ++*i;
        // The else branch's empty placeholder sits at the endif; found after collecting.
        std::vector<ExprPtr> parts;
        while (flat[*i].kind != TplTok::kEndIf) parts.push_back(Structure(flat, i));
        Range endif = flat[*i].range;
        if (parts.empty()) {
          auto lit = NewExpr(ExprKind::kLiteral, Range{filename_, endif.start, endif.start});
          lit->literal.kind = ast::LiteralValue::Kind::kString;
          parts.push_back(std::move(lit));
        }
        else_part = NewExpr(ExprKind::kTemplate, Cover(parts.front()->range, parts.back()->range));
        else_part->parts = std::move(parts);
      } else {
        Range endif = flat[*i].range;
        auto lit = NewExpr(ExprKind::kLiteral, Range{filename_, endif.start, endif.start});
        lit->literal.kind = ast::LiteralValue::Kind::kString;
        else_part = NewExpr(ExprKind::kTemplate, lit->range);
        else_part->parts.push_back(std::move(lit));
      }
      Range endif = flat[(*i)++].range;
      auto e = NewExpr(ExprKind::kTemplateIf, Cover(if_range, endif));
      e->condition = std::move(cond);
      e->operand = std::move(then_part);
      e->other = std::move(else_part);
      return e;
    }
    case TplTok::kFor: {
      Range for_range = t.range;
      auto data = std::make_unique<ast::ForData>();
      data->key_var = std::move(t.key_var);
      data->value_var = std::move(t.value_var);
      data->key_var_range = t.key_var_range;
      data->value_var_range = t.value_var_range;
      data->collection = std::move(t.expr);
      std::vector<ExprPtr> parts;
      while (flat[*i].kind != TplTok::kEndFor) parts.push_back(Structure(flat, i));
      if (parts.empty()) {
        auto lit = NewExpr(ExprKind::kLiteral, Range{filename_, for_range.end, for_range.end});
        lit->literal.kind = ast::LiteralValue::Kind::kString;
        parts.push_back(std::move(lit));
      }
      auto body = NewExpr(ExprKind::kTemplate, Cover(parts.front()->range, parts.back()->range));
      body->parts = std::move(parts);
      data->value_expr = std::move(body);
      Range endfor = flat[(*i)++].range;
      data->open_range = for_range;
      data->close_range = endfor;
      auto e = NewExpr(ExprKind::kTemplateFor, Cover(for_range, endfor));
      e->for_data = std::move(data);
      return e;
    }
    default:
      break;
  }
  // Unbalanced directives cannot reach here (the grammar nests them).
  auto e = NewExpr(ExprKind::kLiteral, t.range);
  e->literal.kind = ast::LiteralValue::Kind::kString;
  return e;
}

}  // namespace cairn::syntax::internal

namespace cairn::syntax::internal {

// ---- DiagnosticWalker ----------------------------------------------------------------------------
// Mirrors AstBuilder's traversal and its diagnostics; keep the two in step (the tests compare
// CheckSyntax with ParseFile on every golden and on garbled inputs).

namespace {
void DuplicateError(Diagnostics* diags, std::string_view name, const Range& existing,
                    const Range& again) {
  diags->Error("Attribute redefined",
               "The argument \"" + std::string(name) + "\" was already set at " +
                   RangeString(existing) + ". Each argument may be set only once.",
               again);
}
}  // namespace

void DiagnosticWalker::TopItem(P::BodyItemContext* item) {
  if (item->attr) {
    Attribute(item->attr, nullptr, &top_index_);
  } else {
    Block(item->blk);
  }
}

void DiagnosticWalker::Attribute(P::AttributeContext* ctx, Names* names,
                                 std::unordered_map<std::string_view, Range>* index) {
  Expression(ctx->value);
  if (!names && !index) return;  // a one-line block's only attribute
  std::string_view name = Text(ctx->name);
  Range range = R(ctx->name);
  if (index) {
    auto [it, inserted] = index->try_emplace(name, range);
    if (!inserted) DuplicateError(diags_, name, it->second, range);
    return;
  }
  for (const auto& [n, r] : *names) {
    if (n == name) {
      DuplicateError(diags_, name, r, range);
      return;
    }
  }
  names->emplace_back(name, range);
}

void DiagnosticWalker::Block(P::BlockContext* ctx) {
  for (P::BlockLabelContext* label : ctx->labels) {
    if (P::LabelStringContext* s = label->quoted) {
      for (antlr4::Token* t : s->lits) Literal(t, true);
    }
  }
  if (ctx->single) {
    Attribute(ctx->single, nullptr, nullptr);
    return;
  }
  if (!ctx->nl) return;
  Names names;
  std::unordered_map<std::string_view, Range> index;
  bool big = ctx->items.size() > 16;
  for (P::BodyItemContext* item : ctx->items) {
    if (item->attr) {
      Attribute(item->attr, big ? nullptr : &names, big ? &index : nullptr);
    } else {
      Block(item->blk);
    }
  }
}

void DiagnosticWalker::Expression(P::ExpressionContext* ctx) {
  Unary(ctx->first);
  for (P::UnaryExprContext* u : ctx->operands) Unary(u);
  if (ctx->yes) {
    Expression(ctx->yes);
    Expression(ctx->no);
  }
}

void DiagnosticWalker::Unary(P::UnaryExprContext* ctx) {
  if (ctx->op) {
    Unary(ctx->operand);
    return;
  }
  Primary(ctx->prim);
  Steps(ctx->steps, 0, ctx->steps.size());
}

void DiagnosticWalker::Steps(const std::vector<P::PostfixContext*>& steps, size_t i,
                             size_t end) {
  for (; i < end; ++i) {
    P::PostfixContext* s = steps[i];
    if (s->dot && s->name) continue;
    if (s->dot && s->index) {
      std::string_view num = Text(s->index);
      size_t dot = num.find('.');
      if (dot != std::string_view::npos) {
        diags_->Error("Invalid legacy index syntax",
                      "When using the legacy index syntax, chaining two indexes together is not "
                      "permitted. Use the proper index syntax instead, like [" +
                          std::string(num.substr(0, dot)) + "][" +
                          std::string(num.substr(dot + 1)) + "].",
                      R(s->index));
      }
      continue;
    }
    if (s->open && s->key) {
      Expression(s->key);
      continue;
    }
    if (s->open) continue;  // [*]: the following steps apply to each element, same checks
    // `.*`
    size_t j = i + 1;
    while (j < end && IsAttrOnlyStep(steps[j])) ++j;
    bool nested = j < end && steps[j]->dot && steps[j]->star;
    if (nested) {
      diags_->Error("Nested splat expression not allowed",
                    "A splat expression (*) cannot be used inside another attribute-only splat "
                    "expression.",
                    R(steps[j]->star));
    }
    Steps(steps, i + 1, j);
    if (nested) return;
    i = j - 1;
  }
}

void DiagnosticWalker::Primary(P::PrimaryContext* ctx) {
  if (ctx->num || ctx->name) return;
  if (ctx->oquote || ctx->oheredoc) {
    if (ctx->part) Part(ctx->part);
    Parts(ctx->parts);
    return;
  }
  if (P::FunctionCallContext* c = ctx->call) {
    for (P::ExpressionContext* a : c->args) Expression(a);
    return;
  }
  if (ctx->open) {
    Expression(ctx->inner);
    return;
  }
  if (ctx->ftuple || ctx->fobject) {
    P::ForIntroContext* intro = ctx->ftuple ? ctx->ftuple->intro : ctx->fobject->intro;
    P::ExpressionContext* first = ctx->ftuple ? ctx->ftuple->first : ctx->fobject->first;
    P::ExpressionContext* second = ctx->ftuple ? ctx->ftuple->second : ctx->fobject->second;
    P::ExpressionContext* cond = ctx->ftuple ? ctx->ftuple->cond : ctx->fobject->cond;
    antlr4::Token* arrow = ctx->ftuple ? ctx->ftuple->arrow : ctx->fobject->arrow;
    antlr4::Token* ellipsis = ctx->ftuple ? ctx->ftuple->ellipsis : ctx->fobject->ellipsis;
    antlr4::Token* open = ctx->ftuple ? ctx->ftuple->open : ctx->fobject->open;
    antlr4::Token* close = ctx->ftuple ? ctx->ftuple->close : ctx->fobject->close;
    Expression(intro->coll);
    Expression(first);
    if (arrow) Expression(second);
    if (cond) Expression(cond);
    Range whole = Cover(R(open), R(close));
    auto range_of = [&](P::ExpressionContext* e) {
      return Range{filename_, static_cast<AdaptedToken*>(e->getStart())->lexed().start,
                   static_cast<AdaptedToken*>(e->getStop())->lexed().end};
    };
    if (ctx->ftuple) {
      if (arrow) {
        diags_->Error("Invalid 'for' expression",
                      "Key expression is not valid when building a tuple.", range_of(first),
                      whole);
      }
      if (ellipsis) {
        diags_->Error("Invalid 'for' expression",
                      "Grouping ellipsis (...) cannot be used when building a tuple.",
                      R(ellipsis), whole);
      }
    } else if (!arrow) {
      diags_->Error("Invalid 'for' expression",
                    "Key expression is required when building an object.", range_of(first),
                    whole);
    }
    return;
  }
  if (P::TupleContext* t = ctx->tup) {
    for (P::ExpressionContext* e : t->items) Expression(e);
    return;
  }
  for (P::ObjectItemContext* item : ctx->obj->items) {
    P::ExpressionContext* k = item->key;
    bool bare = !k->yes && k->ops.empty() && !k->first->op && k->first->steps.empty() &&
                k->first->prim->name;
    if (!bare) Expression(k);
    Expression(item->value);
  }
}

void DiagnosticWalker::Parts(const std::vector<P::TemplatePartContext*>& parts) {
  for (P::TemplatePartContext* part : parts) Part(part);
}

void DiagnosticWalker::Part(P::TemplatePartContext* part) {
  if (part->qlit) {
    Literal(part->qlit, true);
  } else if (part->slit) {
    Literal(part->slit, false);
  } else if (part->iopen) {
    Expression(part->iexpr);
  } else if (P::TemplateIfContext* c = part->tif) {
    Expression(c->cond);
    Parts(c->thenParts);
    Parts(c->elseParts);
  } else {
    Expression(part->tfor->coll);
    Parts(part->tfor->parts);
  }
}

void DiagnosticWalker::Literal(antlr4::Token* t, bool quoted) {
  scratch_.clear();
  DecodeStringLit(Text(t), quoted, R(t), &scratch_, diags_);
}

}  // namespace cairn::syntax::internal
