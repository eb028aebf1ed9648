#!/usr/bin/env python3
"""Golden values for the losses added to metric-deep after the first set: pytorch-metric-learning 2.8.1
evaluated in float64 on the shared 'clustered' batch (32 embeddings, 16-d, 8 classes). For the losses PML
does not have (softmax triplet, triplet global), torch autograd of the paper's formula, on PML's triplets.

For every configuration it records the reduced loss value and the Frobenius norm of its gradient with
respect to the raw embeddings (and, for losses with learned parameters, with respect to those), in the
layout metric-deep's GoldenLossTest reads. Learned parameters are drawn with a fixed numpy seed and
written next to the output, one row per class (or per centre), so that the Java test loads the same ones.

Usage (PML's source tree on the path; Debian's python3-torch and python3-numpy):
    PYTHONPATH=/path/to/pytorch-metric-learning/src /usr/bin/python3 pml_more_losses_reference.py \
        --data metric-deep/src/test/resources/losses/clustered --out metric-deep/src/test/resources/losses/more
"""
import argparse
import json
import os

import numpy as np
import torch

import pytorch_metric_learning
from pytorch_metric_learning import losses, miners
from pytorch_metric_learning.utils import loss_and_miner_utils as lmu


def read_csv(path):
    return np.loadtxt(path, delimiter=",", ndmin=2)


def configurations():
    """(key, loss class, loss params, miner class or None, miner params, learned-parameter attribute or None)."""
    return [
        ("angular", "AngularLoss", {"alpha": 40}, None, {}, None),
        ("angular_a30", "AngularLoss", {"alpha": 30}, None, {}, None),
        ("angular_angularminer", "AngularLoss", {"alpha": 40}, "AngularMiner", {"angle": 20}, None),
        ("angular_a45_angularminer_25", "AngularLoss", {"alpha": 45}, "AngularMiner", {"angle": 25}, None),
        ("margin", "MarginLoss", {"margin": 0.2, "nu": 0, "beta": 1.2}, None, {}, None),
        ("margin_batchhard", "MarginLoss", {"margin": 0.1, "nu": 0, "beta": 0.9}, "BatchHardMiner", {}, None),
        ("margin_tmm_semihard", "MarginLoss", {"margin": 0.2, "nu": 0, "beta": 1.2}, "TripletMarginMiner",
         {"margin": 0.2, "type_of_triplets": "semihard"}, None),
        ("margin_learned_beta", "MarginLoss", {"margin": 0.2, "nu": 0.1, "beta": 1.2, "learn_beta": True}, None, {}, "beta"),
        ("margin_learned_class_betas", "MarginLoss",
         {"margin": 0.2, "nu": 0.1, "beta": 1.2, "learn_beta": True, "num_classes": 8}, None, {}, "beta"),
        ("soft_triple", "SoftTripleLoss", {"num_classes": 8, "embedding_size": 16}, None, {}, "fc"),
        ("soft_triple_k3_batchhard", "SoftTripleLoss",
         {"num_classes": 8, "embedding_size": 16, "centers_per_class": 3, "la": 10, "gamma": 0.2, "margin": 0.05},
         "BatchHardMiner", {}, "fc"),
        ("normalized_softmax", "NormalizedSoftmaxLoss", {"num_classes": 8, "embedding_size": 16}, None, {}, "W"),
        ("normalized_softmax_t0.1_tmm_semihard", "NormalizedSoftmaxLoss",
         {"num_classes": 8, "embedding_size": 16, "temperature": 0.1}, "TripletMarginMiner",
         {"margin": 0.2, "type_of_triplets": "semihard"}, "W"),
        ("fast_ap", "FastAPLoss", {"num_bins": 10}, None, {}, None),
        ("fast_ap_b5", "FastAPLoss", {"num_bins": 5}, None, {}, None),
        ("fast_ap_tmm_semihard", "FastAPLoss", {"num_bins": 10}, "TripletMarginMiner",
         {"margin": 0.2, "type_of_triplets": "semihard"}, None),
        ("tuplet_margin", "TupletMarginLoss", {"margin": 5.73, "scale": 64}, None, {}, None),
        ("tuplet_margin_m10_s16", "TupletMarginLoss", {"margin": 10, "scale": 16}, None, {}, None),
        ("tuplet_margin_tmm_semihard", "TupletMarginLoss", {"margin": 5.73, "scale": 64}, "TripletMarginMiner",
         {"margin": 0.2, "type_of_triplets": "semihard"}, None),
        ("sphereface", "SphereFaceLoss", {"num_classes": 8, "embedding_size": 16}, None, {}, "W"),
        ("sphereface_m3_s2_tmm_semihard", "SphereFaceLoss", {"num_classes": 8, "embedding_size": 16, "margin": 3, "scale": 2},
         "TripletMarginMiner", {"margin": 0.2, "type_of_triplets": "semihard"}, "W"),
        ("sphereface_m2_s0.5", "SphereFaceLoss", {"num_classes": 8, "embedding_size": 16, "margin": 2, "scale": 0.5}, None, {}, "W"),
        ("subcenter_arcface", "SubCenterArcFaceLoss", {"num_classes": 8, "embedding_size": 16}, None, {}, "W"),
        ("subcenter_arcface_k2_m20_s16_batchhard", "SubCenterArcFaceLoss",
         {"num_classes": 8, "embedding_size": 16, "sub_centers": 2, "margin": 20, "scale": 16}, "BatchHardMiner", {}, "W"),
    ]


