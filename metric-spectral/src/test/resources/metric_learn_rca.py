"""Regenerates the RCA entries of metric_learn_breast_cancer_digits.json: metric-learn 0.7's
RCA_Supervised (Constraints.chunks with numpy RandomState(0): a class drawn by randint(0, n_classes - 1),
chunk_size rows drawn without replacement from it; inner covariance np.cov(bias=1) of the chunk-centred
rows; L = inner^(-1/2) through eigh) re-implemented with numpy alone, on the shared split after
standardising with the train mean and population std (train-constant features dropped); k-NN as in
metric_learn_iris_wine.json. Reproduces that file's RCA iris/wine numbers (30 chunks) exactly.
Usage: python3 metric_learn_rca.py DATA_DIR > rca.json"""
import json, sys
import numpy as np

DATA = sys.argv[1] if len(sys.argv) > 1 else 'data'
def load(name):
    raw = np.genfromtxt(f'{DATA}/{name}.csv', delimiter=',', skip_header=1)
    X, y = raw[:, :-1], raw[:, -1].astype(int)
    t = np.genfromtxt(f'{DATA}/{name}.split.csv', skip_header=1).astype(int)
    Xtr, Xte, ytr, yte = X[t == 0], X[t == 1], y[t == 0], y[t == 1]
    sd = Xtr.std(axis=0); keep = sd > 0
    mu = Xtr.mean(axis=0)
    return (Xtr[:, keep] - mu[keep]) / sd[keep], (Xte[:, keep] - mu[keep]) / sd[keep], ytr, yte

def chunks(labels, n_chunks, chunk_size, rs):
    out = -np.ones_like(labels, dtype=int)
    uniq, lookup = np.unique(labels, return_inverse=True)
    all_inds = [set(np.where(lookup == c)[0]) for c in range(len(uniq))]
    idx = 0
    while idx < n_chunks and all_inds:
        c = 0 if len(all_inds) == 1 else rs.randint(0, high=len(all_inds) - 1)
        inds = all_inds[c]
        if len(inds) < chunk_size:
            del all_inds[c]; continue
        ii = rs.choice(list(inds), chunk_size, replace=False)
        inds.difference_update(ii)
        out[ii] = idx; idx += 1
    return out

def inv_sqrtm(x):
    vals, vecs = np.linalg.eigh(x)
    return (vecs / np.sqrt(vals)).dot(vecs.T)

def rca(X, ch):
    mask = ch != -1
    Xc = X[mask].copy(); cc = ch[mask]
    for c in np.unique(cc):
        m = cc == c; Xc[m] -= Xc[m].mean(axis=0)
    inner = np.atleast_2d(np.cov(Xc, rowvar=0, bias=1))
    return inv_sqrtm(inner).T

def knn(ref, rl, q, ql, k):
    d = ((q[:, None, :] - ref[None, :, :]) ** 2).sum(-1)
    order = np.argsort(d, axis=1, kind='stable')[:, :k]
    correct = 0
    for i in range(len(q)):
        votes = np.bincount(rl[order[i]], minlength=rl.max() + 1)
        correct += int(np.argmax(votes) == ql[i])
    return correct / len(q)

out = []
for name in ('breast_cancer', 'digits'):
    Xtr, Xte, ytr, yte = load(name)
    for n in (100, 300):
        ch = chunks(ytr, n, 2, np.random.RandomState(0))
        with np.errstate(all='ignore'):
            L = rca(Xtr, ch)
        entry = {"dataset": name, "algorithm": "RCA_Supervised", "params": {"n_chunks": n, "chunk_size": 2, "random_state": 0}}
        if np.isfinite(L).all():
            A, B = Xtr @ L.T, Xte @ L.T
            entry.update(knn1_acc=knn(A, ytr, B, yte, 1), knn5_acc=knn(A, ytr, B, yte, 5), embedding_max_abs=float(np.abs(A).max()))
        else:
            entry.update(knn1_acc=None, knn5_acc=None, note="L is not finite: the inner covariance is singular")
        out.append(entry)
json.dump(out, sys.stdout, indent=1)
