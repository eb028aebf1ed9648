"""Writes the first N Fashion-MNIST training and test images as CSV (header p0..p783 and label; pixels scaled to
[0, 1] as the IDX loader scales them) for the verification figures in docs/benchmarks.md.

usage: python3 fashion_mnist_csv.py N [DIR]   (DIR: the IDX files, default /usr/share/datasets/fashion-mnist)
"""
import gzip
import sys

import numpy as np

n = int(sys.argv[1])
d = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"


def images(name):
    return np.frombuffer(gzip.open(f"{d}/{name}").read(), np.uint8, offset=16).reshape(-1, 784)


def labels(name):
    return np.frombuffer(gzip.open(f"{d}/{name}").read(), np.uint8, offset=8)


for part, xs, ys in (("train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
                     ("test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")):
    x, y = images(xs)[:n] / 255.0, labels(ys)[:n]
    with open(f"fmnist-{part}-{n}.csv", "w") as f:
        f.write(",".join(f"p{i}" for i in range(784)) + ",label\n")
        for row, label in zip(x, y):
            f.write(",".join("0" if v == 0 else f"{v:.4f}" for v in row) + f",{label}\n")
