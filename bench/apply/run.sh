#!/usr/bin/env bash
# Apply benchmarks (issue #5). Prints markdown table rows.
#
# 1. N independent terraform_data instances applied from nothing (`apply -auto-approve`),
#    cairn and terraform side by side in the same run (terraform's run is cut at TIMEOUT
#    seconds and then reported as a lower bound). Default N: 1000 2000 5000 10000 for cairn,
#    and terraform for N <= TF_MAX (default 10000).
# 2. A 10-deep, 50-wide DAG of test_sleep resources taking 50 ms each, at -parallelism=50:
#    the whole `cairn apply PLANFILE` against the 0.5 s critical path.
#
# Usage: bench/apply/run.sh [-t cairn|terraform|both] [-T TIMEOUT] [-m TF_MAX] [N...]
# Needs a build (build/cairn and build/cairn-provider-test). Never run by the
# test suite.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
tools=both
timeout_s=1800
tf_max=10000
while getopts "t:T:m:" opt; do
  case $opt in
    t) tools=$OPTARG ;;
    T) timeout_s=$OPTARG ;;
    m) tf_max=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000 2000 5000 10000)
CAIRN=${CAIRN:-$repo/build/cairn}
TERRAFORM=${TERRAFORM:-terraform}
PLUGIN=${PLUGIN:-$repo/build/cairn-provider-test}
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run TOOL DIR EXPECT ARGS...: prints "seconds cpu peak_mb" or "FAILED"/">TIMEOUT".
run() {
  local tool=$1 dir=$2 expect=$3 bin
  shift 3
  if [[ $tool == cairn ]]; then bin=$CAIRN; else bin=$TERRAFORM; fi
  local rc=0
  timeout "$timeout_s" /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$bin" \
    -chdir="$dir" "$@" >"$work/out" 2>&1 || rc=$?
  if [[ $rc -eq 124 ]]; then
    echo ">$timeout_s ($(grep -c 'Creation complete' "$work/out") done) - -"
    return
  fi
  if [[ $rc -ne 0 ]]; then
    tail -n 15 "$work/out" >&2
    echo "FAILED - -"
    return
  fi
  if ! grep -qF "$expect" "$work/out"; then
    echo "$tool: expected \"$expect\"; got:" >&2
    tail -n 15 "$work/out" >&2
    echo "FAILED - -"
    return
  fi
  read -r secs kb user sys <"$work/time"
  echo "$secs $(awk "BEGIN{printf \"%.2f\", $user + $sys}") $((kb / 1024))"
}

echo "| case | instances | tool | time (s) | CPU (s) | peak RSS (MB) |"
echo "| --- | --- | --- | --- | --- | --- |"
for n in "${sizes[@]}"; do
  for tool in cairn terraform; do
    [[ $tools != both && $tools != "$tool" ]] && continue
    [[ $tool == terraform && $n -gt $tf_max ]] && continue
    dir="$work/independent-$n-$tool"
    rm -rf "$dir"
    python3 "$repo/bench/plan/gen_plan_config.py" independent "$n" "$dir" >/dev/null
    r=$(run "$tool" "$dir" "Apply complete! Resources: $n added" apply -auto-approve \
        -input=false -no-color)
    echo "| independent terraform_data, apply from nothing | $n | $tool | ${r// / | } |"
  done
done

if [[ $tools != terraform ]]; then
  dir="$work/dag"
  n=$(python3 "$here/gen_dag.py" "$dir" 10 50 50)
  mkdir -p "$dir/.cairn/plugins"
  ln -s "$PLUGIN" "$dir/.cairn/plugins/cairn-provider-test"
  "$CAIRN" -chdir="$dir" plan -out=p -no-color >/dev/null
  r=$(run cairn "$dir" "Apply complete! Resources: $n added" apply -parallelism=50 -no-color p)
  echo "| 10 deep x 50 wide DAG, 50 ms each, -parallelism=50 (critical path 0.5 s) | $n | cairn | ${r// / | } |"
fi
