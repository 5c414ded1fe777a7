#pragma once
/// Quoted string literals as hclsyntax decodes them and hclwrite writes them (for block labels).

#include <string>
#include <string_view>

namespace cairn::format {

/// The string a quoted literal (escapes included, without quotes) denotes, as hclsyntax's
/// ParseStringLiteralToken decodes it; false when it holds an invalid escape.
bool DecodeQuotedLiteral(std::string_view literal, std::string& out);

/// `value` as the text of a quoted literal (hclwrite's escapeQuotedStringLit): `\n \r \t \" \\`,
/// `${`/`%{` doubled, non-printable characters as `\uXXXX`/`\UXXXXXXXX`.
std::string EscapeQuotedLiteral(std::string_view value);

}  // namespace cairn::format
