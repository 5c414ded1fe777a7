#pragma once
/// The parts of Go's `time` package Terraform's date and time functions rely on: parsing with
/// the RFC 3339 layout (time.Parse's lenient one and cty's strict one, with Go's ParseError
/// details that the functions turn into messages), RFC 3339 formatting, and durations
/// (time.ParseDuration).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cairn::eval::functions {

/// An instant with the UTC offset it was written with (Go's time.Time in a fixed zone).
struct GoTime {
  int64_t unix_seconds = 0;  ///< seconds since 1970-01-01T00:00:00Z
  int32_t nanos = 0;         ///< 0 <= nanos < 1e9
  int32_t offset = 0;        ///< seconds east of UTC

  /// Go's Time.Add (durations in nanoseconds).
  GoTime Add(int64_t duration) const;
  /// -1, 0 or +1 as the instants compare (offsets do not matter).
  int Compare(const GoTime& other) const;
};

/// Go's time.ParseError for the RFC 3339 layout.
struct GoTimeParseError {
  std::string layout_elem;
  std::string value_elem;
  std::string message;  ///< with Go's ": " prefix, or empty
};

struct GoTimeParse {
  GoTime time;
  std::optional<GoTimeParseError> error;
};

/// time.Parse(time.RFC3339, text): lenient (a one-digit hour, `,` before fractional seconds,
/// offsets up to 24:60 are accepted).
GoTimeParse ParseGoRFC3339(std::string_view text);

/// cty's parseStrictRFC3339 (formatdate, timeadd): RFC 3339 proper, with the errors of
/// time.Parse where it fails and cty's own ones where only the strict rules do.
GoTimeParse ParseStrictRFC3339(std::string_view text);

/// cty's message for a parse error ("not a valid RFC3339 timestamp: ..."). `hour_minute_hints`
/// selects cty's newer wording for bad hours and minutes (formatdate, timeadd), which
/// Terraform's own timecmp does not use.
std::string TimestampErrorMessage(const GoTimeParseError& e, bool hour_minute_hints);

/// Go's Time.Format(time.RFC3339) (no fractional seconds; `Z` for a zero offset).
std::string FormatRFC3339(const GoTime& t);

/// The calendar fields of `t` in its own offset.
struct CivilTime {
  int64_t year;
  int month;    ///< 1..12
  int day;      ///< 1..31
  int hour, minute, second;
  int weekday;  ///< 0 = Sunday
};
CivilTime ToCivil(const GoTime& t);

/// Go's time.ParseDuration: nanoseconds, or the error text ("time: invalid duration \"x\"").
struct GoDurationParse {
  int64_t nanos = 0;
  std::optional<std::string> error;
};
GoDurationParse ParseGoDuration(std::string_view text);

}  // namespace cairn::eval::functions
