# Paired t-tests between methods on the same episodes (Debian /usr/bin/python3 with numpy, scipy).
# Run from docs/results/m5: /usr/bin/python3 paired.py
import json
import numpy as np
from scipy import stats

rows = []
for f in ['A-universeg-copy.json'] + [f'U-gap{g}-n{n}.json' for g in (0, 5) for n in (1, 4, 16, 64)]:
    rows += json.load(open(f))['result']['rows']


def dice(method, gap, n):
    return np.array([r for r in rows if r['method'].startswith(method) and r['gap'] == gap and r['support'] == n][0]['dice'])


for gap, k in ((5, 30), (0, 15)):
    for n in (1, 4, 16, 64):
        u, c, t = dice('UniverSeg', gap, n)[:k], dice('copy', gap, n)[:k], dice('U-Net', gap, n)
        print(f"gap {gap} n {n:2d} first {k}: UniverSeg {u.mean():.3f} U-Net {t.mean():.3f} copy {c.mean():.3f} | "
              f"U-Net−UniverSeg {np.mean(t - u):+.3f} p={stats.ttest_rel(t, u).pvalue:.3g} | "
              f"copy−UniverSeg {np.mean(c - u):+.3f} p={stats.ttest_rel(c, u).pvalue:.3g}")
