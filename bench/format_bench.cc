// Prints how fast `cairn fmt` formats a large generated configuration (bench/gen_config.h)
// in MB/s, and how much of that is the lexer. Run by hand: build/bench/format_bench [megabytes]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/gen_config.h"
#include "lang/format/format.h"
#include "lang/syntax/lexer.h"
#include "lang/syntax/parser.h"

namespace {

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

int main(int argc, char** argv) {
  const double mb = argc > 1 ? std::atof(argv[1]) : 10.0;
  const std::string src = cairn::bench::GenerateConfig(static_cast<size_t>(mb * 1024 * 1024));
  const double size_mb = static_cast<double>(src.size()) / (1024.0 * 1024.0);

  auto t0 = std::chrono::steady_clock::now();
  cairn::syntax::LexResult lexed = cairn::syntax::Lex(src, "bench.tf");
  auto t1 = std::chrono::steady_clock::now();
  cairn::Diagnostics check = cairn::syntax::CheckSyntax(src, "bench.tf");
  auto t2 = std::chrono::steady_clock::now();
  cairn::format::FormatResult laid_out = cairn::format::FormatTokens(src, lexed.tokens, "bench.tf");
  auto t3 = std::chrono::steady_clock::now();
  cairn::format::FormatResult r = cairn::format::Format(src, "bench.tf");
  auto t4 = std::chrono::steady_clock::now();
  if (check.HasErrors() || r.diagnostics.HasErrors() || laid_out.formatted != r.formatted) {
    std::fprintf(stderr, "unexpected error or mismatch\n");
    return 1;
  }
  auto row = [&](const char* what, std::chrono::steady_clock::duration d) {
    std::printf("%-34s %7.3f s  %8.1f MB/s\n", what, Seconds(d), size_mb / Seconds(d));
  };
  std::printf("input: %.2f MB, %zu tokens, output %.2f MB\n", size_mb, lexed.tokens.size(),
              static_cast<double>(r.formatted.size()) / (1024.0 * 1024.0));
  row("lex", t1 - t0);
  row("syntax check (parser)", t2 - t1);
  row("layout: rewrites, cells, output", t3 - t2);
  row("Format (check + lex + layout)", t4 - t3);
  return 0;
}
