#!/usr/bin/env python3
"""Independent reference for the drift within segments (SegmentDriftReferenceTest).

Writes a small seeded dataset (reference.csv, current.csv: three segments of `plan`, numeric features x and y,
categorical feature c) and, with scipy, the expected per-segment tests as Evidently's automatic choice makes them for
a reference of at most 1000 rows (ks_2samp for a numeric feature with more than 5 distinct values, Evidently's
chisquare for a categorical one: scipy.stats.chisquare of the current counts against the reference counts rescaled
to the current size; plan itself, a feature as every segment column is, is tested over the whole batch only),
for every segment with at least 100 reference and 100 current rows, and the whole-batch tests.
The Benjamini-Hochberg adjusted p-values over all segment x feature p-values come from
scipy.stats.false_discovery_control(p, method='bh'); a segment test drifts when its adjusted p-value is <= 0.05.

Run: python3 make_expected.py   (Debian python3-scipy 1.17.1, numpy from python3-numpy)
"""
import csv

import numpy as np
from scipy import stats

rng = np.random.default_rng(20261207)
SEGMENTS = {"basic": (400, 400), "plus": (300, 250), "tiny": (60, 60)}
CATS = ["red", "green", "blue"]


def rows(n, plan, x_shift, y_scale, c_p, prefix):
    x = np.round(rng.normal(50 + x_shift, 10, n), 2)
    y = np.round(rng.gamma(2.0, 3.0 * y_scale, n), 2)
    c = rng.choice(CATS, size=n, p=c_p)
    return [dict(plan=plan, x=x[i], y=y[i], c=c[i]) for i in range(n)]


ref, cur = [], []
for plan, (n_ref, n_cur) in SEGMENTS.items():
    ref += rows(n_ref, plan, 0, 1, [0.5, 0.3, 0.2], "R")
# current: x rises in basic and falls in plus (the mean over both unchanged); c's mix changes in plus; y unchanged; tiny unchanged
cur += rows(SEGMENTS["basic"][1], "basic", 3.0, 1, [0.5, 0.3, 0.2], "C")
cur += rows(SEGMENTS["plus"][1], "plus", -4.8, 1, [0.35, 0.35, 0.3], "C")
cur += rows(SEGMENTS["tiny"][1], "tiny", 0, 1, [0.5, 0.3, 0.2], "C")


def write(name, data, prefix):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["customer_id", "churn_probability", "plan", "x", "y", "c"])
        for i, r in enumerate(data):
            w.writerow([f"{prefix}{i + 1}", "0.5", r["plan"], f"{r['x']:.2f}", f"{r['y']:.2f}", r["c"]])


write("reference.csv", ref, "R")
write("current.csv", cur, "C")


def test(feature, a, b):
    if feature in ("c", "plan"):
        keys = sorted(set(a) | set(b))
        ra = np.array([sum(1 for v in a if v == k) for k in keys], dtype=float)
        cb = np.array([sum(1 for v in b if v == k) for k in keys], dtype=float)
        r = stats.chisquare(cb, ra * (len(b) / len(a)))
        return "chisquare", r.statistic, r.pvalue
    r = stats.ks_2samp(np.array(a), np.array(b))  # method='auto': exact for these sizes
    return "ks", r.statistic, r.pvalue


out = []
for feature in ["x", "y", "c", "plan"]:
    m, s, p = test(feature, [r[feature] for r in ref], [r[feature] for r in cur])
    out.append(dict(segment="", feature=feature, method=m, statistic=s, p_value=p))
seg = []
for plan in SEGMENTS:
    a = [r for r in ref if r["plan"] == plan]
    b = [r for r in cur if r["plan"] == plan]
    if len(a) < 100 or len(b) < 100:
        continue
    for feature in ["x", "y", "c"]:
        m, s, p = test(feature, [r[feature] for r in a], [r[feature] for r in b])
        seg.append(dict(segment="plan=" + plan, feature=feature, method=m, statistic=s, p_value=p))
adjusted = stats.false_discovery_control([r["p_value"] for r in seg], method="bh")
for r, q in zip(seg, adjusted):
    r["adjusted_p"] = q
    r["drifted"] = bool(q <= 0.05)
with open("expected.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["segment", "feature", "method", "statistic", "p_value", "adjusted_p", "drifted"])
    for r in out + seg:
        w.writerow([r["segment"], r["feature"], r["method"], repr(float(r["statistic"])), repr(float(r["p_value"])),
                    "" if "adjusted_p" not in r else repr(float(r["adjusted_p"])),
                    "" if "drifted" not in r else str(r["drifted"]).lower()])
