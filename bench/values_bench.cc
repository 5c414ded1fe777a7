/// Evaluating a root module's named values (planner/values) on generated configurations:
///  - a graph of N locals (chains of 100 with fans: every third local also refers to its
///    chain's head, and every 1000th to the previous chain's last local), one output;
///  - `for` expressions over a list of N elements (built from N/1000 blocks of range(1000),
///    as range() stops at 1024 values, then flattened): `[for i in local.base : i * 2 if
///    i % 3 != 0]` and an object `for` with string keys, evaluated through EvaluateRootModule.
/// Each size runs in its own child process; peak memory is that process's maximum RSS
/// (the generated source and the parsed module included). Phases are timed in CPU time (the
/// machine is shared), the whole in wall time. Prints figures; asserts nothing.
///
///   build/bench/values_bench [LOCALS...] [--for ELEMENTS...]
///   (default: 10000 30000 100000 --for 100000 300000 1000000)

#include <unistd.h>

#include <time.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench/measure.h"
#include "lang/base/value_json.h"
#include "lang/config/loader.h"
#include "planner/values/input_values.h"
#include "planner/values/module_values.h"

namespace cairn::bench {
namespace {

std::string LocalsGraph(size_t n) {
  std::string out = "locals {\n";
  out.reserve(n * 48);
  for (size_t i = 0; i < n; ++i) {
    size_t head = i - i % 100;
    if (i % 100 == 0) {
      if (i >= 1000 && i % 1000 == 0) {
        out += fmt::format("  l{} = local.l{} + 1\n", i, i - 1);
      } else {
        out += fmt::format("  l{} = {}\n", i, i);
      }
    } else if (i % 3 == 0) {
      out += fmt::format("  l{} = local.l{} + local.l{}\n", i, i - 1, head);
    } else {
      out += fmt::format("  l{} = local.l{} + 1\n", i, i - 1);
    }
  }
  out += "}\n";
  out += fmt::format("output \"last\" {{\n  value = local.l{}\n}}\n", n - 1);
  return out;
}

std::string ForExpression(size_t n) {
  return fmt::format(
      "variable \"blocks\" {{\n  default = {}\n}}\n"
      "locals {{\n"
      "  base    = flatten([for b in range(var.blocks) : [for j in range(1000) : b * 1000 + j]])\n"
      "  doubled = [for i in local.base : i * 2 if i % 3 != 0]\n"
      "  keyed   = {{ for i in local.doubled : \"k${{i}}\" => i }}\n"
      "}}\n"
      "output \"count\" {{\n  value = [length(local.doubled), length(local.keyed)]\n}}\n",
      (n + 999) / 1000);
}

struct Phases {
  double load = 0, evaluate = 0;
};

/// Writes `text` to a scratch directory and measures load + evaluation in a child process.
void Run(const std::string& label, const std::string& text, size_t items) {
  std::filesystem::path dir = fmt::format("/tmp/cairn-values-bench-{}", getpid());
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "main.tf", std::ios::binary);
    f << text;
  }
  // The child reports its phase times through a pipe-free channel: a small file.
  std::filesystem::path phases_file = dir / "phases";
  Measurement m = MeasureInChild([&] {
    auto cpu = [] {
      timespec ts;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
      return ts.tv_sec + ts.tv_nsec * 1e-9;
    };
    double t0 = cpu();
    config::LoadResult loaded = config::LoadModule(dir.string());
    if (loaded.diagnostics.HasErrors()) return false;
    double t1 = cpu();
    planner::CollectInputsResult inputs =
        planner::CollectInputValues(loaded.module, dir.string(), {}, {});
    planner::EvaluateOptions options;
    options.planning = false;
    planner::ModuleValuesResult values =
        planner::EvaluateRootModule(loaded.module, inputs.values, options);
    double t2 = cpu();
    if (values.diagnostics.HasErrors()) return false;
    std::ofstream f(phases_file);
    f << (t1 - t0) << " " << (t2 - t1);
    for (const auto& [name, o] : values.values.outputs) {
      f << " " << name << "=" << EncodeJson(o.value.UnmarkedDeep()).json;
    }
    return true;
  });
  Phases p;
  std::string outputs;
  {
    std::ifstream f(phases_file);
    f >> p.load >> p.evaluate;
    std::getline(f, outputs);
  }
  std::filesystem::remove_all(dir);
  if (!m.ok) {
    fmt::print("{:<28} failed: {}\n", label, m.error);
    return;
  }
  fmt::print("{:<28} {:>8.3f} s wall; CPU: load {:.3f} s, evaluate {:.3f} s ({:.2f} us/item); "
             "{:>7.1f} MB peak;{}\n",
             label, m.seconds, p.load, p.evaluate, p.evaluate * 1e6 / items, m.peak_rss_mb,
             outputs);
}

int Main(int argc, char** argv) {
  std::vector<size_t> locals, fors;
  bool in_for = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--for") {
      in_for = true;
      continue;
    }
    size_t n = std::strtoull(a.c_str(), nullptr, 10);
    if (n == 0) {
      fmt::print(stderr, "usage: values_bench [LOCALS...] [--for ELEMENTS...]\n");
      return 2;
    }
    (in_for ? fors : locals).push_back(n);
  }
  if (locals.empty() && fors.empty()) {
    locals = {10000, 30000, 100000};
    fors = {100000, 300000, 1000000};
  }
  for (size_t n : locals) Run(fmt::format("{} locals", n), LocalsGraph(n), n);
  for (size_t n : fors) Run(fmt::format("for over {} elements", n), ForExpression(n), n);
  return 0;
}

}  // namespace
}  // namespace cairn::bench

int main(int argc, char** argv) { return cairn::bench::Main(argc, argv); }
