#!/usr/bin/python3
"""Reference values for org.segforge.core.metric tests (DistanceTransformTest, SegmentationMetricsTest,
StatisticsTest). Run from the core/ folder with Debian's interpreter:

    /usr/bin/python3 src/test/resources/reference/metrics_reference.py ../../shared/data

(the argument is the shared data folder). It prints every number the Java tests record.
Masks are read from the raw NIfTI bytes (352-byte header, uint8, x fastest), independently of
nibabel's scaling (the lesion files store 100 with scl_slope 0.01); mask = value != 0 (lesions) or
value == label (AAL). The Java tests read the same files with SegForge's own NIfTI reader.

Conventions (the ones SegmentationMetrics documents):
  surface   = mask XOR binary_erosion(mask, 6-neighbourhood (4 in 2D), border_value=0)  [medpy/MONAI]
  d(P->R)   = EDT of the complement of R's surface, sampled on P's surface (mm)
  HD95      = max(percentile95(d(P->R)), percentile95(d(R->P)))  (numpy linear percentile, MONAI/medpy)
  ASSD      = (sum d(P->R) + sum d(R->P)) / (|surf P| + |surf R|)  (mean over the union, Heimann 2009,
              MONAI symmetric=True; medpy's assd instead averages the two directed means)
  bAVD      = 0.5 * (sum_{g in G} d(g,S) + sum_{s in S} d(s,G)) / |G| over ALL foreground voxels
              (Aydin et al. 2021), with d(x, A) = distance to the nearest voxel of A.
"""
import gzip
import sys

import numpy as np
from scipy import stats
from scipy.ndimage import binary_erosion, distance_transform_edt, generate_binary_structure

DATA = sys.argv[1] if len(sys.argv) > 1 else "../../shared/data"
SHAPE = (181, 217, 181)


def raw(path):
    b = gzip.open(f"{DATA}/{path}").read()[352:]
    return np.frombuffer(b, np.uint8).reshape(SHAPE, order="F")  # [x, y, z]


def border(m):
    return m ^ binary_erosion(m, structure=generate_binary_structure(m.ndim, 1), iterations=1)


def metrics(pred, ref, spacing):
    tp = np.count_nonzero(pred & ref)
    fp = np.count_nonzero(pred & ~ref)
    fn = np.count_nonzero(~pred & ref)
    out = dict(dice=2 * tp / (2 * tp + fp + fn), iou=tp / (tp + fp + fn),
               precision=tp / (tp + fp), recall=tp / (tp + fn))
    pb, rb = border(pred), border(ref)
    d_pr = distance_transform_edt(~rb, sampling=spacing)[pb]
    d_rp = distance_transform_edt(~pb, sampling=spacing)[rb]
    out["hd95"] = max(np.percentile(d_pr, 95), np.percentile(d_rp, 95))
    out["assd"] = (d_pr.sum() + d_rp.sum()) / (d_pr.size + d_rp.size)
    d_gs = distance_transform_edt(~pred, sampling=spacing)[ref]
    d_sg = distance_transform_edt(~ref, sampling=spacing)[pred]
    out["bavd"] = 0.5 * (d_gs.sum() + d_sg.sum()) / np.count_nonzero(ref)
    return out


def show(name, m):
    print(name, {k: float(repr(v)) if False else repr(float(v)) for k, v in m.items()})


np.set_printoptions(precision=17, linewidth=200)

# ---- EDT: small 2D anisotropic grid (x fastest when flattened in Fortran order) ----
g = np.ones((7, 5), bool)  # [x, y]
for x, y in [(1, 1), (5, 3), (6, 0)]:
    g[x, y] = False
e = distance_transform_edt(g, sampling=(0.7, 1.3))
print("E1 2D 7x5 features (1,1),(5,3),(6,0) spacing (0.7,1.3), x-fastest:")
print(repr(e.flatten(order="F").tolist()))

# ---- EDT: 3D real mask, anisotropic ----
l1 = raw("lesions/lesion1.nii.gz") != 0
l2 = raw("lesions/lesion2.nii.gz") != 0
l3 = raw("lesions/lesion3.nii.gz") != 0
for sp in [(1.0, 1.0, 2.5), (0.9, 1.1, 2.5)]:
    d = distance_transform_edt(~l1, sampling=sp)  # distance to the nearest lesion1 voxel
    pts = [(0, 0, 0), (90, 100, 90), (180, 216, 180), (120, 80, 60), (45, 200, 170)]
    print("E2 dist to lesion1 spacing", sp, "sum", repr(float(d.sum())), "max", repr(float(d.max())),
          "at", [(p, repr(float(d[p]))) for p in pts])
