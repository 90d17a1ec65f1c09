# Paired t-tests at 8 supports (Debian /usr/bin/python3 with numpy, scipy): for each layout, the
# shipped model's methods against the copy baseline, and against the previous model on the same episodes.
# Run from docs/results/m5: /usr/bin/python3 paired_at8.py NEW.json OLD.json
import json, sys
import numpy as np
from scipy import stats

new, old = (json.load(open(f))['result']['rows'] for f in sys.argv[1:3])


def dice(rows, method, gap):
    return np.array([r for r in rows if r['method'] == method and r['gap'] == gap and r['support'] == 8][0]['dice'])


for gap, name in ((0, 'gap 0'), (5, 'gap 5'), (-1, 'evenly spaced')):
    c = dice(new, 'copy most similar', gap)
    for m in ('UniverSeg', 'UniverSeg, 1 most similar', 'UniverSeg, 2 most similar', 'UniverSeg, fusion of 2 most similar'):
        u, o = dice(new, m, gap), dice(old, m, gap)
        print(f"{name:13s} {m:36s} new {u.mean():.3f} old {o.mean():.3f} copy {c.mean():.3f} | "
              f"new−copy {np.mean(u - c):+.3f} p={stats.ttest_rel(u, c).pvalue:.2g} | new−old {np.mean(u - o):+.3f} "
              f"p={stats.ttest_rel(u, o).pvalue:.2g}")
