# nibabel counterpart of NiftiReadTiming.java: median of N full reads (np.asarray(img.dataobj)) after warm-up,
# as wall-clock time and as process CPU time (the fairer number on a shared, loaded machine).
#   /usr/bin/python3 core/src/test/resources/reference/nibabel_read_timing.py ../shared/data/colin27/ch2.nii.gz 15
import sys
import time
import numpy as np
import nibabel as nib

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
t0 = time.perf_counter()
np.asarray(nib.load(path).dataobj)
cold = (time.perf_counter() - t0) * 1000
for _ in range(3):
    np.asarray(nib.load(path).dataobj)
wall, cpu = [], []
for _ in range(n):
    c0 = time.process_time()
    t0 = time.perf_counter()
    a = np.asarray(nib.load(path).dataobj)
    wall.append((time.perf_counter() - t0) * 1000)
    cpu.append((time.process_time() - c0) * 1000)
wall.sort()
cpu.sort()
print('nibabel %s %s: median wall %.1f ms, median CPU %.1f ms of %d reads (wall min %.1f, max %.1f; first read %.1f ms) [shape %s]'
      % (nib.__version__, path.split('/')[-1], wall[n // 2], cpu[n // 2], n, wall[0], wall[-1], cold, a.shape))
