#!/usr/bin/env python3
"""A DEPTH-deep, WIDTH-wide DAG of test_sleep resources, each taking DELAY ms to create:
block L_I of layer L > 0 depends on L-1_I and L-1_((I+1) % WIDTH). The critical path is
DEPTH * DELAY ms.

  gen_dag.py DIR [DEPTH] [WIDTH] [DELAY]
"""
import os
import sys

d = sys.argv[1]
depth = int(sys.argv[2]) if len(sys.argv) > 2 else 10
width = int(sys.argv[3]) if len(sys.argv) > 3 else 50
delay = int(sys.argv[4]) if len(sys.argv) > 4 else 50
os.makedirs(d, exist_ok=True)
out = ['terraform {\n  required_providers {\n    test = { source = "cairn.dev/test/test" }\n  }\n}\n']
for layer in range(depth):
    for i in range(width):
        content = '"x"'
        if layer > 0:
            a = f"test_sleep.l{layer - 1}_{i}.id"
            b = f"test_sleep.l{layer - 1}_{(i + 1) % width}.id"
            content = f'"${{{a}}}-${{{b}}}"'
        out.append(
            f'resource "test_sleep" "l{layer}_{i}" {{\n'
            f'  input       = {content}\n'
            f'  duration_ms = {delay}\n}}\n')
with open(os.path.join(d, "main.tf"), "w") as f:
    f.write("".join(out))
print(depth * width)
