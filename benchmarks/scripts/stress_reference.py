# metric-learn 0.7.0 on the stress sets written by stress_sets.py: every learner fitted on the raw
# train rows (no standardisation: the stress is part of the data), then 1-NN / 5-NN test accuracy with
# the train rows as the reference set (exact squared Euclidean distances in the embedded space, stable
# sort so distance ties go to the lower train index, majority vote, vote ties to the smallest label,
# the convention of MetricLab's SharedProtocol). A learner that raises, or whose embedding of the
# train or test rows is not finite, is recorded as failed with its message. Only the numbers are
# committed: stress_reference.csv (one row per set and learner, read by the Java tests) and
# stress_reference.json (the same with versions and protocol). Python is not part of the build.
#
# Run metric-learn from its public source with Debian's scientific Python:
#   apt-get install python3-sklearn python3-scipy python3-numpy
#   git clone https://github.com/scikit-learn-contrib/metric-learn && git -C metric-learn checkout v0.7.0
#   PYTHONPATH=metric-learn /usr/bin/python3 benchmarks/scripts/stress_reference.py [stress_dir] [--draws-only]
#
# It also writes metric-learn's own constraint draws (random_state 0) so that the Java tests can fit
# the constraint learners on exactly the pairs and chunklets metric-learn used: stress_pairs.csv
# (positive_negative_pairs(PAIRS): ITML, SDML and MMC use all of it, LSML its same_length prefix) and
# stress_chunks.csv (chunks(n_chunks=30, chunk_size=2), RCA). --draws-only writes just those two.
import json, os, sys, time, warnings
import numpy as np
import sklearn, scipy
import metric_learn as ml

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = [a for a in sys.argv[1:] if not a.startswith('--')]
DIR = ARGS[0] if ARGS else os.path.join(HERE, '..', '..', 'metric-core', 'src', 'test', 'resources', 'stress')
SETS = ['rank_deficient', 'near_constant', 'duplicated', 'two_class', 'fifty_class', 'imbalanced', 'wide', 'scales']
PAIRS = 200  # constraints of each kind for the pair and quadruplet learners

# metric-learn class, its parameters; iteration counts are capped so that the Java side stays fast
LEARNERS = {
    'Euclidean': (None, {}),
    'Covariance': (ml.Covariance, {}),
    'LMNN': (ml.LMNN, dict(n_neighbors=3, init='identity', min_iter=50, max_iter=200, learn_rate=1e-6,
                           regularization=0.5, convergence_tol=1e-3, random_state=0)),
    'ITML_Supervised': (ml.ITML_Supervised, dict(gamma=1.0, max_iter=1000, tol=1e-3, prior='identity',
                                                 n_constraints=PAIRS, random_state=0)),
    'SDML_Supervised': (ml.SDML_Supervised, dict(balance_param=1e-4, sparsity_param=0.01, prior='identity',
                                                 n_constraints=PAIRS, random_state=0)),
    'LSML_Supervised': (ml.LSML_Supervised, dict(tol=1e-3, max_iter=1000, prior='identity', n_constraints=PAIRS,
                                                 random_state=0)),
    'NCA': (ml.NCA, dict(init='identity', max_iter=100, random_state=0)),
    'MLKR': (ml.MLKR, dict(init='identity', max_iter=200, random_state=0)),
    'MMC_Supervised': (ml.MMC_Supervised, dict(max_iter=100, max_proj=1000, tol=1e-6, init='identity',
                                               diagonal=False, n_constraints=PAIRS, random_state=0)),
    'RCA_Supervised': (ml.RCA_Supervised, dict(n_chunks=30, chunk_size=2, random_state=0)),
    'LFDA': (ml.LFDA, dict(k=3, embedding_type='weighted')),
}


def load(name):
    with open(os.path.join(DIR, name + '.csv')) as f:
        f.readline()
        rows = np.array([[float(v) for v in line.split(',')] for line in f if line.strip()])
    X, y, t = rows[:, :-2], rows[:, -2].astype(int), rows[:, -1].astype(int)
    return X[t == 0], y[t == 0], X[t == 1], y[t == 1]


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


