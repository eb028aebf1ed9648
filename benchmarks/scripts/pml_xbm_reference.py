#!/usr/bin/env python3
"""Golden values for metric-deep's cross_batch_memory: pytorch-metric-learning 2.8.1's CrossBatchMemory
evaluated in float64 over a fixed sequence of batches drawn from the shared 'clustered' set (32 embeddings,
16-d, 8 classes), so that the memory fills, wraps around and overwrites its oldest rows.

For every configuration (wrapped loss, optional miner, memory size) and every step it records the loss
value and the Frobenius norm of its gradient with respect to that step's raw embeddings.

Steps (rows of the clustered set; the third and fourth are transformed so the memory holds distinct rows):
  1: rows 0-15; 2: rows 16-31; 3: 1.5 * rows 0-15 + 0.1; 4: 0.5 * rows 8-23 - 0.2.

Usage (PML's source tree on the path; Debian's python3-torch and python3-numpy):
    PYTHONPATH=/path/to/pytorch-metric-learning/src /usr/bin/python3 pml_xbm_reference.py \
        --data metric-deep/src/test/resources/losses/clustered --out metric-deep/src/test/resources/losses/xbm
"""
import argparse
import json
import os

import numpy as np
import torch

import pytorch_metric_learning
from pytorch_metric_learning import losses, miners


def steps(x, y):
    return [(x[0:16], y[0:16]), (x[16:32], y[16:32]), (x[0:16] * 1.5 + 0.1, y[0:16]), (x[8:24] * 0.5 - 0.2, y[8:24])]


def configurations():
    """(key, loss class, loss params, miner class or None, miner params, memory size)."""
    return [
        ("contrastive_m40", "ContrastiveLoss", {}, None, {}, 40),
        ("contrastive_m16", "ContrastiveLoss", {"pos_margin": 0.1, "neg_margin": 0.9}, None, {}, 16),
        ("contrastive_pairmargin_m40", "ContrastiveLoss", {}, "PairMarginMiner", {"pos_margin": 0.2, "neg_margin": 0.8}, 40),
        ("triplet_margin_m40", "TripletMarginLoss", {"margin": 0.2}, None, {}, 40),
        ("ntxent_m40", "NTXentLoss", {"temperature": 0.1}, None, {}, 40),
        ("supcon_m40", "SupConLoss", {}, None, {}, 40),
        ("lifted_structure_m40", "LiftedStructureLoss", {}, None, {}, 40),
        ("margin_m40", "MarginLoss", {}, None, {}, 40),
        ("tuplet_margin_m40", "TupletMarginLoss", {}, None, {}, 40),
        ("angular_m40", "AngularLoss", {}, None, {}, 40),
        ("multi_similarity_m40", "MultiSimilarityLoss", {}, None, {}, 40),
        ("circle_m40", "CircleLoss", {}, None, {}, 40),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_default_dtype(torch.float64)
    x0 = torch.tensor(np.loadtxt(os.path.join(args.data, "embeddings.csv"), delimiter=",", ndmin=2))
    y0 = torch.tensor(np.loadtxt(os.path.join(args.data, "labels.csv"), delimiter=",", ndmin=2)[:, 0].astype(np.int64))
    os.makedirs(args.out, exist_ok=True)
    result = {
        "oracle": "PML CrossBatchMemory",
        "versions": {"pytorch_metric_learning": pytorch_metric_learning.__version__, "torch": torch.__version__,
                     "numpy": np.__version__},
        "inputs": {"embeddings": "../clustered/embeddings.csv", "labels": "../clustered/labels.csv"},
        "steps": ["rows 0-15", "rows 16-31", "1.5 * rows 0-15 + 0.1", "0.5 * rows 8-23 - 0.2"],
        "dtype": "float64",
        "configurations": {},
    }
    for key, loss_class, loss_params, miner_class, miner_params, memory in configurations():
        miner = getattr(miners, miner_class)(**miner_params) if miner_class else None
        xbm = losses.CrossBatchMemory(getattr(losses, loss_class)(**loss_params), 16, memory_size=memory, miner=miner)
        values, grads = [], []
        for xb, yb in steps(x0, y0):
            x = xb.clone().detach().requires_grad_(True)
            value = xbm(x, yb)
            value.backward()
            values.append(float(value))
            grads.append(float(x.grad.norm()))
        result["configurations"][key] = {"loss_class": loss_class, "loss_params": loss_params,
                                         "miner": None if miner_class is None else {"class": miner_class, "params": miner_params},
                                         "memory_size": memory, "values": values, "grad_norms": grads}
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
