"""Writes a seeded clustered gallery and query set as CSV (header, 64 feature columns and a label column) for the
predict and index timings in docs/benchmarks.md: class centres from N(0, I), rows = centre + N(0, spread^2 I),
row i in class i mod classes.

usage: python3 synthetic_gallery.py ROWS QUERIES DIM CLASSES SPREAD SEED OUT_DIR
"""
import sys

import numpy as np

rows, queries, dim, classes = (int(a) for a in sys.argv[1:5])
spread, seed, out = float(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
rng = np.random.default_rng(seed)
centres = rng.standard_normal((classes, dim))
for name, n in (("gallery", rows), ("queries", queries)):
    labels = np.arange(n) % classes
    x = centres[labels] + spread * rng.standard_normal((n, dim))
    with open(f"{out}/{name}.csv", "w") as f:
        f.write(",".join(f"f{t}" for t in range(dim)) + ",label\n")
        for row, label in zip(x, labels):
            f.write(",".join(f"{v:.6f}" for v in row) + f",c{label}\n")
