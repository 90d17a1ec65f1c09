# Reference values for IntensityTest (numpy 1.24, Debian's /usr/bin/python3).
# Run: /usr/bin/python3 intensity_reference.py
# Volume (also built in the test): 5×4×3, value[i] = float32((i*37) % 101 - 50) / float32(7);
# mask selects i % 3 != 0. Statistics in float64 over the float32 values; std with ddof=0.
import numpy as np
i = np.arange(60)
v = (((i * 37) % 101) - 50).astype(np.float32) / np.float32(7)
m = (i % 3) != 0
q = [0, 0.5, 25, 33.3, 50, 99.5, 100]
for name, sel in [('all', v), ('mask', v[m])]:
    a = sel.astype(np.float64)
    print(name, 'count', a.size, 'min %r max %r mean %r std %r' % (a.min(), a.max(), a.mean(), a.std()))
    print(name, 'percentiles', [repr(x) for x in np.percentile(a, q)])
a = v[m].astype(np.float64)
z = np.where(m, (v.astype(np.float64) - a.mean()) / a.std(), 0)
print('zscore(mask) voxels 0..5', [repr(float(np.float32(x))) for x in z[:6]])
# far from zero: 1e6 + value, float32
big = (np.float32(1e6) + v).astype(np.float32).astype(np.float64)
print('offset mean %r std %r' % (big.mean(), big.std()))
