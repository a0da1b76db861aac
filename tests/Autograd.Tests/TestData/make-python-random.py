"""Writes python-random.json: CPython's random.Random outputs that PyRandom must reproduce.

Run from this folder: python3 make-python-random.py > python-random.json
"""
import json
import random
import sys

SEEDS = [0, 1, 5, 42, -5, 2**31 - 1, 2**32 - 1, 2**32, 2**32 + 1, 12345678901234, 2**63 - 1, -(2**63), 2**64 + 12345, 3**100]

cases = []
for seed in SEEDS:
    rng = random.Random(seed)
    randoms = [rng.random() for _ in range(8)]
    uniforms = [rng.uniform(-3.5, 7.25) for _ in range(4)]
    rng.random()
    for _ in range(1000):
        rng.random()
    after_1000 = rng.random()
    cases.append({
        "seed": str(seed),
        "random": [repr(v) for v in randoms],
        "uniform_minus3.5_7.25": [repr(v) for v in uniforms],
        "random_after_1001_more": repr(after_1000),
    })

json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout, indent=1)
print()
