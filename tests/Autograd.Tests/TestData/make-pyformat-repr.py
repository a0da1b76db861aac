"""Writes pyformat-repr.json: what CPython's repr prints for 409,600 doubles, which PyFormat.Repr must match.

The inputs are not stored: both this script and the C# test draw them from the same SplitMix64
sequence (see `sample` below; PyFormatReprTests.cs mirrors it). What is stored is, per chunk of
1,024 inputs, a SHA-256 of CPython's output lines (so a difference is pinned to one chunk), plus
every 400th input and its text verbatim (so a failure can show a concrete case).

A whole number prints without ".0" (PyFormat's convention: the lecture's gradients start as the
integers 0 and 1), so each line is repr(x) with a trailing ".0" removed.

Run from this folder: python3 make-pyformat-repr.py > pyformat-repr.json
"""
import hashlib
import json
import struct
import sys

MASK = (1 << 64) - 1
SEED = 20261126
CHUNK = 1024
CHUNKS = 400
VERBATIM_EVERY = 400


def mix(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def from_bits(bits):
    return struct.unpack("<d", struct.pack("<Q", bits & MASK))[0]


def to_bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def sample(i):
    r = mix(SEED * 0x100000001 + 2 * i)
    s = mix(SEED * 0x100000001 + 2 * i + 1)
    kind = i % 8
    if kind == 0:  # any bit pattern
        return from_bits(r)
    if kind == 1:  # whole numbers from 1e15 to 1e17, densely
        return float(10**15 + r % (9 * 10**16 + 1))
    if kind == 2:  # every double in the binades 2^49 .. 2^57 (1e15 .. 1.4e17), whole or not
        exponent = 49 + s % 8
        return from_bits(((1023 + exponent) << 52) | (r & ((1 << 52) - 1)))
    if kind == 3:  # uniform in [0, 1)
        return (r >> 11) * 2.0**-53
    if kind == 4:  # every binade from 2^-100 to 2^99
        return from_bits(((1023 - 100 + s % 200) << 52) | (r & ((1 << 52) - 1)))
    if kind == 5:  # small integers and simple fractions
        return float(r % 2000001 - 1000000) / float(1 + s % 4)
    if kind == 6:  # powers of ten from 1e-30 to 1e30 and their neighbours
        k = int(r % 61) - 30
        return from_bits(to_bits(float("1e%d" % k)) + int(s % 3) - 1)
    # negatives of the 1e15 .. 1e17 band
    if s & 1:
        return -float(10**15 + r % (9 * 10**16 + 1))
    return -from_bits(((1023 + 49 + s % 8) << 52) | (r & ((1 << 52) - 1)))


def text(x):
    t = repr(x)
    return t[:-2] if t.endswith(".0") else t


hashes = []
verbatim = []
for c in range(CHUNKS):
    lines = []
    for i in range(c * CHUNK, (c + 1) * CHUNK):
        x = sample(i)
        lines.append(text(x))
        if i % VERBATIM_EVERY == 0:
            verbatim.append(["%016X" % to_bits(x), lines[-1]])
    hashes.append(hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()[:16])

json.dump({"python": sys.version.split()[0], "seed": SEED, "chunk": CHUNK, "chunks": CHUNKS,
           "chunkSha256Prefixes": hashes, "verbatim": verbatim}, sys.stdout, indent=0)
print()
