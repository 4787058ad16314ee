"""Reference ROC, precision-recall and calibration curves for RankingCurvesTest (sklearn).

Run: PYTHONPATH=/tmp/sk python3 make_ranking_curves.py > ranking-curves.json
(pip install --target /tmp/sk scikit-learn). Deterministic: numpy.random.default_rng with fixed seeds.
Every curve is written whole (drop_intermediate=False), highest threshold first for ROC; the test compares
each point ModelWatch keeps with sklearn's point at the same threshold.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import precision_recall_curve, roc_curve


def case(name, y, s):
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    precision, recall, pr_thr = precision_recall_curve(y, s)
    prob_true, prob_pred = calibration_curve(y, s, n_bins=10, strategy="uniform")
    # roc_curve's first threshold is +inf (or max + 1 in older versions): the added (0, 0) point, dropped here
    return {
        "name": name,
        "y_true": y.tolist(),
        "y_score": s.tolist(),
        "roc": {"thresholds": thr[1:].tolist(), "fpr": fpr[1:].tolist(), "tpr": tpr[1:].tolist()},
        # precision_recall_curve: increasing thresholds; its last (precision 1, recall 0) point has no threshold
        "pr": {"thresholds": pr_thr.tolist(), "precision": precision[:-1].tolist(), "recall": recall[:-1].tolist()},
        "calibration": {"prob_pred": prob_pred.tolist(), "prob_true": prob_true.tolist()},
    }


def main():
    rng = np.random.default_rng(20261207)
    cases = []
    cases.append(case("tiny_with_ties", [0, 0, 1, 1, 0, 1, 0, 1], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.05, 0.9]))
    y = rng.binomial(1, 0.27, 1500)
    s = np.clip(rng.beta(2, 5, 1500) + 0.25 * y, 0, 1)
    cases.append(case("continuous_1500", y, s))
    s2 = np.round(s, 2)
    cases.append(case("rounded_two_decimals_1500", y, s2))
    y3 = rng.binomial(1, 0.05, 600)
    s3 = np.clip(rng.normal(0.2, 0.1, 600) + 0.3 * y3, 0, 1)
    cases.append(case("rare_positives_600", y3, s3))
    json.dump({"meta": {"sklearn": sklearn.__version__, "numpy": np.__version__,
                        "python": sys.version.split()[0]}, "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
