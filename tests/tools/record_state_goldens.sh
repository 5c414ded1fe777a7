#!/usr/bin/env bash
# Records tests/state/testdata/<case>/terraform.tfstate: the state a real Terraform writes
# when applying <case>/main.tf (with <case>/args, if present, as extra apply arguments).
# tests/state/statefile_test.cc reads each back and checks Cairn rewrites it byte for byte
# (only a "cairn_version" line added). The test suite never runs this script.
set -euo pipefail
root="$(cd "$(dirname "$0")/../state/testdata" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for dir in "$root"/*/; do
  dir=${dir%/}
  rm -rf "$scratch/work"
  mkdir -p "$scratch/work"
  cp "$dir/main.tf" "$scratch/work/"
  args=()
  [[ -e "$dir/args" ]] && read -r -a args <"$dir/args"
  (cd "$scratch/work" && terraform apply -auto-approve -no-color "${args[@]}" >/dev/null)
  cp "$scratch/work/terraform.tfstate" "$dir/terraform.tfstate"
  echo "${dir##*/}: recorded"
done
