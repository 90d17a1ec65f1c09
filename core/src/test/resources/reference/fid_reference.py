"""Reference FID values for FrechetDistanceTest (run: /usr/bin/python3 fid_reference.py).

Feature matrices are built from a formula both this script and the Java test evaluate, so no
fixture files are needed:  u(i, j, s) = frac(sin(12.9898 i + 78.233 j + s) * 43758.5453),
row i, column j, set s. Two FID values are printed per case:
  * "scipy": exactly pytorch-fid's calculate_frechet_distance (sqrtm of sigma1 @ sigma2, eps
    offset when not finite, real part), with numpy.cov (unbiased, ddof=1);
  * "eigh": Tr sqrt(S1^1/2 S2 S1^1/2) from symmetric eigendecompositions with eigenvalues
    <= 1e-12 * the largest set to 0 -- the formula FrechetDistance uses.
"""
import numpy as np
from scipy import linalg


def u(n, d, s):
    i = np.arange(n, dtype=np.float64)[:, None]
    j = np.arange(d, dtype=np.float64)[None, :]
    x = np.sin(12.9898 * i + 78.233 * j + s) * 43758.5453
    return x - np.floor(x)


def case(name):
    if name == "well":      # n=200, d=8, shifted and rescaled second set
        a = u(200, 8, 1.0)
        b = 1.5 * u(200, 8, 2.0) + 0.25
    elif name == "identical":
        a = u(50, 4, 3.0)
        b = a.copy()
    elif name == "nlessd":  # n=5 < d=8: both covariances have rank 4
        a = u(5, 8, 4.0)
        b = u(5, 8, 5.0)
    elif name == "rankdef":  # d=6, columns 4,5 linear combinations of 0..3: rank 4
        a = u(100, 6, 6.0)
        b = u(120, 6, 7.0) * 2.0
        for m in (a, b):
            m[:, 4] = m[:, 0] + m[:, 1]
            m[:, 5] = 2.0 * m[:, 2] - m[:, 3]
    elif name == "large":  # the feature network's size: d=160, n=300 (well conditioned), squared second set
        a = u(300, 160, 10.0)
        b = u(300, 160, 11.0) ** 2
    else:
        raise ValueError(name)
    return a, b


def fid_scipy(a, b, eps=1e-6):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.atleast_2d(np.cov(a, rowvar=False)), np.atleast_2d(np.cov(b, rowvar=False))
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(s1.dot(s2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(s1.shape[0]) * eps
        covmean = linalg.sqrtm((s1 + offset).dot(s2 + offset))
    if np.iscomplexobj(covmean):
        covmean = covmean.real
    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean)


def clamp(w):
    return np.where(w <= 1e-12 * max(w.max(), 0), 0.0, w)


def psd_sqrt(m):
    w, v = np.linalg.eigh((m + m.T) / 2)
    return (v * np.sqrt(clamp(w))) @ v.T


def fid_eigh(a, b):
    mu1, mu2 = a.mean(0), b.mean(0)
    s1, s2 = np.cov(a, rowvar=False), np.cov(b, rowvar=False)
    r = psd_sqrt(s1)
    m = r @ s2 @ r
    w = np.linalg.eigvalsh((m + m.T) / 2)
    tr = np.sqrt(clamp(w)).sum()
    diff = mu1 - mu2
    return diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * tr


for name in ("well", "identical", "nlessd", "rankdef", "large"):
    a, b = case(name)
    print(f"{name:10s} scipy={fid_scipy(a, b)!r} eigh={fid_eigh(a, b)!r} "
          f"mean-term={float(((a.mean(0) - b.mean(0)) ** 2).sum())!r}")
