#!/usr/bin/env bash
# Kills `cairn apply` at random moments ROUNDS times (default 1000) while it applies a
# configuration of real files (the test provider's test_file), and after each kill checks
# that the state parses and that the next apply ends with exactly one file per configured
# object, each recorded in the state: prints the kills, the journals replayed, the creates
# found in flight, and the orphans and duplicates (both must be 0).
#
# Usage: bench/crash/run.sh [ROUNDS] [SEED]   (needs a build: cmake --build build)
# The test suite runs the same test with 50 rounds.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
rounds=${1:-1000}
seed=${2:-$RANDOM}
start=$(date +%s)
log=$(mktemp)
CAIRN_CRASH_ROUNDS=$rounds CAIRN_CRASH_SEED=$seed \
  "$repo/build/tests/apply_crash_test" --gtest_filter='*KilledAtRandomMoments*' >"$log" 2>&1 || true
grep -E "crash test|OK \]|FAILED \]" "$log" || true
grep -A25 "Failure" "$log" | head -200 || true
rm -f "$log"
echo "wall time: $(( $(date +%s) - start )) s"
