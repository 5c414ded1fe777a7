#include "cli/fmt_sources.h"

#include "lang/base/go_quote.h"
#include "lang/format/quoted_literal.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/navigation.h"

namespace cairn::cli {
namespace {

using syntax::Token;
using syntax::TokenKind;

bool EndsLine(const Token& t, std::string_view) { return t.kind == TokenKind::kNewline; }

/// The tokens the parser sees: comments dropped, except that a `#`/`//` comment still ends
/// its line (it becomes a newline).
std::vector<Token> SignificantTokens(std::string_view src) {
  std::vector<Token> out;
  for (Token t : syntax::Lex(src, "").tokens) {
    if (t.kind == TokenKind::kComment) {
      std::string_view text = t.Text(src);
      if (text.empty() || text.back() != '\n') continue;
      t.kind = TokenKind::kNewline;
    }
    out.push_back(t);
  }
  return out;
}

/// The top-level blocks of a (possibly broken) file, from its tokens.
std::vector<std::pair<std::pair<int64_t, int64_t>, std::string>> TopLevelBlocks(
    std::string_view src) {
  std::vector<std::pair<std::pair<int64_t, int64_t>, std::string>> blocks;
  const std::vector<Token> toks = SignificantTokens(src);
  const size_t n = toks.size();
  size_t i = 0;
  while (i < n && toks[i].kind != TokenKind::kEOF) {
    // At the start of a top-level line.
    if (toks[i].kind == TokenKind::kIdent) {
      const size_t type = i;
      std::string header(toks[i].Text(src));
      size_t j = i + 1;
      bool ok = true;
      while (j < n && toks[j].kind != TokenKind::kOBrace) {
        if (toks[j].kind == TokenKind::kIdent) {
          header += ' ';
          header += GoQuote(toks[j].Text(src));
          ++j;
        } else if (toks[j].kind == TokenKind::kOQuote) {
          std::string label;
          ++j;
          while (j < n && toks[j].kind != TokenKind::kCQuote && !EndsLine(toks[j], src) &&
                 toks[j].kind != TokenKind::kEOF) {
            if (toks[j].kind == TokenKind::kQuotedLit) {
              label += format::DecodeQuotedLiteralLeniently(toks[j].Text(src));
              ++j;
            } else if (toks[j].kind == TokenKind::kTemplateInterp ||
                       toks[j].kind == TokenKind::kTemplateControl) {
              label += toks[j].kind == TokenKind::kTemplateInterp ? "${ ... }" : "%{ ... }";
              int depth = 0;
              for (; j < n && toks[j].kind != TokenKind::kEOF; ++j) {
                if (toks[j].kind == TokenKind::kTemplateInterp ||
                    toks[j].kind == TokenKind::kTemplateControl) {
                  ++depth;
                } else if (toks[j].kind == TokenKind::kTemplateSeqEnd && --depth == 0) {
                  ++j;
                  break;
                }
              }
            } else {
              ++j;
            }
          }
          if (j >= n || toks[j].kind != TokenKind::kCQuote) {
            ok = false;
            break;
          }
          ++j;
          header += ' ';
          header += GoQuote(label);
        } else {
          ok = false;
          break;
        }
      }
      if (ok && j < n && toks[j].kind == TokenKind::kOBrace) {
        int depth = 0;
        size_t k = j;
        for (; k < n && toks[k].kind != TokenKind::kEOF; ++k) {
          if (toks[k].kind == TokenKind::kOBrace) ++depth;
          if (toks[k].kind == TokenKind::kCBrace && --depth == 0) break;
        }
        const int64_t end = k < n && toks[k].kind == TokenKind::kCBrace
                                ? toks[k].end.byte
                                : static_cast<int64_t>(src.size());
        blocks.push_back({{toks[type].start.byte, end}, std::move(header)});
        i = k < n ? k + 1 : n;
        continue;
      }
    }
    // Not a block header: skip to the end of this line, across any brackets it opens.
    int depth = 0;
    for (; i < n && toks[i].kind != TokenKind::kEOF; ++i) {
      switch (toks[i].kind) {
        case TokenKind::kOBrace:
        case TokenKind::kOBrack:
        case TokenKind::kOParen:
          ++depth;
          break;
        case TokenKind::kCBrace:
        case TokenKind::kCBrack:
        case TokenKind::kCParen:
          if (depth > 0) --depth;
          break;
        default:
          break;
      }
      if (depth == 0 && EndsLine(toks[i], src)) {
        ++i;
        break;
      }
    }
  }
  return blocks;
}

}  // namespace

void FmtSources::Add(const std::string& path, std::string source) {
  File& f = files_[path];
  f.source = std::move(source);
  f.blocks.clear();
  for (auto& [range, header] : TopLevelBlocks(f.source)) {
    f.blocks.push_back({range.first, range.second, std::move(header)});
  }
}

std::optional<std::string_view> FmtSources::Source(FileName file) const {
  auto it = files_.find(file.str());
  if (it == files_.end()) return std::nullopt;
  return std::string_view(it->second.source);
}

std::string FmtSources::ContextString(FileName file, int64_t byte) const {
  auto it = files_.find(file.str());
  if (it == files_.end()) return {};
  for (const BlockSpan& b : it->second.blocks) {
    if (byte >= b.start && byte < b.end) return b.header;
  }
  return {};
}

}  // namespace cairn::cli
