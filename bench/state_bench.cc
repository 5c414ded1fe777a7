/// State file speed and memory: states of terraform_data-like instances (ten resources with
/// count, each instance with Terraform's attributes, and a dependency), written by Cairn,
/// read back and written again. Each size runs in its own child processes so the peak
/// memory is that size's alone. Prints figures; asserts nothing (it fails only if a state
/// does not read back to the same bytes).
///
///   build/bench/state_bench [N...]    (default 10000 100000 1000000)

#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/measure.h"
#include "lang/base/addrs.h"
#include "state/state.h"
#include "state/statefile.h"

namespace cairn::bench {
namespace {

constexpr size_t kResources = 10;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// CPU time (user + system) of this process: on a loaded machine the wall time says little.
double Cpu() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

/// "1.23 s (cpu 0.98 s)"
std::string Took(double wall0, double wall1, double cpu0, double cpu1) {
  return fmt::format("{:.2f} s (cpu {:.2f} s)", wall1 - wall0, cpu1 - cpu0);
}

/// A state of `n` instances: resources terraform_data.r0..r9 with count, attributes as the
/// terraform_data provider records them, each depending on the resource before it.
state::State MakeState(size_t n) {
  state::State s;
  s.terraform_version = "1.11.4";
  s.serial = 7;
  s.lineage = "0b6f3a56-2f5e-4b8e-9d0c-7f9e2b1c4d3a";
  const std::string provider = "provider[\"terraform.io/builtin/terraform\"]";
  for (size_t r = 0; r < kResources; ++r) {
    state::ResourceState res;
    res.addr.resource = {addrs::ResourceMode::kManaged, "terraform_data", fmt::format("r{}", r)};
    res.provider = provider;
    size_t count = n / kResources + (r < n % kResources ? 1 : 0);
    res.instances.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      state::InstanceState inst;
      inst.key = addrs::InstanceKey::Int(static_cast<int64_t>(i));
      state::ObjectState o;
      o.attributes_json = fmt::format(
          "{{\"id\":\"{:08x}-{:04x}-{:04x}-{:04x}-{:012x}\",\"input\":{{\"value\":\"v-{}-{}\","
          "\"type\":\"string\"}},\"output\":{{\"value\":\"v-{}-{}\",\"type\":\"string\"}},"
          "\"triggers_replace\":null}}",
          i * 2654435761u % 0xffffffffu, r, i % 0xffff, (i * 7) % 0xffff, i * 40503u, r, i, r, i);
      if (r > 0) o.dependencies.push_back(fmt::format("terraform_data.r{}", r - 1));
      inst.current = std::move(o);
      res.instances.push_back(std::move(inst));
    }
    s.resources.push_back(std::move(res));
  }
  std::sort(
      s.resources.begin(), s.resources.end(),
      [](const state::ResourceState& a, const state::ResourceState& b) { return a.addr < b.addr; });
  return s;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string out;
  in.seekg(0, std::ios::end);
  out.resize(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  return out;
}

void Row(const std::string& what, size_t n, const Measurement& m, const std::string& extra) {
  if (!m.ok) {
    fmt::print("{:<34} n={:<8} failed: {}\n", what, n, m.error);
    return;
  }
  fmt::print("{:<34} n={:<8} {:>7.2f} s {:>8.1f} MB peak  {}\n", what, n, m.seconds, m.peak_rss_mb,
             extra);
}

/// Runs `work` in a child; `work` writes a one-line note (its own phase timings) into the
/// file `note_path`, which the row prints.
void RunSize(size_t n, const std::string& dir) {
  const std::string path = fmt::format("{}/state-{}.tfstate", dir, n);
  const std::string note_path = path + ".note";
  auto note = [&](const std::string& text) { std::ofstream(note_path) << text; };
  auto read_note = [&] {
    std::string t = Slurp(note_path);
    std::remove(note_path.c_str());
    return t;
  };

  Measurement gen = MeasureInChild([&] {
    double t0 = Now(), c0 = Cpu();
    state::State s = MakeState(n);
    double t1 = Now(), c1 = Cpu();
    state::WriteStateResult w = state::WriteStateFile(s);
    double t2 = Now(), c2 = Cpu();
    std::ofstream(path, std::ios::binary) << w.bytes;
    note(fmt::format("build {}, write {}, {:.0f} MB of JSON", Took(t0, t1, c0, c1),
                     Took(t1, t2, c1, c2), static_cast<double>(w.bytes.size()) / 1e6));
    return w.ok();
  });
  Row("build State, write file", n, gen, gen.ok ? read_note() : "");
  if (!gen.ok) return;

  Measurement rw = MeasureInChild([&] {
    std::string text = Slurp(path);
    const size_t original_hash = std::hash<std::string>()(text);
    double t0 = Now(), c0 = Cpu();
    state::ReadStateResult r = state::ReadStateFile(text);
    double t1 = Now(), c1 = Cpu();
    if (!r.state || r.diagnostics.HasErrors()) return false;
    std::string().swap(text);  // the input is not needed any more
    double t2 = Now(), c2 = Cpu();
    state::WriteStateResult w = state::WriteStateFile(*r.state);
    double t3 = Now(), c3 = Cpu();
    bool same = std::hash<std::string>()(w.bytes) == original_hash;
    note(fmt::format("read {}, write {}, {} instances, rewritten {}", Took(t0, t1, c0, c1),
                     Took(t2, t3, c2, c3), r.state->InstanceCount(),
                     same ? "byte for byte" : "DIFFERENTLY"));
    return same;
  });
  Row("read file, write it again", n, rw, read_note());
  std::remove(path.c_str());
}

int Main(int argc, char** argv) {
  std::vector<size_t> sizes;
  for (int i = 1; i < argc; ++i) {
    long n = std::atol(argv[i]);
    if (n <= 0) {
      fmt::print(stderr, "usage: state_bench [N...]\n");
      return 2;
    }
    sizes.push_back(static_cast<size_t>(n));
  }
  if (sizes.empty()) sizes = {10000, 100000, 1000000};
  const char* tmp = std::getenv("TMPDIR");
  std::string dir = tmp && *tmp ? tmp : "/tmp";
  for (size_t n : sizes) RunSize(n, dir);
  return 0;
}

}  // namespace
}  // namespace cairn::bench

int main(int argc, char** argv) { return cairn::bench::Main(argc, argv); }
