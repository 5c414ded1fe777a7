#include <algorithm>

#include "lang/format/layout.h"

namespace cairn::format {
namespace {

/// Decodes one UTF-8 code point at `text[i]`, advancing `i`. Invalid bytes decode as U+FFFD,
/// one byte at a time.
char32_t DecodeUtf8(std::string_view text, size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += len;
  return cp;
}

/// Code points that never start a grapheme cluster of their own (combining marks, joiners,
/// variation selectors, emoji modifiers and tags).
bool ExtendsCluster(char32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
         (c >= 0x0591 && c <= 0x05BD) || (c >= 0x0610 && c <= 0x061A) ||
         (c >= 0x064B && c <= 0x065F) || (c >= 0x0900 && c <= 0x0903) ||
         (c >= 0x093A && c <= 0x094F && c != 0x093D) ||
         (c >= 0x0E31 && c <= 0x0E3A && c != 0x0E32 && c != 0x0E33) ||
         (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || c == 0x200C ||
         c == 0x200D || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
         (c >= 0xE0020 && c <= 0xE007F) || (c >= 0xE0100 && c <= 0xE01EF);
}

bool IsRegionalIndicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }

}  // namespace

int GraphemeCount(std::string_view text) {
  int count = 0;
  size_t i = 0;
  const size_t n = text.size();
  bool after_zwj = false;
  bool pending_ri = false;  // an unpaired regional indicator starts the current cluster
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
      ++i;
      ++count;
      after_zwj = pending_ri = false;
      continue;
    }
    const char32_t c = DecodeUtf8(text, i);
    if (ExtendsCluster(c)) {
      after_zwj = c == 0x200D;
      if (count == 0) count = 1;
      continue;
    }
    if (after_zwj) {  // ZWJ sequence: the joined emoji belongs to the same cluster
      after_zwj = false;
      continue;
    }
    if (IsRegionalIndicator(c)) {
      if (pending_ri) {
        pending_ri = false;
        continue;
      }
      pending_ri = true;
      ++count;
      continue;
    }
    pending_ri = false;
    ++count;
  }
  return count;
}

int Columns(const FmtTokens& tokens, uint32_t begin, uint32_t end) {
  int columns = 0;
  for (uint32_t i = begin; i < end; ++i) {
    const FmtToken& t = tokens[i];
    columns += t.spaces_before + (t.columns >= 0 ? t.columns : GraphemeCount(t.text));
  }
  return columns;
}

void FormatCells(FmtTokens& tokens, const std::vector<FormatLine>& lines) {
  const size_t n = lines.size();
  // Columns of each line's lead cell, computed once (after indentation and spacing).
  std::vector<int> lead_columns(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (lines[i].HasAssign() || lines[i].HasComment()) {
      lead_columns[i] = Columns(tokens, lines[i].begin, lines[i].assign);
    }
  }

  // Runs of consecutive lines with an assign cell align their `=`.
  for (size_t i = 0; i < n;) {
    if (!lines[i].HasAssign()) {
      ++i;
      continue;
    }
    size_t j = i;
    int max_columns = 0;
    for (; j < n && lines[j].HasAssign(); ++j) max_columns = std::max(max_columns, lead_columns[j]);
    for (size_t k = i; k < j; ++k) {
      tokens[lines[k].assign].spaces_before = max_columns - lead_columns[k] + 1;
    }
    i = j;
  }

  // Then runs of consecutive lines with a trailing comment align the comments.
  std::vector<int> columns_before_comment(n, 0);
  for (size_t i = 0; i < n; ++i) {
    if (lines[i].HasComment()) {
      columns_before_comment[i] =
          lead_columns[i] + Columns(tokens, lines[i].assign, lines[i].comment);
    }
  }
  for (size_t i = 0; i < n;) {
    if (!lines[i].HasComment()) {
      ++i;
      continue;
    }
    size_t j = i;
    int max_columns = 0;
    for (; j < n && lines[j].HasComment(); ++j) {
      max_columns = std::max(max_columns, columns_before_comment[j]);
    }
    for (size_t k = i; k < j; ++k) {
      tokens[lines[k].comment].spaces_before = max_columns - columns_before_comment[k] + 1;
    }
    i = j;
  }
}

}  // namespace cairn::format
