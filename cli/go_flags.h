#pragma once
/// Command-line flags parsed as Go's flag package parses them for Terraform's commands:
/// `-name` or `--name`, `-name=value`, and `-name value` for flags that take a value; the
/// first argument that is not a flag (or `--`) ends the flags.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lang/base/diagnostic.h"

namespace cairn::cli {

class GoFlags {
 public:
  /// A boolean flag: `-name`, `-name=true|false|1|0|t|f|...`.
  void Bool(std::string name, bool* target);
  /// A flag with a value (the last one given wins).
  void String(std::string name, std::string* target);
  /// A flag with a value that may repeat; `on_value` gets each value in order.
  void Repeated(std::string name, std::function<void(const std::string&)> on_value);

  struct Result {
    std::vector<std::string> positional;
    bool help = false;  ///< -help or -h was given
    /// "Failed to parse command-line flags" with Go's message, when the flags were wrong.
    Diagnostics diagnostics;
  };
  Result Parse(const std::vector<std::string>& args) const;

 private:
  struct Flag {
    bool is_bool = false;
    std::function<bool(const std::string& value, bool has_value)> set;
  };
  std::map<std::string, Flag> flags_;
};

/// Prints argument errors as Terraform's commands do: the diagnostics, then "For more help
/// on using this command, run:\n  cairn NAME -help\n".
struct Streams;
void PrintUsageErrors(const Diagnostics& diags, const std::string& command, Streams& io,
                      bool color);

/// Terraform's duration syntax for -lock-timeout (Go's time.ParseDuration: "0s", "500ms",
/// "1m30s"); false when it does not parse.
bool ParseGoDuration(const std::string& text, long long* milliseconds);

}  // namespace cairn::cli
