#pragma once
/// Private to lang/syntax: feeds the hand-written lexer's tokens to the ANTLR parser.
///
/// `TokenAdapter` walks the lexer's token vector once, applying hclsyntax's newline rules
/// (hclsyntax/parser.go, PushIncludeNewlines): newlines reach the parser only in bodies and
/// object constructors, a line comment (which owns its newline) counts as a newline there, other
/// comments are dropped, and identifiers that act as keywords (`for`, `in`, `if`, template
/// directive words) are retyped. It hands out the file one top-level item at a time, so the
/// parser never holds more than one item's parse tree.
///
/// `ItemTokenStream` is the antlr4::TokenStream over one item's tokens. Its tokens do not copy
/// any text: each refers to the lexer token it came from.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"
#include "lang/base/diagnostic.h"
#include "lang/syntax/token.h"

namespace cairn::syntax::internal {

/// One parser token: an ANTLR token type plus the lexer token it stands for.
class AdaptedToken final : public antlr4::Token {
 public:
  AdaptedToken(size_t type, uint32_t src, size_t index, const syntax::Token* lexed,
               antlr4::TokenSource* source)
      : type_(type), src_(src), index_(index), lexed_(lexed), source_(source) {}

  /// Index of the lexer token (in LexResult::tokens) this token stands for.
  uint32_t src() const { return src_; }
  const syntax::Token& lexed() const { return *lexed_; }

  std::string getText() const override;
  size_t getType() const override { return type_; }
  size_t getLine() const override { return static_cast<size_t>(lexed_->start.line); }
  size_t getCharPositionInLine() const override {
    return static_cast<size_t>(lexed_->start.column - 1);
  }
  size_t getChannel() const override { return DEFAULT_CHANNEL; }
  size_t getTokenIndex() const override { return index_; }
  size_t getStartIndex() const override { return static_cast<size_t>(lexed_->start.byte); }
  size_t getStopIndex() const override { return static_cast<size_t>(lexed_->end.byte) - 1; }
  antlr4::TokenSource* getTokenSource() const override { return source_; }
  antlr4::CharStream* getInputStream() const override { return nullptr; }
  std::string toString() const override;

 private:
  size_t type_;
  uint32_t src_;
  size_t index_;
  const syntax::Token* lexed_;
  antlr4::TokenSource* source_;
};

/// A compact parser token, before it becomes an AdaptedToken.
struct ParserToken {
  uint16_t type;  // ANTLR token type (cairn_antlr::HCLParser::OBRACE, ...)
  uint32_t src;   // index into the lexer's tokens
};

/// Where newlines count and how the parser is entered.
enum class AdapterMode {
  kBody,        // a configuration file: top-level body, split into items
  kExpression,  // ParseExpression: newlines never count, one slice
  kTemplate,    // ParseTemplate: one slice
};

class TokenAdapter {
 public:
  TokenAdapter(std::string_view source, const std::vector<syntax::Token>& tokens,
               AdapterMode mode, FileName filename = {});

  /// Appends the next top-level item's parser tokens to `out` (cleared first), excluding the
  /// final EOF. Blank lines between items are skipped. Returns false when only EOF is left.
  bool NextItem(std::vector<ParserToken>* out);

  /// Index of the lexer's EOF token.
  uint32_t eof_index() const { return static_cast<uint32_t>(tokens_.size() - 1); }

  /// Limits that keep the recursive-descent parser, the AST builder and the AST's consumers
  /// within a thread's stack. hclsyntax (Go, growable stacks) has none; real configurations
  /// stay far below them.
  static constexpr size_t kMaxNesting = 1000;       // open brackets, braces, quotes, ...
  static constexpr size_t kMaxBlockNesting = 5000;  // blocks inside blocks
  static constexpr uint32_t kMaxOperators = 2000;  // operators in one expression

  /// When a limit was exceeded: the diagnostic, and the adapter stopped (NextItem returns
  /// false from then on).
  const std::optional<Diagnostic>& limit_error() const { return limit_error_; }

 private:
  enum class Ctx : uint8_t {
    kBody, kObject, kParen, kBrack, kFor, kInterp, kControl, kQuote, kHeredoc, kNoNewlines,
  };
  enum class ItemState : uint8_t { kStart, kHeader, kRest };
  struct Frame {
    Ctx ctx;
    ItemState item = ItemState::kStart;  // kBody only
    uint8_t for_state = 0;  // kFor/kControl: progress through `for k, v in`
    uint32_t operators = 0;  // operators since the start of the current expression
    bool directive_keyword_next = false;  // kControl: the next identifier is a keyword
  };

  bool IncludeNewlines() const;
  /// True when the next significant token after `i` is the identifier `for`.
  bool ForFollows(size_t i) const;
  void Emit(std::vector<ParserToken>* out, uint16_t type, size_t src);
  uint16_t IdentType(size_t i);

  std::string_view source_;
  FileName filename_;
  const std::vector<syntax::Token>& tokens_;
  AdapterMode mode_;
  size_t pos_ = 0;
  void LimitExceeded(size_t i, std::string summary, std::string detail);

  std::vector<Frame> stack_;
  size_t open_bodies_ = 0;  // kBody frames on the stack, the outermost excepted
  std::optional<Diagnostic> limit_error_;
  uint16_t last_type_ = 0;
  uint16_t before_last_type_ = 0;
};

/// The antlr4::TokenSource behind an ItemTokenStream (ANTLR asks streams for their source).
class ItemTokenSource final : public antlr4::TokenSource {
 public:
  explicit ItemTokenSource(std::string name) : name_(std::move(name)) {}
  std::unique_ptr<antlr4::Token> nextToken() override;
  size_t getLine() const override { return 0; }
  size_t getCharPositionInLine() override { return 0; }
  antlr4::CharStream* getInputStream() override { return nullptr; }
  std::string getSourceName() override { return name_; }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override { return nullptr; }

 private:
  std::string name_;
};

/// An antlr4::TokenStream over one slice of parser tokens followed by EOF.
/// Invariant: the token objects live until the next Reset().
class ItemTokenStream final : public antlr4::TokenStream {
 public:
  ItemTokenStream(const std::vector<syntax::Token>& lexed, std::string name)
      : lexed_(lexed), source_(std::move(name)) {}

  /// Replaces the contents with `slice` + EOF (the lexer token `eof_src`) and rewinds.
  void Reset(const std::vector<ParserToken>& slice, uint32_t eof_src);
  AdaptedToken* at(size_t i) { return &tokens_[i]; }
  size_t count() const { return tokens_.size(); }

  antlr4::Token* LT(ssize_t k) override;
  antlr4::Token* get(size_t index) const override;
  antlr4::TokenSource* getTokenSource() const override;
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext* ctx) override;
  std::string getText(antlr4::Token* start, antlr4::Token* stop) override;
  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t index) override { p_ = index < tokens_.size() ? index : tokens_.size() - 1; }
  size_t size() override { return tokens_.size(); }
  std::string getSourceName() const override { return "item"; }

 private:
  const std::vector<syntax::Token>& lexed_;
  mutable ItemTokenSource source_;
  std::vector<AdaptedToken> tokens_;
  size_t p_ = 0;
};

}  // namespace cairn::syntax::internal
