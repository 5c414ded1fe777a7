/// Parse and fmt throughput and peak memory on a generated configuration, side by side with
/// `terraform fmt -` when a terraform binary is on PATH. Prints figures; asserts nothing.
///
///   build/bench/syntax_bench [MEGABYTES]    (default 10)

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "bench/gen_config.h"
#include "bench/measure.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parser.h"

namespace cairn::bench {
namespace {

void PrintRow(const std::string& what, const Measurement& m, double mb) {
  if (!m.ok) {
    fmt::print("{:<28} failed: {}\n", what, m.error);
    return;
  }
  fmt::print("{:<28} {:>8.3f} s {:>9.1f} MB/s {:>9.1f} MB peak ({:.1f}x input)\n", what,
             m.seconds, mb / m.seconds, m.peak_rss_mb, m.peak_rss_mb / mb);
}

int Main(int argc, char** argv) {
  double mb = argc > 1 ? std::atof(argv[1]) : 10.0;
  if (mb <= 0) {
    fmt::print(stderr, "usage: syntax_bench [MEGABYTES]\n");
    return 2;
  }
  std::string text = GenerateConfig(static_cast<size_t>(mb * 1024 * 1024));
  double size_mb = text.size() / (1024.0 * 1024.0);
  std::string path = fmt::format("/tmp/cairn-syntax-bench-{}.tf", getpid());
  {
    std::ofstream f(path, std::ios::binary);
    f << text;
  }
  fmt::print("input: {} ({:.2f} MB, {} lines)\n\n", path, size_mb,
             std::count(text.begin(), text.end(), '\n'));

  PrintRow("lex (library)", MeasureInChild([&] {
             auto r = syntax::Lex(text, path);
             return !r.diagnostics.HasErrors() && r.tokens.size() > 1;
           }),
           size_mb);
  PrintRow("check syntax (library)", MeasureInChild([&] {
             return !syntax::CheckSyntax(text, path).HasErrors();
           }),
           size_mb);
  PrintRow("parse to AST (library)", MeasureInChild([&] {
             auto r = syntax::ParseFile(text, path);
             return !r.diagnostics.HasErrors() && !r.file->body.blocks.empty();
           }),
           size_mb);
  PrintRow("cairn fmt - (process)", MeasureProgram({CAIRN_BINARY, "fmt", "-"}, path), size_mb);
  std::string terraform = FindOnPath("terraform");
  if (!terraform.empty()) {
    setenv("TF_CLI_CONFIG_FILE", "/dev/null", 1);
    PrintRow("terraform fmt - (process)", MeasureProgram({terraform, "fmt", "-"}, path), size_mb);
  } else {
    fmt::print("terraform fmt - (process)    skipped: no terraform on PATH\n");
  }
  std::remove(path.c_str());
  return 0;
}

}  // namespace
}  // namespace cairn::bench

int main(int argc, char** argv) { return cairn::bench::Main(argc, argv); }
