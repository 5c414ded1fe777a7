#!/usr/bin/env bash
# Records tests/state/testdata/<case>/terraform.tfstate: the state a real Terraform writes
# for <case>: `terraform apply` of <case>/main.tf (with <case>/args, if present, as extra
# apply arguments), or, when <case>/record.sh exists, whatever that script does (run with
# bash in a scratch copy of the case). tests/state/statefile_test.cc reads each back and
# checks Cairn rewrites it byte for byte (only a "cairn_version" line added). The test suite
# never runs this script.
set -euo pipefail
root="$(cd "$(dirname "$0")/../state/testdata" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for dir in "$root"/*/; do
  dir=${dir%/}
  [[ -e "$dir/main.tf" ]] || continue
  rm -rf "$scratch/work"
  cp -r "$dir" "$scratch/work"
  rm -f "$scratch/work/terraform.tfstate" "$scratch/work/args" "$scratch/work/record.sh"
  if [[ -e "$dir/record.sh" ]]; then
    (cd "$scratch/work" && terraform init -no-color >/dev/null && bash "$dir/record.sh")
  else
    args=()
    [[ -e "$dir/args" ]] && read -r -a args <"$dir/args"
    (cd "$scratch/work" && terraform init -no-color >/dev/null &&
      terraform apply -auto-approve -no-color "${args[@]}" >/dev/null)
  fi
  cp "$scratch/work/terraform.tfstate" "$dir/terraform.tfstate"
  echo "${dir##*/}: recorded"
done
