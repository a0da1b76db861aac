"""Times micrograd's demo training (100 steps) as PyTorch tensors, float64, on one thread.

Usage: python3 mlp_training_timing.py [expected-lines.txt]
Prints "median_ms min_ms repeats", then how many of its 100 step lines equal the given file's.

The model is micrograd's MLP(2, [16, 16, 1]) as three weight matrices and bias vectors, with the
same initial values (Python's random.seed(1337), random.uniform(-1, 1) per weight in micrograd's
parameter order, biases 0), trained on make_moons(100, noise=0.1) after np.random.seed(1337) with
micrograd's loss, regularisation and learning rate. Each timed repeat starts from the initial
values and runs all 100 steps (forward, backward, update), as the C# benchmark methods do.
"""
import os
import random
import statistics
import sys
import time

# The data must be the C# library's and the shared reference's: numpy's AVX-512 cos/sin differ
# in the last bit (see bench/micrograd/micrograd_demo.py).
os.environ.setdefault("NPY_DISABLE_CPU_FEATURES", "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

SIZES = [2, 16, 16, 1]


def initial():
    np.random.seed(1337)
    random.seed(1337)
    X, y = make_moons(n_samples=100, noise=0.1)
    layers = []
    for nin, nout in zip(SIZES, SIZES[1:]):
        rows = [[random.uniform(-1, 1) for _ in range(nin)] for _ in range(nout)]
        layers.append((rows, [0.0] * nout))
    x = torch.tensor(X, dtype=torch.float64)
    labels = torch.tensor(y * 2 - 1, dtype=torch.float64)
    return x, labels, layers


def train(x, labels, layers, steps=100):
    params = []
    for rows, bias in layers:
        params.append(torch.tensor(rows, dtype=torch.float64, requires_grad=True))
        params.append(torch.tensor(bias, dtype=torch.float64, requires_grad=True))
    log = []
    n = x.shape[0]
    for k in range(steps):
        h = x
        for i in range(0, len(params), 2):
            h = h @ params[i].t() + params[i + 1]
            if i + 2 < len(params):
                h = h.relu()
        scores = h[:, 0]
        losses = (1 + -labels * scores).relu()
        data_loss = losses.sum() * (1.0 / n)
        reg_loss = 1e-4 * sum((p * p).sum() for p in params)
        total = data_loss + reg_loss
        for p in params:
            p.grad = None
        total.backward()
        rate = 1.0 - 0.9 * k / 100
        with torch.no_grad():
            for p in params:
                p -= rate * p.grad
        accuracy = ((labels > 0) == (scores > 0)).sum().item() / n
        log.append(f"step {k} loss {total.item()}, accuracy {accuracy*100}%")
    return log


def main():
    torch.set_num_threads(1)
    x, labels, layers = initial()
    lines = train(x, labels, layers)
    times = []
    started = time.perf_counter()
    while len(times) < 9 or (time.perf_counter() - started < 5.0 and len(times) < 200):
        t0 = time.perf_counter_ns()
        train(x, labels, layers)
        times.append((time.perf_counter_ns() - t0) / 1e6)
    print(f"{statistics.median(times):.3f} {min(times):.3f} {len(times)}")
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            expected = [line.rstrip("\n") for line in f if line.startswith("step ")]
        same = sum(a == b for a, b in zip(lines, expected))
        same_accuracy = sum(a.split()[-1] == b.split()[-1] for a, b in zip(lines, expected))
        worst = max(abs(float(a.split()[3][:-1]) / float(b.split()[3][:-1]) - 1) for a, b in zip(lines, expected))
        print(f"lines equal {same} of 100, accuracies equal {same_accuracy} of 100, largest relative loss difference {worst:.1e}")


if __name__ == "__main__":
    main()
