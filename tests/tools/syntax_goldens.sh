#!/bin/sh
# Regenerates tests/lang/syntax/testdata/errors/*.json from the real Terraform: for each NAME.tf
# it runs `terraform validate -json` on a directory holding only that file and keeps the
# diagnostics hclsyntax produced (Terraform's own configuration checks, like "Unsupported
# argument", are dropped). The test suite reads the .json files; it never runs terraform.
set -eu
here=$(cd "$(dirname "$0")/../lang/syntax/testdata/errors" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tf in "$here"/*.tf; do
  name=$(basename "$tf")
  rm -rf "$tmp/dir" && mkdir "$tmp/dir" && cp "$tf" "$tmp/dir/$name"
  (cd "$tmp/dir" && TF_CLI_CONFIG_FILE=/dev/null terraform validate -json -no-color > "$tmp/out.json" || true)
  python3 - "$tmp/out.json" "${tf%.tf}.json" <<'PY'
import json, sys
config_level = {"Unsupported argument", "Unsupported block type", "Missing required argument",
                "Invalid reference", "Reference to undeclared input variable",
                "Reference to undeclared resource", "Invalid function argument",
                "Missing name for resource", "Call to unknown function", "Variables not allowed",
                "Unsupported attribute", "Missing required provider", "Invalid provider configuration",
                "Invalid resource type name"}
out = json.load(open(sys.argv[1]))
keep = []
for d in out.get("diagnostics", []):
    if d["summary"] in config_level:
        continue
    r = d.get("range")
    keep.append({"summary": d["summary"], "detail": d["detail"],
                 "range": None if r is None else [r["start"]["line"], r["start"]["column"], r["start"]["byte"],
                                                  r["end"]["line"], r["end"]["column"], r["end"]["byte"]]})
with open(sys.argv[2], "w") as f:
    json.dump(keep, f, indent=1)
    f.write("\n")
PY
done
