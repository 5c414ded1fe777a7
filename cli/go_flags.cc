#include "cli/go_flags.h"

#include <cctype>
#include <cstdlib>

#include "cli/streams.h"
#include "lang/base/diagnostic_text.h"
#include "lang/base/source_index.h"

namespace cairn::cli {

void GoFlags::Bool(std::string name, bool* target) {
  flags_[std::move(name)] = Flag{true, [target](const std::string& v, bool has_value) {
                                   if (!has_value) {
                                     *target = true;
                                     return true;
                                   }
                                   if (v == "1" || v == "t" || v == "T" || v == "true" ||
                                       v == "TRUE" || v == "True") {
                                     *target = true;
                                     return true;
                                   }
                                   if (v == "0" || v == "f" || v == "F" || v == "false" ||
                                       v == "FALSE" || v == "False") {
                                     *target = false;
                                     return true;
                                   }
                                   return false;
                                 }};
}

void GoFlags::String(std::string name, std::string* target) {
  flags_[std::move(name)] = Flag{false, [target](const std::string& v, bool) {
                                   *target = v;
                                   return true;
                                 }};
}

void GoFlags::Repeated(std::string name, std::function<void(const std::string&)> on_value) {
  flags_[std::move(name)] = Flag{false, [f = std::move(on_value)](const std::string& v, bool) {
                                   f(v);
                                   return true;
                                 }};
}

GoFlags::Result GoFlags::Parse(const std::vector<std::string>& args) const {
  Result r;
  auto fail = [&](const std::string& message) {
    r.diagnostics.Error("Failed to parse command-line flags", message);
  };
  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 2 || a[0] != '-') break;
    if (a == "--") {
      ++i;
      break;
    }
    std::string name = a.substr(a[1] == '-' ? 2 : 1);
    if (name.empty() || name[0] == '-' || name[0] == '=') {
      fail("bad flag syntax: " + a);
      return r;
    }
    std::string value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    }
    auto it = flags_.find(name);
    if (it == flags_.end()) {
      if (name == "help" || name == "h") {
        r.help = true;
        continue;
      }
      fail("flag provided but not defined: -" + name);
      return r;
    }
    const Flag& flag = it->second;
    if (flag.is_bool) {
      if (!flag.set(value, has_value)) {
        fail("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
        return r;
      }
      continue;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        fail("flag needs an argument: -" + name);
        return r;
      }
      value = args[++i];
    }
    flag.set(value, true);
  }
  for (; i < args.size(); ++i) r.positional.push_back(args[i]);
  return r;
}

void PrintUsageErrors(const Diagnostics& diags, const std::string& command, Streams& io,
                      bool color) {
  DiagnosticTextOptions options;
  options.color = color;
  options.width = io.ErrWidth();
  EmptySourceIndex none;
  for (const RenderedDiagnostic& r : RenderDiagnosticsText(diags, none, options)) {
    (r.severity == Severity::kError ? io.err : io.out) << r.text;
  }
  io.err << "\nFor more help on using this command, run:\n  cairn " << command << " -help\n";
}

bool ParseGoDuration(const std::string& text, long long* milliseconds) {
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[i] == '-' || text[i] == '+') negative = text[i++] == '-';
  if (text.substr(i) == "0") {
    *milliseconds = 0;
    return true;
  }
  double total_ns = 0;
  bool any = false;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
      ++i;
    }
    if (i == start) return false;
    double number = std::strtod(text.substr(start, i - start).c_str(), nullptr);
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string unit = text.substr(unit_start, i - unit_start);
    if (unit == "\xC2\xB5s") unit = "us";
    double scale;
    if (unit == "ns") scale = 1;
    else if (unit == "us") scale = 1e3;
    else if (unit == "ms") scale = 1e6;
    else if (unit == "s") scale = 1e9;
    else if (unit == "m") scale = 60e9;
    else if (unit == "h") scale = 3600e9;
    else return false;
    total_ns += number * scale;
    any = true;
  }
  if (!any) return false;
  *milliseconds = static_cast<long long>(total_ns / 1e6) * (negative ? -1 : 1);
  return true;
}

}  // namespace cairn::cli
