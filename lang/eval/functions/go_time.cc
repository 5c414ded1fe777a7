#include "lang/eval/functions/go_time.h"

#include <cstdio>

#include "lang/base/go_quote.h"

namespace cairn::eval::functions {
namespace {

constexpr int64_t kNanosPerSecond = 1000000000;

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int DaysIn(int month, int64_t year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

bool IsDigit(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

/// Go's getnum: one or two digits (exactly two when `fixed`).
bool GetNum(std::string_view& s, bool fixed, int& out) {
  if (!IsDigit(s, 0)) return false;
  if (!IsDigit(s, 1)) {
    if (fixed) return false;
    out = s[0] - '0';
    s.remove_prefix(1);
    return true;
  }
  out = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return true;
}

/// Go's parseNanoseconds for `value[0..n)` (a separator then digits).
int ParseNanos(std::string_view value, size_t n) {
  if (n > 10) n = 10;
  int64_t ns = 0;
  for (size_t i = 1; i < n; ++i) ns = ns * 10 + (value[i] - '0');
  for (size_t i = n; i < 10; ++i) ns *= 10;
  return static_cast<int>(ns);
}

GoTime MakeTime(int64_t year, int month, int day, int hour, int minute, int second, int nanos,
                int offset) {
  GoTime t;
  t.unix_seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                   offset;
  t.nanos = nanos;
  t.offset = offset;
  return t;
}

GoTimeParse Fail(std::string layout_elem, std::string_view value_elem, std::string message = "") {
  GoTimeParse r;
  r.error = GoTimeParseError{std::move(layout_elem), std::string(value_elem), std::move(message)};
  return r;
}

/// cty's parseRFC3339: only proper RFC 3339 (the fast path of Go's time.Parse).
std::optional<GoTime> ParseProperRFC3339(std::string_view s) {
  bool ok = true;
  auto uint_in = [&ok](std::string_view d, int min, int max) {
    int x = 0;
    for (char c : d) {
      if (c < '0' || c > '9') {
        ok = false;
        return min;
      }
      x = x * 10 + (c - '0');
    }
    if (x < min || max < x) {
      ok = false;
      return min;
    }
    return x;
  };
  if (s.size() < 19) return std::nullopt;
  int year = uint_in(s.substr(0, 4), 0, 9999);
  int month = uint_in(s.substr(5, 2), 1, 12);
  int day = uint_in(s.substr(8, 2), 1, DaysIn(month, year));
  int hour = uint_in(s.substr(11, 2), 0, 23);
  int minute = uint_in(s.substr(14, 2), 0, 59);
  int second = uint_in(s.substr(17, 2), 0, 59);
  if (!ok || !(s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':')) {
    return std::nullopt;
  }
  s.remove_prefix(19);
  int nanos = 0;
  if (s.size() >= 2 && s[0] == '.' && IsDigit(s, 1)) {
    size_t n = 2;
    while (IsDigit(s, n)) ++n;
    nanos = ParseNanos(s, n);
    s.remove_prefix(n);
  }
  int offset = 0;
  if (s.size() != 1 || s[0] != 'Z') {
    if (s.size() != 6) return std::nullopt;
    int hr = uint_in(s.substr(1, 2), 0, 23);
    int mm = uint_in(s.substr(4, 2), 0, 59);
    if (!ok || !((s[0] == '-' || s[0] == '+') && s[3] == ':')) return std::nullopt;
    offset = (hr * 60 + mm) * 60;
    if (s[0] == '-') offset = -offset;
  }
  return MakeTime(year, month, day, hour, minute, second, nanos, offset);
}

}  // namespace

GoTime GoTime::Add(int64_t duration) const {
  GoTime t = *this;
  int64_t secs = duration / kNanosPerSecond;
  int64_t nanos = t.nanos + duration % kNanosPerSecond;
  if (nanos >= kNanosPerSecond) {
    ++secs;
    nanos -= kNanosPerSecond;
  } else if (nanos < 0) {
    --secs;
    nanos += kNanosPerSecond;
  }
  t.unix_seconds += secs;
  t.nanos = static_cast<int32_t>(nanos);
  return t;
}

int GoTime::Compare(const GoTime& other) const {
  if (unix_seconds != other.unix_seconds) return unix_seconds < other.unix_seconds ? -1 : 1;
  if (nanos != other.nanos) return nanos < other.nanos ? -1 : 1;
  return 0;
}

GoTimeParse ParseGoRFC3339(std::string_view text) {
  std::string_view v = text;
  auto skip = [&v](char c) {
    if (v.empty() || v[0] != c) return false;
    v.remove_prefix(1);
    return true;
  };
  // 2006
  std::string_view hold = v;
  if (v.size() < 4 || !IsDigit(v, 0)) return Fail("2006", hold);
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (!IsDigit(v, i)) return Fail("2006", hold);
    year = year * 10 + (v[i] - '0');
  }
  v.remove_prefix(4);
  if (!skip('-')) return Fail("-", v);
  // 01
  hold = v;
  int month = 0;
  if (!GetNum(v, true, month)) return Fail("01", hold);
  if (month <= 0 || month > 12) return Fail("01", v, ": month out of range");
  if (!skip('-')) return Fail("-", v);
  // 02 (checked against the month once everything is parsed)
  hold = v;
  int day = 0;
  if (!GetNum(v, true, day)) return Fail("02", hold);
  if (!skip('T')) return Fail("T", v);
  // 15 (one or two digits)
  hold = v;
  int hour = 0;
  bool ok = GetNum(v, false, hour);
  if (hour >= 24) return Fail("15", v, ": hour out of range");
  if (!ok) return Fail("15", hold);
  if (!skip(':')) return Fail(":", v);
  // 04
  hold = v;
  int minute = 0;
  ok = GetNum(v, true, minute);
  if (minute >= 60) return Fail("04", v, ": minute out of range");
  if (!ok) return Fail("04", hold);
  if (!skip(':')) return Fail(":", v);
  // 05, then fractional seconds the layout does not mention
  hold = v;
  int second = 0;
  if (!GetNum(v, true, second)) return Fail("05", hold);
  if (second >= 60) return Fail("05", v, ": second out of range");
  int nanos = 0;
  if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && IsDigit(v, 1)) {
    size_t n = 2;
    while (IsDigit(v, n)) ++n;
    nanos = ParseNanos(v, n);
    v.remove_prefix(n);
  }
  // Z07:00
  hold = v;
  int offset = 0;
  if (!v.empty() && v[0] == 'Z') {
    v.remove_prefix(1);
  } else {
    if (v.size() < 6 || v[3] != ':') return Fail("Z07:00", hold);
    char sign = v[0];
    std::string_view hh = v.substr(1, 2), mm = v.substr(4, 2);
    v.remove_prefix(6);
    int hr = 0, min = 0;
    bool good = GetNum(hh, true, hr);
    if (good) good = GetNum(mm, true, min);
    const char* range_error = nullptr;
    if (hr > 24) range_error = ": time zone offset hour out of range";
    if (min > 60) range_error = ": time zone offset minute out of range";
    if (sign != '+' && sign != '-') good = false;
    if (range_error) return Fail("Z07:00", v, range_error);
    if (!good) return Fail("Z07:00", hold);
    offset = (hr * 60 + min) * 60;
    if (sign == '-') offset = -offset;
  }
  if (!v.empty()) return Fail("", v, ": extra text: " + GoQuote(v));
  if (day < 1 || day > DaysIn(month, year)) return Fail("", "", ": day out of range");
  GoTimeParse r;
  r.time = MakeTime(year, month, day, hour, minute, second, nanos, offset);
  return r;
}

GoTimeParse ParseStrictRFC3339(std::string_view text) {
  if (std::optional<GoTime> t = ParseProperRFC3339(text)) return {*t, std::nullopt};
  GoTimeParse lenient = ParseGoRFC3339(text);
  if (lenient.error) return lenient;
  // What time.Parse accepts but RFC 3339 does not (cty's checks, in its order).
  auto num2 = [](std::string_view s) { return (s[0] - '0') * 10 + (s[1] - '0'); };
  if (text[12] == ':') return Fail("15", text.substr(11, 1), ": hour must have two digits");
  if (text.size() > 19 && text[19] == ',') {
    return Fail(".", ",", ": sub-second separator must be a period");
  }
  if (text.back() != 'Z') {
    if (num2(text.substr(text.size() - 5)) >= 24) {
      return Fail("Z07:00", text.substr(text.size() - 6), ": timezone hour out of range");
    }
    if (num2(text.substr(text.size() - 2)) >= 60) {
      return Fail("Z07:00", text.substr(text.size() - 6), ": timezone minute out of range");
    }
    // cty returns Go's zero time here (unreachable in practice).
    return {MakeTime(1, 1, 1, 0, 0, 0, 0, 0), std::nullopt};
  }
  return Fail("2006-01-02T15:04:05Z07:00", text);
}

std::string TimestampErrorMessage(const GoTimeParseError& e, bool hour_minute_hints) {
  const std::string prefix = "not a valid RFC3339 timestamp";
  if (e.layout_elem.empty() && e.value_elem.empty() && !e.message.empty()) {
    return prefix + e.message;
  }
  std::string what;
  const std::string& l = e.layout_elem;
  if (l == "2006") {
    what = "year";
  } else if (l == "01") {
    what = "month";
  } else if (l == "02") {
    what = "day of month";
  } else if (l == "15") {
    what = "hour";
  } else if (l == "04") {
    what = "minute";
  } else if (l == "05") {
    what = "second";
  } else if (l == "Z07:00") {
    what = "UTC offset";
  } else if (l == "T") {
    return prefix + ": missing required time introducer 'T'";
  } else if (l == ":" || l == "-") {
    if (e.value_elem.empty()) return prefix + ": end of string where " + GoQuote(l) + " is expected";
    return prefix + ": found " + GoQuote(e.value_elem) + " where " + GoQuote(l) + " is expected";
  } else {
    what = "timestamp segment";
  }
  if (e.value_elem.empty()) return prefix + ": end of string before " + what;
  if (hour_minute_hints) {
    if (what == "hour" && e.value_elem.find(':') != std::string::npos) {
      return prefix + ": hour must be between 0 and 23 inclusive";
    }
    if (what == "hour" && e.value_elem.size() != 2) {
      return prefix + ": hour must have exactly two digits";
    }
    if (what == "minute" && e.value_elem.size() != 2) {
      return prefix + ": minute must have exactly two digits";
    }
  }
  return prefix + ": cannot use " + GoQuote(e.value_elem) + " as " + what;
}

CivilTime ToCivil(const GoTime& t) {
  int64_t local = t.unix_seconds + t.offset;
  int64_t days = FloorDiv(local, 86400);
  int64_t secs = local - days * 86400;
  CivilTime c;
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  return c;
}

std::string FormatRFC3339(const GoTime& t) {
  CivilTime c = ToCivil(t);
  std::string out;
  // Go's stdLongYear: at least four digits, the sign before the zero padding.
  int64_t y = c.year;
  if (y < 0) {
    out += '-';
    y = -y;
  }
  std::string digits = std::to_string(y);
  if (digits.size() < 4) out.append(4 - digits.size(), '0');
  out += digits;
  char buf[64];
  std::snprintf(buf, sizeof buf, "-%02d-%02dT%02d:%02d:%02d", c.month, c.day, c.hour, c.minute,
                c.second);
  out += buf;
  if (t.offset == 0) {
    out += 'Z';
  } else {
    int zone = t.offset / 60;
    out += zone < 0 ? '-' : '+';
    if (zone < 0) zone = -zone;
    std::snprintf(buf, sizeof buf, "%02d:%02d", zone / 60, zone % 60);
    out += buf;
  }
  return out;
}

namespace {

/// Go's time.quote: like %q for ASCII, but every byte of a non-ASCII or control rune as \xHH.
std::string TimeQuote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

}  // namespace

GoDurationParse ParseGoDuration(std::string_view text) {
  constexpr uint64_t kMax = uint64_t{1} << 63;
  GoDurationParse r;
  const std::string orig = TimeQuote(text);
  auto invalid = [&]() {
    r.error = "time: invalid duration " + orig;
    return r;
  };
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return r;
  if (s.empty()) return invalid();
  uint64_t total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid();
    // Integer part (Go's leadingInt).
    uint64_t v = 0;
    size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (v > kMax / 10) return invalid();
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
      if (v > kMax) return invalid();
    }
    bool pre = i > 0;
    s.remove_prefix(i);
    // Fraction (Go's leadingFraction).
    uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      bool overflow = false;
      size_t j = 0;
      for (; j < s.size() && s[j] >= '0' && s[j] <= '9'; ++j) {
        if (overflow) continue;
        if (f > (kMax - 1) / 10) {
          overflow = true;
          continue;
        }
        uint64_t y = f * 10 + static_cast<uint64_t>(s[j] - '0');
        if (y > kMax) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s.remove_prefix(j);
    }
    if (!pre && !post) return invalid();
    size_t u = 0;
    while (u < s.size() && s[u] != '.' && !(s[u] >= '0' && s[u] <= '9')) ++u;
    if (u == 0) {
      r.error = "time: missing unit in duration " + orig;
      return r;
    }
    std::string_view unit_text = s.substr(0, u);
    s.remove_prefix(u);
    uint64_t unit = 0;
    if (unit_text == "ns") {
      unit = 1;
    } else if (unit_text == "us" || unit_text == "\xC2\xB5s" || unit_text == "\xCE\xBCs") {
      unit = 1000;
    } else if (unit_text == "ms") {
      unit = 1000000;
    } else if (unit_text == "s") {
      unit = 1000000000;
    } else if (unit_text == "m") {
      unit = 60 * uint64_t{1000000000};
    } else if (unit_text == "h") {
      unit = 3600 * uint64_t{1000000000};
    } else {
      r.error = "time: unknown unit " + TimeQuote(unit_text) + " in duration " + orig;
      return r;
    }
    if (v > kMax / unit) return invalid();
    v *= unit;
    if (f > 0) {
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kMax) return invalid();
    }
    total += v;
    if (total > kMax) return invalid();
  }
  if (negative) {
    r.nanos = total == kMax ? INT64_MIN : -static_cast<int64_t>(total);
    return r;
  }
  if (total > kMax - 1) return invalid();
  r.nanos = static_cast<int64_t>(total);
  return r;
}

}  // namespace cairn::eval::functions
