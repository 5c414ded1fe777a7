// Terraform's date and time functions: formatdate, plantimestamp, timeadd, timecmp,
// timestamp.

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "lang/eval/functions/go_time.h"
#include "lang/eval/functions/registry.h"

namespace cairn::eval::functions {
namespace {

constexpr char kQuote = '\'';

bool IsVerbLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// cty's splitDateFormat: the next token of `s` (a quoted literal, a run of one verb letter,
/// or other literal text), with the whole rest of the format available.
std::string_view NextFormatToken(std::string_view s) {
  if (s[0] == kQuote) {
    if (s.size() > 1 && s[1] == kQuote) return s.substr(0, 2);
    for (size_t i = 1; i < s.size(); ++i) {
      if (s[i] != kQuote) continue;
      if (i + 1 == s.size()) return s;
      if (s[i + 1] == kQuote) {
        ++i;
        continue;
      }
      return s.substr(0, i + 1);
    }
    return s;  // unterminated
  }
  if (IsVerbLetter(s[0])) {
    size_t i = 1;
    while (i < s.size() && s[i] == s[0]) ++i;
    return s.substr(0, i);
  }
  size_t i = 1;
  while (i < s.size() && s[i] != kQuote && !IsVerbLetter(s[i])) ++i;
  return s.substr(0, i);
}

void AppendNum(std::string& out, int64_t v, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  out += buf;
}

/// Go's "-0700" / "-07:00" zone offset text.
std::string OffsetText(int offset, bool colon) {
  int zone = offset / 60;
  std::string out(1, zone < 0 ? '-' : '+');
  if (zone < 0) zone = -zone;
  AppendNum(out, zone / 60, 2);
  if (colon) out += ':';
  AppendNum(out, zone % 60, 2);
  return out;
}

std::string VerbError(std::string_view tok, std::string_view rule) {
  std::string out = "invalid date format verb \"" + std::string(tok) + "\"";
  if (!rule.empty()) out += ": " + std::string(rule);
  return out;
}

BodyResult FormatDate(const std::vector<Value>& args) {
  const std::string& format = args[0].AsString();
  GoTimeParse parsed = ParseStrictRFC3339(args[1].AsString());
  if (parsed.error) return ArgError(1, TimestampErrorMessage(*parsed.error, true));
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",
                                            "May",     "June",     "July",      "August",
                                            "September", "October", "November", "December"};
  static constexpr const char* kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                          "Thursday", "Friday", "Saturday"};
  const CivilTime c = ToCivil(parsed.time);
  std::string out;
  std::string_view rest = format;
  while (!rest.empty()) {
    std::string_view tok = NextFormatToken(rest);
    rest.remove_prefix(tok.size());
    const size_t n = tok.size();
    if (tok[0] == kQuote) {
      if (tok.back() != kQuote || n == 1) return ArgError(0, "unterminated literal '");
      if (n == 2) {
        out += kQuote;
        continue;
      }
      std::string_view raw = tok.substr(1, n - 2);
      for (size_t i = 0; i < raw.size(); ++i) {
        out += raw[i];
        if (raw[i] == kQuote) ++i;  // a doubled quote stands for one
      }
      continue;
    }
    if (!IsVerbLetter(tok[0])) {
      out += tok;
      continue;
    }
    switch (tok[0]) {
      case 'Y':
        if (n == 2) {
          AppendNum(out, c.year % 100, 2);
        } else if (n == 4) {
          AppendNum(out, c.year, 4);
        } else {
          return ArgError(0, VerbError(tok, "year must either be \"YY\" or \"YYYY\""));
        }
        break;
      case 'M':
        if (n == 1) {
          AppendNum(out, c.month, 1);
        } else if (n == 2) {
          AppendNum(out, c.month, 2);
        } else if (n == 3) {
          out.append(kMonths[c.month - 1], 3);
        } else if (n == 4) {
          out += kMonths[c.month - 1];
        } else {
          return ArgError(
              0, VerbError(tok, "month must be \"M\", \"MM\", \"MMM\", or \"MMMM\""));
        }
        break;
      case 'D':
        if (n > 2) return ArgError(0, VerbError(tok, "day of month must either be \"D\" or \"DD\""));
        AppendNum(out, c.day, static_cast<int>(n));
        break;
      case 'E':
        if (n == 3) {
          out.append(kDays[c.weekday], 3);
        } else if (n == 4) {
          out += kDays[c.weekday];
        } else {
          return ArgError(0, VerbError(tok, "day of week must either be \"EEE\" or \"EEEE\""));
        }
        break;
      case 'h':
        if (n > 2) return ArgError(0, VerbError(tok, "24-hour must either be \"h\" or \"hh\""));
        AppendNum(out, c.hour, static_cast<int>(n));
        break;
      case 'H': {
        if (n > 2) return ArgError(0, VerbError(tok, "12-hour must either be \"H\" or \"HH\""));
        int h = c.hour % 12;
        AppendNum(out, h == 0 ? 12 : h, static_cast<int>(n));
        break;
      }
      case 'A':
      case 'a':
        if (n != 2) {
          return ArgError(0, VerbError(tok, "must be \"" + std::string(2, tok[0]) + "\""));
        }
        out += c.hour < 12 ? (tok[0] == 'A' ? "AM" : "am") : (tok[0] == 'A' ? "PM" : "pm");
        break;
      case 'm':
        if (n > 2) return ArgError(0, VerbError(tok, "minute must either be \"m\" or \"mm\""));
        AppendNum(out, c.minute, static_cast<int>(n));
        break;
      case 's':
        if (n > 2) return ArgError(0, VerbError(tok, "second must either be \"s\" or \"ss\""));
        AppendNum(out, c.second, static_cast<int>(n));
        break;
      case 'Z': {
        const int offset = parsed.time.offset;
        if (n == 1) {
          out += offset == 0 ? "Z" : OffsetText(offset, true);
        } else if (n == 3) {
          std::string text = OffsetText(offset, false);
          out += text == "+0000" ? "UTC" : text;
        } else if (n == 4) {
          out += OffsetText(offset, false);
        } else if (n == 5) {
          out += OffsetText(offset, true);
        } else {
          return ArgError(0, VerbError(tok, "timezone must be Z, ZZZZ, or ZZZZZ"));
        }
        break;
      }
      default:
        return ArgError(0, VerbError(tok, ""));
    }
  }
  return {Value::String(std::move(out)), std::nullopt};
}

