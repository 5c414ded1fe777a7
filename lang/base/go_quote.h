#pragma once
/// Go's strconv.Quote, which Terraform uses to print strings (console, set ordering).

#include <string>
#include <string_view>

namespace cairn {

/// Appends `s` quoted as Go's strconv.Quote does: `"` and `\` escaped; printable runes kept
/// as UTF-8; \a \b \f \n \r \t \v; other control bytes as \xHH; other non-printable runes
/// as \uHHHH or \UHHHHHHHH; each byte of invalid UTF-8 as \xHH.
/// "Printable" is Go's unicode.IsPrint, from ICU's character categories.
void AppendGoQuoted(std::string& out, std::string_view s);

/// Go's unicode.IsPrint.
bool IsGoPrint(char32_t r);

inline std::string GoQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendGoQuoted(out, s);
  return out;
}

}  // namespace cairn
