# Paired t-tests on the published episodes (15 tasks, 100 episodes, seed 7; Debian /usr/bin/python3 with numpy, scipy):
# the shipped stage-3 model on the most similar example against the copy baseline and against stage 2 used the same way.
# Run from docs/results/m5: /usr/bin/python3 paired_sizes.py
import json
import numpy as np
from scipy import stats

new = json.load(open('stage3-sizes.json'))['result']['rows']
old = json.load(open('N-nearest.json'))['result']['rows']  # stage 2, same episodes


def dice(rows, method, gap, n):
    return np.array([r for r in rows if r['method'] == method and r['gap'] == gap and r['support'] == n][0]['dice'])


for gap in (0, 5):
    for n in (1, 2, 4, 8, 16, 32, 64):
        u, c = dice(new, 'UniverSeg, 1 most similar', gap, n), dice(new, 'copy most similar', gap, n)
        o = dice(old, 'UniverSeg, 1 most similar', gap, n)
        print(f"gap {gap} n {n:2d}: stage 3 {u.mean():.3f} copy {c.mean():.3f} stage 2 {o.mean():.3f} | "
              f"stage 3−copy {np.mean(u - c):+.3f} p={stats.ttest_rel(u, c).pvalue:.2g} | "
              f"stage 3−stage 2 {np.mean(u - o):+.3f} p={stats.ttest_rel(u, o).pvalue:.2g}")
