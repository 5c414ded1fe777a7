#include "lang/syntax/parser.h"

#include <optional>

#include "HCLParser.h"
#include "lang/syntax/ast_builder.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parse_errors.h"
#include "lang/syntax/token_stream.h"

namespace cairn::syntax {

namespace {

using internal::AdapterMode;
using internal::AstBuilder;
using internal::FirstErrorStrategy;
using internal::ItemTokenStream;
using internal::ParserToken;
using internal::TokenAdapter;
using P = cairn_antlr::HCLParser;

/// Runs the ANTLR parser over token slices: SLL prediction first (fast, and exact for this
/// grammar in practice), full LL only to confirm an error. The parser object, and with it the
/// warm DFA cache, is reused for every slice; each slice's parse tree is freed by the next parse.
class SliceParser {
 public:
  SliceParser(std::string_view source, const std::vector<Token>& tokens, FileName filename,
              Diagnostics* diags)
      : source_(source),
        filename_(filename),
        diags_(diags),
        stream_(tokens, std::string(filename.str())),
        parser_(&stream_),
        strategy_(std::make_shared<FirstErrorStrategy>()) {
    parser_.removeErrorListeners();
    // The AST builder reads labels only, so no parse tree (children lists, terminal nodes).
    parser_.setBuildParseTree(false);
    parser_.setErrorHandler(strategy_);
  }

  ~SliceParser() { parser_.getTreeTracker().reset(); }

  /// Parses `slice` with `rule`. Returns null after reporting the first syntax error.
  template <typename Ctx>
  Ctx* Parse(const std::vector<ParserToken>& slice, uint32_t eof, Ctx* (P::*rule)()) {
    stream_.Reset(slice, eof);
    for (auto mode : {antlr4::atn::PredictionMode::SLL, antlr4::atn::PredictionMode::LL}) {
      parser_.getTreeTracker().reset();
      parser_.reset();
      parser_.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(mode);
      try {
        Ctx* ctx = (parser_.*rule)();
        if (!strategy_->has_error()) return ctx;
      } catch (const antlr4::ParseCancellationException&) {
      }
    }
    internal::DescribedError e =
        internal::DescribeSyntaxError(strategy_->info(), stream_, source_, filename_);
    error_subject_ = e.diagnostic.subject;
    if (!recovery_ || !e.guarded) diags_->Add(std::move(e.diagnostic));
    recovery_ = recovery_ || e.sets_recovery;
    return nullptr;
  }

 private:
  std::string_view source_;
  FileName filename_;
  Diagnostics* diags_;
  ItemTokenStream stream_;
  P parser_;
  std::shared_ptr<FirstErrorStrategy> strategy_;
  bool recovery_ = false;
  std::optional<Range> error_subject_;

