#!/usr/bin/env bash
# Regenerates the `cairn fmt` goldens under tests/lang/format/testdata with the real Terraform.
# For every NAME.tf / NAME.tfvars it runs `terraform fmt -` on the file's bytes and records:
#   NAME.golden  the formatted output (when terraform accepts the file), or
#   NAME.stderr + NAME.exit  terraform's error output and exit code (when it rejects it).
# The test suite never runs terraform; run this script by hand after adding or changing inputs.
set -euo pipefail
here="$(cd "$(dirname "$0")/../lang/format/testdata" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
cd "$here"
rm -f ./*.golden ./*.stderr ./*.exit
n=0
for f in *.tf *.tfvars; do
  [ -e "$f" ] || continue
  base="${f%.*}"
  set +e
  terraform fmt -no-color - <"$f" >"$base.out.tmp" 2>"$base.err.tmp"
  rc=$?
  set -e
  if [ "$rc" -eq 0 ]; then
    mv "$base.out.tmp" "$base.golden"
    rm -f "$base.err.tmp"
  else
    mv "$base.err.tmp" "$base.stderr"
    echo "$rc" >"$base.exit"
    rm -f "$base.out.tmp"
  fi
  n=$((n + 1))
done
echo "regenerated goldens for $n inputs in $here"
