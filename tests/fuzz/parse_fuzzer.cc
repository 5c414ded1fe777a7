/// libFuzzer target over the front end: every input must be lexed, parsed (with and without
/// building the AST) and formatted without crashing, hanging or tripping a sanitizer.
/// Built by scripts/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined); the same entry point
/// is replayed over the committed corpus by the ordinary test suite (fuzz_corpus_test).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "lang/format/format.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto lexed = cairn::syntax::Lex(text, "fuzz.tf");
  if (lexed.tokens.empty()) __builtin_trap();  // the contract: always at least EOF
  (void)cairn::syntax::CheckSyntax(text, "fuzz.tf");
  auto parsed = cairn::syntax::ParseFile(std::string(text), "fuzz.tf");
  if (!parsed.file) __builtin_trap();  // the contract: never null
  (void)cairn::syntax::ParseExpression(text, "fuzz.tf");
  (void)cairn::syntax::ParseTemplate(text, "fuzz.tf");
  (void)cairn::syntax::Lex(text, "fuzz.tf", cairn::syntax::LexMode::kTemplate);
  // fmt: a file is either formatted or refused, and refused files come back unchanged.
  auto formatted = cairn::format::Format(text, "fuzz.tf");
  if (formatted.diagnostics.HasErrors() && formatted.formatted != text) __builtin_trap();
  return 0;
}
