#!/usr/bin/env python3
"""Reference data for IsolationForestTest (core/src/test/resources/iforest/).

Writes planted.csv: 250 inliers drawn from a 5-dimensional standard normal and 5 planted outliers
(rows flagged outlier=1) at distance 9 from the origin (every coordinate of an outlier is beyond the inliers' range on its axis) along fixed directions, shuffled with a fixed seed.
Only numpy is needed for that (numpy 2.4.6 produced the committed file).

With scikit-learn installed (not reachable on the build machine, so not in the committed file), it also
prints the reference scores of sklearn.ensemble.IsolationForest on the same data, as the Java forest
reports them (s = -score_samples):

    IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(X); s = -model.score_samples(X)

The Java forest and scikit-learn draw different random numbers, so single scores agree only within the
forest's sampling noise (a few hundredths at 100 trees, up to about 0.1 for the outliers); what the Java test
asserts is therefore the ranking: the 5 planted rows are the 5 highest scores, each above 0.6, and every
inlier scores below 0.6 (for seeds 0, 1 and 42). The scikit-learn run has NOT been made for the committed
file (no PyPI on the build machine): whoever has scikit-learn can run this script to check that it prints
the same top-5 rows.
"""
import csv
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "core", "src", "test", "resources", "iforest", "planted.csv")


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
    model = IsolationForest(n_estimators=100, max_samples=256, random_state=0).fit(x)
    s = -model.score_samples(x)
    top = np.argsort(-s)[:5]
    print("top-5 rows:", sorted(top.tolist()), "planted:", sorted(np.flatnonzero(flag).tolist()))
    print("planted scores:", s[flag == 1].round(4).tolist(), "max inlier score:", round(float(s[flag == 0].max()), 4))


if __name__ == "__main__":
    main()
