#pragma once
/// Private to lang/syntax: turns the first ANTLR syntax error of an item into the diagnostic
/// hclsyntax gives for the same mistake (summary, detail, subject and context ranges).

#include <string_view>

#include "antlr4-runtime.h"
#include "lang/base/diagnostic.h"
#include "lang/syntax/token_stream.h"

namespace cairn::syntax::internal {

/// Where the parser stopped: the innermost rule, the offending token and what it expected.
struct SyntaxErrorInfo {
  antlr4::ParserRuleContext* ctx = nullptr;
  size_t offending = 0;  // index in the item's ItemTokenStream
  antlr4::misc::IntervalSet expected;
};

/// An error strategy that does not recover: it records the first error and cancels the parse
/// (the driver skips to the next top-level item, so errors never cascade). No `sync` either:
/// loops exit on unexpected tokens and the error surfaces where the enclosing rule expected
/// something else, which is exactly what the mapping below keys on.
class FirstErrorStrategy final : public antlr4::DefaultErrorStrategy {
 public:
  void reset(antlr4::Parser*) override { has_error_ = false; }
  void sync(antlr4::Parser*) override {}
  void reportError(antlr4::Parser*, const antlr4::RecognitionException&) override {}
  void recover(antlr4::Parser* parser, std::exception_ptr e) override;
  antlr4::Token* recoverInline(antlr4::Parser* parser) override;

  bool has_error() const { return has_error_; }
  const SyntaxErrorInfo& info() const { return info_; }

 private:
  void Record(antlr4::ParserRuleContext* ctx, antlr4::Token* offending,
              antlr4::misc::IntervalSet expected);
  bool has_error_ = false;
  SyntaxErrorInfo info_;
};

/// A syntax error as hclsyntax reports it.
struct DescribedError {
  Diagnostic diagnostic;
  /// hclsyntax suppresses this message once an earlier error put its parser in recovery mode
  /// (its `if !p.recovery` checks); the recovery mode then lasts for the rest of the file.
  bool guarded = true;
  /// Reporting it puts hclsyntax's parser in recovery mode.
  bool sets_recovery = true;
};

/// The hclsyntax diagnostic for `info`.
DescribedError DescribeSyntaxError(const SyntaxErrorInfo& info, ItemTokenStream& stream,
                                   std::string_view source, FileName filename);

}  // namespace cairn::syntax::internal
