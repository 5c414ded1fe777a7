#!/usr/bin/env bash
# Re-records the goldens of tests/lang/base/diagnostic_{text,json}_test.cc from a real
# Terraform (1.11) on PATH. For each case directory holding a main.tf it writes:
#   stdout.txt / stderr.txt              terraform validate -no-color
#   color_stdout.txt / color_stderr.txt  terraform validate (colours on; stdout is a pipe, so
#                                        the width is the non-terminal default of 78)
#   validate.json                        terraform validate -json (stdout)
#   plan_diagnostics.jsonl               the "type":"diagnostic" lines of terraform plan -json,
#                                        timestamps replaced by 2000-01-01T00:00:00.000000Z
# The test suite never runs terraform; run this by hand after changing a case.
# Terraform evaluates concurrently, so the order of several evaluation errors in validate.json
# (function_call) can change between runs; the test builds them in the recorded order, so
# after re-recording, keep the old validate.json if only its order changed.
set -euo pipefail
cases="$(cd "$(dirname "$0")/../lang/base/testdata/diagnostics" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
for dir in "$cases"/*/; do
  work="$(mktemp -d)"
  cp "$dir/main.tf" "$work/main.tf"
  (
    cd "$work"
    terraform validate -no-color >"$dir/stdout.txt" 2>"$dir/stderr.txt" || true
    terraform validate >"$dir/color_stdout.txt" 2>"$dir/color_stderr.txt" || true
    terraform validate -json >"$dir/validate.json" 2>/dev/null || true
    { terraform plan -json 2>/dev/null || true; } | grep '"type":"diagnostic"' |
      sed -E 's/"@timestamp":"[^"]*"/"@timestamp":"2000-01-01T00:00:00.000000Z"/' \
        >"$dir/plan_diagnostics.jsonl" || true
  )
  rm -rf "$work"
  echo "recorded $(basename "$dir")"
done
