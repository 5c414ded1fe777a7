#pragma once
/// Go's strconv.Quote, which Terraform uses to print strings (console, set ordering).

#include <string>
#include <string_view>

namespace cairn {

/// Appends `s` quoted as Go's strconv.Quote does: `"` and `\` escaped; printable runes kept
/// as UTF-8; \a \b \f \n \r \t \v; other control bytes as \xHH; other non-printable runes
/// as \uHHHH or \UHHHHHHHH; each byte of invalid UTF-8 as \xHH.
/// Approximation: "printable" uses a fixed list of Unicode format, space and private-use
/// ranges instead of Go's full Unicode tables (unassigned code points count as printable).
void AppendGoQuoted(std::string& out, std::string_view s);

inline std::string GoQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendGoQuoted(out, s);
  return out;
}

}  // namespace cairn
