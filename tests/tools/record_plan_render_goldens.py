#!/usr/bin/env python3
"""Records the plan renderer's goldens (tests/planner/render/testdata/<scenario>/) from a
real Terraform.

A scenario directory holds:
  a.tf         the configuration applied first (`terraform apply -auto-approve`)
  b.tf         the configuration planned next
  pre          optional: shell commands run after the apply, before the plan (`terraform taint`)
  args         optional: extra `terraform plan` arguments (one line, shell quoting)
  */           optional: module directories (copied beside the configuration)
and this script writes:
  state.tfstate  the state the plan starts from (after `pre`), resource ids replaced by
                 fixed UUIDs (00000000-0000-0000-0000-00000000000N in address order) so
                 the goldens are stable; terraform_data's refresh keeps state as it is
  show.txt       `terraform show -no-color` of that state
  plan.txt       `terraform plan -no-color ARGS` stdout with b.tf, product name as Cairn's
  render.txt     the part of plan.txt RenderHumanPlan prints (refresh progress lines and
                 the "-out" note removed)
  render_color.txt  the same, from `terraform plan` with colours

The test suite never runs this script; it only reads what it wrote.
Usage: record_plan_render_goldens.py [SCENARIO...]
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cairn_product_name  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "planner", "render",
                    "testdata")
ENV = {k: v for k, v in os.environ.items() if not k.startswith("TF_")}
ENV["TF_CLI_CONFIG_FILE"] = "/dev/null"

PROGRESS = re.compile(r"^\S.*: (Refreshing state\.\.\.|Reading\.\.\.|Read complete|"
                      r"Preparing import\.\.\.|Drift detected)")
RULE = "\u2500" * 10


def run(cmd, cwd, check=True):
    p = subprocess.run(cmd, cwd=cwd, env=ENV, shell=True, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"{cmd} failed in {cwd}:\n{p.stdout}\n{p.stderr}")
    return p


def normalize_ids(work):
    path = os.path.join(work, "terraform.tfstate")
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    state = json.loads(text)
    ids = []
    for r in state.get("resources", []):
        for inst in r.get("instances", []):
            rid = inst.get("attributes", {}).get("id")
            if isinstance(rid, str) and rid not in ids:
                ids.append(rid)
    for n, rid in enumerate(ids, 1):
        text = text.replace(rid, "00000000-0000-0000-0000-%012d" % n)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def render_part(plan):
    lines = plan.split("\n")
    while lines and PROGRESS.match(lines[0]):
        lines.pop(0)
    text = "\n".join(lines)
    cut = text.find("\n" + RULE)
    if cut >= 0:
        text = text[:cut]
        if text.endswith("\x1b[90m"):  # the rule's colour
            text = text[:-len("\x1b[90m")]
    return text


def record(name):
    src = os.path.join(ROOT, name)
    work = tempfile.mkdtemp()
    try:
        shutil.copy(os.path.join(src, "a.tf"), os.path.join(work, "main.tf"))
        for entry in os.listdir(src):  # module directories the configurations call
            if os.path.isdir(os.path.join(src, entry)):
                shutil.copytree(os.path.join(src, entry), os.path.join(work, entry))
        run("terraform init -no-color -input=false", work)
        run("terraform apply -auto-approve -no-color", work)
        if os.path.exists(os.path.join(src, "pre")):
            with open(os.path.join(src, "pre"), encoding="utf-8") as f:
                run(f.read(), work)
        normalize_ids(work)
        if os.path.exists(os.path.join(work, "terraform.tfstate")):
            shutil.copy(os.path.join(work, "terraform.tfstate"),
                        os.path.join(src, "state.tfstate"))
        show = run("terraform show -no-color", work).stdout
        with open(os.path.join(src, "show.txt"), "w", encoding="utf-8") as f:
            f.write(cairn_product_name.to_cairn(show))
        os.remove(os.path.join(work, "main.tf"))
        shutil.copy(os.path.join(src, "b.tf"), os.path.join(work, "main.tf"))
        run("terraform init -no-color -input=false", work)
        args = ""
        if os.path.exists(os.path.join(src, "args")):
            with open(os.path.join(src, "args"), encoding="utf-8") as f:
                args = " ".join(shlex.quote(a) for a in shlex.split(f.read()))
        p = run("terraform plan -no-color -input=false " + args, work, check=False)
        if p.returncode != 0:
            sys.exit(f"{name}: plan failed:\n{p.stdout}\n{p.stderr}")
        plan = cairn_product_name.to_cairn(p.stdout)
        with open(os.path.join(src, "plan.txt"), "w", encoding="utf-8") as f:
            f.write(plan)
        with open(os.path.join(src, "render.txt"), "w", encoding="utf-8") as f:
            f.write(render_part(plan))
        # The same plan in colour (Terraform colours output even when it is not a terminal).
        p = run("terraform plan -input=false " + args, work, check=False)
        with open(os.path.join(src, "render_color.txt"), "w", encoding="utf-8") as f:
            f.write(render_part(cairn_product_name.to_cairn(p.stdout)))
        print(f"{name}: recorded")
    finally:
        shutil.rmtree(work)


def main():
    names = sys.argv[1:] or sorted(
        d for d in os.listdir(ROOT) if os.path.exists(os.path.join(ROOT, d, "b.tf")))
    for name in names:
        record(name)


if __name__ == "__main__":
    main()
