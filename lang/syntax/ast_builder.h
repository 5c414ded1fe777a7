#pragma once
/// Private to lang/syntax: builds the AST (lang/syntax/ast.h) from one item's ANTLR parse tree,
/// with hclsyntax's ranges, string decoding, template trimming and traversal folding. Problems
/// found while building (invalid escapes, duplicate arguments, misplaced `=>`/`...` in `for`)
/// are added to the diagnostics with hclsyntax's wording.

#include <string_view>
#include <unordered_map>
#include <vector>

#include "HCLParser.h"
#include "lang/base/diagnostic.h"
#include "lang/syntax/ast.h"
#include "lang/syntax/token.h"
#include "lang/syntax/token_stream.h"

namespace cairn::syntax::internal {

class AstBuilder {
 public:
  using P = cairn_antlr::HCLParser;

  AstBuilder(std::string_view source, FileName filename, Diagnostics* diags)
      : source_(source), filename_(filename), diags_(diags) {}

  /// Appends the attribute or block `item` to `body`. `top_level` bodies keep a name index
  /// across calls (items arrive one at a time).
  void AddItem(P::BodyItemContext* item, ast::Body* body, bool top_level);

  ast::ExprPtr Expression(P::ExpressionContext* ctx);

  /// After a syntax error inside a top-level block: the blocks enclosing the error (innermost
  /// is `failed`), with the items completed before the error, as hclsyntax keeps them (so
  /// diagnostics can name the block they are in). Diagnostics of the kept items are not
  /// reported again. `end` stands in for a closing brace not reached.
  void AddPartialBlock(antlr4::ParserRuleContext* failed, Range end, Range error_at,
                       ast::Body* body);

  ast::ExprPtr TemplateFile(P::TemplateFileContext* ctx, Range whole);

 private:
  struct TplTok;

  const syntax::Token& Lexed(antlr4::Token* t) const {
    return static_cast<AdaptedToken*>(t)->lexed();
  }
  Range R(antlr4::Token* t) const {
    const syntax::Token& l = Lexed(t);
    return Range{filename_, l.start, l.end};
  }
  std::string_view Text(antlr4::Token* t) const { return Lexed(t).Text(source_); }
  std::string_view Text(const syntax::Token& t) const { return t.Text(source_); }

  ast::Attribute Attribute(P::AttributeContext* ctx);
  ast::Block Block(P::BlockContext* ctx);
  ast::Block PartialBlock(const std::vector<P::BlockContext*>& chain, size_t i, Range end,
                          P::AttributeContext* failed_attr, Range error_at);
  /// The attribute whose value failed to parse, kept with a kInvalid placeholder expression
  /// (as hclsyntax keeps it), so that no "Missing required argument" follows the syntax error.
  void AddFailedAttribute(P::AttributeContext* ctx, Range error_at, ast::Body* body);
  /// Reports "Attribute redefined" and returns false when `attr` repeats a name of `body`
  /// (looked up in `index` when given, which then remembers `attr`).
  bool CheckDuplicate(const ast::Attribute& attr, const ast::Body& body,
                      std::unordered_map<std::string_view, Range>* index);

  ast::ExprPtr Operators(P::ExpressionContext* ctx);
  ast::ExprPtr Unary(P::UnaryExprContext* ctx);
  ast::ExprPtr Steps(ast::ExprPtr from, const std::vector<P::PostfixContext*>& steps, size_t i);
  ast::ExprPtr Primary(P::PrimaryContext* ctx);
  ast::ExprPtr Call(P::FunctionCallContext* ctx);
  ast::ExprPtr Tuple(P::TupleContext* ctx);
  ast::ExprPtr Object(P::ObjectContext* ctx);
  ast::ExprPtr For(antlr4::Token* open, P::ForIntroContext* intro, P::ExpressionContext* first,
                   antlr4::Token* arrow, P::ExpressionContext* second, antlr4::Token* ellipsis,
                   P::ExpressionContext* cond, antlr4::Token* close, bool object);
  ast::ExprPtr Template(antlr4::Token* open, P::TemplatePartContext* first,
                        const std::vector<P::TemplatePartContext*>& more, antlr4::Token* close,
                        bool flush);
  ast::ExprPtr BuildTemplate(std::vector<TplTok>& flat, Range whole, Range start_range);
  void Flatten(const std::vector<P::TemplatePartContext*>& parts, std::vector<TplTok>* out);
  void FlattenPart(P::TemplatePartContext* part, std::vector<TplTok>* out);
  ast::ExprPtr Structure(std::vector<TplTok>& flat, size_t* i);

  std::string_view source_;
  FileName filename_;
  Diagnostics* diags_;
  std::unordered_map<std::string_view, Range> top_index_;  // names view the source
  std::string_view attr_name_view_;  // name of the attribute last built, viewing the source
  // Template trimming state while flattening (hclsyntax's ltrimNext / canTrimPrev).
  bool ltrim_next_ = false;
  bool can_trim_prev_ = false;
};

/// The diagnostics AstBuilder would report for an item, found without building the AST (what
/// CheckSyntax needs). Visits the parse tree in the builder's order, so the diagnostics come out
/// in the same order too.
class DiagnosticWalker {
 public:
  using P = cairn_antlr::HCLParser;

  DiagnosticWalker(std::string_view source, FileName filename, Diagnostics* diags)
      : source_(source), filename_(filename), diags_(diags) {}

  /// Checks a top-level item (the top-level body's names persist across calls).
  void TopItem(P::BodyItemContext* item);

 private:
  using Names = std::vector<std::pair<std::string_view, Range>>;

  Range R(antlr4::Token* t) const {
    const syntax::Token& l = static_cast<AdaptedToken*>(t)->lexed();
    return Range{filename_, l.start, l.end};
  }
  std::string_view Text(antlr4::Token* t) const {
    return static_cast<AdaptedToken*>(t)->lexed().Text(source_);
  }

  void Attribute(P::AttributeContext* ctx, Names* names,
                 std::unordered_map<std::string_view, Range>* index);
  void Block(P::BlockContext* ctx);
  void Expression(P::ExpressionContext* ctx);
  void Unary(P::UnaryExprContext* ctx);
  void Steps(const std::vector<P::PostfixContext*>& steps, size_t i, size_t end);
  void Primary(P::PrimaryContext* ctx);
  void Parts(const std::vector<P::TemplatePartContext*>& parts);
  void Part(P::TemplatePartContext* part);
  void Literal(antlr4::Token* t, bool quoted);

  std::string_view source_;
  FileName filename_;
  Diagnostics* diags_;
  std::unordered_map<std::string_view, Range> top_index_;
  std::string scratch_;
};

}  // namespace cairn::syntax::internal
