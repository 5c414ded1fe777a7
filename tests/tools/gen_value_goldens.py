#!/usr/bin/env python3
"""Regenerates the goldens of tests/lang/base/*_test.cc from the real Terraform.

Each `<name>_cases.txt` beside the tests holds one case per line (blank lines and lines
starting with `#` are skipped); this script asks `terraform` (1.11, on PATH) for each and
writes `<name>_golden.txt`: records `=== <case>` followed by what Terraform printed.

  number, console, json: the case is an expression; the record is what
      `terraform console` prints for it (stdout, or the error's summary and detail).
  output_json: each case is `[sensitive ]name = expression`; all of them become outputs of
      one configuration, which is applied; the golden has one record: `terraform output
      -json`.
  unknown: as console, in a configuration with `resource "terraform_data" "x"` that was
      never applied, so `terraform_data.x.id` (a string) and `terraform_data.x.output`
      (of unknown type) are unknown.
  convert: the case is `<type constraint> ;; <JSON value>`; the record is what
      `terraform console` prints for `var.x` when variable "x" has that type and
      terraform.tfvars.json gives that value, or `error: <detail>` with the text that
      follows "declared at main.tf:1,1-13: " in "Invalid value for input variable" (or
      the detail of "Invalid default value for optional attribute").

Usage: tests/tools/gen_value_goldens.py [number|console|json|convert|unknown|output_json ...]
The test suite never runs this; it only reads the goldens.
"""
import concurrent.futures
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "lang", "base")
ENV = dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null", TF_IN_AUTOMATION="1")


def read_cases(name):
    with open(os.path.join(TESTS, name + "_cases.txt"), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def console(expr, workdir):
    # Bytes, not text mode: a \r in a value must reach the golden unchanged.
    p = subprocess.run(["terraform", "console", "-no-color"], input=(expr + "\n").encode(),
                       cwd=workdir, env=ENV, capture_output=True, timeout=120)
    out = p.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
    if p.returncode != 0 or not out:
        return "error: " + error_text(p.stderr.decode("utf-8", "surrogateescape"))
    return out


def error_text(stderr):
    """The summary and the unwrapped detail of the first error."""
    lines = stderr.split("\n")
    for i, l in enumerate(lines):
        if l.startswith("Error: "):
            summary = l[len("Error: "):]
            # Skip the source excerpt: the detail is the paragraph after the first blank line
            # that follows the "on ..." block.
            rest = lines[i + 1:]
            paras, cur = [], []
            for r in rest:
                if r.strip() == "":
                    if cur:
                        paras.append(cur)
                        cur = []
                    continue
                if r.startswith("!!!!") or r.startswith("panic:"):
                    break
                cur.append(r)
            if cur:
                paras.append(cur)
            detail = [p for p in paras if not p[0].startswith("  on ") and not p[0].startswith("  (")]
            text = " ".join(x.strip() for x in detail[0]) if detail else ""
            return summary + " | " + text
    return stderr.strip()


def run_expr(expr):
    with tempfile.TemporaryDirectory() as d:
        return console(expr, d)


def run_convert(case):
    ty, val = [x.strip() for x in case.split(";;", 1)]
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "main.tf"), "w") as f:
            f.write('variable "x" {\n  type = %s\n}\n' % ty)
        with open(os.path.join(d, "terraform.tfvars.json"), "w") as f:
            f.write('{"x": %s}\n' % val)
        p = subprocess.run(["terraform", "plan", "-no-color", "-input=false"], cwd=d, env=ENV,
                           capture_output=True, text=True, timeout=120)
        if "Invalid default value for optional attribute" in p.stderr:
            return "error: " + error_text(p.stderr).split(" | ", 1)[1]
        if "Invalid value for input variable" in p.stderr:
            detail = error_text(p.stderr).split(" | ", 1)[1]
            marker = "declared at main.tf:1,1-13: "
            return "error: " + detail.split(marker, 1)[1]
        return console("var.x", d)


UNKNOWN_CONFIG = 'resource "terraform_data" "x" {\n  input = "a"\n}\n'


def run_outputs(cases):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "main.tf"), "w", encoding="utf-8") as f:
            for c in cases:
                decl, expr = [x.strip() for x in c.split("=", 1)]
                sensitive = decl.startswith("sensitive ")
                name = decl.split()[-1]
                f.write('output "%s" {\n  value = %s\n%s}\n' %
                        (name, expr, "  sensitive = true\n" if sensitive else ""))
        subprocess.run(["terraform", "apply", "-auto-approve", "-no-color", "-input=false"],
                       cwd=d, env=ENV, capture_output=True, check=True, timeout=300)
        p = subprocess.run(["terraform", "output", "-json", "-no-color"], cwd=d, env=ENV,
                           capture_output=True, check=True, timeout=120)
        return p.stdout.decode("utf-8").rstrip("\n")


def generate(name):
    cases = read_cases(name)
    if name == "output_json":
        results = [run_outputs(cases)]
        cases = ["terraform output -json"]
    elif name == "unknown":
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "main.tf"), "w") as f:
                f.write(UNKNOWN_CONFIG)
            subprocess.run(["terraform", "init", "-no-color"], cwd=d, env=ENV,
                           capture_output=True, check=True, timeout=300)
            results = [console(c, d) for c in cases]
    else:
        fn = run_convert if name == "convert" else run_expr
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
            results = list(ex.map(fn, cases))
    with open(os.path.join(TESTS, name + "_golden.txt"), "w", encoding="utf-8",
              errors="surrogateescape", newline="") as f:
        for c, r in zip(cases, results):
            f.write("=== %s\n%s\n" % (c, r))
    print("%s: %d cases" % (name, len(cases)))


if __name__ == "__main__":
    for n in sys.argv[1:] or ["number", "console", "json", "convert", "unknown", "output_json"]:
        generate(n)
