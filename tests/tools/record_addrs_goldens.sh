#!/usr/bin/env bash
# Records tests/lang/base/testdata/addrs/golden.txt: for each line of cases.txt, what
# `terraform import ADDRESS x` says about the address (it parses it with
# addrs.ParseAbsResourceInstance over hclsyntax.ParseTraversalAbs, in a pseudo-file named
# "<import-address>"): each error's summary and detail (re-joined from Terraform's 78-column
# wrapping), or, for an address that parses, the address as Terraform prints it back ("does
# not exist in the configuration"). tests/lang/base/addrs_test.cc compares Cairn's parser with
# it. Each error's subject is given as "@START-END" (byte offsets in the address), read from
# the underlined part of the source line in Terraform's coloured output. The test suite never
# runs this script.
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
  (cd "$scratch" && terraform import -no-color "$addr" x >plain.txt 2>&1 || true)
  (cd "$scratch" && terraform import "$addr" x >color.txt 2>&1 || true)
  python3 - "$scratch/plain.txt" "$scratch/color.txt" <<'PY' >>"$out"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
color = open(sys.argv[2], encoding="utf-8").read()
m = re.search(r"Error: resource address \"(.*)\" does not exist in the configuration\.", text)
if m:
    # Go %q of the address: undo the quoting.
    print("ok " + m.group(1).encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    sys.exit(0)
ansi = re.compile(r"\x1b\[[0-9;]*m")
subjects = []
for block in color.split("Error: ")[1:]:
    u = re.search(r"   1: (.*?)\x1b\[4m(.*?)\x1b\[0m", block)
    if not u:
        subjects.append("")
        continue
    start = len(ansi.sub("", u.group(1)).encode())
    subjects.append(" @%d-%d" % (start, start + len(u.group(2).encode())))
blocks = [b for b in re.split(r"\n(?=Error: )", text.strip("\n")) if b.startswith("Error: ")]
for i, b in enumerate(blocks):
    b = b.split("\n\nFor information on valid syntax")[0]
    paras = b.split("\n\n")
    summary = paras[0][len("Error: "):]
    detail = " ".join(" ".join(p.split("\n")) for p in paras[2:] if p.strip())
    print("error " + summary + ": " + detail + (subjects[i] if i < len(subjects) else ""))
PY
done <"$dir/cases.txt"
echo "recorded $(grep -c '^==' "$out") cases"
