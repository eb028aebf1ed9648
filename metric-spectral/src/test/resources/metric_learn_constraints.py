"""Regenerates metric_learn_constraints.json: the similar/dissimilar pairs metric-learn 0.7's
MMC_Supervised and LSML_Supervised draw with random_state=0 on the shared train rows, n_constraints
180 for iris and wine (the reference runs) and metric-learn's default 20·c² for breast_cancer (80) and
digits (2000) (Constraints.positive_negative_pairs: numpy RandomState(0); per pair an anchor drawn by
randint over all train rows, its partner by choice among the rows of the same (similar) or another
(dissimilar) class, identity pairs excluded, pairs kept in a Python set and listed in set order;
LSML pairs the i-th similar with the i-th dissimilar pair). Usage: python3 metric_learn_constraints.py DATA_DIR"""
import json, sys
import numpy as np

DATA = sys.argv[1] if len(sys.argv) > 1 else 'data'


def train_labels(name):
    y = np.genfromtxt(f'{DATA}/{name}.csv', delimiter=',', skip_header=1)[:, -1].astype(int)
    t = np.genfromtxt(f'{DATA}/{name}.split.csv', skip_header=1).astype(int)
    return y[t == 0]


def draw(labels, count, same, rng):
    chosen = set()
    for _ in range(10):
        if len(chosen) >= count:
            break
        for anchor in rng.randint(len(labels), size=count - len(chosen)):
            mask = labels == labels[anchor] if same else labels != labels[anchor]
            if same:
                mask[anchor] = False
            candidates, = np.where(mask)
            if len(candidates) > 0:
                chosen.add((anchor, rng.choice(candidates)))
    return np.array(list(chosen)[:count], dtype=int).T


out = {"what": __doc__.split('Usage')[0].strip(), "numpy": np.__version__, "results": []}
for name, count in (('iris', 180), ('wine', 180), ('breast_cancer', 80), ('digits', 2000)):
    y = train_labels(name)
    rng = np.random.RandomState(0)
    a, b = draw(y, count, True, rng)
    c, d = draw(y, count, False, rng)
    out["results"].append({"dataset": name, "similar": [a.tolist(), b.tolist()], "dissimilar": [c.tolist(), d.tolist()]})
with open('metric_learn_constraints.json', 'w') as f:
    json.dump(out, f)
