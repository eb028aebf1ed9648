#!/usr/bin/env python3
"""Writes the .npy inputs of experiments/configs/scale.yaml into target/scale-data/ (numpy only).

fmnist-pca64-*: Fashion-MNIST (dataset-fashion-mnist IDX files), pixels / 255, projected on the top 64
principal directions of the 60,000 training images (mean and directions fitted on train only); float32
.npy, plus the same rows as CSV (header f0..f63,label) for `metriclab fit --data`.
mixture-1m-*: 1,000,000 training rows and 1,000 test rows x 64 dims from a Gaussian mixture with 100
classes (class means N(0, 1.5^2 I), unit-variance noise), seed 0; float32.
Usage: python3 scripts/scale-data.py [IDX_DIR]   (default /usr/share/datasets/fashion-mnist)
"""
import gzip
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "scale-data")


def idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * k:8 + 4 * k], "big") for k in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(directory, base):
    for name in (base, base + ".gz"):
        p = os.path.join(directory, name)
        if os.path.exists(p):
            return p
    sys.exit(f"{directory} has no {base}(.gz); install dataset-fashion-mnist or pass the IDX directory")


def fashion_mnist(directory):
    xtr = idx(find(directory, "train-images-idx3-ubyte")).reshape(60000, -1).astype(np.float64) / 255.0
    ytr = idx(find(directory, "train-labels-idx1-ubyte")).astype(np.int32)
    xte = idx(find(directory, "t10k-images-idx3-ubyte")).reshape(10000, -1).astype(np.float64) / 255.0
    yte = idx(find(directory, "t10k-labels-idx1-ubyte")).astype(np.int32)
    mean = xtr.mean(axis=0)
    cov = (xtr - mean).T @ (xtr - mean) / len(xtr)
    _, vecs = np.linalg.eigh(cov)
    top = vecs[:, ::-1][:, :64]
    np.save(os.path.join(OUT, "fmnist-pca64-train-x.npy"), ((xtr - mean) @ top).astype(np.float32))
    np.save(os.path.join(OUT, "fmnist-pca64-train-y.npy"), ytr)
    np.save(os.path.join(OUT, "fmnist-pca64-test-x.npy"), ((xte - mean) @ top).astype(np.float32))
    np.save(os.path.join(OUT, "fmnist-pca64-test-y.npy"), yte)
    for part in ("train", "test"):
        x = np.load(os.path.join(OUT, f"fmnist-pca64-{part}-x.npy"))
        y = np.load(os.path.join(OUT, f"fmnist-pca64-{part}-y.npy"))
        with open(os.path.join(OUT, f"fmnist-pca64-{part}.csv"), "w") as f:
            f.write(",".join([f"f{k}" for k in range(64)] + ["label"]) + "\n")
            for row, label in zip(x, y):
                f.write(",".join(repr(float(v)) for v in row) + f",{int(label)}\n")


def mixture():
    rng = np.random.default_rng(0)
    means = rng.normal(0.0, 1.5, size=(100, 64))
    for name, n in (("train", 1_000_000), ("test", 1_000)):
        y = rng.integers(0, 100, size=n).astype(np.int32)
        x = (means[y] + rng.normal(size=(n, 64))).astype(np.float32)
        np.save(os.path.join(OUT, f"mixture-1m-{name}-x.npy"), x)
        np.save(os.path.join(OUT, f"mixture-1m-{name}-y.npy"), y)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    fashion_mnist(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist")
    mixture()
    print("wrote", sorted(os.listdir(OUT)))
