#include "lang/format/format.h"

#include <cstdint>

#include "lang/format/layout.h"
#include "lang/format/lines.h"
#include "lang/format/rewrites.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parser.h"

namespace cairn::format {
namespace {

/// The largest output Format produces.
constexpr uint64_t kMaxOutputBytes = uint64_t{1} << 30;

/// Writes the laid-out tokens. hclwrite writes the bytes after the last token as spaces.
std::string Write(const RewriteResult& r, size_t size) {
  std::string out;
  out.reserve(size);
  for (const FmtToken& t : r.tokens) {
    out.append(static_cast<size_t>(t.spaces_before), ' ');
    out.append(t.text);
  }
  out.append(static_cast<size_t>(r.eof_spaces), ' ');
  return out;
}

}  // namespace

FormatResult Format(std::string_view source, std::string_view filename) {
  FormatResult result;
  // Terraform formats only what hclsyntax parses: otherwise the changes could be drastic and
  // hard to undo. The syntax check reports the lexer's diagnostics too.
  // One lexing serves both the check and the layout.
  syntax::LexResult lexed = syntax::Lex(source, filename);
  result.diagnostics = syntax::CheckSyntax(source, lexed, filename);
  if (result.diagnostics.HasErrors()) {
    result.formatted = std::string(source);
    return result;
  }
  FormatResult laid_out = FormatTokens(source, lexed.tokens, filename);
  result.formatted = std::move(laid_out.formatted);
  result.diagnostics.Append(laid_out.diagnostics);
  return result;
}

FormatResult FormatTokens(std::string_view source, const std::vector<syntax::Token>& tokens,
                          std::string_view filename) {
  FormatResult result;
  RewriteResult rewritten = ApplyRewrites(source, tokens);
  if (!rewritten.ok) {
    // The syntax check accepted something the formatter cannot lay out: refuse rather than
    // risk mangling the file.
    const FileName file = FileName::Intern(filename);
    Pos end = rewritten.error_at;
    ++end.column;
    ++end.byte;
    result.diagnostics.Error("Unsupported file structure",
                             "The formatter could not follow the structure of this file at this "
                             "token, so it was left unchanged.",
                             Range{file, rewritten.error_at, end});
    result.formatted = std::string(source);
    return result;
  }

  std::vector<FormatLine> lines = SplitLines(rewritten.tokens);
  FormatIndent(rewritten.tokens, lines);
  FormatSpaces(rewritten.tokens, lines);
  FormatCells(rewritten.tokens, lines);
  // Indentation grows with nesting, so pathological nesting could ask for more memory than
  // exists (depth n costs about n*n bytes): refuse rather than crash.
  uint64_t output_size = static_cast<uint64_t>(rewritten.eof_spaces);
  for (const FmtToken& t : rewritten.tokens) output_size += t.spaces_before + t.text.size();
  if (output_size > kMaxOutputBytes) {
    result.diagnostics.Error(
        "File too large to format",
        "The formatted file would be larger than 1 GiB (its nesting is too deep to indent), so "
        "it was left unchanged.");
    result.formatted = std::string(source);
    return result;
  }
  result.formatted = Write(rewritten, static_cast<size_t>(output_size));
  return result;
}

}  // namespace cairn::format
