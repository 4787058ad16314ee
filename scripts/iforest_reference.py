#!/usr/bin/env python3
"""Reference data for IsolationForestTest (core/src/test/resources/iforest/).

Writes planted.csv: 250 inliers drawn from a 5-dimensional standard normal and 5 planted outliers
(rows flagged outlier=1) at distance 9 from the origin (every coordinate of an outlier is beyond the inliers' range on its axis) along fixed directions, shuffled with a fixed seed.
Only numpy is needed for that (numpy 2.4.6 produced the committed file).

With scikit-learn installed it also writes planted_sklearn.csv: the scores of sklearn.ensemble.IsolationForest
on the same data, as the Java forest reports them (s = -score_samples), for random_state=0 and averaged over
random_state 0..49 (the forest's expected score):

    IsolationForest(n_estimators=100, max_samples=256, random_state=r).fit(X); s = -model.score_samples(X)

The committed files were made with Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2; PyPI is not
reachable from the build machine, Debian's packages are): `apt-get install python3-sklearn` and
`/usr/bin/python3 scripts/iforest_reference.py`. numpy 2.4.6 writes the same planted.csv.

The Java forest and scikit-learn draw different random numbers, so single forests' scores agree only within
the forest's sampling noise; IsolationForestTest compares (1) the ranking: scikit-learn's top 5 rows are the
planted ones, and so are the Java forest's; (2) the expected score: the mean of 50 Java forests (seeds 0..49)
against the mean of 50 scikit-learn forests, row by row, within a tolerance stated in the test.
"""
import csv
import os
import sys

import numpy as np

RESOURCES = os.path.join(os.path.dirname(__file__), "..", "core", "src", "test", "resources", "iforest")
OUT = os.path.join(RESOURCES, "planted.csv")
SKLEARN_OUT = os.path.join(RESOURCES, "planted_sklearn.csv")
SEEDS = 50


def dataset():
    rng = np.random.default_rng(20081215)  # ICDM 2008
    inliers = rng.standard_normal((250, 5))
    directions = np.array([
        [1, 1, 0, 0, 0],
        [0, -1, 1, 0, 0],
        [0, 0, 0, 1, 1],
        [-1, 0, 0, 0, 1],
        [1, -1, 1, -1, 1],
    ], dtype=float)
    outliers = 9.0 * directions / np.linalg.norm(directions, axis=1, keepdims=True)
    x = np.vstack([inliers, outliers])
    flag = np.r_[np.zeros(250, dtype=int), np.ones(5, dtype=int)]
    order = rng.permutation(len(x))
    return x[order], flag[order]


def main():
    x, flag = dataset()
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["x1", "x2", "x3", "x4", "x5", "outlier"])
        for row, o in zip(x, flag):
            w.writerow([repr(float(v)) for v in row] + [int(o)])
    print("wrote", os.path.normpath(OUT))
    try:
        from sklearn.ensemble import IsolationForest
    except ImportError:
        print("scikit-learn not installed: no reference scores printed", file=sys.stderr)
        return
    import sklearn
    # max_samples=256 > 255 rows: scikit-learn uses all 255 (with a warning), as the Java forest caps psi
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(x)
    s = -model.score_samples(x)
    top = np.argsort(-s)[:5]
    print("top-5 rows:", sorted(top.tolist()), "planted:", sorted(np.flatnonzero(flag).tolist()))
    print("planted scores:", s[flag == 1].round(4).tolist(), "max inlier score:", round(float(s[flag == 0].max()), 4))
    # the forest's expected score: the mean over SEEDS forests, which removes most of the random streams' noise
    mean = np.mean([-IsolationForest(n_estimators=100, max_samples=256, random_state=r).fit(x).score_samples(x)
                    for r in range(SEEDS)], axis=0)
    with open(SKLEARN_OUT, "w", newline="") as f:
        f.write("# scikit-learn %s, numpy %s: IsolationForest(n_estimators=100, max_samples=256, random_state=r)"
                " fit on planted.csv (x1..x5); s = -score_samples(X)\n" % (sklearn.__version__, np.__version__))
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["row", "score_random_state_0", "score_mean_of_%d_random_states" % SEEDS])
        for i in range(len(x)):
            w.writerow([i, repr(float(s[i])), repr(float(mean[i]))])
    print("wrote", os.path.normpath(SKLEARN_OUT))


if __name__ == "__main__":
    main()
