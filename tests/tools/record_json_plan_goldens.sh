#!/bin/bash
# Records the JSON plan goldens of tests/planner/render with the real terraform:
# for each scenario, `terraform apply` of the "before" configuration (when it has one), then
# `terraform plan -out=p` of the "after" configuration, `terraform show -json p` and
# `terraform plan -json`. Run from the repository root; needs terraform on PATH. Arguments name
# the scenarios to record (default: all); the tests' hand-built plans hold the object ids of
# the recorded ones, so re-recording one means updating tests/planner/render/plan_fixtures.cc.
set -euo pipefail
out="$PWD/tests/planner/render/testdata"
tf() { TF_CLI_CONFIG_FILE=/dev/null terraform "$@"; }
only=" $* "

record() {  # record NAME BEFORE_DIR AFTER_DIR [PRE_PLAN_COMMAND [PLAN_ARGS...]]
  local name="$1" before="$2" after="$3" pre="${4:-true}"
  shift 4 || shift $#
  local plan_args=("$@")
  if [ "$only" != "  " ] && [[ "$only" != *" $name "* ]]; then return 0; fi
  local work; work="$(mktemp -d)"
  if [ -n "$before" ]; then
    cp -r "$before"/. "$work"/
    (cd "$work" && tf init -no-color >/dev/null && tf apply -auto-approve -no-color -var-file=vars.tfvars >/dev/null)
    find "$work" -maxdepth 1 -name '*.tf' -delete
    rm -rf "$work"/mod
  fi
  cp -r "$after"/. "$work"/
  (cd "$work" && tf init -no-color >/dev/null && eval "$pre" >/dev/null &&
    tf plan -no-color -out=p -var-file=vars.tfvars "${plan_args[@]}" >/dev/null &&
    tf show -json p > "$out/$name.show.json" &&
    tf plan -no-color -json -var-file=vars.tfvars "${plan_args[@]}" > "$out/$name.plan_json.txt")
  rm -rf "$work"
}

src="$PWD/tests/planner/render/scenarios"
record create "" "$src/create"
record change "$src/change_before" "$src/change_after"
record reasons "$src/reasons" "$src/reasons" \
  "TF_CLI_CONFIG_FILE=/dev/null terraform taint -no-color terraform_data.tainted" \
  -replace=terraform_data.requested
record destroy "$src/change_before" "$src/change_before" true -destroy
record provisioners "" "$src/provisioners"
