"""Evaluates tensor expressions with PyTorch for the C# cross-check (TorchCrossCheckTests).

Reads JSON from stdin: a list of {"name", "dtype": "float32"|"float64", "inputs": [{"shape", "values",
"requires_grad"}]}. For each case it evaluates the expression of that name, calls backward() on it
(it is a scalar), and writes JSON to stdout: a list of {"name", "dtype", "value", "grads"} with every
number as Python's repr of the exact float (float32 results widened to float64 exactly).
The expressions must match EXPRESSIONS in TorchCrossCheckTests.cs name for name.
"""
import json
import sys

import torch

EXPRESSIONS = {
    "lecture-one-point": lambda data, pnt: (data - pnt).pow(2).sum(dim=1).sqrt().mean(),
    "lecture": lambda data, pnt: (data - pnt).pow(2).sum(dim=1).sqrt().mean(),
    "add-row-broadcast": lambda a, b: ((a + b) * a).sum(),
    "sub-outer-broadcast": lambda a, b: (a - b).exp().mean(),
    "mul-scalar-broadcast": lambda a, b: (a * b).sum(dim=0).pow(3).sum(),
    "div-row-broadcast": lambda a, b: (a / b).log().sum(),
    "neg-sqrt-mean-dim": lambda a: (-a).exp().sqrt().mean(dim=-1).sum(),
    "pow-fractional": lambda a: (a.pow(1.5) + a.pow(-0.5) + a.pow(-1)).sum(),
    "transpose": lambda a, b: (a.t() * b).sum(),
    "shared-operand": lambda a: (a * a + a).sum(dim=0).mean(),
    "divisor-broadcast": lambda a, b: (a / b).sum(dim=1).pow(2).mean(),
    "lecture-large": lambda data, pnt: (data - pnt).pow(2).sum(dim=1).sqrt().mean(),
}

DTYPES = {"float32": torch.float32, "float64": torch.float64}


def run(case):
    dtype = DTYPES[case["dtype"]]
    leaves = []
    for spec in case["inputs"]:
        t = torch.tensor(spec["values"], dtype=dtype).reshape(spec["shape"])
        t.requires_grad_(spec["requires_grad"])
        leaves.append(t)
    out = EXPRESSIONS[case["name"]](*leaves)
    out.backward()
    return {
        "name": case["name"],
        "dtype": case["dtype"],
        "value": out.item(),
        "grads": [t.grad.double().reshape(-1).tolist() if t.grad is not None else None for t in leaves],
    }


def main():
    torch.set_num_threads(1)
    cases = json.load(sys.stdin)
    json.dump([run(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()
