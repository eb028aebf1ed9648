# Reference numbers for MetricLab's `scml` learner from metric-learn 0.7.0's SCML / SCML_Supervised
# (its own source on PYTHONPATH; needs numpy, scipy and scikit-learn:
# apt-get install python3-sklearn python3-scipy).
#
#   PYTHONPATH=<metric-learn v0.7.0 checkout> python3 benchmarks/scripts/metric_learn_scml_reference.py accuracy
#       SCML_Supervised with its defaults on the iris, wine, breast_cancer and digits splits (standardised
#       with train statistics), 1-NN / 5-NN test accuracy, mean over random_state 0..4.
#   ... metric_learn_scml_reference.py digits-time
#       fit time of SCML_Supervised (defaults, random_state 0) on standardised digits, 3 runs, median
#       wall clock and process CPU time (run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 for one core).
#   ... metric_learn_scml_reference.py checks
#       deterministic cases: (1) the unit-norm LDA scalings sklearn gives on the iris train rows,
#       (2) the metric M = LᵀL SCML learns from one triplet and a given basis (every mini-batch then
#       holds that triplet only, so the dual-averaging run is free of randomness), (3) the unit-norm LDA
#       scalings of two of SCML's local problems on digits: the 20 train rows of each class nearest to
#       train row 0 (several pixels are constant on these rows, which the LDA must leave out exactly)
#       and to train row 13 (there the within-class scatter is also singular).
import os, sys, time, json, warnings
import numpy as np
warnings.filterwarnings('ignore')
from metric_learn import SCML, SCML_Supervised
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

base = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'metric-core', 'src', 'main', 'resources',
                    'org', 'metriclab', 'core', 'data') + os.sep


def load(name):
    data = np.loadtxt(base + name + '.csv', delimiter=',', skiprows=1)
    split = np.loadtxt(base + name + '.split.csv', skiprows=1).astype(int)
    X, y = data[:, :-1], data[:, -1].astype(int)
    Xtr, ytr, Xte, yte = X[split == 0], y[split == 0], X[split == 1], y[split == 1]
    mu, sd = Xtr.mean(0), Xtr.std(0)
    keep = sd > 0
    return (Xtr[:, keep] - mu[keep]) / sd[keep], ytr, (Xte[:, keep] - mu[keep]) / sd[keep], yte


def knn_acc(L, Xtr, ytr, Xte, yte, k):
    # brute force, stable sort (distance ties -> lower train index), vote ties -> the nearest tied class
    R, Q = Xtr @ L.T, Xte @ L.T
    D = (Q * Q).sum(1)[:, None] + (R * R).sum(1)[None, :] - 2 * Q @ R.T
    order = np.argsort(D, axis=1, kind='stable')[:, :k]
    correct = 0
    for i in range(len(Q)):
        labs = ytr[order[i]]
        cnt = {}
        for l in labs:
            cnt[l] = cnt.get(l, 0) + 1
        best = max(cnt.values())
        correct += next(l for l in labs if cnt[l] == best) == yte[i]
    return correct / len(Q)


mode = sys.argv[1]
if mode == 'accuracy':
    out = {}
    for name in ['iris', 'wine', 'breast_cancer', 'digits']:
        Xtr, ytr, Xte, yte = load(name)
        a1, a5 = [], []
        for seed in range(5):
            L = SCML_Supervised(random_state=seed).fit(Xtr, ytr).components_
            a1.append(knn_acc(L, Xtr, ytr, Xte, yte, 1))
            a5.append(knn_acc(L, Xtr, ytr, Xte, yte, 5))
        out[name] = {'knn1_acc': float(np.mean(a1)), 'knn5_acc': float(np.mean(a5)), 'per_seed_1nn': a1, 'per_seed_5nn': a5}
    print(json.dumps(out, indent=1))
elif mode == 'digits-time':
    Xtr, ytr, Xte, yte = load('digits')
    times, cpu = [], []
    for r in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        L = SCML_Supervised(random_state=0).fit(Xtr, ytr).components_
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(json.dumps({'fit_seconds': times, 'median': float(np.median(times)),
                      'cpu_seconds': cpu, 'cpu_median': float(np.median(cpu)),
                      'knn1_acc': knn_acc(L, Xtr, ytr, Xte, yte, 1), 'knn5_acc': knn_acc(L, Xtr, ytr, Xte, yte, 5)}))
elif mode == 'checks':
    Xtr, ytr, _, _ = load('iris')
    s = LinearDiscriminantAnalysis().fit(Xtr, ytr).scalings_.T
    s = s / np.linalg.norm(s, axis=1, keepdims=True)
    print('iris LDA unit scalings (rows):', json.dumps(s.tolist()))
    basis = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    triplet = np.array([[[0.0, 0.0], [1.0, 0.5], [0.3, 2.0]]])
    for it in [(20, 5), (200, 50)]:
        # SCML.fit cannot take an array basis in 0.7.0 (n_basis is left unset), so call the fitting
        # routine with the basis the way SCML_Supervised.fit does
        scml = SCML(max_iter=it[0], output_iter=it[1], beta=1e-3, gamma=5e-3, random_state=0)
        L = scml._fit(triplet, basis, 3).components_
        print('one-triplet M (max_iter %d, output_iter %d):' % it, json.dumps((L.T @ L).tolist()))
    Xd, yd, _, _ = load('digits')
    for centre in [0, 13]:
        rows = []
        for c in np.unique(yd):
            members = np.where(yd == c)[0]
            dist = ((Xd[members] - Xd[centre]) ** 2).sum(1)
            rows.extend(members[np.argsort(dist, kind='stable')[:20]].tolist())
        s = LinearDiscriminantAnalysis().fit(Xd[rows], yd[rows]).scalings_.T
        s = s / np.linalg.norm(s, axis=1, keepdims=True)
        print('digits local rows around train row %d:' % centre, json.dumps(rows))
        print('digits local LDA unit scalings around train row %d (rows):' % centre, json.dumps(s.tolist()))
    # a within-class scatter with an eigenvalue just below scikit-learn's rank threshold (singular value
    # 1e-4 of the scaled within-class data, eigenvalue 1e-8) whose Cholesky pivots all exceed 1e-4:
    # feature 1 is feature 0 plus eta times a pattern orthogonal to it, so the two are almost collinear
    e, u, v = np.array([-3., -1., 1., 3.]), np.array([1., -1., -1., 1.]), np.array([-1., 3., -3., 1.])
    eta = 2.4e-4
    means = np.array([[0., 0., 0.], [2., 1., .5], [-1., 2., 1.5]])
    X = np.vstack([np.column_stack([m[0] + e, m[1] + e + eta * u, m[2] + .5 * v]) for m in means])
    y = np.repeat([0, 1, 2], 4)
    Xc = X - means[y]
    G = (Xc / Xc.std(0)).T @ (Xc / Xc.std(0)) / (len(y) - 3)
    print('near-singular within-class scatter: eigenvalues', np.linalg.eigvalsh(G).tolist(),
          'Cholesky pivots', np.diag(np.linalg.cholesky(G)).tolist())
    s = LinearDiscriminantAnalysis().fit(X, y).scalings_.T
    s = s / np.linalg.norm(s, axis=1, keepdims=True)
    print('near-singular rows:', json.dumps(X.tolist()), 'labels:', json.dumps(y.tolist()))
    print('near-singular LDA unit scalings (rows):', json.dumps(s.tolist()))
else:
    sys.exit('mode: accuracy | digits-time | checks')
