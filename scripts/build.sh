#!/usr/bin/env bash
# Configures and builds Cairn into build/ (Release with assertions kept off).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_TYPE="${CAIRN_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE"
fi
cmake --build build -j "$(nproc)"
