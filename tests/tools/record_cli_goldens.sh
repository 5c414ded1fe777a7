#!/usr/bin/env bash
# Records the goldens of tests/cli/testdata/<group>/<case>/ from a real Terraform.
#
# A case directory holds the working directory's files plus:
#   cmd               one command line per step, as typed after `terraform` (shell quoting)
#   stdin.N           standard input of step N (optional; /dev/null otherwise)
#   make_state        if present, `terraform apply -auto-approve` is run on the case's files
#                     first and the terraform.tfstate it wrote is committed with the case;
#                     when it names a directory (relative to the case, e.g.
#                     ../../state_configs/full), `terraform init` and `apply` run on a copy of
#                     that directory instead, so the case itself holds no configuration
#   init              if present, `terraform init` runs in the scratch copy before the steps
#                     (for configurations with local modules; its output is discarded)
#   expected.N.out    stdout of step N
#   expected.N.err    stderr of step N
#   expected.N.rc     exit code of step N
# Terraform's product name in the plan texts Cairn's renderer prints is replaced by "Cairn"
# (tests/tools/cairn_product_name.py).
# Steps run in order in one scratch copy of the case, so a step sees the state the previous
# ones wrote. tests/cli/cli_golden_test.cc runs the same steps with cairn and compares.
# The test suite never runs this script; it only reads what it wrote.
#
# Usage: record_cli_goldens.sh [GROUP[/CASE]]
set -euo pipefail
root="$(cd "$(dirname "$0")/../cli/testdata" && pwd)"
tools="$(cd "$(dirname "$0")" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
for v in $(env | grep -o '^TF_VAR_[^=]*' || true); do unset "$v"; done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
filter="${1:-}"
for dir in "$root"/*/*/; do
  dir=${dir%/}
  rel=${dir#"$root"/}
  [[ -n "$filter" && "$rel" != "$filter" && "${rel%%/*}" != "$filter" ]] && continue
  [[ -e "$dir/cmd" ]] || continue  # shared configurations (state_configs/*) are no cases
  rm -rf "$scratch/work"
  mkdir -p "$scratch/work"
  config=""
  [[ -e "$dir/make_state" ]] && config="$(cat "$dir/make_state")"
  if [[ -n "$config" ]]; then
    rm -f "$dir/terraform.tfstate"
    cp -r "$dir/$config/." "$scratch/work/"
    (cd "$scratch/work" && terraform init -no-color >/dev/null &&
      terraform apply -auto-approve -no-color >/dev/null)
    cp "$scratch/work/terraform.tfstate" "$dir/terraform.tfstate"
    rm -rf "$scratch/work"
    mkdir -p "$scratch/work"
  elif [[ -e "$dir/make_state" ]]; then
    rm -f "$dir/terraform.tfstate"
    cp -r "$dir/." "$scratch/work/"
    (cd "$scratch/work" && terraform apply -auto-approve -no-color >/dev/null)
    cp "$scratch/work/terraform.tfstate" "$dir/terraform.tfstate"
    rm -rf "$scratch/work"
    mkdir -p "$scratch/work"
  fi
  cp -r "$dir/." "$scratch/work/"
  rm -f "$scratch/work"/expected.* "$scratch/work"/cmd "$scratch/work"/stdin.* \
    "$scratch/work"/make_state "$scratch/work"/init
  if [[ -e "$dir/init" ]]; then
    (cd "$scratch/work" && terraform init -no-color >/dev/null)
  fi
  rm -f "$dir"/expected.*
  n=0
  while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    input=/dev/null
    [[ -e "$dir/stdin.$n" ]] && input="$dir/stdin.$n"
    set +e
    (cd "$scratch/work" && eval "terraform $line" <"$input" \
      >"$dir/expected.$n.out" 2>"$dir/expected.$n.err")
    echo $? >"$dir/expected.$n.rc"
    set -e
    # Plan texts say "Cairn" where Terraform names itself (re-wrapped as Terraform wraps).
    python3 "$tools/cairn_product_name.py" "$dir/expected.$n.out"
    python3 "$tools/cairn_product_name.py" --errors "$dir/expected.$n.err"
  done <"$dir/cmd"
  echo "$rel: $n steps"
done