d = distance_transform_edt(l1)  # scipy semantics: inside distance to background, unit spacing
print("E3 inside lesion1 unit spacing sum", repr(float(d.sum())), "max", repr(float(d.max())))

# ---- metrics on real lesion pairs ----
show("M1 pred=lesion2 ref=lesion1 spacing 1", metrics(l2, l1, (1.0, 1.0, 1.0)))
show("M2 pred=lesion2 ref=lesion1 spacing (1,1,2.5)", metrics(l2, l1, (1.0, 1.0, 2.5)))
show("M3 pred=lesion3 ref=lesion1 spacing (0.9,1.1,2.5)", metrics(l3, l1, (0.9, 1.1, 2.5)))

# ---- AAL: reference = atlas, prediction = atlas shifted by (2,-1,1) voxels (a misregistration) ----
aal = raw("colin27/aal.nii.gz")
shifted = np.roll(aal, (2, -1, 1), axis=(0, 1, 2))
for lab in [1, 2, 37, 45, 71, 95, 116]:
    show(f"M4 AAL label {lab} shifted (2,-1,1) spacing 1", metrics(shifted == lab, aal == lab, (1.0, 1.0, 1.0)))

# ---- 2D: axial slice z=80 of the same pair, spacing (0.8, 1.2) ----
for lab in [37, 71]:
    show(f"M5 2D slice z=80 AAL label {lab} spacing (0.8,1.2)",
         metrics(shifted[:, :, 80] == lab, aal[:, :, 80] == lab, (0.8, 1.2)))

# ---- real anisotropic grid: head CT (0.957 x 0.957 x 1.5 mm), prediction = HU > 600, reference = HU > 300 ----
import nibabel as nib  # noqa: E402  (only here: int16 with its real affine)
ct = nib.load(f"{DATA}/ct-head/cranium_ct.nii.gz")
hu = np.asanyarray(ct.dataobj)
ct_spacing = tuple(float(v) for v in np.sqrt((ct.affine[:3, :3] ** 2).sum(0)))
show(f"M6 ct-head HU>600 vs HU>300 spacing {ct_spacing}", metrics(hu > 600, hu > 300, ct_spacing))

# ---- statistics ----
a = np.array([0.81, 0.77, 0.92, 0.68, 0.85, 0.79, 0.88])
b = np.array([0.78, 0.74, 0.90, 0.70, 0.80, 0.75, 0.86])
c = np.array([0.62, 0.71, 0.69, 0.75, 0.58])
r = stats.ttest_rel(a, b)
print("S1 ttest_rel(a,b) t", repr(float(r.statistic)), "p", repr(float(r.pvalue)))
r = stats.ttest_ind(a, c, equal_var=False)
print("S2 ttest_ind(a,c,equal_var=False) t", repr(float(r.statistic)), "p", repr(float(r.pvalue)))
va, vc = a.var(ddof=1) / a.size, c.var(ddof=1) / c.size
print("S2 welch df", repr(float((va + vc) ** 2 / (va ** 2 / (a.size - 1) + vc ** 2 / (c.size - 1)))))
lo, hi = stats.t.interval(0.95, a.size - 1, loc=a.mean(), scale=stats.sem(a))
print("S3 a mean", repr(float(a.mean())), "std", repr(float(a.std(ddof=1))), "median", repr(float(np.median(a))),
      "ci95", repr(float(lo)), repr(float(hi)))

# ---- accumulator summary: four cases against reference lesion1, spacing 1 ----
# "empty" (prediction all background) follows the documented convention: overlap 0, distances NaN.
cases = {"l2": metrics(l2, l1, (1.0, 1.0, 1.0)), "l3": metrics(l3, l1, (1.0, 1.0, 1.0)),
         "self": metrics(l1, l1, (1.0, 1.0, 1.0)),
         "empty": dict(dice=0.0, iou=0.0, precision=0.0, recall=0.0, hd95=np.nan, assd=np.nan, bavd=np.nan)}
show("A0 pred=lesion3 ref=lesion1 spacing 1", cases["l3"])
for k in ["dice", "iou", "precision", "recall", "hd95", "assd", "bavd"]:
    v = np.array([cases[c][k] for c in cases], float)
    print("A1", k, "mean", repr(float(np.nanmean(v))), "std", repr(float(np.nanstd(v, ddof=1))),
          "median", repr(float(np.nanmedian(v))), "n", int(np.count_nonzero(~np.isnan(v))))
