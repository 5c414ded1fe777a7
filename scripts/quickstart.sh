#!/usr/bin/env bash
# Sets up everything, builds, and runs Cairn on examples/quickstart.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
set -x
./build/cairn -chdir=examples/quickstart validate
./build/cairn fmt -check -diff examples/quickstart
echo 'local.tags' | ./build/cairn -chdir=examples/quickstart console -var environment=production
