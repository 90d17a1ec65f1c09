# Paired t-tests between methods on the same episodes (Debian /usr/bin/python3 with numpy, scipy): a UniverSeg method
# against the supervised U-Net and the copy baseline, on the episodes the U-Net ran (the first 30 at gap 5, 15 at gap 0).
# Run from docs/results/m5:
#   /usr/bin/python3 paired.py                                        stage 2, all n in one pass (paired.txt)
#   /usr/bin/python3 paired.py stage4-sizes.json U128- 'UniverSeg, 1 most similar'   stage 4 (paired-unet-stage4.txt)
import json, sys
import numpy as np
from scipy import stats

sizes, prefix, method = sys.argv[1:4] if len(sys.argv) > 1 else ('A-universeg-copy.json', 'U-', 'UniverSeg')
rows = []
for f in [sizes] + [f'{prefix}gap{g}-n{n}.json' for g in (0, 5) for n in (1, 4, 16, 64)]:
    rows += json.load(open(f))['result']['rows']


def dice(m, gap, n):
    return np.array([r for r in rows if r['method'] == m and r['gap'] == gap and r['support'] == n][0]['dice'])


for gap in (5, 0):
    for n in (1, 4, 16, 64):
        t = dice('U-Net (150 steps)', gap, n)
        k = len(t)
        u, c = dice(method, gap, n)[:k], dice('copy most similar', gap, n)[:k]
        print(f"gap {gap} n {n:2d} first {k}: UniverSeg {u.mean():.3f} U-Net {t.mean():.3f} copy {c.mean():.3f} | "
              f"U-Net−UniverSeg {np.mean(t - u):+.3f} p={stats.ttest_rel(t, u).pvalue:.3g} | "
              f"copy−UniverSeg {np.mean(c - u):+.3f} p={stats.ttest_rel(c, u).pvalue:.3g}")
