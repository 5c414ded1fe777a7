#!/usr/bin/env bash
# Records tests/lang/base/testdata/addrs/golden.txt: for each line of cases.txt, what
# `terraform import ADDRESS x` says about the address (it parses it with
# addrs.ParseAbsResourceInstance over hclsyntax.ParseTraversalAbs, in a pseudo-file named
# "<import-address>"): each error's summary and detail (re-joined from Terraform's 78-column
# wrapping), or, for an address that parses, the address as Terraform prints it back ("does
# not exist in the configuration"). tests/lang/base/addrs_test.cc compares Cairn's parser with
# it. The test suite never runs this script.
set -euo pipefail
dir="$(cd "$(dirname "$0")/../lang/base/testdata/addrs" && pwd)"
export TF_CLI_CONFIG_FILE=/dev/null
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && echo 'terraform {}' >main.tf && terraform init -no-color >/dev/null)
out="$dir/golden.txt"
: >"$out"
while IFS= read -r addr; do
  printf '== %s\n' "$addr" >>"$out"
  (cd "$scratch" && terraform import -no-color "$addr" x 2>&1 || true) | python3 -c '
import re, sys
text = sys.stdin.read()
m = re.search(r"Error: resource address \"(.*)\" does not exist in the configuration\.", text)
if m:
    # Go %q of the address: undo the quoting.
    print("ok " + m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    sys.exit(0)
blocks = re.split(r"\n(?=Error: )", text.strip("\n"))
for b in blocks:
    if not b.startswith("Error: "):
        continue
    b = b.split("\n\nFor information on valid syntax")[0]
    paras = b.split("\n\n")
    summary = paras[0][len("Error: "):]
    detail = " ".join(" ".join(p.split("\n")) for p in paras[2:] if p.strip())
    print("error " + summary + ": " + detail)
' >>"$out"
done <"$dir/cases.txt"
echo "recorded $(grep -c '^==' "$out") cases"