BodyResult TimeAdd(const std::vector<Value>& args) {
  GoTimeParse parsed = ParseStrictRFC3339(args[0].AsString());
  if (parsed.error) return CallError(TimestampErrorMessage(*parsed.error, true));
  GoDurationParse d = ParseGoDuration(args[1].AsString());
  if (d.error) return CallError(*d.error);
  return {Value::String(FormatRFC3339(parsed.time.Add(d.nanos))), std::nullopt};
}

BodyResult TimeCmp(const std::vector<Value>& args) {
  GoTimeParse a = ParseGoRFC3339(args[0].AsString());
  if (a.error) return ArgError(0, TimestampErrorMessage(*a.error, false));
  GoTimeParse b = ParseGoRFC3339(args[1].AsString());
  if (b.error) return ArgError(1, TimestampErrorMessage(*b.error, false));
  return {Value::Int(a.time.Compare(b.time)), std::nullopt};
}

GoTime FromTimePoint(std::chrono::system_clock::time_point tp) {
  auto since = std::chrono::duration_cast<std::chrono::nanoseconds>(tp.time_since_epoch());
  return GoTime{}.Add(since.count());
}

Param Str(std::string name) { return Param{std::move(name), Type::String()}; }

}  // namespace

void RegisterDateTimeFunctions(BuiltinFunctions& r, const FunctionOptions& options) {
  r.Add({"formatdate", {Str("format"), Str("time")}, std::nullopt, Type::String(), nullptr,
         FormatDate});
  FunctionDef timeadd{"timeadd", {Str("timestamp"), Str("duration")}, std::nullopt,
                      Type::String(), nullptr, TimeAdd};
  timeadd.refine_not_null = false;
  r.Add(std::move(timeadd));
  r.Add({"timecmp", {Str("timestamp_a"), Str("timestamp_b")}, std::nullopt, Type::Number(),
         nullptr, TimeCmp});
  const bool planning = options.planning;
  r.Add({"timestamp", {}, std::nullopt, Type::String(), nullptr,
         [planning](const std::vector<Value>&) -> BodyResult {
           if (planning) return {Value::Unknown(Type::String()).RefineNotNull(), std::nullopt};
           GoTime now = FromTimePoint(std::chrono::system_clock::now());
           return {Value::String(FormatRFC3339(now)), std::nullopt};
         }});
  const std::optional<std::chrono::system_clock::time_point> plan_time = options.plan_time;
  FunctionDef plantimestamp{"plantimestamp", {}, std::nullopt, Type::String(), nullptr,
                            [plan_time](const std::vector<Value>&) -> BodyResult {
                              if (!plan_time) return {Value::Unknown(Type::String()), std::nullopt};
                              return {Value::String(FormatRFC3339(FromTimePoint(*plan_time))),
                                      std::nullopt};
                            }};
  plantimestamp.refine_not_null = false;
  r.Add(std::move(plantimestamp));
}

}  // namespace cairn::eval::functions
