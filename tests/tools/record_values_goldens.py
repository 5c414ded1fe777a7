#!/usr/bin/env python3
"""Records what the real Terraform does with each configuration under
tests/planner/values/testdata/<case>/ (read by tests/planner/values/module_values_test.cc).

A case directory holds the configuration (*.tf, tfvars files, ...) and optionally:
  args.txt  one command-line argument per line (`-var=name=value`, `-var-file=x.tfvars`)
  env.txt   one NAME=VALUE environment variable per line (TF_VAR_x=...)
The case is copied to a scratch directory and run there with
  terraform apply -auto-approve -json <args>      (diagnostics: severity, summary, detail, range,
                                                   and the snippet's expression values)
  terraform output -json                          (when apply succeeded: the outputs)
and the result is written to <case>/expected.json. CAIRN_VAR_ environment variables are
Cairn's own: for Terraform they are passed as TF_VAR_ (the recording checks precedence over
TF_VAR_ by giving only the winning value), see env.txt comments.

Usage: tests/tools/record_values_goldens.py [case...]   (needs `terraform` on PATH)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "planner", "values", "testdata")


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def record(case):
    src = os.path.join(CASES, case)
    args = read_lines(os.path.join(src, "args.txt"))
    env = dict(os.environ)
    env["TF_CLI_CONFIG_FILE"] = "/dev/null"
    env.pop("TF_LOG", None)
    for k in list(env):
        if k.startswith("TF_VAR_") or k.startswith("CAIRN_VAR_"):
            del env[k]
    for line in read_lines(os.path.join(src, "env.txt")):
        name, value = line.split("=", 1)
        if name.startswith("CAIRN_VAR_"):
            name = "TF_VAR_" + name[len("CAIRN_VAR_"):]  # Terraform knows only TF_VAR_
        env[name] = value
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "w")
        shutil.copytree(src, work, ignore=shutil.ignore_patterns("expected.json", "args.txt",
                                                                 "env.txt", "cairn.tfvars*"))
        # cairn.tfvars (Cairn's own) is read right after terraform.tfvars: for Terraform the
        # same effect is an auto file that sorts first.
        for extra in ("cairn.tfvars", "cairn.tfvars.json"):
            if os.path.exists(os.path.join(src, extra)):
                suffix = ".auto.tfvars.json" if extra.endswith(".json") else ".auto.tfvars"
                shutil.copy(os.path.join(src, extra), os.path.join(work, "0000cairn" + suffix))
        p = subprocess.run(["terraform", "apply", "-auto-approve", "-json", "-no-color"] + args,
                           cwd=work, env=env, capture_output=True, text=True)
        diags = []
        for line in p.stdout.splitlines():
            try:
                msg = json.loads(line)
            except json.JSONDecodeError:
                continue
            if msg.get("type") != "diagnostic":
                continue
            d = msg["diagnostic"]
            entry = {"severity": d["severity"], "summary": d["summary"], "detail": d["detail"]}
            if "range" in d:
                entry["range"] = d["range"]
            values = (d.get("snippet") or {}).get("values") or []
            if values:
                entry["values"] = values
            if entry not in diags:  # plan and apply may both report a warning
                diags.append(entry)
        result = {"exit_code": p.returncode, "diagnostics": diags}
        if p.returncode == 0:
            o = subprocess.run(["terraform", "output", "-json"], cwd=work, env=env,
                               capture_output=True, text=True, check=True)
            result["outputs"] = json.loads(o.stdout)
    text = json.dumps(result, indent=2, sort_keys=True) + "\n"
    text = text.replace("0000cairn.auto.tfvars", "cairn.tfvars")
    with open(os.path.join(src, "expected.json"), "w") as f:
        f.write(text)
    print(f"{case}: exit {result['exit_code']}, {len(diags)} diagnostics")


def main():
    cases = sys.argv[1:] or sorted(os.listdir(CASES))
    for case in cases:
        record(case)


if __name__ == "__main__":
    main()