 public:
  /// After Parse returned null: the subject of the syntax error (reported or not), which is
  /// also the range of hclsyntax's placeholder for the expression that failed.
  Range error_subject() { return error_subject_ ? *error_subject_ : slice_end(); }
  /// After Parse returned null: the innermost rule at the error (valid until the next Parse).
  antlr4::ParserRuleContext* error_context() const { return strategy_->info().ctx; }
  /// After Parse returned null: the range of the last token before the slice's end.
  Range slice_end() {
    size_t i = stream_.count() >= 2 ? stream_.count() - 2 : 0;  // before EOF
    if (i > 0 && stream_.at(i)->getType() == P::NEWLINE) --i;
    const Token& t = stream_.at(i)->lexed();
    return Range{filename_, t.start, t.end};
  }  // hclsyntax's sticky recovery mode, see DescribedError
};

/// Parses a configuration body item by item. With `body` null, checks only: the diagnostics the
/// AST builder would add are found by a walk that builds nothing.
void ParseBodyItems(std::string_view source, const std::vector<Token>& tokens, FileName filename,
                    Diagnostics* diags, ast::Body* body) {
  TokenAdapter adapter(source, tokens, AdapterMode::kBody, filename);
  SliceParser parser(source, tokens, filename, diags);
  AstBuilder builder(source, filename, diags);
  internal::DiagnosticWalker walker(source, filename, diags);
  std::vector<ParserToken> slice;
  while (adapter.NextItem(&slice)) {
    P::TopItemContext* item = parser.Parse(slice, adapter.eof_index(), &P::topItem);
    if (!item) {
      if (body) builder.AddPartialBlock(parser.error_context(), parser.slice_end(),
                                       parser.error_subject(), body);
      continue;
    }
    if (body) {
      builder.AddItem(item->item, body, /*top_level=*/true);
    } else {
      walker.TopItem(item->item);
    }
  }
  if (adapter.limit_error()) diags->Add(*adapter.limit_error());
  if (body) {
    const Token& eof = tokens.back();
    Pos start = eof.start;
    for (const Token& t : tokens) {
      if (t.kind == TokenKind::kComment && t.Text(source).back() != '\n') continue;
      start = t.start;
      break;
    }
    body->range = Range{filename, start, eof.end};
    body->end_range = Range{filename, eof.end, eof.end};
  }
}

}  // namespace

ParseResult ParseFile(std::string source, std::string_view filename) {
  ParseResult result;
  result.file = std::make_unique<ast::File>();
  ast::File& file = *result.file;
  file.filename = FileName::Intern(filename);
  file.source = std::move(source);
  LexResult lex = Lex(file.source, filename);
  result.diagnostics = std::move(lex.diagnostics);
  ParseBodyItems(file.source, lex.tokens, file.filename, &result.diagnostics, &file.body);
  return result;
}

Diagnostics CheckSyntax(std::string_view source, std::string_view filename) {
  return CheckSyntax(source, Lex(source, filename), filename);
}

Diagnostics CheckSyntax(std::string_view source, const LexResult& lexed,
                        std::string_view filename) {
  Diagnostics diags = lexed.diagnostics;
  ParseBodyItems(source, lexed.tokens, FileName::Intern(filename), &diags, nullptr);
  return diags;
}

ExprParseResult ParseExpression(std::string_view source, std::string_view filename, Pos start) {
  ExprParseResult result;
  FileName name = FileName::Intern(filename);
  LexResult lex = Lex(source, filename, LexMode::kNormal, start);
  result.diagnostics = std::move(lex.diagnostics);
  TokenAdapter adapter(source, lex.tokens, AdapterMode::kExpression, name);
  std::vector<ParserToken> slice;
  adapter.NextItem(&slice);
  if (adapter.limit_error()) {
    result.diagnostics.Add(*adapter.limit_error());
    return result;
  }
  SliceParser parser(source, lex.tokens, name, &result.diagnostics);
  P::ExprFileContext* ctx = parser.Parse(slice, adapter.eof_index(), &P::exprFile);
  if (ctx) {
    AstBuilder builder(source, name, &result.diagnostics);
    result.expr = builder.Expression(ctx->expr);
  }
  return result;
}

ExprParseResult ParseTemplate(std::string_view source, std::string_view filename, Pos start) {
  ExprParseResult result;
  FileName name = FileName::Intern(filename);
  LexResult lex = Lex(source, filename, LexMode::kTemplate, start);
  result.diagnostics = std::move(lex.diagnostics);
  TokenAdapter adapter(source, lex.tokens, AdapterMode::kTemplate, name);
  std::vector<ParserToken> slice;
  adapter.NextItem(&slice);
  if (adapter.limit_error()) {
    result.diagnostics.Add(*adapter.limit_error());
    return result;
  }
  SliceParser parser(source, lex.tokens, name, &result.diagnostics);
  P::TemplateFileContext* ctx = parser.Parse(slice, adapter.eof_index(), &P::templateFile);
  if (ctx) {
    AstBuilder builder(source, name, &result.diagnostics);
    Range whole{name, lex.tokens.front().start, lex.tokens.back().end};
    result.expr = builder.TemplateFile(ctx, whole);
  }
  return result;
}

}  // namespace cairn::syntax
