#!/usr/bin/env python3
"""scikit-learn baseline for `chestdx bench eval`: roc_auc_score per class, and its bootstrap cost per resample.

Arguments: a CSV (no header; K columns of 0/1 labels, then K columns of scores), K, the timed repeats, the bootstrap
resamples. Loading the CSV is not timed. Prints "<median seconds of K AUROCs> <seconds per bootstrap resample>".
Run by chestdx (embedded copy); usable alone:  python3 sklearn_auroc.py data.csv 14 5 200
"""
import sys, time, numpy as np
from sklearn.metrics import roc_auc_score
a = np.loadtxt(sys.argv[1], delimiter=","); k = int(sys.argv[2])
# Contiguous copies, as numpy arrays saved and loaded again would be: column slices of `a` are strided views.
y, s = np.ascontiguousarray(a[:, :k].astype(int)), np.ascontiguousarray(a[:, k:])
repeats, boot = int(sys.argv[3]), int(sys.argv[4])
def aurocs(yy, ss): return [roc_auc_score(yy[:, c], ss[:, c]) for c in range(y.shape[1])]
times = []
for _ in range(repeats):
    t = time.perf_counter(); aurocs(y, s); times.append(time.perf_counter() - t)
rng = np.random.default_rng(0); t = time.perf_counter()
for _ in range(boot):
    i = rng.integers(0, len(y), len(y)); aurocs(y[i], s[i])
print(np.median(times), (time.perf_counter() - t) / max(boot, 1))
