# Seeded generator of the stress data sets that the StressReferenceTest classes fit every learner on.
# Each set is one CSV: features f0..f{d-1}, an integer label, and is_test (1 = test row). Values are
# written with 9 significant digits; the reference script and the Java tests both read these files,
# so they see the same numbers. Needs only numpy.
#
#   python3 benchmarks/scripts/stress_sets.py [out_dir]
#
# The default out_dir is metric-core/src/test/resources/stress (shipped in metric-core's test jar).
import os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', '..', 'metric-core', 'src', 'test', 'resources', 'stress')
rng = np.random.default_rng(20261206)


def split(y, test_fraction=1 / 3):
    """Stratified split: in every class the last ceil(n_c * fraction) rows (in file order) are test rows."""
    is_test = np.zeros(len(y), dtype=int)
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        is_test[idx[len(idx) - max(1, int(round(len(idx) * test_fraction))):]] = 1
    return is_test


def gaussian_classes(n_per_class, d, spread, noise=1.0):
    means = rng.normal(0, spread, size=(len(n_per_class), d))
    X = np.vstack([means[c] + noise * rng.normal(size=(n, d)) for c, n in enumerate(n_per_class)])
    y = np.concatenate([np.full(n, c) for c, n in enumerate(n_per_class)])
    return X, y


def shuffled(X, y):
    p = rng.permutation(len(y))
    return X[p], y[p]


def rank_deficient():
    # within-class variation lives in a 5-dimensional subspace of R^30: the within-class scatter has rank 5
    d, r = 30, 5
    basis = rng.normal(size=(r, d))
    means = rng.normal(0, 1.5, size=(3, d))
    X = np.vstack([means[c] + rng.normal(size=(80, r)) @ basis for c in range(3)])
    return shuffled(X, np.repeat(np.arange(3), 80))


def near_constant():
    # 15 informative features, 4 near-constant ones (1 + 1e-9 noise) and one exactly constant
    X, y = gaussian_classes([80, 80, 80], 15, 1.0)
    near = 1.0 + 1e-9 * rng.normal(size=(len(y), 4))
    X = np.hstack([X[:, :7], near, X[:, 7:], np.full((len(y), 1), 3.0)])
    return shuffled(X, y)


def duplicated():
    # 80 distinct rows, each present three times
    X, y = gaussian_classes([20, 20, 20, 20], 10, 1.0)
    return shuffled(np.repeat(X, 3, axis=0), np.repeat(y, 3))


def two_class():
    X, y = gaussian_classes([100, 100], 10, 0.6)
    return shuffled(X, y)


def fifty_class():
    # 50 classes of 8 rows (5 train, 3 test each)
    X, y = gaussian_classes([8] * 50, 20, 1.2)
    return shuffled(X, y)


def imbalanced():
    # 1:50 imbalance: 6 rows of class 0 against 300 of class 1
    X, y = gaussian_classes([6, 300], 8, 1.5)
    return shuffled(X, y)


def wide():
    # d > n: 45 rows (30 train) in 60 dimensions
    X, y = gaussian_classes([15, 15, 15], 60, 0.5)
    return shuffled(X, y)


def scales():
    # feature scales from 1e-6 to 1e6, every feature informative at its own scale
    X, y = gaussian_classes([80, 80, 80], 12, 1.2)
    return shuffled(X * np.logspace(-6, 6, 12), y)


SETS = [('rank_deficient', rank_deficient), ('near_constant', near_constant), ('duplicated', duplicated),
        ('two_class', two_class), ('fifty_class', fifty_class), ('imbalanced', imbalanced), ('wide', wide),
        ('scales', scales)]

if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    for name, make in SETS:
        X, y = make()
        t = split(y)
        header = ','.join([f'f{j}' for j in range(X.shape[1])] + ['label', 'is_test'])
        with open(os.path.join(OUT, name + '.csv'), 'w') as f:
            f.write(header + '\n')
            for row, label, test in zip(X, y, t):
                f.write(','.join('%.9g' % v for v in row) + f',{label},{test}\n')
        print(f'{name}: {X.shape[0]} rows ({int(t.sum())} test), {X.shape[1]} features, {len(np.unique(y))} classes')
