"""Times the lecture's PyTorch expression, forward and backward, in float64 on one thread.

Usage: python3 lecture_loss_timing.py N [N ...]
Prints one line per N: "N median_ns_per_point min_ns_per_point repeats".

The points come from Python's random.seed(5), uniform in [0, 1), as the C# benchmark's do.
Each timed repeat builds the graph and runs backward, as the C# benchmark method does.
"""
import random
import statistics
import sys
import time

import torch


def points(n):
    random.seed(5)
    xs = [random.uniform(0, 1) for _ in range(n)]
    ys = [random.uniform(0, 1) for _ in range(n)]
    return torch.tensor([xs, ys], dtype=torch.float64).t().contiguous()


def once(data):
    pnt = torch.tensor([0.3, 0.3], dtype=torch.float64, requires_grad=True)
    loss = (data - pnt).pow(2).sum(dim=1).sqrt().mean()
    loss.backward()
    return loss.item() + pnt.grad[0].item()


def measure(n, budget_seconds=3.0, min_repeats=9, max_repeats=2000):
    data = points(n)
    for _ in range(3):
        once(data)
    times = []
    started = time.perf_counter()
    while len(times) < max_repeats and (len(times) < min_repeats or time.perf_counter() - started < budget_seconds):
        t0 = time.perf_counter_ns()
        once(data)
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / n, min(times) / n, len(times)


def main():
    torch.set_num_threads(1)
    for arg in sys.argv[1:]:
        n = int(arg)
        median, fastest, repeats = measure(n)
        print(f"{n} {median:.3f} {fastest:.3f} {repeats}", flush=True)


if __name__ == "__main__":
    main()
