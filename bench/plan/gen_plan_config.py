#!/usr/bin/env python3
"""Generates a configuration of terraform_data resources for the plan benchmark, and the
state Terraform would hold after applying it (so a plan against it finds no changes).

  gen_plan_config.py SHAPE N DIR [--state] [--per-block K]

SHAPE is one of:
  independent  N blocks, each `input = "value-I"`
  chain        N blocks, block I's input refers to block I-1's id
  dag          10 layers of N/10 blocks; each block of layer L>0 refers to two of layer L-1
  count        N/K blocks with `count = K` (K = --per-block, default 10)
  for_each     N/K blocks with `for_each` over K keys
  cross        N/(2K) pairs of blocks a_J, b_J with `count = K`; b_J[i] refers to a_J[i]

N is the number of resource instances. DIR gets main.tf and, with --state, a terraform.tfstate
in Terraform's v4 layout (written directly, not by running terraform): every instance
applied, ids deterministic UUID-shaped strings, dependencies as Terraform records them.
"""

import argparse
import hashlib
import json
import os
import sys

PROVIDER = 'provider["terraform.io/builtin/terraform"]'


def uuid_for(address):
    h = hashlib.sha1(address.encode()).hexdigest()
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def dyn(value, type_json):
    return {"value": value, "type": type_json}


class Generator:
    def __init__(self):
        self.blocks = []  # HCL text of each block
        self.resources = {}  # name -> {"each": ..., "instances": [...], "deps": [...]}

    def block(self, name, body, each="", deps=()):
        self.blocks.append(f'resource "terraform_data" "{name}" {{\n{body}}}\n')
        self.resources[name] = {"each": each, "instances": [], "deps": sorted(deps)}

    def instance(self, name, key, input_value, input_type):
        addr = f"terraform_data.{name}" + ("" if key is None else
                                           (f"[{key}]" if isinstance(key, int) else f'["{key}"]'))
        ident = uuid_for(addr)
        inst = {}
        if key is not None:
            inst["index_key"] = key
        inst["schema_version"] = 0
        inst["attributes"] = {
            "id": ident,
            "input": dyn(input_value, input_type),
            "output": dyn(input_value, input_type),
            "triggers_replace": None,
        }
        inst["sensitive_attributes"] = []
        deps = self.resources[name]["deps"]
        if deps:
            inst["dependencies"] = [f"terraform_data.{d}" for d in deps]
        self.resources[name]["instances"].append(inst)
        return ident

    def config(self):
        return "\n".join(self.blocks)

    def state(self):
        resources = []
        for name in sorted(self.resources):
            r = self.resources[name]
            entry = {"mode": "managed", "type": "terraform_data", "name": name}
            if r["each"]:
                entry["each"] = r["each"]
            entry["provider"] = PROVIDER
            entry["instances"] = r["instances"]
            resources.append(entry)
        return {
            "version": 4,
            "terraform_version": "1.11.4",
            "serial": 1,
            "lineage": uuid_for("lineage"),
            "outputs": {},
            "resources": resources,
            "check_results": None,
        }


def independent(g, n, k):
    for i in range(n):
        g.block(f"r{i}", f'  input = "value-{i}"\n')
        g.instance(f"r{i}", None, f"value-{i}", "string")


OBJ_TYPE = ["object", {"n": "number", "prev": "string"}]


def chain(g, n, k):
    g.block("r0", '  input = { n = 0, prev = "start" }\n')
    prev = g.instance("r0", None, {"n": 0, "prev": "start"}, OBJ_TYPE)
    for i in range(1, n):
        g.block(f"r{i}", f"  input = {{ n = {i}, prev = terraform_data.r{i-1}.id }}\n",
                deps=[f"r{i-1}"])
        prev = g.instance(f"r{i}", None, {"n": i, "prev": prev}, OBJ_TYPE)


def dag(g, n, k):
    layers = 10
    width = max(1, n // layers)
    ids = {}
    for j in range(width):
        g.block(f"l0_{j}", f'  input = ["seed-{j}"]\n')
        ids[(0, j)] = g.instance(f"l0_{j}", None, [f"seed-{j}"], ["tuple", ["string"]])
    for layer in range(1, layers):
        for j in range(width):
            a, b = j, (j + 1) % width
            names = [f"l{layer-1}_{a}", f"l{layer-1}_{b}"]
            g.block(f"l{layer}_{j}",
                    f"  input = [terraform_data.{names[0]}.id, terraform_data.{names[1]}.id]\n",
                    deps=set(names))
            value = [ids[(layer - 1, a)], ids[(layer - 1, b)]]
            ids[(layer, j)] = g.instance(f"l{layer}_{j}", None, value,
                                         ["tuple", ["string", "string"]])


def count(g, n, k):
    for b in range(max(1, n // k)):
        g.block(f"c{b}", f'  count = {k}\n  input = "value-{b}-${{count.index}}"\n', each="list")
        for i in range(k):
            g.instance(f"c{b}", i, f"value-{b}-{i}", "string")


def for_each(g, n, k):
    keys = [f"k{i}" for i in range(k)]
    key_list = ", ".join(f'"{x}"' for x in keys)
    for b in range(max(1, n // k)):
        g.block(f"f{b}", f'  for_each = toset([{key_list}])\n  input    = "value-{b}-${{each.key}}"\n',
                each="map")
        for key in sorted(keys):
            g.instance(f"f{b}", key, f"value-{b}-{key}", "string")


def cross(g, n, k):
    for p in range(max(1, n // (2 * k))):
        g.block(f"a{p}", f'  count = {k}\n  input = "a-{p}-${{count.index}}"\n', each="list")
        ids = [g.instance(f"a{p}", i, f"a-{p}-{i}", "string") for i in range(k)]
        g.block(f"b{p}", f"  count = {k}\n  input = terraform_data.a{p}[count.index].id\n",
                each="list", deps=[f"a{p}"])
        for i in range(k):
            g.instance(f"b{p}", i, ids[i], "string")


SHAPES = {"independent": independent, "chain": chain, "dag": dag, "count": count,
          "for_each": for_each, "cross": cross}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("shape", choices=sorted(SHAPES))
    ap.add_argument("n", type=int)
    ap.add_argument("dir")
    ap.add_argument("--state", action="store_true")
    ap.add_argument("--per-block", type=int, default=10)
    args = ap.parse_args()
    if args.n < 1 or args.per_block < 1:
        sys.exit("N and --per-block must be positive")
    g = Generator()
    SHAPES[args.shape](g, args.n, args.per_block)
    os.makedirs(args.dir, exist_ok=True)
    with open(os.path.join(args.dir, "main.tf"), "w") as f:
        f.write(g.config())
    state_path = os.path.join(args.dir, "terraform.tfstate")
    if args.state:
        with open(state_path, "w") as f:
            json.dump(g.state(), f, indent=2)
            f.write("\n")
    elif os.path.exists(state_path):
        os.remove(state_path)
    print(sum(len(r["instances"]) for r in g.resources.values()), "instances in",
          len(g.resources), "blocks")


if __name__ == "__main__":
    main()
