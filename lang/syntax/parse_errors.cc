#include "lang/syntax/parse_errors.h"

#include <algorithm>

#include "HCLParser.h"
#include "lang/base/name_suggestion.h"
#include "lang/syntax/string_lit.h"

namespace cairn::syntax::internal {

using P = cairn_antlr::HCLParser;

void FirstErrorStrategy::Record(antlr4::ParserRuleContext* ctx, antlr4::Token* offending,
                                antlr4::misc::IntervalSet expected) {
  if (has_error_) return;
  has_error_ = true;
  info_.ctx = ctx;
  info_.offending = offending ? offending->getTokenIndex() : 0;
  info_.expected = std::move(expected);
}

void FirstErrorStrategy::recover(antlr4::Parser* parser, std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const antlr4::RecognitionException& re) {
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(re.getCtx());
    Record(ctx ? ctx : parser->getContext(), re.getOffendingToken(), re.getExpectedTokens());
  } catch (...) {
    Record(parser->getContext(), parser->getCurrentToken(), parser->getExpectedTokens());
  }
  throw antlr4::ParseCancellationException();
}

antlr4::Token* FirstErrorStrategy::recoverInline(antlr4::Parser* parser) {
  Record(parser->getContext(), parser->getCurrentToken(), parser->getExpectedTokens());
  throw antlr4::ParseCancellationException();
}

namespace {

antlr4::ParserRuleContext* Parent(antlr4::ParserRuleContext* c) {
  return static_cast<antlr4::ParserRuleContext*>(c->parent);
}

/// A quoted template or heredoc (alternatives of `primary`).
bool IsTemplatePrimary(antlr4::ParserRuleContext* c) {
  if (c->getRuleIndex() != P::RulePrimary) return false;
  auto* p = static_cast<P::PrimaryContext*>(c);
  return p->oquote || p->oheredoc;
}

/// Describes one error; keeps the stream and source at hand.
class Describer {
 public:
  Describer(const SyntaxErrorInfo& info, ItemTokenStream& stream, std::string_view source,
            FileName filename)
      : info_(info), stream_(stream), source_(source), filename_(filename) {}

  Diagnostic Describe();
  bool guarded_ = true;
  bool sets_recovery_ = true;

 private:
  AdaptedToken* Tok(size_t i) { return stream_.at(std::min(i, stream_.count() - 1)); }
  AdaptedToken* Tok(antlr4::Token* t) { return static_cast<AdaptedToken*>(t); }
  size_t Type(size_t i) { return Tok(i)->getType(); }
  Range R(AdaptedToken* t) { return Range{filename_, t->lexed().start, t->lexed().end}; }
  Range R(size_t i) { return R(Tok(i)); }
  Range Between(const Range& a, const Range& b) { return Cover(a, b); }
  std::string_view Text(AdaptedToken* t) { return t->lexed().Text(source_); }

  Diagnostic Unguarded(Diagnostic d) {
    guarded_ = false;
    return d;
  }
  /// hclsyntax reports these bracket errors against the token its recovery stops at (the
  /// subject points at a variable that recovery overwrites): the matching `]`, or the end.
  Range RecoveredCloseBracket(size_t from) {
    int nest = 0;
    for (size_t i = from; i < stream_.count(); ++i) {
      size_t ty = Type(i);
      if (ty == P::OBRACK) ++nest;
      if (ty == P::CBRACK && nest-- == 0) return R(i);
      if (ty == antlr4::Token::EOF) return R(i);
    }
    return R(stream_.count() - 1);
  }

  Diagnostic Make(std::string summary, std::string detail, Range subject,
                  std::optional<Range> context = std::nullopt) {
    Diagnostic d;
    d.summary = std::move(summary);
    d.detail = std::move(detail);
    d.subject = subject;
    d.context = context;
    return d;
  }

  Diagnostic ExpressionStart();
  Diagnostic BodyItemStart(size_t t, std::optional<Range> open_brace);
  Diagnostic MissingNewlineAfter(P::BodyItemContext* item, size_t t);
  Diagnostic TemplateDirective(size_t t, antlr4::ParserRuleContext* owner);
  Diagnostic EndOfTemplate(size_t t, antlr4::ParserRuleContext* owner);
  Range DirectiveRange(size_t control);
  Range TemplateStartRange(antlr4::ParserRuleContext* ctx);
  Diagnostic InTemplateOwner(size_t t, antlr4::ParserRuleContext* owner);
  Diagnostic InterpolationNotClosed(size_t t);

