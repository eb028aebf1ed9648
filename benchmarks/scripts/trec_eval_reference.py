#!/usr/bin/env python3
"""Golden values for metric-eval's trec convention, computed by NIST's trec_eval itself.

trec_eval (github.com/usnistgov/trec_eval, version 10.0; build it with `make` in its source tree) reads a qrels file
(query, 0, document, relevance) and a run file (query, Q0, document, rank, score, run id) and reports, per query and as
the mean over the queries that appear in both files:
  P_k         relevant documents among the first k retrieved / k (missing positions count as non-relevant);
  map_cut_k   sum over the relevant documents retrieved within the first k of (relevant so far / position),
              divided by the query's number of relevant documents, 0 when it has none;
  recip_rank  1 / position of the first relevant document, 0 when none is retrieved.
It orders a query's documents by descending score, equal scores by descending document name (strcmp).

trec_eval prints every value with 4 decimals (printf "%6.4f"); the script builds a copy of its source in the work
directory with that format widened to "%.17g" (nothing else changed) so that the golden values carry every digit.

This script turns a retrieval reference set (query and reference embeddings and labels, CSV) into those files: every
query-reference pair is judged (relevance 1 when the labels agree, else 0), so a query whose class has no reference is in
the qrels with nothing relevant and scores 0 on every measure; the run lists every reference with score = -(squared
Euclidean distance), printed with 17 significant digits so trec_eval reads the same doubles. Reference j is named
ref<n-1-j> (zero padded), so that trec_eval's order among equal scores (descending name) is MetricLab's (ascending
reference index). It writes measure,value lines for MetricLab's names: precision_at_<k>_trec, map_at_<k>_trec and
mean_reciprocal_rank_trec, plus the number of queries and of tied distance pairs met.

Two sets are written: the committed random query/reference reference (continuous values, no ties), and a small seeded
set of integer points with many equal distances and a lone class (ties decided by the naming above).

Usage (gcc and make on the path):
    python3 trec_eval_reference.py --trec-eval-src /path/to/trec_eval \
        --data metric-eval/src/test/resources/retrieval/random_query_reference \
        --ties metric-eval/src/test/resources/retrieval/trec_ties --work /tmp/trec-work
Only the data of the tie set and the two trec_eval_golden.csv files are meant to be committed.
"""
import argparse
import glob
import os
import shutil
import subprocess

import numpy as np

KS = (1, 3, 5, 10)


def read_set(directory):
    q = np.loadtxt(os.path.join(directory, "query_embeddings.csv"), delimiter=",", ndmin=2)
    r = np.loadtxt(os.path.join(directory, "reference_embeddings.csv"), delimiter=",", ndmin=2)
    qy = np.loadtxt(os.path.join(directory, "query_labels.csv"), dtype=np.int64, ndmin=1)
    ry = np.loadtxt(os.path.join(directory, "reference_labels.csv"), dtype=np.int64, ndmin=1)
    return q, qy, r, ry


def tie_set(directory, seed=5):
    """Integer points in a 3 x 3 grid (many equal distances); class 4 of the queries has no reference (lone)."""
    rng = np.random.default_rng(seed)
    q = rng.integers(0, 3, size=(30, 2)).astype(float)
    r = rng.integers(0, 3, size=(40, 2)).astype(float)
    qy = np.array([i % 5 for i in range(30)])
    ry = np.array([i % 4 for i in range(40)])
    os.makedirs(directory, exist_ok=True)
    for name, x in (("query_embeddings.csv", q), ("reference_embeddings.csv", r)):
        np.savetxt(os.path.join(directory, name), x, delimiter=",", fmt="%.1f")
    for name, y in (("query_labels.csv", qy), ("reference_labels.csv", ry)):
        np.savetxt(os.path.join(directory, name), y, fmt="%d")
    return q, qy, r, ry


def squared_distances(q, r):
    # the sum over coordinates in order, as MetricLab's exact kernel adds them
    d = np.zeros((len(q), len(r)))
    for c in range(q.shape[1]):
        d += (q[:, None, c] - r[None, :, c]) ** 2
    return d


def trec_eval(binary, q, qy, r, ry, work, tag):
    os.makedirs(work, exist_ok=True)
    d = squared_distances(q, r)
    width = len(str(len(r)))
    names = [f"ref{len(r) - 1 - j:0{width}d}" for j in range(len(r))]
    qrels = os.path.join(work, tag + ".qrels")
    run = os.path.join(work, tag + ".run")
    ties = 0
    with open(qrels, "w") as fq, open(run, "w") as fr:
        for i in range(len(q)):
            for j in range(len(r)):
                fq.write(f"q{i} 0 {names[j]} {1 if qy[i] == ry[j] else 0}\n")
            order = np.argsort(d[i], kind="stable")
            ties += int(np.sum(np.diff(d[i][order]) == 0))
            for rank, j in enumerate(order):
                fr.write(f"q{i} Q0 {names[j]} {rank + 1} {float(-d[i, j])!r} metriclab\n")
    args = [binary, "-m", "P." + ",".join(map(str, KS)), "-m", "map_cut." + ",".join(map(str, KS)), "-m", "recip_rank",
            "-m", "num_q", qrels, run]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    values = {}
    for line in out.splitlines():
        measure, scope, value = line.split()
        assert scope == "all", line
        if measure == "num_q":
            values["queries"] = int(value)
        elif measure == "recip_rank":
            values["mean_reciprocal_rank_trec"] = float(value)
        elif measure.startswith("P_"):
            values[f"precision_at_{measure[2:]}_trec"] = float(value)
        elif measure.startswith("map_cut_"):
            values[f"map_at_{measure[8:]}_trec"] = float(value)
    values["tied_adjacent_distances"] = ties
    return values


def build(source, work):
    """Copies trec_eval's source to work/trec_eval, widens its printed precision to 17 digits and builds it."""
    tree = os.path.join(work, "trec_eval")
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(source, tree, ignore=shutil.ignore_patterns(".git", "*.o", "trec_eval"))
    for c in glob.glob(os.path.join(tree, "meas_print_*.c")):
        with open(c) as f:
            text = f.read()
        with open(c, "w") as f:
            f.write(text.replace("%6.4f", "%.17g"))
    subprocess.run(["make", "-C", tree], check=True, capture_output=True)
    return os.path.join(tree, "trec_eval")


def write(path, values):
    with open(path, "w") as f:
        f.write("measure,value\n")
        for name in sorted(values):
            f.write(f"{name},{values[name]!r}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trec-eval-src", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--ties", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    binary = build(a.trec_eval_src, a.work)
    write(os.path.join(a.data, "trec_eval_golden.csv"), trec_eval(binary, *read_set(a.data), a.work, "random"))
    write(os.path.join(a.ties, "trec_eval_golden.csv"), trec_eval(binary, *tie_set(a.ties), a.work, "ties"))


if __name__ == "__main__":
    main()
