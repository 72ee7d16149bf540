#!/usr/bin/env python3
"""Subgroup reference for ChestDx's `evaluate --subgroups`, computed with scikit-learn (Debian python3-sklearn 1.2.1).
    cd tests/data/eval-reference/subgroups && /usr/bin/python3 make_subgroups.py
        -> metadata.csv (patient, sex, age, view, site of the 600 images of ../cases.csv), sklearn_subgroups.json
Model: model_a of ../cases.csv on Atelectasis, Cardiomegaly, Effusion and Pneumonia (Hernia has no positives, so no
threshold and no underdiagnosis call). Thresholds: Youden's J on the whole case (scikit-learn's roc_curve, argmax of
tpr - fpr: the threshold ChestDx's `--threshold-policy youden` chooses, pinned by SklearnReferenceTests). Age bands
0-20, 20-40, 40-60, 60-80, 80+ with the lower bound inclusive; blank values form the "(unknown)" subgroup. A subgroup
with fewer than 10 positives or 10 negatives of a class is "too small" and gets no numbers.
Underdiagnosis (Seyyed-Kalantari et al. 2021): the false-positive rate of "No Finding", where No Finding is true when
no evaluated class is positive and predicted when no class scores >= its threshold.
"""
import csv
import json
import numpy as np
from sklearn.metrics import roc_auc_score, roc_curve, recall_score, confusion_matrix

rng = np.random.default_rng(2021)
rows = list(csv.DictReader(open("../cases.csv")))
classes = ["Atelectasis", "Cardiomegaly", "Effusion", "Pneumonia"]
n = len(rows)
y = np.array([[int(r[c]) for c in classes] for r in rows])
s = np.array([[float(r[f"model_a.{c}"]) for c in classes] for r in rows])

# Patients of 1-3 images each, consecutive image ids; sex, age and site per patient, view per image.
patient = np.empty(n, dtype=int)
i = p = 0
while i < n:
    k = int(rng.integers(1, 4))
    patient[i:i + k] = p
    i += k
    p += 1
patients = p
sex_p = rng.choice(["F", "M", ""], size=patients, p=[0.48, 0.48, 0.04])
age_p = rng.choice(np.arange(1, 96), size=patients)
age_p = np.where(rng.random(patients) < 0.03, -1, age_p)          # -1: unknown
site_p = rng.choice(["A", "B", "C"], size=patients, p=[0.46, 0.46, 0.08])
view = rng.choice(["PA", "AP"], size=n, p=[0.6, 0.4])

with open("metadata.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["image_id", "patient_id", "sex", "age", "view", "site"])
    for j, r in enumerate(rows):
        pj = patient[j]
        w.writerow([r["image_id"], f"P{pj:04d}", sex_p[pj], "" if age_p[pj] < 0 else int(age_p[pj]), view[j], site_p[pj]])

def band(a):
    if a < 0: return "(unknown)"
    return "0-20" if a < 20 else "20-40" if a < 40 else "40-60" if a < 60 else "60-80" if a < 80 else "80+"

groups = {
    "sex": np.array([sex_p[patient[j]] or "(unknown)" for j in range(n)]),
    "age": np.array([band(age_p[patient[j]]) for j in range(n)]),
    "view": view,
    "site": np.array([site_p[patient[j]] for j in range(n)]),
}

thresholds = {}
for k, c in enumerate(classes):
    fpr, tpr, thr = roc_curve(y[:, k], s[:, k])
    thresholds[c] = float(thr[np.argmax(tpr - fpr)])

def metrics(mask, k, c):
    yt, sc = y[mask, k], s[mask, k]
    pos, neg = int(yt.sum()), int(len(yt) - yt.sum())
    d = {"n": int(len(yt)), "positives": pos}
    if pos < 10 or neg < 10:
        d["too_small"] = True
        return d
    pred = (sc >= thresholds[c]).astype(int)
    tn, fp, fn, tp = confusion_matrix(yt, pred, labels=[0, 1]).ravel()
    d.update({"too_small": False, "auroc": roc_auc_score(yt, sc), "sensitivity": recall_score(yt, pred),
              "specificity": tn / (tn + fp), "false_positive_rate": fp / (fp + tn)})
    return d

no_finding_true = (y.sum(axis=1) == 0).astype(int)
no_finding_pred = np.all(s < np.array([thresholds[c] for c in classes]), axis=1).astype(int)

def underdiagnosis(mask):
    yt, pr = no_finding_true[mask], no_finding_pred[mask]
    with_finding = int((yt == 0).sum())
    d = {"images": int(mask.sum()), "with_finding": with_finding, "called_healthy": int(((yt == 0) & (pr == 1)).sum())}
    if with_finding < 10:
        d["too_small"] = True
        return d
    tn, fp, fn, tp = confusion_matrix(yt, pr, labels=[0, 1]).ravel()   # positive class: No Finding
    d.update({"too_small": False, "rate": fp / (fp + tn)})
    return d

everyone = np.ones(n, dtype=bool)
ref = {"source": "make_subgroups.py, scikit-learn 1.2.1, numpy 1.24.2 (Debian 12)", "model": "model_a",
       "classes": classes, "thresholds": thresholds, "patients": patients,
       "per_class": {c: {"all": metrics(everyone, k, c)} for k, c in enumerate(classes)},
       "underdiagnosis": {"all": underdiagnosis(everyone)}}
for attr, g in groups.items():
    for value in sorted(set(g)):
        mask = g == value
        key = f"{attr}:{value}"
        for k, c in enumerate(classes):
            ref["per_class"][c][key] = metrics(mask, k, c)
        ref["underdiagnosis"][key] = underdiagnosis(mask)
json.dump(ref, open("sklearn_subgroups.json", "w"), indent=1, default=float)
