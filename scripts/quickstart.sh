#!/usr/bin/env bash
# Sets up everything, builds, and runs Cairn on examples/quickstart: validate, fmt, console,
# then plan and apply in a scratch copy (the example directory keeps no state), a second plan
# that finds nothing to do, and the resulting state.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp examples/quickstart/*.tf "$work/"
set -x
./build/cairn -chdir=examples/quickstart validate
./build/cairn fmt -check -diff examples/quickstart
echo 'local.tags' | ./build/cairn -chdir=examples/quickstart console -var environment=production
./build/cairn -chdir="$work" plan
./build/cairn -chdir="$work" apply -auto-approve
./build/cairn -chdir="$work" plan -detailed-exitcode
./build/cairn -chdir="$work" show
