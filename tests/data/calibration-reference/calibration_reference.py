#!/usr/bin/env python3
"""Reference recalibration of a real model's predictions, with numpy/scipy and scikit-learn (no ChestDx code).

Data: jrzech/reproduce-chexnet's probabilities for its 22,433 NIH test images (tests/data/nih-reference-eval/
jrzech_preds.csv) and NIH's labels (data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz, "Finding Labels" split on
'|'; every class known for every image). Per class, on every image:

  z = logit(clip(p, EPS, 1 - EPS)) with EPS = 2**-24 (ChestDx's rule: src/ChestDx.Evaluation/Recalibration/
      CalibrationLogits.cs), computed as log(p) - log1p(-p);
  log loss L(a, b) = mean(log(1 + exp(a z + b)) - y (a z + b)), unsmoothed 0/1 targets y;
  temperature: a = 1/T minimising L(a, 0): L is convex in a, so its minimiser is the root of dL/da, found with
      scipy.optimize.brentq (xtol 1e-15, rtol 4 eps: machine precision); scipy.optimize.minimize_scalar (Brent on
      the loss itself, xtol 1e-14) must agree within 1e-7 (a minimiser found from loss values alone is only good to
      about sqrt(eps) relative);
  Platt: sklearn.linear_model.LogisticRegression(penalty=None, solver="newton-cg", tol=1e-8, max_iter=10000) on the
      one feature z (intercept fitted, not scaled; sklearn 1.2 minimises the summed loss and newton-cg stops when
      every gradient component is <= tol, i.e. <= 1e-8/N on the mean; a smaller tol cannot be met in double precision
      and warns; a warning it still gives, e.g. a line search that cannot improve the last digits, is recorded in the
      JSON), cross-checked with scipy.optimize.minimize(method="BFGS", gtol=1e-12) on L(a, b): they must agree
      within 1e-7. solver="lbfgs" (same settings) is recorded for information: it stops on its relative loss change
      (ftol = 64 eps) and lands up to 3e-5 away on this set, too loose for a 1e-6 reference;
  ECE (10 equal-width bins over [0, 1], the last closed; sum_b n_b/N |mean y_b - mean p_b|) and Brier (mean (p-y)^2)
      of the raw probabilities ("before") and of sigma(a z + b) for each fit ("after").
For information only (ChestDx does not implement it), Platt's smoothed targets t+ = (N+ + 1)/(N+ + 2),
t- = 1/(N- + 2) as in Platt (1999) and sklearn's CalibratedClassifierCV(method="sigmoid"), fitted by BFGS.

Run from the repository root with Debian 12's python3-numpy 1.24, python3-scipy 1.10 and python3-sklearn 1.2:
  /usr/bin/python3 tests/data/calibration-reference/calibration_reference.py > \
      tests/data/calibration-reference/calibration_reference.json
"""
import csv, gzip, json, sys, warnings
import numpy as np
import scipy, scipy.optimize, sklearn
from sklearn.linear_model import LogisticRegression

PREDS = "tests/data/nih-reference-eval/jrzech_preds.csv"
LABELS = "data-manifests/nih-cxr14/Data_Entry_2017_v2020.csv.gz"
EPS, BINS = 2.0 ** -24, 10


