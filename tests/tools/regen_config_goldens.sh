#!/usr/bin/env bash
# Regenerates the goldens of tests/lang/config/testdata/<case>/ from a real Terraform:
#   expected.json     stdout of `terraform validate -json`
#   expected.txt      stderr of `terraform validate -no-color` (errors)
#   expected.out.txt  stdout of `terraform validate -no-color` (warnings, success message)
#   expected.rc       exit code of `terraform validate -no-color`
# Each case is copied to a scratch directory and `terraform init -backend=false` is run there
# first (needed when a case calls local modules; it may fail on broken cases, which is fine).
# The test suite never runs this; it only reads what it wrote.
set -euo pipefail
cd "$(dirname "$0")/../lang/config/testdata"
export TF_CLI_CONFIG_FILE=/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for case in */; do
  case=${case%/}
  [[ -n "${1:-}" && "$case" != "$1" ]] && continue
  rm -rf "$scratch/$case"
  mkdir -p "$scratch/$case"
  cp -r "$case/." "$scratch/$case/"
  rm -f "$scratch/$case"/expected*
  (cd "$scratch/$case" && terraform init -backend=false -no-color >/dev/null 2>&1 || true)
  (cd "$scratch/$case" && terraform validate -json >"$OLDPWD/$case/expected.json" 2>/dev/null || true)
  set +e
  (cd "$scratch/$case" && terraform validate -no-color \
     >"$OLDPWD/$case/expected.out.txt" 2>"$OLDPWD/$case/expected.txt")
  echo $? >"$case/expected.rc"
  set -e
  echo "$case: rc=$(cat "$case/expected.rc")"
done
