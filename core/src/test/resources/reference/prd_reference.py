"""Reference PRD curves for PrecisionRecallDistributionsTest (run: /usr/bin/python3 prd_reference.py).

A re-implementation, written for this test, of the histogram -> curve -> F_beta part of Sajjadi
et al.'s reference code (prd_score.py: compute_prd, _prd_to_f_beta, prd_to_max_f_beta_pair),
with the same constants: angles = linspace(1e-10, pi/2 - 1e-10, 1001), slope = tan(angle),
precision = sum(min(ref * slope, eval)), recall = precision / slope, both clipped to [0, 1];
F_beta = (1 + b^2) p r / (b^2 p + r + 1e-10), maximised over the curve. The reference code has no
AUC; ours is the trapezoid area of precision over recall between consecutive angles.
"""
import numpy as np


def curve(ref, ev, num_angles=1001, eps=1e-10):
    angles = np.linspace(eps, np.pi / 2 - eps, num=num_angles)
    slopes = np.tan(angles)
    precision = np.minimum(ref[None, :] * slopes[:, None], ev[None, :]).sum(axis=1)
    recall = precision / slopes
    return np.clip(precision, 0, 1), np.clip(recall, 0, 1)


def f_beta(p, r, beta, eps=1e-10):
    return np.max((1 + beta ** 2) * p * r / (beta ** 2 * p + r + eps))


def auc(p, r):
    return float(np.sum(np.abs(np.diff(r)) * 0.5 * (p[1:] + p[:-1])))


cases = {
    "skewed": (np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.4, 0.3, 0.2, 0.1])),
    "equal": (np.array([0.25, 0.25, 0.25, 0.25]), np.array([0.25, 0.25, 0.25, 0.25])),
    "partial": (np.array([0.5, 0.5, 0.0, 0.0]), np.array([0.0, 0.5, 0.25, 0.25])),
    # 20 clusters: counts of 100 points, as a clustering would give them
    "twenty": (np.array([9, 7, 3, 0, 5, 6, 2, 8, 4, 1, 10, 3, 5, 7, 2, 6, 4, 8, 0, 10]) / 100.0,
               np.array([2, 5, 8, 6, 3, 1, 9, 4, 7, 10, 0, 5, 6, 2, 8, 3, 7, 4, 9, 1]) / 100.0),
}
for name, (ref, ev) in cases.items():
    p, r = curve(ref, ev)
    print(f"{name}: F8={f_beta(p, r, 8)!r} F1/8={f_beta(p, r, 1 / 8)!r} AUC={auc(p, r)!r}")
    print(f"  precision[0,250,500,750,1000]={[float(p[i]) for i in (0, 250, 500, 750, 1000)]!r}")
    print(f"  recall[0,250,500,750,1000]={[float(r[i]) for i in (0, 250, 500, 750, 1000)]!r}")