def draws():
    """metric-learn's constraint draws with random_state 0, in train-row indices."""
    from metric_learn.constraints import Constraints
    with open(os.path.join(DIR, 'stress_pairs.csv'), 'w') as pairs, open(os.path.join(DIR, 'stress_chunks.csv'), 'w') as chunks:
        pairs.write('dataset,similar,left,right\n')
        chunks.write('dataset,row,chunk\n')
        for s in SETS:
            _, ytr, _, _ = load(s)
            a, b, c, d = Constraints(ytr).positive_negative_pairs(PAIRS, random_state=0)
            for similar, left, right in [(1, a, b), (0, c, d)]:
                for i, j in zip(left, right):
                    pairs.write(f'{s},{similar},{i},{j}\n')
            try:
                ids = Constraints(ytr).chunks(n_chunks=30, chunk_size=2, random_state=0)
            except ValueError:  # too few rows per class for 30 chunks: RCA_Supervised fails the same way
                continue
            for row, chunk in enumerate(ids):
                if chunk >= 0:
                    chunks.write(f'{s},{row},{chunk}\n')


def main():
    draws()
    if '--draws-only' in sys.argv:
        return
    results = []
    for s in SETS:
        Xtr, ytr, Xte, yte = load(s)
        for alg, (cls, params) in LEARNERS.items():
            entry = dict(dataset=s, algorithm=alg, params=params)
            t0 = time.time()
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    if cls is None:
                        R, Q = Xtr, Xte
                    else:
                        model = cls(**params).fit(Xtr, ytr)
                        R, Q = model.transform(Xtr), model.transform(Xte)
                if not (np.all(np.isfinite(R)) and np.all(np.isfinite(Q))):
                    raise FloatingPointError('non-finite embedding')
                entry.update(status='ok', knn1_acc=knn_acc(R, ytr, Q, yte, 1), knn5_acc=knn_acc(R, ytr, Q, yte, 5),
                             embedding_max_abs=float(max(np.abs(R).max(), np.abs(Q).max())))
            except Exception as e:  # a failure of metric-learn is a result worth recording
                entry.update(status='failed', error=(type(e).__name__ + ': ' + str(e)).splitlines()[0][:200])
            entry['seconds'] = round(time.time() - t0, 3)
            print(s, alg, entry.get('status'), entry.get('knn1_acc', entry.get('error')), entry.get('knn5_acc', ''),
                  flush=True)
            results.append(entry)
    out = dict(
        what='metric-learn ' + ml.__version__ + ' on the stress sets (stress_sets.py): fitted on the raw train rows, '
             '1-NN / 5-NN test accuracy with the train rows as reference; status failed = raised or non-finite embedding',
        versions=dict(metric_learn=ml.__version__, sklearn=sklearn.__version__, scipy=scipy.__version__,
                      numpy=np.__version__),
        protocol=dict(
            split='is_test column of each CSV; train = is_test==0 rows in file order',
            standardization='none',
            knn='exact squared Euclidean in the embedding, stable sort (ties -> lower train index), majority vote, '
                'vote ties -> smallest label; k in [1, 5]'),
        results=results)
    with open(os.path.join(DIR, 'stress_reference.json'), 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    with open(os.path.join(DIR, 'stress_reference.csv'), 'w') as f:
        f.write('dataset,algorithm,status,knn1_acc,knn5_acc,params,error\n')
        for r in results:
            params = ' '.join(f'{k}={v}' for k, v in r['params'].items())
            error = r.get('error', '').replace(',', ';').replace('"', "'")
            f.write(f"{r['dataset']},{r['algorithm']},{r['status']},{r.get('knn1_acc', '')},{r.get('knn5_acc', '')},"
                    f"{params},{error}\n")


if __name__ == '__main__':
    main()
