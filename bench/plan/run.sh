#!/usr/bin/env bash
# Times `plan` of generated terraform_data configurations with cairn and terraform: the first
# plan (no state: everything to create) and the plan against the state of the applied
# configuration (no changes). Prints one markdown table row per measurement: shape, instances,
# tool, which plan, wall time (best of REPEAT runs), its CPU time and peak RSS.
#
# Each run's output is checked: a first plan must end with "Plan: N to add, 0 to change, 0 to
# destroy.", a plan against the state must say "No changes.". A failed check prints the row
# with "FAILED" and the output's last lines on stderr.
#
# Usage: bench/plan/run.sh [-t cairn|terraform|both] [-r REPEAT] [-w WORKDIR] [CASE...]
#   CASE is SHAPE:N or SHAPE:N:K (e.g. chain:1000, count:1000000:500 for 2,000 blocks of
#   count = 500); the default is every shape at 1000 and 2000 instances, plus independent
#   and count at 10000.
#   CAIRN defaults to build/cairn of this checkout; TERRAFORM to `terraform` on PATH.
# Never run by the test suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools=both
repeat=3
work=""
while getopts "t:r:w:" opt; do
  case $opt in
    t) tools=$OPTARG ;;
    r) repeat=$OPTARG ;;
    w) work=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
cases=("$@")
if [[ ${#cases[@]} -eq 0 ]]; then
  for n in 1000 2000; do
    for s in independent chain dag count for_each cross; do cases+=("$s:$n"); done
  done
  cases+=("independent:10000" "count:10000")
fi
CAIRN=${CAIRN:-$repo/build/cairn}
TERRAFORM=${TERRAFORM:-terraform}
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
if [[ -z "$work" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi

# measure TOOL DIR EXPECT: prints "seconds cpu_seconds peak_mb" of the best run (by wall
# time; CPU is user + system, which a busy machine does not inflate), or "FAILED".
measure() {
  local tool=$1 dir=$2 expect=$3 best="" best_mb="" best_cpu="" bin
  if [[ $tool == cairn ]]; then bin=$CAIRN; else bin=$TERRAFORM; fi
  for ((i = 0; i < repeat; i++)); do
    if ! /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$bin" -chdir="$dir" plan -input=false \
        -no-color >"$work/out" 2>&1 || ! grep -qF "$expect" "$work/out"; then
      echo "$tool in $dir: expected \"$expect\"; got:" >&2
      tail -n 15 "$work/out" >&2
      echo "FAILED"
      return
    fi
    read -r secs kb user sys <"$work/time"
    if [[ -z $best ]] || awk "BEGIN{exit !($secs < $best)}"; then
      best=$secs
      best_mb=$((kb / 1024))
      best_cpu=$(awk "BEGIN{printf \"%.2f\", $user + $sys}")
    fi
  done
  echo "$best $best_cpu $best_mb"
}

echo "| shape | instances | tool | plan | time (s) | CPU (s) | peak RSS (MB) |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for c in "${cases[@]}"; do
  IFS=: read -r shape n k <<<"$c"
  per_block=()
  [[ -n $k ]] && per_block=(--per-block "$k")
  dir="$work/$shape-$n"
  rm -rf "$dir"
  made=$(python3 "$here/gen_plan_config.py" "$shape" "$n" "$dir" "${per_block[@]}")
  count=${made%% *}
  for tool in cairn terraform; do
    [[ $tools != both && $tools != "$tool" ]] && continue
    rm -f "$dir/terraform.tfstate"
    python3 "$here/gen_plan_config.py" "$shape" "$n" "$dir" "${per_block[@]}" >/dev/null
    r=$(measure "$tool" "$dir" "Plan: $count to add, 0 to change, 0 to destroy.")
    echo "| $shape | $count | $tool | first (no state) | ${r// / | } |"
    python3 "$here/gen_plan_config.py" "$shape" "$n" "$dir" "${per_block[@]}" --state >/dev/null
    r=$(measure "$tool" "$dir" "No changes.")
    echo "| $shape | $count | $tool | no changes (state) | ${r// / | } |"
  done
done