def read():
    with open(PREDS, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    classes = [h[len("prob_"):] if h.startswith("prob_") else h for h in header[1:]]
    ids = [r[0] for r in rows[1:]]
    p = np.array([[float(x) for x in r[1:]] for r in rows[1:]])
    findings = {}
    with gzip.open(LABELS, "rt", newline="") as f:
        for r in csv.DictReader(f):
            findings[r["Image Index"]] = set(r["Finding Labels"].split("|"))
    y = np.array([[1.0 if c in findings[i] else 0.0 for c in classes] for i in ids])
    return classes, p, y


def logit(p):
    q = np.clip(p, EPS, 1 - EPS)
    return np.log(q) - np.log1p(-q)


def loss(a, b, z, y):
    s = a * z + b
    return float(np.mean(np.logaddexp(0.0, s) - y * s))


def sigmoid(s):
    return 0.5 * (1.0 + np.tanh(0.5 * s))


def ece_brier(p, y):
    b = np.minimum(BINS - 1, np.floor(p * BINS).astype(int))
    ece = 0.0
    for k in range(BINS):
        m = b == k
        if m.any():
            ece += m.sum() / len(p) * abs(y[m].mean() - p[m].mean())
    return float(ece), float(np.mean((p - y) ** 2))


def temperature(z, y):
    r = scipy.optimize.minimize_scalar(lambda a: loss(a, 0.0, z, y), bracket=(0.1, 1.0, 10.0), method="brent",
                                       options={"xtol": 1e-14, "maxiter": 1000})
    grad = lambda a: float(np.mean((sigmoid(a * z) - y) * z))
    root = scipy.optimize.brentq(grad, 1e-3, 1e3, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=1000)
    assert abs(r.x - root) <= 1e-7 * abs(root), (r.x, root)
    return root


def platt(z, y):
    fits = {}
    notes = []
    for solver in ("newton-cg", "lbfgs"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            m = LogisticRegression(penalty=None, solver=solver, tol=1e-8, max_iter=10000).fit(z[:, None], y)
        fits[solver] = (float(m.coef_[0, 0]), float(m.intercept_[0]))
        notes += [f"{solver}: {w.message} (n_iter {int(m.n_iter_[0])})" for w in caught]
    g = lambda v: [float(np.mean((sigmoid(v[0] * z + v[1]) - y) * z)), float(np.mean(sigmoid(v[0] * z + v[1]) - y))]
    b = scipy.optimize.minimize(lambda v: loss(v[0], v[1], z, y), [1.0, 0.0], jac=g, method="BFGS",
                                options={"gtol": 1e-12, "maxiter": 10000})
    fits["scipy_bfgs"] = (float(b.x[0]), float(b.x[1]))
    ref = fits["newton-cg"]
    a, c = fits["scipy_bfgs"]
    assert abs(a - ref[0]) <= 1e-7 * max(1, abs(ref[0])) and abs(c - ref[1]) <= 1e-7 * max(1, abs(ref[1])), fits
    return ref, fits, notes


def smoothed(z, y):
    npos, nneg = y.sum(), len(y) - y.sum()
    t = np.where(y == 1, (npos + 1) / (npos + 2), 1 / (nneg + 2))
    b = scipy.optimize.minimize(lambda v: loss(v[0], v[1], z, t), [1.0, 0.0], method="BFGS", options={"gtol": 1e-12})
    return float(b.x[0]), float(b.x[1])


def main():
    classes, p, y = read()
    out = {
        "provenance": {
            "script": "tests/data/calibration-reference/calibration_reference.py",
            "predictions": PREDS, "labels": LABELS,
            "numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__,
            "python": sys.version.split()[0],
            "clip_eps": EPS, "bins": BINS,
            "platt_reference": "LogisticRegression(penalty=None, solver='newton-cg', tol=1e-8, max_iter=10000)",
            "temperature_reference": "brentq root of dL/da (xtol 1e-15), checked by minimize_scalar(method='brent') within 1e-7",
        },
        "classes": {},
    }
    for c, name in enumerate(classes):
        pc, yc = p[:, c], y[:, c]
        z = logit(pc)
        a_t = temperature(z, yc)
        (a_p, b_p), fits, notes = platt(z, yc)
        e0, b0 = ece_brier(pc, yc)
        e_t, br_t = ece_brier(sigmoid(a_t * z), yc)
        e_p, br_p = ece_brier(sigmoid(a_p * z + b_p), yc)
        out["classes"][name] = {
            "n": int(len(yc)), "positives": int(yc.sum()),
            "clipped_low": int(np.sum(pc < EPS)), "clipped_high": int(np.sum(pc > 1 - EPS)),
            "log_loss_before": loss(1.0, 0.0, z, yc),
            "ece_before": e0, "brier_before": b0,
            "temperature": {"slope": a_t, "t": 1 / a_t, "log_loss": loss(a_t, 0.0, z, yc),
                            "ece": e_t, "brier": br_t},
            "platt": {"slope": a_p, "intercept": b_p, "log_loss": loss(a_p, b_p, z, yc), "ece": e_p, "brier": br_p,
                      "cross_checks": {k: list(v) for k, v in fits.items()},
                      "sklearn_warnings": notes},
            "platt_smoothed_targets_for_information": dict(zip(("slope", "intercept"), smoothed(z, yc))),
        }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
