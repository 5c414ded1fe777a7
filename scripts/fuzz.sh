#!/usr/bin/env bash
# Builds the libFuzzer target with clang (ASan + UBSan) and fuzzes the parser.
#   scripts/fuzz.sh [SECONDS=600] [extra libFuzzer flags...]
# New inputs go to build-fuzz/corpus-run/; the committed seeds are tests/fuzz/corpus/.
# A crash leaves crash-* here: minimise it, add it to tests/fuzz/corpus/, fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
if ! command -v clang++ >/dev/null || ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "ok installed"; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
fi
SECONDS_TO_RUN="${1:-600}"; shift || true
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCAIRN_BUILD_FUZZ=ON -DCAIRN_BUILD_TESTS=OFF -DCAIRN_BUILD_BENCH=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link"
fi
cmake --build build-fuzz --target parse_fuzzer -j "$(nproc)"
mkdir -p build-fuzz/corpus-run
exec build-fuzz/tests/fuzz/parse_fuzzer -max_total_time="$SECONDS_TO_RUN" -timeout=10 \
  -rss_limit_mb=4096 -dict=tests/fuzz/hcl.dict -print_final_stats=1 "$@" \
  build-fuzz/corpus-run tests/fuzz/corpus
