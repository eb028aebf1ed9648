# metric-learn 0.7.0's ITML_Supervised (its defaults: gamma 1, max_iter 1000, tol 1e-3, prior identity,
# n_constraints = 20 * classes^2 of each kind) on MetricLab's built-in breast_cancer and digits splits,
# standardised with the train rows' mean and population std (train-constant features dropped), 1-NN /
# 5-NN test accuracy as SharedProtocol counts them. One line per random_state, then the mean; the JSON
# holds every random_state's accuracies and the constraint draw of random_state 0 (so the Java test can
# fit on exactly these pairs).
#
#   PYTHONPATH=<metric-learn v0.7.0 source> /usr/bin/python3 benchmarks/scripts/metric_learn_itml_reference.py [seeds] [out.json]
#
# metric-probabilistic/src/test/resources/metric_learn_itml.json is its output for 3 seeds.
import json, os, sys
import numpy as np
import metric_learn as ml
from metric_learn.constraints import Constraints

base = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'metric-core', 'src', 'main', 'resources',
                    'org', 'metriclab', 'core', 'data') + os.sep


def prepared(name):
    data = np.loadtxt(base + name + '.csv', delimiter=',', skiprows=1)
    split = np.loadtxt(base + name + '.split.csv', skiprows=1).astype(int)
    X, y = data[:, :-1], data[:, -1].astype(int)
    Xtr, ytr, Xte, yte = X[split == 0], y[split == 0], X[split == 1], y[split == 1]
    mu, sd = Xtr.mean(0), Xtr.std(0)
    keep = sd > 0
    return (Xtr[:, keep] - mu[keep]) / sd[keep], ytr, (Xte[:, keep] - mu[keep]) / sd[keep], yte


def knn_acc(R, ry, Q, qy, k):
    D = (Q * Q).sum(1)[:, None] + (R * R).sum(1)[None, :] - 2 * Q @ R.T
    order = np.argsort(D, axis=1, kind='stable')[:, :k]
    correct = 0
    for i in range(len(Q)):
        cnt = {}
        for l in ry[order[i]]:
            cnt[l] = cnt.get(l, 0) + 1
        best = max(cnt.values())
        correct += min(l for l, c in cnt.items() if c == best) == qy[i]
    return correct / len(Q)


seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
results = []
for name in ['breast_cancer', 'digits']:
    Xtr, ytr, Xte, yte = prepared(name)
    n_constraints = 20 * len(np.unique(ytr)) ** 2
    acc = []
    for seed in range(seeds):
        model = ml.ITML_Supervised(n_constraints=n_constraints, random_state=seed).fit(Xtr, ytr)
        R, Q = model.transform(Xtr), model.transform(Xte)
        a = (knn_acc(R, ytr, Q, yte, 1), knn_acc(R, ytr, Q, yte, 5))
        acc.append(a)
        # the same draw ITML_Supervised makes internally (its random_state seeds a RandomState once)
        a_, b_, c_, d_ = Constraints(ytr).positive_negative_pairs(n_constraints, random_state=np.random.RandomState(seed))
        r = dict(dataset=name, random_state=seed, n_constraints=n_constraints, knn1_acc=a[0], knn5_acc=a[1])
        if seed == 0:
            r.update(similar=[a_.tolist(), b_.tolist()], dissimilar=[c_.tolist(), d_.tolist()])
        results.append(r)
        print(f'{name} random_state={seed}: 1-NN {a[0]:.4f}, 5-NN {a[1]:.4f}', flush=True)
    m = np.mean(acc, axis=0)
    print(f'{name} mean of {seeds}: 1-NN {m[0]:.4f}, 5-NN {m[1]:.4f}', flush=True)
if len(sys.argv) > 2:
    with open(sys.argv[2], 'w') as f:
        json.dump(dict(what='metric-learn 0.7.0 ITML_Supervised with its defaults on the built-in breast_cancer and '
                            'digits splits under the shared protocol; random_state 0 with its constraint draw in '
                            'train-row indices. Written by benchmarks/scripts/metric_learn_itml_reference.py.',
                       results=results), f, separators=(',', ':'))
        f.write('\n')
