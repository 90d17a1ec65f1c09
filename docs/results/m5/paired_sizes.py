# Paired t-tests on the published episodes (15 tasks, 100 episodes, seed 7; Debian /usr/bin/python3 with numpy, scipy):
# a model on the most similar example against the copy baseline of the same run, and against the previous model used the
# same way on the same episodes. Run from docs/results/m5:
#   /usr/bin/python3 paired_sizes.py NEW.json OLD.json     (stage4-sizes.json stage3-sizes.json > paired-sizes.txt)
# Stage 4 runs at 128×128 and stage 3 at 64×64, so "new−old" also holds the change of resolution of the Dice itself
# (the copy baseline moves by up to ±0.01 between the two); "new−copy" compares at one resolution.
import json, sys
import numpy as np
from scipy import stats

new, old = (json.load(open(f))['result']['rows'] for f in sys.argv[1:3])
M = 'UniverSeg, 1 most similar'


def dice(rows, method, gap, n):
    return np.array([r for r in rows if r['method'] == method and r['gap'] == gap and r['support'] == n][0]['dice'])


for gap in (0, 5):
    for n in (1, 2, 4, 8, 16, 32, 64):
        u, c, o = dice(new, M, gap, n), dice(new, 'copy most similar', gap, n), dice(old, M, gap, n)
        print(f"gap {gap} n {n:2d}: new {u.mean():.3f} copy {c.mean():.3f} old {o.mean():.3f} | "
              f"new−copy {np.mean(u - c):+.3f} p={stats.ttest_rel(u, c).pvalue:.2g} | "
              f"new−old {np.mean(u - o):+.3f} p={stats.ttest_rel(u, o).pvalue:.2g}")
