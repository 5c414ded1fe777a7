#!/usr/bin/env python3
"""Records what the real Terraform prints for each expression of tests/lang/eval/eval_cases.txt.

Writes tests/lang/eval/eval_golden.jsonl: one JSON object per case, {"expr": ..., "value": ...}
with the console notation, or {"expr": ..., "error": {"summary": ..., "detail": ...}} for the
first error. For an error, the same expression is also planned as an output's value with
`terraform plan -json`; when that reports the same first error, "subject" holds its subject
range as [start, end] byte offsets relative to the start of the expression. The scope (variables, sensitive variables, unknown locals) comes from
tests/lang/eval/eval_scope.txt. Usage: tests/tools/record_eval_goldens.py (needs `terraform`).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL_DIR = os.path.join(HERE, "..", "lang", "eval")


def write_config(directory, with_unknowns=True):
    lines = []
    with open(os.path.join(EVAL_DIR, "eval_scope.txt")) as f:
        for raw in f:
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#"):
                continue
            kind, name, type_text, expr = raw.split("|", 3)
            if kind in ("var", "svar"):
                lines.append(f'variable "{name}" {{')
                if type_text:
                    lines.append(f"  type = {type_text}")
                if kind == "svar":
                    lines.append("  sensitive = true")
                lines.append(f"  default = {expr}")
                lines.append("}")
            elif not with_unknowns:
                continue  # applied configurations have no unknowns
            elif kind == "resource":
                # A terraform_data resource: its attributes are unknown during plan.
                lines.append(f'resource "terraform_data" "{name}" {{\n  input = {expr}\n}}')
            elif kind in ("unknown", "unknown!"):
                # A local whose value (an expression over terraform_data resources) is unknown
                # during plan; `unknown!` ones are refined as not null.
                lines.append(f"locals {{\n  {name} = {expr}\n}}")
    with open(os.path.join(directory, "main.tf"), "w") as f:
        f.write("\n".join(lines) + "\n")


def parse_error(stderr):
    lines = stderr.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("Error: "))
    summary = lines[start][len("Error: "):]
    rest = lines[start + 1:]
    # Skip the source location block ("  on <console-input> line 1:" + snippet line).
    i = 0
    while i < len(rest) and rest[i] == "":
        i += 1
    if i < len(rest) and rest[i].startswith("  on "):
        i += 1
        while i < len(rest) and rest[i] != "":
            i += 1
    body = rest[i:]
    # The detail ends at the next diagnostic (if any).
    end = next((j for j, l in enumerate(body) if l.startswith("Error: ") or l.startswith("Warning: ")), len(body))
    detail = "\n".join(body[:end]).strip("\n")
    return {"summary": summary, "detail": detail}


def copy_fixture(fixture, directory):
    """Copies the fixture directory (tests/lang/eval/FIXTURE) into `directory` under its own
    name, so file functions see paths like `fs/hello.txt` as the tests do."""
    if fixture:
        src = os.path.join(EVAL_DIR, fixture)
        shutil.copytree(src, os.path.join(directory, os.path.basename(fixture)), symlinks=True)


def plan_subject(directory, expr, summary, env, planned=True, fixture=None):
    """The subject range of the first error `terraform plan -json` (`apply -json` for an
    unplanned case) reports for `expr` as an output's value, relative to the expression, or
    None when Terraform reports something else."""
    sub = os.path.join(directory, "plan" if planned else "apply")
    if not os.path.isdir(sub):
        os.makedirs(sub)
        copy_fixture(fixture, sub)
    if planned:
        with open(os.path.join(directory, "main.tf")) as f:
            base = f.read()
    else:
        # Applied: without the unknown locals (whose expressions fail once resources exist).
        write_config(sub, with_unknowns=False)
        with open(os.path.join(sub, "main.tf")) as f:
            base = f.read()
    prefix = base + 'output "x" {\n  value = '
    with open(os.path.join(sub, "main.tf"), "w") as f:
        f.write(prefix + expr + "\n}\n")
    command = ["plan"] if planned else ["apply", "-auto-approve"]
    p = subprocess.run(["terraform", *command, "-json", "-no-color", "-input=false"], cwd=sub,
                       env=env, capture_output=True, text=True)
    start = len(prefix.encode("utf-8"))
    for line in p.stdout.splitlines():
        msg = json.loads(line)
        diag = msg.get("diagnostic")
        if msg.get("type") != "diagnostic" or diag.get("severity") != "error":
            continue
        if diag.get("summary") != summary or "range" not in diag:
            return None
        r = diag["range"]
        return [r["start"]["byte"] - start, r["end"]["byte"] - start]
    return None


def main():
    """With arguments CASES GOLDEN (file names in tests/lang/eval/), records only those
    one-line cases (e.g. functions_cases.txt -> functions_golden.jsonl).

    A case written `unplanned: EXPR` is evaluated by `terraform console` without `-plan` (so
    the impure functions uuid, bcrypt and timestamp run) and recorded with "planning": false.
    Options for file functions: --fixture DIR (a directory under tests/lang/eval/, copied into
    Terraform's working directory under its base name) and --home PATH (HOME while Terraform
    runs)."""
    env = dict(os.environ, TF_CLI_CONFIG_FILE="/dev/null")
    args = sys.argv[1:]
    fixture = None
    for opt in ("--fixture", "--home"):
        if opt in args:
            i = args.index(opt)
            if opt == "--fixture":
                fixture = args[i + 1]
            else:
                env["HOME"] = args[i + 1]
            del args[i:i + 2]
    sys.argv = sys.argv[:1] + args
    cases_name, golden_name = (sys.argv[1], sys.argv[2]) if len(sys.argv) == 3 else (
        "eval_cases.txt", "eval_golden.jsonl")
    out = []
    with open(os.path.join(EVAL_DIR, cases_name)) as f:
        cases = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    with tempfile.TemporaryDirectory() as d:
        write_config(d)
        copy_fixture(fixture, d)
        for expr in cases:
            planned = not expr.startswith("unplanned: ")
            expr = expr if planned else expr[len("unplanned: "):]
            flags = ["-plan"] if planned else []
            p = subprocess.run(["terraform", "console", *flags, "-no-color"], input=expr + "\n",
                               cwd=d, env=env, capture_output=True, text=True)
            case = {"expr": expr}
            if not planned:
                case["planning"] = False
            if p.returncode == 0:
                case["value"] = p.stdout.rstrip("\n")
            else:
                case["error"] = parse_error(p.stderr)
                subject = plan_subject(d, expr, case["error"]["summary"], env, planned, fixture)
                if subject is not None:
                    case["subject"] = subject
            out.append(case)
    with open(os.path.join(EVAL_DIR, golden_name), "w") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print(f"recorded {len(out)} cases", file=sys.stderr)
    if len(sys.argv) == 3:
        return
    record_templates(env)
    # The names of Terraform's functions: the test registry offers them for suggestions.
    p = subprocess.run(["terraform", "metadata", "functions", "-json"], env=env, check=True,
                       capture_output=True, text=True)
    # `list` and `map` are still registered (to report that they were removed in 0.15), so
    # Terraform suggests them too.
    names = sorted(list(json.loads(p.stdout)["function_signatures"].keys()) + ["list", "map"])
    with open(os.path.join(EVAL_DIR, "terraform_function_names.txt"), "w") as f:
        f.write("\n".join(names) + "\n")


def record_templates(env):
    """Multi-line cases: applied as outputs, values from `terraform output -json`, written to
    tests/lang/eval/eval_template_golden.jsonl as {"expr": ..., "json": <value>}."""
    with open(os.path.join(EVAL_DIR, "eval_template_cases.txt")) as f:
        text = "".join(l for l in f if not l.startswith("#"))
    cases = [c.strip("\n") for c in text.split("\n----\n")]
    with tempfile.TemporaryDirectory() as d:
        write_config(d, with_unknowns=False)
        with open(os.path.join(d, "main.tf"), "a") as f:
            for i, expr in enumerate(cases):
                f.write(f'output "c{i}" {{\n  value = {expr}\n}}\n')
        p = subprocess.run(["terraform", "apply", "-auto-approve", "-no-color", "-input=false"],
                           cwd=d, env=env, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("terraform apply failed:\n" + p.stdout + p.stderr)
        p = subprocess.run(["terraform", "output", "-json"], cwd=d, env=env, check=True,
                           capture_output=True, text=True)
        outputs = json.loads(p.stdout)
    with open(os.path.join(EVAL_DIR, "eval_template_golden.jsonl"), "w") as f:
        for i, expr in enumerate(cases):
            f.write(json.dumps({"expr": expr, "json": outputs[f"c{i}"]["value"]},
                               ensure_ascii=False) + "\n")
    print(f"recorded {len(cases)} multi-line cases", file=sys.stderr)


if __name__ == "__main__":
    main()
