// Prints how fast `cairn fmt` formats a large generated configuration (bench/gen_config.h)
// in MB/s, and how much of that is the lexer. Run by hand: build/bench/format_bench [megabytes]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench/gen_config.h"
#include "lang/format/format.h"
#include "lang/syntax/lexer.h"

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
  cairn::format::FormatResult r = cairn::format::Format(src, "bench.tf");
  auto t2 = std::chrono::steady_clock::now();
  if (r.diagnostics.HasErrors()) {
    std::fprintf(stderr, "unexpected error: %s\n", r.diagnostics[0].summary.c_str());
    return 1;
  }
  const double lex_s = Seconds(t1 - t0), total_s = Seconds(t2 - t1);
  std::printf("input: %.2f MB, %zu tokens, output %.2f MB\n", size_mb, lexed.tokens.size(),
              static_cast<double>(r.formatted.size()) / (1024.0 * 1024.0));
  std::printf("lex alone:            %.3f s  (%.1f MB/s)\n", lex_s, size_mb / lex_s);
  std::printf("Format (lex+layout):  %.3f s  (%.1f MB/s)\n", total_s, size_mb / total_s);
  std::printf("layout without lexing: ~%.3f s  (%.1f MB/s)\n", total_s - lex_s,
              size_mb / (total_s - lex_s));
  return 0;
}
