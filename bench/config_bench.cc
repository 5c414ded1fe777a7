/// Loading a configuration directory (lang/config) on a generated configuration: the library
/// call and `cairn validate` as a process; with `--terraform`, also `terraform validate` (slow:
/// it runs Terraform's whole validation walk; minutes for a few megabytes). Prints figures;
/// asserts nothing.
///
///   build/bench/config_bench [MEGABYTES] [--terraform]    (default 10)

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "bench/gen_config.h"
#include "bench/measure.h"
#include "lang/config/loader.h"

namespace cairn::bench {
namespace {

void PrintRow(const std::string& what, const Measurement& m, double mb) {
  if (!m.ok) {
    fmt::print("{:<30} failed: {}\n", what, m.error);
    return;
  }
  fmt::print("{:<30} {:>8.3f} s {:>9.1f} MB/s {:>9.1f} MB peak ({:.1f}x input)\n", what,
             m.seconds, mb / m.seconds, m.peak_rss_mb, m.peak_rss_mb / mb);
}

int Main(int argc, char** argv) {
  double mb = argc > 1 ? std::atof(argv[1]) : 10.0;
  bool with_terraform = argc > 2 && std::string(argv[2]) == "--terraform";
  if (mb <= 0) {
    fmt::print(stderr, "usage: config_bench [MEGABYTES]\n");
    return 2;
  }
  std::string text = GenerateConfig(static_cast<size_t>(mb * 1024 * 1024));
  double size_mb = text.size() / (1024.0 * 1024.0);
  std::filesystem::path dir = fmt::format("/tmp/cairn-config-bench-{}", getpid());
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "main.tf", std::ios::binary);
    f << text;
  }
  fmt::print("input: {} ({:.2f} MB, {} lines)\n\n", (dir / "main.tf").string(), size_mb,
             std::count(text.begin(), text.end(), '\n'));

  PrintRow("LoadModule (library)", MeasureInChild([&] {
             config::LoadResult r = config::LoadModule(dir.string());
             return !r.diagnostics.HasErrors() && !r.module.resources.empty();
           }),
           size_mb);
  PrintRow("cairn validate (process)",
           MeasureProgram({CAIRN_BINARY, "validate", dir.string()}, "/dev/null"), size_mb);
  std::string terraform = with_terraform ? FindOnPath("terraform") : "";
  if (!terraform.empty()) {
    setenv("TF_CLI_CONFIG_FILE", "/dev/null", 1);
    PrintRow("terraform validate (process)",
             MeasureProgram({terraform, "-chdir=" + dir.string(), "validate"}, "/dev/null"),
             size_mb);
  } else {
    fmt::print("terraform validate (process)    skipped (pass --terraform, needs it on PATH)\n");
  }
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace cairn::bench

int main(int argc, char** argv) { return cairn::bench::Main(argc, argv); }
