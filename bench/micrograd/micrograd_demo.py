"""micrograd's demo loop in CPython, timed: the baseline of the neural-network benchmark.

micrograd itself is not installed here, so this file restates its scalar engine and MLP from
their documented behaviour (karpathy/micrograd at c911406: a Value per operation with its children
in a set, depth-first topological order for backward; Neuron/Layer/MLP with weights
random.uniform(-1, 1) and bias 0) and runs demo.ipynb's loop: np.random.seed(1337),
random.seed(1337), make_moons(n_samples=100, noise=0.1), labels to -1/+1, MLP(2, [16, 16, 1]),
100 steps of the SVM max-margin loss plus 1e-4 L2 with learning rate 1.0 - 0.9*k/100.

micrograd keeps a node's children in a set, iterated in the order of the objects' memory
addresses, so the order in which backward adds up a shared node's gradient (a weight used by 100
points, a hidden unit used by 16 neurons) follows the process's memory layout, and the last digits
of the losses with it. With --ordered the children are kept in operand order instead (duplicates
dropped, as a set drops them): backward then adds every gradient in one fixed order, the one the
C# engines use, and the lines are the same on every run and machine.

Run with Debian's interpreter (python3-numpy and python3-sklearn):
    /usr/bin/python3 bench/micrograd/micrograd_demo.py [--ordered] [expected-output.txt]
It prints the 100 step lines, then one line "seconds S" (the 100 steps only, data and model
construction excluded). With a file of expected lines it also reports which step lines differ.
"""
import os
import random
import sys
import time

# numpy 1.24 computes float64 cos and sin with AVX-512 (SVML) code where the CPU has it, and those
# differ from the C library's in the last bit for about 60% of make_moons's angles; numpy on a
# CPU without AVX-512, the shared reference and the C# library use the C library's. Set before
# numpy is imported, this makes the data the same on every x86-64 machine.
os.environ.setdefault("NPY_DISABLE_CPU_FEATURES", "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL")

import numpy as np  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402


ORDERED = "--ordered" in sys.argv[1:]


class Value:
    """One scalar of the graph: its value, its gradient, its operands and its chain-rule step."""

    def __init__(self, data, children=(), op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = tuple(dict.fromkeys(children)) if ORDERED else set(children)
        self._op = op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")

        def backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = backward
        return out

    def relu(self):
        out = Value(0 if self.data < 0 else self.data, (self,), "ReLU")

        def backward():
            self.grad += (out.data > 0) * out.grad

        out._backward = backward
        return out

    def backward(self):
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    visit(child)
                order.append(v)

        visit(self)
        self.grad = 1
        for v in reversed(order):
            v._backward()

    def __neg__(self):
        return self * -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other


class Neuron:
    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class Layer:
    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]


class MLP:
    def __init__(self, nin, nouts):
        sizes = [nin] + nouts
        self.layers = [Layer(sizes[i], sizes[i + 1], nonlin=i != len(nouts) - 1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0


def main():
    np.random.seed(1337)
    random.seed(1337)
    X, y = make_moons(n_samples=100, noise=0.1)
    y = y * 2 - 1
    model = MLP(2, [16, 16, 1])

    def loss():
        inputs = [list(map(Value, row)) for row in X]
        scores = list(map(model, inputs))
        losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
        data_loss = sum(losses) * (1.0 / len(losses))
        alpha = 1e-4
        reg_loss = alpha * sum((p * p for p in model.parameters()))
        total_loss = data_loss + reg_loss
        accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
        return total_loss, sum(accuracy) / len(accuracy)

    lines = []
    start = time.perf_counter()
    for k in range(100):
        total_loss, acc = loss()
        model.zero_grad()
        total_loss.backward()
        learning_rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= learning_rate * p.grad
        lines.append(f"step {k} loss {total_loss.data}, accuracy {acc*100}%")
    seconds = time.perf_counter() - start

    for line in lines:
        print(line)
    print(f"seconds {seconds:.1f}")

    files = [a for a in sys.argv[1:] if a != "--ordered"]
    if files:
        with open(files[0], encoding="utf-8") as f:
            expected = [line.rstrip("\n") for line in f if line.startswith("step ")]
        differ = [k for k, (a, b) in enumerate(zip(lines, expected)) if a != b]
        print(f"lines equal to {files[0]}: {100 - len(differ)} of 100; steps that differ: {differ}", file=sys.stderr)


if __name__ == "__main__":
    main()
