# Digits accuracy reference for NCA and MLKR: metric-learn 0.7.0's objectives and gradients as published
# (NCA: -sum_i p_i; MLKR: squared leave-one-out kernel regression error with the labels as targets),
# metric-learn's defaults for n_components = d (identity init) and its solver call (scipy L-BFGS-B,
# tol=None, maxiter 100 for NCA, 1000 for MLKR), on MetricLab's built-in digits split standardised
# with train statistics (constant train features dropped), 1-NN / 5-NN as ProbabilisticBench counts
# them (ties by reference index, vote ties to the nearest tied class). metric-learn itself is not
# installable here; this script needs only numpy and scipy (apt-get install python3-scipy).
#
#   python3 benchmarks/scripts/metric_learn_digits_reference.py nca|mlkr [n_train]
import os, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp

base = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'metric-core', 'src', 'main', 'resources', 'org', 'metriclab', 'core', 'data') + os.sep
data = np.loadtxt(base + 'digits.csv', delimiter=',', skiprows=1)
split = np.loadtxt(base + 'digits.split.csv', skiprows=1).astype(int)
X, y = data[:, :-1], data[:, -1].astype(int)
Xtr, ytr, Xte, yte = X[split == 0], y[split == 0], X[split == 1], y[split == 1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else len(Xtr)
Xtr, ytr = Xtr[:n], ytr[:n]  # the first n training rows, then standardised, as ProbabilisticBench does
mu, sd = Xtr.mean(0), Xtr.std(0)
keep = sd > 0
Xtr = (Xtr[:, keep] - mu[keep]) / sd[keep]
Xte = (Xte[:, keep] - mu[keep]) / sd[keep]
d = Xtr.shape[1]

def sqdist(Z):
    s = (Z * Z).sum(1)
    D = s[:, None] + s[None, :] - 2 * Z @ Z.T
    np.maximum(D, 0, out=D)
    return D

def softmax_neighbours(flat):
    # Z = X Aᵀ and the row-wise softmax of -‖z_i − z_j‖² over j ≠ i, as both metric-learn objectives start
    A = flat.reshape(-1, d)
    Z = Xtr @ A.T
    D = sqdist(Z); np.fill_diagonal(D, np.inf)
    return Z, np.exp(-D - logsumexp(-D, axis=1)[:, None])

def nca(flat):
    Z, S = softmax_neighbours(flat)
    mask = ytr[:, None] == ytr[None, :]
    p = S * mask
    pi = p.sum(1)
    W = p - S * pi[:, None]
    W = W + W.T
    np.fill_diagonal(W, -W.sum(0))
    g = 2 * (Z.T @ W) @ Xtr
    return -pi.sum(), -g.ravel()

def mlkr(flat):
    Z, S = softmax_neighbours(flat)
    t = ytr.astype(float)
    yhat = S @ t
    diff = yhat - t
    cost = (diff ** 2).sum()
    W = S * diff[:, None] * (t[None, :] - yhat[:, None])
    Ws = W + W.T
    np.fill_diagonal(Ws, -W.sum(0) - W.sum(1))
    g = 4 * (Z.T @ Ws) @ Xtr
    return cost, g.ravel()

def knn_acc(L, k):
    R, Q = Xtr @ L.T, Xte @ L.T
    D = (Q * Q).sum(1)[:, None] + (R * R).sum(1)[None, :] - 2 * Q @ R.T
    order = np.argsort(D, axis=1, kind='stable')[:, :k]
    correct = 0
    for i in range(len(Q)):
        labs = ytr[order[i]]
        cnt = {}
        for l in labs: cnt[l] = cnt.get(l, 0) + 1
        best = max(cnt.values())
        pred = next(l for l in labs if cnt[l] == best)
        correct += pred == yte[i]
    return correct / len(Q)

which = sys.argv[1]
f, maxiter = (nca, 100) if which == 'nca' else (mlkr, 1000)
t0 = time.time()
res = minimize(f, np.eye(d).ravel(), method='L-BFGS-B', jac=True, options=dict(maxiter=maxiter))
t = time.time() - t0
L = res.x.reshape(-1, d)
print(f"{which} n={n} d={d}: {t:.2f} s, nit={res.nit}, nfev={res.nfev}, f={res.fun:.6f}, status={res.status} ({res.message}), "
      f"1-NN {knn_acc(L, 1):.4f}, 5-NN {knn_acc(L, 5):.4f}")
