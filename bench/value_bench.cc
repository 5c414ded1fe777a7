/// Value model speed and memory: building, copying, converting, ordering, printing and
/// (de)serialising large values, at N and 2N elements so the growth is visible. Prints
/// figures; asserts nothing.
///
///   build/bench/value_bench [N]    (default 1000000)

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/measure.h"
#include "lang/base/convert.h"
#include "lang/base/number.h"
#include "lang/base/value.h"
#include "lang/base/value_console.h"
#include "lang/base/value_json.h"

namespace cairn::bench {
namespace {

Value IntList(size_t n) {
  std::vector<Value> elems;
  elems.reserve(n);
  for (size_t i = 0; i < n; i++) elems.push_back(Value::Int(static_cast<int64_t>(i)));
  return Value::List(Type::Number(), std::move(elems));
}

Value StringTuple(size_t n) {
  std::vector<Value> elems;
  elems.reserve(n);
  for (size_t i = 0; i < n; i++)
    elems.push_back(Value::String(fmt::format("item-{}", (i * 7919) % n)));
  return Value::Tuple(std::move(elems));
}

void Row(const std::string& what, size_t n, const Measurement& m) {
  if (!m.ok) {
    fmt::print("{:<44} n={:<9} failed: {}\n", what, n, m.error);
    return;
  }
  fmt::print("{:<44} n={:<9} {:>8.3f} s {:>8.1f} ns/elem {:>8.1f} MB peak\n", what, n, m.seconds,
             m.seconds * 1e9 / static_cast<double>(n), m.peak_rss_mb);
}

void RunAll(size_t n) {
  Row("build list of ints", n, MeasureInChild([&] { return IntList(n).Length() == n; }));
  Row("copy a list 1000 times (shared)", n, MeasureInChild([&] {
        Value l = IntList(n);
        size_t total = 0;
        for (int i = 0; i < 1000; i++) {
          Value c = l;
          total += c.Length();
        }
        return total == 1000 * n;
      }));
  Row("sum ints (int64 fast path)", n, MeasureInChild([&] {
        Number sum;
        for (size_t i = 0; i < n; i++) sum = *sum.Add(Number::FromInt64(static_cast<int64_t>(i)));
        return sum.Sign() > 0;
      }));
  Row("sum 512-bit fractions (MPFR)", n, MeasureInChild([&] {
        Number x = *Number::Parse("0.1");
        Number sum;
        for (size_t i = 0; i < n; i++) sum = *sum.Add(x);
        return sum.Sign() > 0;
      }));
  Row("print 1/3 at 512 bits", n / 10, MeasureInChild([&] {
        Number third = *Number::Parse("1")->Div(*Number::Parse("3"));
        size_t len = 0;
        for (size_t i = 0; i < n / 10; i++) len += third.ToString().size();
        return len > 0;
      }));
  Row("tuple of strings -> set(string)", n, MeasureInChild([&] {
        auto r = Convert(StringTuple(n), Type::Set(Type::String()));
        return r.ok() && r.value.Length() == n;
      }));
  Row("list(number) -> list(string)", n, MeasureInChild([&] {
        auto r = Convert(IntList(n), Type::List(Type::String()));
        return r.ok() && r.value.Length() == n;
      }));
  Row("tuple of strings -> list(any) (unify)", n, MeasureInChild([&] {
        auto r = Convert(StringTuple(n), Type::List(Type::Dynamic()));
        return r.ok() && r.value.Length() == n;
      }));
  Row("jsonencode list of ints", n, MeasureInChild([&] { return EncodeJson(IntList(n)).ok(); }));
  Row("jsondecode array of numbers", n, MeasureInChild([&] {
        std::string json = EncodeJson(IntList(n)).json;
        return DecodeJson(json).ok();
      }));
  Row("console-format list of ints", n,
      MeasureInChild([&] { return FormatConsoleValue(IntList(n)).size() > n; }));
}

int Main(int argc, char** argv) {
  long n = argc > 1 ? std::atol(argv[1]) : 1000000;
  if (n <= 0) {
    fmt::print(stderr, "usage: value_bench [N]\n");
    return 2;
  }
  RunAll(static_cast<size_t>(n));
  fmt::print("\n");
  RunAll(static_cast<size_t>(2 * n));
  return 0;
}

}  // namespace
}  // namespace cairn::bench

int main(int argc, char** argv) { return cairn::bench::Main(argc, argv); }
