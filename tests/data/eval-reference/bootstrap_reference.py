#!/usr/bin/env python3
"""Bootstrap intervals for a fixed resample-index file, with numpy only (no ChestDx code, no scikit-learn).

Reads cases.csv and bootstrap_indices.u16 (uint16 little-endian case rows; 200 resamples of 600 rows each, written by
BootstrapNumpyReferenceTests from ChestDx's generator) and writes bootstrap_reference.json: 95% percentile intervals
(numpy.percentile, linear interpolation) of AUROC, average precision, sensitivity, specificity, precision, NPV and F1
at threshold 0.5 (score >= threshold is positive) for model_a, AUROC for model_b, and AUROC(model_a) - AUROC(model_b)
per resample. Run with Debian 12's python3-numpy (1.24):  /usr/bin/python3 bootstrap_reference.py
"""
import csv, json
import numpy as np

CLASS, RESAMPLES, THRESHOLD, LEVEL = "Atelectasis", 200, 0.5, 0.95


def auroc(s, y):
    """Mann-Whitney U / (m n) with midranks for ties."""
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    m, n = y.sum(), (~y).sum()
    return (ranks[y].sum() - m * (m + 1) / 2) / (m * n)


def average_precision(s, y):
    """scikit-learn's definition: sum over distinct thresholds (descending) of (R_k - R_{k-1}) * P_k."""
    ap, prev_recall = 0.0, 0.0
    for t in np.unique(s)[::-1]:
        pred = s >= t
        tp = np.sum(pred & y)
        precision, recall = tp / pred.sum(), tp / y.sum()
        ap += (recall - prev_recall) * precision
        prev_recall = recall
    return ap


def counts(s, y):
    pred = s >= THRESHOLD
    tp, fp = np.sum(pred & y), np.sum(pred & ~y)
    fn, tn = np.sum(~pred & y), np.sum(~pred & ~y)
    return {"sensitivity": tp / (tp + fn), "specificity": tn / (tn + fp), "precision": tp / (tp + fp),
            "npv": tn / (tn + fn), "f1": 2 * tp / (2 * tp + fp + fn)}


def main():
    with open("cases.csv") as f:
        rows = list(csv.DictReader(f))
    y = np.array([r[CLASS] == "1" for r in rows])
    a = np.array([float(r[f"model_a.{CLASS}"]) for r in rows])
    b = np.array([float(r[f"model_b.{CLASS}"]) for r in rows])
    idx = np.fromfile("bootstrap_indices.u16", dtype="<u2").astype(np.int64).reshape(RESAMPLES, len(rows))

    values = {k: [] for k in ["auroc", "average_precision", "sensitivity", "specificity", "precision", "npv", "f1",
                              "comparison_auroc", "auroc_difference"]}
    for r in range(RESAMPLES):
        ry, ra, rb = y[idx[r]], a[idx[r]], b[idx[r]]
        assert ry.sum() == y.sum(), "stratified: every resample keeps the positives' count"
        auc_a, auc_b = auroc(ra, ry), auroc(rb, ry)
        values["auroc"].append(auc_a)
        values["average_precision"].append(average_precision(ra, ry))
        for k, v in counts(ra, ry).items():
            values[k].append(v)
        values["comparison_auroc"].append(auc_b)
        values["auroc_difference"].append(auc_a - auc_b)

    tail = (1 - LEVEL) / 2 * 100
    intervals = {k: [float(x) for x in np.percentile(np.array(v), [tail, 100 - tail])] for k, v in values.items()}
    out = {"class": CLASS, "resamples": RESAMPLES, "threshold": THRESHOLD, "level": LEVEL, "numpy": np.__version__,
           "intervals": intervals}
    with open("bootstrap_reference.json", "w") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
