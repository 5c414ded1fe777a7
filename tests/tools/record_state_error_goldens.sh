#!/usr/bin/env bash
# Records tests/state/testdata/errors/golden.txt: for each line of cases.txt (the contents of
# a state's `resources` array), what `terraform show` says of that state file: each problem
# of "Plan read error: ..." as "Summary: detail" (re-joined from Terraform's wrapping), or "ok"
# when it reads. tests/state/statefile_test.cc compares Cairn's reader with it. The test suite
# never runs this script.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../state/testdata/errors" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
out="$dir/golden.txt"
: >"$out"
while IFS= read -r resources; do
  printf '== %s\n' "$resources" >>"$out"
  printf '{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"x","outputs":{},"resources":[%s],"check_results":null}\n' \
    "$resources" >"$scratch/s.tfstate"
  (cd "$scratch" && terraform show -no-color s.tfstate 2>&1 || true) | python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"Plan read error: (.*)", text, re.S)
if not m:
    print("ok")
    sys.exit(0)
body = m.group(1).strip()
first = re.match(r"\d+ problems:\n\n", body)
if first:
    items = re.split(r"\n- ", "\n" + body[first.end():])
    items = [i for i in items if i.strip()]
else:
    items = [body]
for i in items:
    print(" ".join(i.lstrip("- ").split("\n")))
' >>"$out"
done <"$dir/cases.txt"
echo "recorded $(grep -c '^==' "$out") cases"
