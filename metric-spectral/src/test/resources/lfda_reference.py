import numpy as np, scipy.linalg, sys
DATA = sys.argv[1] if len(sys.argv) > 1 else 'data'
def load(name):
    X = np.genfromtxt(f'{DATA}/{name}.csv', delimiter=',', skip_header=1)
    y = X[:, -1].astype(int); X = X[:, :-1]
    t = np.genfromtxt(f'{DATA}/{name}.split.csv', skip_header=1).astype(int)
    Xtr, Xte = X[t == 0], X[t == 1]
    m, s = Xtr.mean(0), Xtr.std(0); keep = s > 0
    return (Xtr[:, keep]-m[keep])/s[keep], y[t==0], (Xte[:, keep]-m[keep])/s[keep], y[t==1]
def sum_outer(x): s = x.sum(axis=0); return np.outer(s, s)
def lfda(X, y, k, quirk):
    # quirk=False: Sugiyama's definition (sigma_i = k-th same-class neighbour distance; S_b from W^b)
    # quirk=True: metric-learn 0.7 verbatim (np.partition(...)[:, k] scaling and 'tSb -= ... - tSw', i.e. S_b + 2 S_w)
    n, d = X.shape
    tSb = np.zeros((d, d)); tSw = np.zeros((d, d))
    for c in np.unique(y):
        Xc = X[y == c]; nc = Xc.shape[0]
        dist = ((Xc[:, None, :] - Xc[None, :, :])**2).sum(-1)
        kk = min(k, nc - 1)
        sigma = np.sqrt(np.partition(dist, kk, axis=0)[:, kk] if quirk else np.partition(dist, kk, axis=0)[kk, :])
        ls = np.outer(sigma, sigma)
        with np.errstate(divide='ignore', invalid='ignore'):
            A = np.exp(-dist / ls); A[ls == 0] = 0
        G = Xc.T.dot(A.sum(axis=0)[:, None] * Xc) - Xc.T.dot(A).dot(Xc)
        tSb += G / n + (1 - nc / n) * Xc.T.dot(Xc) + sum_outer(Xc) / n
        tSw += G / nc
    tSb -= sum_outer(X) / n - tSw if quirk else sum_outer(X) / n + tSw
    tSb = (tSb + tSb.T) / 2; tSw = (tSw + tSw.T) / 2
    vals, vecs = scipy.linalg.eigh(tSb, tSw)
    order = np.argsort(-vals)[:d]; vals = vals[order]; vecs = vecs[:, order]
    vecs = vecs * np.sqrt(vals)
    return vecs.T, vals
def knn(L, Xtr, ytr, Xte, yte, k):
    A = Xtr @ L.T; B = Xte @ L.T
    D = ((B[:, None, :] - A[None, :, :])**2).sum(-1)
    c = 0
    for i in range(len(B)):
        o = np.argsort(D[i], kind='stable')[:k]; labs = ytr[o]
        cnt = np.bincount(labs); best = cnt.max()
        pred = next(l for l in labs if cnt[l] == best)
        c += pred == yte[i]
    return c / len(B)
for name, k in [('iris', 3), ('wine', 7)]:
    Xtr, ytr, Xte, yte = load(name)
    for quirk in (False, True):
        L, vals = lfda(Xtr, ytr, k, quirk)
        print(name, 'quirk' if quirk else 'paper', knn(L, Xtr, ytr, Xte, yte, 1), knn(L, Xtr, ytr, Xte, yte, 5), np.round(vals, 4))
import json
out = {"what": "LFDA generalized eigenvalues (S_b v = λ S_w v, descending) and test k-NN accuracy with the paper's local scaling (sigma_i = distance to the k-th same-class neighbour), computed with numpy/scipy by lfda_reference.py from metric-learn 0.7's scatter assembly; 'metric_learn_0.7' is metric-learn's code verbatim: np.partition(dist, k, axis=0)[:, k] scaling and tSb -= sum_outer(X)/n - tSw (= definition S_b + 2 S_w)", "results": []}
for name, k in [('iris', 3), ('wine', 7)]:
    Xtr, ytr, Xte, yte = load(name)
    for quirk in (False, True):
        L, vals = lfda(Xtr, ytr, k, quirk)
        out["results"].append({"dataset": name, "k": k, "local_scaling": "metric_learn_0.7" if quirk else "paper",
            "eigenvalues": [float(v) for v in vals], "knn1_acc": knn(L, Xtr, ytr, Xte, yte, 1), "knn5_acc": knn(L, Xtr, ytr, Xte, yte, 5)})
json.dump(out, open('lfda_numpy_reference.json', 'w'), indent=1)
