#pragma once
/// Quoted string literals as hclsyntax decodes them and hclwrite writes them (for block labels).

#include <string>
#include <string_view>

namespace cairn::format {

/// The string a quoted literal (escapes included, without quotes) denotes, as hclsyntax's
/// ParseStringLiteralToken decodes it; false when it holds an invalid escape.
bool DecodeQuotedLiteral(std::string_view literal, std::string& out);

/// Like DecodeQuotedLiteral but never fails, keeping what hclsyntax keeps from a bad escape:
/// the raw text of a malformed `\u`/`\U` escape, the character after `\` for an unknown one.
/// For describing labels of files that did not parse.
std::string DecodeQuotedLiteralLeniently(std::string_view literal);

/// `value` as the text of a quoted literal (hclwrite's escapeQuotedStringLit): `\n \r \t \" \\`,
/// `${`/`%{` doubled, non-printable characters as `\uXXXX`/`\UXXXXXXXX`.
std::string EscapeQuotedLiteral(std::string_view value);

}  // namespace cairn::format
