#pragma once
/// Measuring one operation in a child process: wall time and the child's peak memory.

#include <functional>
#include <string>
#include <vector>

namespace cairn::bench {

struct Measurement {
  bool ok = false;
  double seconds = 0;
  double peak_rss_mb = 0;  // the child's maximum resident set size
  std::string error;
};

/// Runs `work` in a forked child (so its peak memory is its own) and measures it.
/// `work` returns false on failure. The time is measured inside the child around `work` only.
Measurement MeasureInChild(const std::function<bool()>& work);

/// Runs a program with stdin from `stdin_path` and stdout/stderr to /dev/null, measuring its
/// wall time and peak memory (from wait4's rusage). Fails if it cannot be started or exits
/// non-zero.
Measurement MeasureProgram(const std::vector<std::string>& argv, const std::string& stdin_path);

/// Finds `name` on PATH; empty when absent.
std::string FindOnPath(const std::string& name);

}  // namespace cairn::bench