def softmax_triplet(x, a, p, n, params):
    """Hoffer & Ailon 2015: 2 (d+)^2 with d+ = softmax over (d_ap, d_an); mean over triplets."""
    e = torch.nn.functional.normalize(x, dim=1) if params.get("normalize", True) else x
    d_ap = torch.norm(e[a] - e[p], dim=1)
    d_an = torch.norm(e[a] - e[n], dim=1)
    d_plus = torch.softmax(torch.stack([d_ap, d_an], dim=1), dim=1)[:, 0]
    return torch.mean(d_plus ** 2 + (1 - d_plus - 1) ** 2)


def triplet_global(x, a, p, n, params):
    """Kumar, Carneiro & Reid 2016: var(d+) + var(d-) + lambda * relu(mean(d+) - mean(d-) + margin), squared distances."""
    e = torch.nn.functional.normalize(x, dim=1)
    d_pos = torch.sum((e[a] - e[p]) ** 2, dim=1)
    d_neg = torch.sum((e[a] - e[n]) ** 2, dim=1)
    gap = torch.relu(d_pos.mean() - d_neg.mean() + params.get("margin", 0.4))
    return d_pos.var(unbiased=False) + d_neg.var(unbiased=False) + params.get("lambda", 1) * gap


FORMULAS = {"SoftmaxTripletLoss": softmax_triplet, "TripletGlobalLoss": triplet_global}


def formula_configurations():
    """Losses PML does not have: torch autograd of the paper's formula is the oracle."""
    return [
        ("softmax_triplet", "SoftmaxTripletLoss", {}, None, {}),
        ("softmax_triplet_raw_batchhard", "SoftmaxTripletLoss", {"normalize": False}, "BatchHardMiner", {}),
        ("triplet_global", "TripletGlobalLoss", {"margin": 0.4, "lambda": 1}, None, {}),
        ("triplet_global_m2_l0.5", "TripletGlobalLoss", {"margin": 2.0, "lambda": 0.5}, None, {}),
        ("triplet_global_tmm_semihard", "TripletGlobalLoss", {"margin": 0.4, "lambda": 1}, "TripletMarginMiner",
         {"margin": 0.2, "type_of_triplets": "semihard"}),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    torch.set_default_dtype(torch.float64)
    x0 = torch.tensor(read_csv(os.path.join(args.data, "embeddings.csv")))
    y = torch.tensor(read_csv(os.path.join(args.data, "labels.csv"))[:, 0].astype(np.int64))
    os.makedirs(args.out, exist_ok=True)
    result = {
        "oracle": "PML losses",
        "versions": {"pytorch_metric_learning": pytorch_metric_learning.__version__, "torch": torch.__version__,
                     "numpy": np.__version__},
        "inputs": {"embeddings": "../clustered/embeddings.csv", "labels": "../clustered/labels.csv"},
        "dtype": "float64",
        "losses": {},
    }
    for key, loss_class, loss_params, miner_class, miner_params, learned in configurations():
        loss_fn = getattr(losses, loss_class)(**loss_params)
        entry = {"loss_class": loss_class, "loss_params": loss_params, "miner": None}
        if learned is not None:
            param = getattr(loss_fn, learned)
            rng = np.random.default_rng(0)
            values = rng.normal(size=tuple(param.shape))
            if learned == "beta":
                # boundaries near their start value; metric-deep keeps each beta as a row of D equal entries
                values = loss_params["beta"] + 0.1 * values
                rows = np.repeat(values.reshape(-1, 1), x0.shape[1], axis=1)
            else:
                # PML stores class vectors as columns (D x rows); metric-deep as rows
                rows = values.T
            with torch.no_grad():
                param.copy_(torch.tensor(values))
            csv = key + "_" + learned + ".csv"
            np.savetxt(os.path.join(args.out, csv), rows, delimiter=",", fmt="%.17g")
            entry["weights"] = {"attribute": learned, "csv": csv}
        x = x0.clone().requires_grad_(True)
        indices = None
        if miner_class is not None:
            miner = getattr(miners, miner_class)(**miner_params)
            with torch.no_grad():
                indices = miner(x, y)
            entry["miner"] = {"class": miner_class, "params": miner_params, "n_tuples": int(len(indices[0]))}
        value = loss_fn(x, y, indices)
        value.backward()
        entry["value"] = float(value)
        entry["grad_norm_embeddings"] = float(x.grad.norm())
        if learned is not None:
            entry["grad_norm_weights"] = float(getattr(loss_fn, learned).grad.norm())
        result["losses"][key] = entry
    for key, loss_class, loss_params, miner_class, miner_params in formula_configurations():
        entry = {"loss_class": loss_class, "loss_params": loss_params, "miner": None,
                 "oracle": "torch autograd of the paper's formula (the loss is not in PML)"}
        x = x0.clone().requires_grad_(True)
        if miner_class is None:
            a, p, n = lmu.get_all_triplets_indices(y)
        else:
            with torch.no_grad():
                a, p, n = getattr(miners, miner_class)(**miner_params)(x, y)
            entry["miner"] = {"class": miner_class, "params": miner_params, "n_tuples": int(len(a))}
        value = FORMULAS[loss_class](x, a, p, n, loss_params)
        value.backward()
        entry["value"] = float(value)
        entry["grad_norm_embeddings"] = float(x.grad.norm())
        result["losses"][key] = entry
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
