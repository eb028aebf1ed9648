#!/usr/bin/env python3
"""Golden values for metric-eval's measure conventions: precision@k and MAP@k computed by
pytorch-metric-learning 2.8.1 (AccuracyCalculator's k-NN, its precision_at_k function and its
mean_average_precision with k) and by open-metric-learning 4.0.0 (calc_retrieval_metrics: precision@k, map@k) on
one seeded query/reference set in which one query class has no reference (lone queries).

It writes the data (role, label, coordinates; three decimals, so both sides read the same numbers) and, per
library, each measure's mean over the queries that have a relevant reference (PML masks the others out; OML warns
about them and gives NaN precision and 0 MAP@k for them, so they are left out here too).

Usage (each library's source tree; Debian's python3-torch and python3-numpy):
    /usr/bin/python3 retrieval_conventions_reference.py --pml /path/to/pytorch-metric-learning/src \
        --oml /path/to/open-metric-learning --out metric-eval/src/test/resources/conventions
OML's package __init__ pulls in its training stack, so its metrics module is loaded from its file with its three
small helper imports stubbed (the stubs are not used by the functions called here except the argument check).
"""
import argparse
import importlib.util
import os
import sys
import types

import numpy as np
import torch

KS = (1, 3, 5, 10)


def data(seed=7):
    rng = np.random.default_rng(seed)
    qy = np.array([i % 6 for i in range(36)])  # class 5 has no reference: lone queries
    ry = np.array([i % 5 for i in range(45)] + [0, 0, 1])  # uneven class sizes 11, 11, 9, 9, 9 (R < k for some k)
    centres = rng.normal(size=(6, 2)) * 1.5
    q = np.round(centres[qy] + rng.normal(size=(len(qy), 2)), 3)
    r = np.round(centres[ry] + rng.normal(size=(len(ry), 2)), 3)
    return q, qy, r, ry


def pml_values(src, q, qy, r, ry):
    sys.path.insert(0, src)
    from pytorch_metric_learning.distances import LpDistance
    from pytorch_metric_learning.utils import accuracy_calculator as ac
    from pytorch_metric_learning.utils.inference import CustomKNN

    knn = CustomKNN(LpDistance(normalize_embeddings=False, p=2, power=1))
    out = {}
    qt, rt = torch.tensor(q, dtype=torch.float64), torch.tensor(r, dtype=torch.float64)
    qyt, ryt = torch.tensor(qy), torch.tensor(ry)
    for k in KS:
        calc = ac.AccuracyCalculator(include=("mean_average_precision",), k=k, knn_func=knn, device=torch.device("cpu"))
        out[f"map_at_{k}"] = calc.get_accuracy(q, qy, r, ry)["mean_average_precision"]
        _, idx = knn(qt, k, rt, False)
        keep = np.isin(qy, ry)
        knn_labels = ryt[idx][keep]
        out[f"precision_at_{k}"] = ac.precision_at_k(knn_labels, qyt[keep][:, None], k, False, False, ac.EQUALITY)
    return out


def oml_values(root, q, qy, r, ry):
    for name, attrs in (("oml", {}), ("oml.const", {"OVERALL_CATEGORIES_KEY": "OVERALL"}),
                        ("oml.utils", {}), ("oml.utils.misc", {"check_if_nonempty_positive_integers": positive}),
                        ("oml.utils.misc_torch", {"PCA": object})):
        m = types.ModuleType(name)
        m.__dict__.update(attrs)
        sys.modules[name] = m
    spec = importlib.util.spec_from_file_location("oml_metrics", os.path.join(root, "oml", "functional", "metrics.py"))
    metrics = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metrics)
    d = ((q[:, None, :] - r[None, :, :]) ** 2).sum(-1)
    order = np.argsort(d, axis=1, kind="stable")
    retrieved = [torch.tensor(o) for o in order]
    gt = [torch.tensor(np.nonzero(ry == y)[0]) for y in qy]
    res = metrics.calc_retrieval_metrics(retrieved, gt, precision_top_k=KS, map_top_k=KS, cmc_top_k=(1,),
                                         reduce=False, verbose=False)
    keep = torch.tensor(np.isin(qy, ry))
    out = {}
    for k in KS:
        out[f"precision_at_{k}_oml"] = res["precision"][k][keep].double().mean().item()
        out[f"map_at_{k}_oml"] = res["map"][k][keep].double().mean().item()
    return out


def positive(var, name):
    if not var or not all(isinstance(x, int) and x > 0 for x in var):
        raise ValueError(f"{name} must be non-empty positive integers")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pml", required=True)
    ap.add_argument("--oml", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    q, qy, r, ry = data()
    values = pml_values(a.pml, q, qy, r, ry)
    values.update(oml_values(a.oml, q, qy, r, ry))
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "data.csv"), "w") as f:
        f.write("role,label,x0,x1\n")
        for role, x, y in (("query", q, qy), ("reference", r, ry)):
            for row, lab in zip(x, y):
                f.write(f"{role},{lab},{row[0]:.3f},{row[1]:.3f}\n")
    with open(os.path.join(a.out, "golden.csv"), "w") as f:
        f.write("measure,value\n")
        for name in sorted(values):
            f.write(f"{name},{float(values[name])!r}\n")


if __name__ == "__main__":
    main()
