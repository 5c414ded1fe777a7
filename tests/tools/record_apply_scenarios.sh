#!/usr/bin/env bash
# Records what the real terraform prints when it applies each two-step scenario of
# tests/planner/render/testdata/<name> (b.tf applied on state.tfstate, the state terraform wrote
# after applying a.tf, with the scenario's `args` and -auto-approve): apply.txt (stdout, the
# product name substituted by cairn_product_name.py) and apply_outputs.json (`terraform output
# -json` afterwards). tests/cli/plan_scenarios_test.cc compares Cairn's apply with them.
# Scenarios terraform cannot apply (the test provider) are skipped.
#
# Usage: tests/tools/record_apply_scenarios.sh [NAME...]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
root="$repo/tests/planner/render/testdata"
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  for d in "$root"/*/; do [[ -e "$d/plan.txt" ]] && names+=("$(basename "$d")"); done
fi
for name in "${names[@]}"; do
  dir="$root/$name"
  grep -q "cairn.dev/test" "$dir"/*.tf 2>/dev/null && { echo "$name: skipped (test provider)"; continue; }
  work=$(mktemp -d)
  cp "$dir/b.tf" "$work/main.tf"
  for sub in "$dir"/*/; do [[ -d "$sub" ]] && cp -r "$sub" "$work/"; done
  cp "$dir/state.tfstate" "$work/terraform.tfstate"
  args=()
  [[ -e "$dir/args" ]] && read -r -a args <"$dir/args"
  if (cd "$work" && terraform init -no-color >/dev/null &&
      terraform apply -auto-approve -no-color "${args[@]}" >"$work/apply.out" 2>"$work/apply.err"); then
    cp "$work/apply.out" "$dir/apply.txt"
    python3 "$repo/tests/tools/cairn_product_name.py" "$dir/apply.txt"
    (cd "$work" && terraform output -json) >"$dir/apply_outputs.json"
    echo "$name: recorded"
  else
    echo "$name: terraform failed: $(head -c 300 "$work/apply.err")"
  fi
  rm -rf "$work"
done