  const SyntaxErrorInfo& info_;
  ItemTokenStream& stream_;
  std::string_view source_;
  FileName filename_;
};

bool IsTemplateEnd(size_t type) {
  return type == P::CQUOTE || type == P::CHEREDOC || type == antlr4::Token::EOF;
}

Diagnostic Describer::ExpressionStart() {
  size_t t = info_.offending;
  if (Type(t) == antlr4::Token::EOF) {
    return Make("Missing expression",
                "Expected the start of an expression, but found the end of the file.", R(t));
  }
  return Make("Invalid expression",
              "Expected the start of an expression, but found an invalid expression token.", R(t));
}

Diagnostic Describer::BodyItemStart(size_t t, std::optional<Range> open_brace) {
  switch (Type(t)) {
    case P::OQUOTE:
      return Make("Invalid argument name", "Argument names must not be quoted.", R(t));
    case antlr4::Token::EOF:
      if (open_brace) {
        return Make("Unclosed configuration block",
                    "There is no closing brace for this block before the end of the file. This "
                    "may be caused by incorrect brace nesting elsewhere in this file.",
                    *open_brace);
      }
      break;
    default:
      break;
  }
  return Make("Argument or block definition required",
              "An argument or block definition is required here.", R(t));
}

Diagnostic Describer::MissingNewlineAfter(P::BodyItemContext* item, size_t t) {
  Range ident = R(Tok(item->getStart()));
  if (item->blk) {
    return Make("Missing newline after block definition",
                "A block definition must end with a newline.", R(t), Between(ident, R(t)));
  }
  if (Type(t) == P::COMMA) {
    return Make("Unexpected comma after argument",
                "Argument definitions must be separated by newlines, not commas. An argument "
                "definition must end with a newline.",
                R(t), Between(ident, R(t)));
  }
  return Make("Missing newline after argument", "An argument definition must end with a newline.",
              R(t), Between(ident, R(t)));
}

Range Describer::DirectiveRange(size_t control) {
  size_t end = control;
  for (size_t i = control + 1; i < stream_.count(); ++i) {
    size_t ty = Type(i);
    if (ty == P::TEMPLATE_SEQ_END) {
      end = i;
      break;
    }
    if (IsTemplateEnd(ty)) break;
    end = i;
  }
  return Between(R(control), R(end));
}

Range Describer::TemplateStartRange(antlr4::ParserRuleContext* ctx) {
  for (auto* c = ctx; c; c = Parent(c)) {
    if (IsTemplatePrimary(c)) return R(Tok(c->getStart())->getTokenIndex() + 1);
    if (c->getRuleIndex() == P::RuleTemplateFile) return R(size_t{0});
  }
  return R(info_.offending);
}

/// The innermost directive (or the template itself) enclosing `ctx`.
antlr4::ParserRuleContext* TemplateOwner(antlr4::ParserRuleContext* ctx) {
  for (auto* c = ctx; c; c = Parent(c)) {
    size_t rule = c->getRuleIndex();
    if (rule == P::RuleTemplateIf || rule == P::RuleTemplateFor ||
        rule == P::RuleTemplateFile || IsTemplatePrimary(c)) {
      return c;
    }
  }
  return nullptr;
}

Diagnostic Describer::TemplateDirective(size_t t, antlr4::ParserRuleContext* owner) {
  size_t kw = t + 1;
  size_t kw_type = Type(kw);
  if (kw_type == P::IDENT) {
    std::string_view given = Text(Tok(kw));
    std::string suggestion;
    for (std::string_view s : {"if", "for", "else", "endif", "endfor"}) {
      if (EditDistance(given, s) < 3) {
        suggestion = " Did you mean \"" + std::string(s) + "\"?";
        break;
      }
    }
    return Make("Invalid template control keyword",
                "\"" + std::string(given) + "\" is not a valid template control keyword." +
                    suggestion,
                R(kw), Between(R(t), R(kw)));
  }
  if (kw_type != P::KW_ELSE && kw_type != P::KW_ENDIF && kw_type != P::KW_ENDFOR) {
    return Make("Invalid template directive",
                "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning "
                "of a %{ sequence.",
                R(kw), Between(R(t), R(kw)));
  }
  std::string name(Text(Tok(kw)));
  Range subject = DirectiveRange(t);
  guarded_ = false;  // found by hclsyntax's second (structural) template pass
  sets_recovery_ = false;
  if (owner && owner->getRuleIndex() == P::RuleTemplateIf) {
    auto* if_ctx = static_cast<P::TemplateIfContext*>(owner);
    std::string at = RangeString(Between(R(Tok(if_ctx->ifOpen)), R(Tok(if_ctx->ifClose))));
    if (kw_type == P::KW_ELSE) {
      return Make("Unexpected else directive",
                  "Already in the else clause for the if started at " + at + ".", subject);
    }
    return Make("Unexpected " + name + " directive",
                "Expecting an endif directive for the if started at " + at + ".", subject);
  }
  if (owner && owner->getRuleIndex() == P::RuleTemplateFor) {
    auto* for_ctx = static_cast<P::TemplateForContext*>(owner);
    std::string at = RangeString(Between(R(Tok(for_ctx->forOpen)), R(Tok(for_ctx->forClose))));
    if (kw_type == P::KW_ELSE) {
      return Make("Unexpected else directive", "An else clause is not expected for a for directive.",
                  subject);
    }
    return Make("Unexpected " + name + " directive",
                "Expecting an endfor directive corresponding to the for directive at " + at + ".",
                subject);
  }
  return Make("Unexpected " + name + " directive",
              "The control directives within this template are unbalanced.", subject);
}

Diagnostic Describer::EndOfTemplate(size_t t, antlr4::ParserRuleContext* owner) {
  if (owner && (owner->getRuleIndex() == P::RuleTemplateIf ||
                owner->getRuleIndex() == P::RuleTemplateFor)) {
    guarded_ = false;
    sets_recovery_ = false;
  }
  if (owner && owner->getRuleIndex() == P::RuleTemplateIf) {
    auto* c = static_cast<P::TemplateIfContext*>(owner);
    return Make("Unexpected end of template",
                "The if directive at " + RangeString(Between(R(Tok(c->ifOpen)), R(Tok(c->ifClose)))) +
                    " is missing its corresponding endif directive.",
                R(t));
  }
  if (owner && owner->getRuleIndex() == P::RuleTemplateFor) {
    auto* c = static_cast<P::TemplateForContext*>(owner);
    return Make("Unexpected end of template",
                "The for directive at " +
                    RangeString(Between(R(Tok(c->forOpen)), R(Tok(c->forClose)))) +
                    " is missing its corresponding endfor directive.",
                R(t));
  }
  return Make("Unterminated template string", "No closing marker was found for the string.", R(t),
              Between(TemplateStartRange(owner), R(t)));
}

/// Errors where a template's parts stop at something that is not a part.
Diagnostic Describer::InTemplateOwner(size_t t, antlr4::ParserRuleContext* owner) {
  size_t ty = Type(t);
  if (ty == P::TEMPLATE_CONTROL) return TemplateDirective(t, owner);
  bool directive = owner && (owner->getRuleIndex() == P::RuleTemplateIf ||
                             owner->getRuleIndex() == P::RuleTemplateFor);
  if (directive && IsTemplateEnd(ty)) return EndOfTemplate(t, owner);
  // Anything else (a newline inside quotes, a stray closer) ends the string badly.
  return Make("Unterminated template string", "No closing marker was found for the string.", R(t),
              Between(TemplateStartRange(owner ? owner : info_.ctx), R(t)));
}

Diagnostic Describer::InterpolationNotClosed(size_t t) {
  antlr4::ParserRuleContext* ctx = info_.ctx;
  const size_t ty = Type(t);
  Range start = TemplateStartRange(ctx);
  if (ty == antlr4::Token::EOF) {
    return Make("Unclosed template interpolation sequence",
                "There is no closing brace for this interpolation sequence before the end of "
                "the file. This might be caused by incorrect nesting inside the given "
                "expression.",
                start);
  }
  if (ty == P::COLON) {
    return Make("Extra characters after interpolation expression",
                "Template interpolation doesn't expect a colon at this location. Did you "
                "intend this to be a literal sequence to be processed as part of another "
                "language? If so, you can escape it by starting with \"$${\" instead of just "
                "\"${\".",
                R(t), Between(start, R(t)));
  }
  bool quoted = false;
  for (auto* c = ctx; c; c = Parent(c)) {
    if (IsTemplatePrimary(c)) {
      quoted = static_cast<P::PrimaryContext*>(c)->oquote != nullptr;
      break;
    }
    if (c->getRuleIndex() == P::RuleTemplateFile) break;
  }
  if (quoted && (ty == P::CQUOTE || ty == P::OQUOTE)) {
    return Make("Unclosed template interpolation sequence",
                "There is no closing brace for this interpolation sequence before the end of "
                "the quoted template. This might be caused by incorrect nesting inside the "
                "given expression.",
                start);
  }
  return Make("Extra characters after interpolation expression",
              "Expected a closing brace to end the interpolation expression, but found extra "
              "characters.\n\nThis can happen when you include interpolation syntax for "
              "another language, such as shell scripting, but forget to escape the "
              "interpolation start token. If this is an embedded sequence for another "
              "language, escape it by starting with \"$${\" instead of just \"${\".",
              R(t), Between(start, R(t)));
}

Diagnostic Describer::Describe() {
  antlr4::ParserRuleContext* ctx = info_.ctx;
  const size_t t = info_.offending;
  const size_t ty = Type(t);
  const size_t prev = t > 0 ? t - 1 : 0;
  const size_t prev_ty = t > 0 ? Type(prev) : static_cast<size_t>(antlr4::Token::INVALID_TYPE);
  const size_t rule = ctx ? ctx->getRuleIndex() : static_cast<size_t>(P::RuleTopItem);

  switch (rule) {
    case P::RuleTopItem: {
      auto* c = static_cast<P::TopItemContext*>(ctx);
      if (c->item) return MissingNewlineAfter(c->item, t);
      return BodyItemStart(t, std::nullopt);
    }
    case P::RuleBodyItem: {
      AdaptedToken* start = Tok(ctx->getStart());
      if (start->getType() != P::IDENT) return BodyItemStart(start->getTokenIndex(), std::nullopt);
      guarded_ = false;
      return Make("Argument or block definition required",
                  "An argument or block definition is required here. To set an argument, use the "
                  "equals sign \"=\" to introduce the argument value.",
                  R(start));
    }
    default:
      break;
  }

  if (rule == P::RuleBlock) {
    auto* c = static_cast<P::BlockContext*>(ctx);
    Range ident = R(Tok(c->type));
    if (!c->open) {
      if (ty == P::EQUAL) {
        guarded_ = false;
        return Make("Invalid block definition",
                    "The equals sign \"=\" indicates an argument definition, and must not be used "
                    "when defining a block.",
                    R(t), Between(ident, R(t)));
      }
      if (ty == P::NEWLINE) {
        guarded_ = false;
        return Make("Invalid block definition",
                    "A block definition must have block content delimited by \"{\" and \"}\", "
                    "starting on the same line as the block header.",
                    R(t), Between(ident, R(t)));
      }
      return Make("Invalid block definition",
                  "Either a quoted string block label or an opening brace (\"{\") is expected "
                  "here.",
                  R(t), Between(ident, R(t)));
    }
    Range open = R(Tok(c->open));
    if (c->single) {
      switch (ty) {
        case P::COMMA:
          guarded_ = false;
          return Make("Invalid single-argument block definition",
                      "Single-line block syntax can include only one argument definition. To "
                      "define multiple arguments, use the multi-line block syntax with one "
                      "argument definition per line.",
                      R(t));
        case P::NEWLINE:
          guarded_ = false;
          return Make("Invalid single-argument block definition",
                      "An argument definition on the same line as its containing block creates a "
                      "single-line block definition, which must also be closed on the same line. "
                      "Place the block's closing brace immediately after the argument definition.",
                      R(t));
        case antlr4::Token::EOF:
          return Make("Unclosed configuration block",
                      "There is no closing brace for this block before the end of the file. This "
                      "may be caused by incorrect brace nesting elsewhere in this file.",
                      open, Between(ident, open));
        default:
          return Make("Invalid single-argument block definition",
                      "A single-line block definition must end with a closing brace immediately "
                      "after its single argument definition.",
                      R(t));
      }
    }
    if (c->nl) {
      if (!c->items.empty() && prev_ty != P::NEWLINE) {
        return MissingNewlineAfter(c->items.back(), t);
      }
      return BodyItemStart(t, open);
    }
    if (ty != antlr4::Token::EOF) {
      // hclsyntax's parseSingleAttrBody: something other than a name after `{`.
      guarded_ = false;
      return Make("Argument or block definition required",
                  "An argument or block definition is required here.", R(t));
    }
    return BodyItemStart(t, open);
  }

  if (rule == P::RuleAttribute) {
    // Only a single-line block body can fail inside an attribute before its value.
    guarded_ = false;
    AdaptedToken* ident = Tok(ctx->getStart());
    if (ty == P::OQUOTE || ty == P::OBRACE || ty == P::IDENT) {
      return Make("Argument definition required",
                  "A single-line block definition can contain only a single argument. If you "
                  "meant to define argument \"" +
                      std::string(Text(ident)) +
                      "\", use an equals sign to assign it a value. To define a nested block, "
                      "place it on a line of its own within its parent block.",
                  Between(R(ident), R(t)));
    }
    return Make("Argument or block definition required",
                "An argument or block definition is required here. To set an argument, use the "
                "equals sign \"=\" to introduce the argument value.",
                R(ident));
  }

  if (rule == P::RuleLabelString) {
    guarded_ = false;
    Range open = R(Tok(ctx->getStart()));
    if (ty == antlr4::Token::EOF) {
      return Make("Unterminated string literal",
                  "Unable to find the closing quote mark before the end of the file.", R(t),
                  Between(open, R(t)));
    }
    if (ty == P::TEMPLATE_INTERP || ty == P::TEMPLATE_CONTROL) {
      std::string which = ty == P::TEMPLATE_CONTROL ? "%" : "$";
      return Make("Invalid string literal",
                  "Template sequences are not allowed in this string. To include a literal \"" +
                      which + "\", double it (as \"" + which + which + "\") to escape it.",
                  R(t), Between(open, R(t)));
    }
    return Make("Invalid string literal", "This item is not valid in a string literal.", R(t),
                Between(open, R(t)));
  }

  // Expression rules. Where an expression could have started, hcl says so.
  const bool expression_here =
      info_.expected.contains(static_cast<size_t>(P::NUMBER_LIT)) && !info_.expected.contains(ty);

  const bool in_template =
      rule == P::RuleTemplatePart || rule == P::RuleTemplateFile || rule == P::RuleTemplateIf ||
      rule == P::RuleTemplateFor || IsTemplatePrimary(ctx);
  if (in_template) {
    if (rule == P::RuleTemplatePart) {
      auto* part = static_cast<P::TemplatePartContext*>(ctx);
      if (part->iopen && part->iexpr && !part->iclose) return InterpolationNotClosed(t);
    }
    antlr4::ParserRuleContext* owner = TemplateOwner(ctx);
    if (ty == P::TEMPLATE_CONTROL) return TemplateDirective(t, owner);
    if (prev_ty == P::TEMPLATE_CONTROL) return TemplateDirective(prev, owner);
    std::string marker;
    if (rule == P::RuleTemplateIf) {
      auto* c = static_cast<P::TemplateIfContext*>(ctx);
      if (c->cond && !c->ifClose) marker = "if";
      else if (c->elseOpen && !c->elseClose) marker = "else";
      else if (c->endOpen && !c->endClose) marker = "endif";
    } else if (rule == P::RuleTemplateFor) {
      auto* c = static_cast<P::TemplateForContext*>(ctx);
      if (!c->coll && !expression_here) {
        if (prev_ty == P::KW_FOR) {
          return Make("Invalid 'for' directive",
                      "For directive requires variable name after 'for'.", R(t));
        }
        if (prev_ty == P::COMMA) {
          return Make("Invalid 'for' directive",
                      "For directive requires value variable name after comma.", R(t));
        }
        return Make("Invalid 'for' directive", "For directive requires 'in' keyword after names.",
                    R(t));
      }
      if (c->coll && !c->forClose) marker = "for";
      else if (c->endOpen && !c->endClose) marker = "endfor";
    }
    if (!marker.empty()) {
      return Make("Extra characters in " + marker + " marker",
                  "Expected a closing brace to end the sequence, but found extra characters.",
                  R(t), Between(TemplateStartRange(ctx), R(t)));
    }
    if (expression_here) return ExpressionStart();
    return InTemplateOwner(t, owner);
  }

  if (rule == P::RulePostfix && prev_ty == P::DOT) {
    // A number is a legacy index here, not the start of an expression.
    guarded_ = false;
    return Make("Invalid attribute name", "An attribute name is required after a dot.", R(t));
  }
  if (expression_here) return ExpressionStart();

  switch (rule) {
    case P::RuleExprFile:
      return Make("Extra characters after expression",
                  "An expression was successfully parsed, but extra characters were found after "
                  "it.",
                  R(t));
    case P::RuleExpression:
      guarded_ = false;
      sets_recovery_ = false;
      return Make("Missing false expression in conditional",
                  "The conditional operator (...?...:...) requires a false expression, delimited "
                  "by a colon.",
                  R(t), Between(R(Tok(ctx->getStart())), R(t)));
    case P::RulePostfix: {
      if (prev_ty == P::DOT) {
        guarded_ = false;
        return Make("Invalid attribute name", "An attribute name is required after a dot.", R(t));
      }
      if (prev_ty == P::STAR && t >= 2 && Type(t - 2) == P::OBRACK) {
        return Make("Missing close bracket on splat index",
                    "The star for a full splat operator must be immediately followed by a closing "
                    "bracket (\"]\").",
                    RecoveredCloseBracket(t));
      }
      return Make("Missing close bracket on index",
                  "The index operator must end with a closing bracket (\"]\").",
                  RecoveredCloseBracket(t));
    }
    case P::RulePrimary: {
      if (auto* parens = static_cast<P::PrimaryContext*>(ctx); parens->open) {
        guarded_ = false;
        return Make("Unbalanced parentheses",
                    "Expected a closing parenthesis to terminate the expression.", R(t),
                    Between(R(Tok(parens->open)), R(t)));
      }
      return ExpressionStart();
    }
    case P::RuleFunctionCall: {
      auto* c = static_cast<P::FunctionCallContext*>(ctx);
      Range name = R(Tok(c->getStart()));
      guarded_ = c->ellipsis != nullptr;  // only "Missing closing parenthesis" is guarded
      if (!c->open) {
        if (prev_ty == P::DOUBLE_COLON) {
          return Make("Missing function name",
                      "Function scope resolution symbol :: must be followed by a function name in "
                      "this scope.",
                      R(t), Between(name, R(t)));
        }
        return Make("Missing open parenthesis",
                    "Function selector must be followed by an open parenthesis to begin the "
                    "function call.",
                    R(t), Between(name, R(t)));
      }
      if (c->ellipsis) {
        return Make("Missing closing parenthesis",
                    "An expanded function argument (with ...) must be immediately followed by "
                    "closing parentheses.",
                    R(Tok(c->ellipsis)), Between(name, R(Tok(c->ellipsis))));
      }
      if (ty == antlr4::Token::EOF) {
        // hcl parses an argument after `(` or `,` first, and that fails at the end of file.
        if (prev_ty == P::COMMA || prev == c->open->getTokenIndex()) {
          return ExpressionStart();
        }
        return Make("Unterminated function call",
                    "There is no closing parenthesis for this function call before the end of the "
                    "file. This may be caused by incorrect parenthesis nesting elsewhere in this "
                    "file.",
                    Between(name, R(Tok(c->open))));
      }
      return Make("Missing argument separator",
                  "A comma is required to separate each function argument from the next.", R(t),
                  Between(name, R(t)));
    }
    case P::RuleTuple: {
      auto* c = static_cast<P::TupleContext*>(ctx);
      if (ty == antlr4::Token::EOF) {
        // hcl parses an item after `,` first, and that fails at the end of file.
        if (prev_ty == P::COMMA) return ExpressionStart();
        return Make("Unterminated tuple constructor expression",
                    "There is no corresponding closing bracket before the end of the file. This "
                    "may be caused by incorrect bracket nesting elsewhere in this file.",
                    R(Tok(c->open)));
      }
      return Make("Missing item separator", "Expected a comma to mark the beginning of the next item.",
                  R(t), Between(R(Tok(c->open)), R(t)));
    }
    case P::RuleObject:
    case P::RuleObjectSep:
    case P::RuleObjectItem: {
      P::ObjectContext* obj = nullptr;
      for (auto* c = ctx; c && !obj; c = Parent(c)) {
        if (c->getRuleIndex() == P::RuleObject) obj = static_cast<P::ObjectContext*>(c);
      }
      Range open = obj ? R(Tok(obj->open)) : R(t);
      if (prev_ty == P::COMMA || prev_ty == P::NEWLINE || prev_ty == P::OBRACE) {
        return ExpressionStart();  // hcl parses the next key
      }
      if (ty == antlr4::Token::EOF) {
        return Make("Unterminated object constructor expression",
                    "There is no corresponding closing brace before the end of the file. This may "
                    "be caused by incorrect brace nesting elsewhere in this file.",
                    open);
      }
      if (rule == P::RuleObjectItem) {
        if (ty == P::NEWLINE || ty == P::COMMA) {
          return Make("Missing attribute value",
                      "Expected an attribute value, introduced by an equals sign (\"=\").", R(t),
                      Between(open, R(t)));
        }
        if (ty == P::IDENT) {
          return Make("Missing key/value separator",
                      "Expected an equals sign (\"=\") to mark the beginning of the attribute "
                      "value. If you intended to given an attribute name containing periods or "
                      "spaces, write the name in quotes to create a string literal.",
                      R(t), Between(open, R(t)));
        }
        return Make("Missing key/value separator",
                    "Expected an equals sign (\"=\") to mark the beginning of the attribute value.",
                    R(t), Between(open, R(t)));
      }
      return Make("Missing attribute separator",
                  "Expected a newline or comma to mark the beginning of the next attribute.", R(t),
                  Between(open, R(t)));
    }
    case P::RuleForIntro:
    case P::RuleForTuple:
    case P::RuleForObject: {
      antlr4::ParserRuleContext* f = rule == P::RuleForIntro ? Parent(ctx) : ctx;
      Range open = R(Tok(f->getStart()));
      std::string detail;
      if (rule == P::RuleForIntro) {
        if (prev_ty == P::KW_FOR) {
          detail = "For expression requires variable name after 'for'.";
        } else if (prev_ty == P::COMMA) {
          detail = "For expression requires value variable name after comma.";
        } else {
          detail = "For expression requires the 'in' keyword after its name declarations.";
        }
      } else {
        bool has_value = rule == P::RuleForTuple ? static_cast<P::ForTupleContext*>(f)->first
                                                 : static_cast<P::ForObjectContext*>(f)->first;
        if (!has_value && prev_ty == P::KW_FOR) {
          detail = "For expression requires variable name after 'for'.";
        } else if (!has_value) {
          detail = "For expression requires a colon after the collection expression.";
        } else {
          detail = "Extra characters after the end of the 'for' expression.";
        }
      }
      return Make("Invalid 'for' expression", detail, R(t), Between(open, R(t)));
    }
    default:
      break;
  }
  return ExpressionStart();
}

}  // namespace

DescribedError DescribeSyntaxError(const SyntaxErrorInfo& info, ItemTokenStream& stream,
                                   std::string_view source, FileName filename) {
  Describer d(info, stream, source, filename);
  DescribedError e;
  e.diagnostic = d.Describe();
  e.guarded = d.guarded_;
  e.sets_recovery = d.sets_recovery_;
  return e;
}

}  // namespace cairn::syntax::internal
