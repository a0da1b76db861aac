"""Writes numpy-moons.json: numpy's legacy RandomState and scikit-learn's make_moons outputs that
NumpyRandom and Moons must reproduce.

Run from this folder with Debian 12's python3-numpy (1.24.2) and python3-sklearn (1.2.1):
    /usr/bin/python3 make-numpy-moons.py > numpy-moons.json
"""
import json
import os
import sys

# numpy 1.24 computes float64 cos and sin with AVX-512 code where the CPU has it, whose results
# differ from the C library's in the last bit for some angles; without AVX-512 (and in the C#
# library) they are the C library's. Disabled before numpy loads, the samples are the same on
# every x86-64 machine.
os.environ.setdefault("NPY_DISABLE_CPU_FEATURES", "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL")

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

SEEDS = [0, 1, 42, 1337, 123456789, 2**32 - 1]


def reprs(values):
    return [repr(float(v)) for v in values]


generators = []
for seed in SEEDS:
    rs = np.random.RandomState(seed)
    samples = reprs(rs.random_sample(8))
    normals = reprs(rs.standard_normal(7))  # odd: the eighth stays kept for the next draw
    scaled = reprs(rs.normal(loc=0.5, scale=2.0, size=5))
    permutations = {str(n): [int(i) for i in rs.permutation(n)] for n in [0, 1, 2, 3, 10, 257]}
    items = [f"item{i}" for i in range(17)]
    rs.shuffle(items)
    for _ in range(1500):  # past the next twist of the 624-word state
        rs.random_sample()
    generators.append({
        "seed": seed,
        "random_sample_8": samples,
        "standard_normal_7": normals,
        "normal_0.5_2_5": scaled,
        "permutations": permutations,
        "shuffle_17_items": items,
        "random_sample_after_1500_more": repr(float(rs.random_sample())),
    })

np.random.seed(1337)
global_draws = reprs(np.random.random_sample(3))

moons = []
for seed in [0, 1337, 2**32 - 1]:
    for n in [1, 2, 7, 100, 101]:
        for shuffle in [True, False]:
            for noise in [None, 0.05, 0.3]:
                rs = np.random.RandomState(seed)
                X, y = make_moons(n_samples=n, shuffle=shuffle, noise=noise, random_state=rs)
                moons.append({
                    "seed": seed,
                    "n_samples": n,
                    "shuffle": shuffle,
                    "noise": noise,
                    "X": [reprs(row) for row in X],
                    "y": [int(v) for v in y],
                    "next_random_sample": repr(float(rs.random_sample())),
                })

json.dump({
    "python": sys.version.split()[0],
    "numpy": np.__version__,
    "sklearn": sklearn.__version__,
    "generators": generators,
    "global_seed_1337_random_sample_3": global_draws,
    "moons": moons,
}, sys.stdout, indent=0)
print()
