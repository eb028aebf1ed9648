#!/usr/bin/env python3
"""PyTorch counterpart of org.metriclab.benchmarks.deep.CnnThroughput: training samples/s of the same CNN
(3x3 conv 32 -> ReLU -> 2x2 max-pool -> 3x3 conv 64 -> ReLU -> pool -> dense 128 -> ReLU -> 64-d,
L2-normalised), batch 256 drawn 32 per class (PML's MPerClassSampler), ContrastiveLoss(pos_margin=0,
neg_margin=1) with PairMarginMiner(pos_margin=0.2, neg_margin=0.8), Adam 1e-3, on the first 20,000
Fashion-MNIST training images scaled to [0, 1], one thread.

A warm-up of `--warmup` samples, then `--samples` timed samples (forward, miner, loss, backward, Adam
step); prints `torch_cnn_samples_per_s <value>` (wall clock) and `torch_cnn_samples_per_cpu_s <value>` (process
CPU time of the timed steps, all threads).

Usage (Debian's python3-torch 1.13; pytorch-metric-learning 2.8.1's source tree on the path):
    PYTHONPATH=/path/to/pytorch-metric-learning/src OMP_NUM_THREADS=1 /usr/bin/python3 \
        cnn_throughput_reference.py --data /usr/share/datasets/fashion-mnist
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from pytorch_metric_learning import losses, miners, samplers


def idx(path, limit):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = int.from_bytes(data[0:4], "big")
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(magic & 0xFF)]
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)
    return arr[:limit]


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(32, 64, 3, padding=1)
        self.fc = torch.nn.Linear(64 * 7 * 7, 128)
        self.out = torch.nn.Linear(128, 64)

    def forward(self, x):
        h = torch.nn.functional.max_pool2d(torch.relu(self.conv1(x)), 2)
        h = torch.nn.functional.max_pool2d(torch.relu(self.conv2(h)), 2)
        h = torch.relu(self.fc(h.flatten(1)))
        return torch.nn.functional.normalize(self.out(h), dim=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--samples", type=int, default=5120)
    ap.add_argument("--warmup", type=int, default=768)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = idx(os.path.join(args.data, "train-images-idx3-ubyte.gz"), 20000).astype(np.float32) / 255.0
    y = idx(os.path.join(args.data, "train-labels-idx1-ubyte.gz"), 20000).astype(np.int64)
    x = torch.from_numpy(x).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(y)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = losses.ContrastiveLoss(pos_margin=0, neg_margin=1)
    miner = miners.PairMarginMiner(pos_margin=0.2, neg_margin=0.8)
    sampler = samplers.MPerClassSampler(y, m=32, batch_size=256, length_before_new_iter=args.warmup + args.samples)
    order = list(iter(sampler))

    def step(rows):
        xb, yb = x[rows], y[rows]
        opt.zero_grad()
        emb = net(xb)
        loss = loss_fn(emb, yb, miner(emb, yb))
        loss.backward()
        opt.step()

    batches = [order[i:i + 256] for i in range(0, len(order) - 255, 256)]
    warm = args.warmup // 256
    for b in batches[:warm]:
        step(b)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for b in batches[warm:]:
        step(b)
    dt = time.perf_counter() - t0
    dc = time.process_time() - c0
    n = 256 * len(batches[warm:])
    print("torch_cnn_samples_per_s %.1f" % (n / dt))
    print("torch_cnn_samples_per_cpu_s %.1f" % (n / dc))


if __name__ == "__main__":
    main()
