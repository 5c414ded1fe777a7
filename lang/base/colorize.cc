#include "lang/base/colorize.h"

#include <string_view>

namespace cairn {
namespace {

struct ColorCode {
  std::string_view name;
  std::string_view code;
};

// colorstring.DefaultColors.
constexpr ColorCode kColors[] = {
    {"default", "39"},
    {"_default_", "49"},
    {"black", "30"},
    {"red", "31"},
    {"green", "32"},
    {"yellow", "33"},
    {"blue", "34"},
    {"magenta", "35"},
    {"cyan", "36"},
    {"light_gray", "37"},
    {"dark_gray", "90"},
    {"light_red", "91"},
    {"light_green", "92"},
    {"light_yellow", "93"},
    {"light_blue", "94"},
    {"light_magenta", "95"},
    {"light_cyan", "96"},
    {"white", "97"},
    {"_black_", "40"},
    {"_red_", "41"},
    {"_green_", "42"},
    {"_yellow_", "43"},
    {"_blue_", "44"},
    {"_magenta_", "45"},
    {"_cyan_", "46"},
    {"_light_gray_", "47"},
    {"_dark_gray_", "100"},
    {"_light_red_", "101"},
    {"_light_green_", "102"},
    {"_light_yellow_", "103"},
    {"_light_blue_", "104"},
    {"_light_magenta_", "105"},
    {"_light_cyan_", "106"},
    {"_white_", "107"},
    {"bold", "1"},
    {"dim", "2"},
    {"underline", "4"},
    {"blink_slow", "5"},
    {"blink_fast", "6"},
    {"invert", "7"},
    {"hidden", "8"},
    {"reset", "0"},
    {"reset_bold", "21"},
};

const ColorCode* FindColor(std::string_view name) {
  for (const ColorCode& c : kColors) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// The tag grammar is `(?i)\[[a-z0-9_-]+\]`.
bool IsTagChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

}  // namespace

std::string Colorize(std::string_view markup, bool enabled) {
  std::string out;
  out.reserve(markup.size() + 16);
  bool colored = false;
  size_t i = 0;
  while (i < markup.size()) {
    const size_t open = markup.find('[', i);
    if (open == std::string_view::npos) break;
    size_t j = open + 1;
    while (j < markup.size() && IsTagChar(markup[j])) ++j;
    if (j == open + 1 || j >= markup.size() || markup[j] != ']') {
      // Not a tag here; a later '[' may start one (possibly this run's last '[').
      out.append(markup.substr(i, open + 1 - i));
      i = open + 1;
      continue;
    }
    out.append(markup.substr(i, open - i));
    const std::string_view name = markup.substr(open + 1, j - open - 1);
    if (const ColorCode* c = FindColor(name)) {
      colored = true;
      if (enabled) {
        out += "\x1b[";
        out += c->code;
        out += 'm';
      }
    } else {
      out.append(markup.substr(open, j + 1 - open));
    }
    i = j + 1;
  }
  out.append(markup.substr(i));
  if (colored && enabled) out += "\x1b[0m";
  return out;
}

}  // namespace cairn
