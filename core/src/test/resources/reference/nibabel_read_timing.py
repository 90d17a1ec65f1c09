# nibabel counterpart of NiftiReadTiming.java: median of N full reads (np.asarray(img.dataobj)) after warm-up.
#   /usr/bin/python3 core/src/test/resources/reference/nibabel_read_timing.py ../shared/data/colin27/ch2.nii.gz 15
import sys
import time
import numpy as np
import nibabel as nib

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
for _ in range(3):
    np.asarray(nib.load(path).dataobj)
ms = []
for _ in range(n):
    t0 = time.perf_counter()
    a = np.asarray(nib.load(path).dataobj)
    ms.append((time.perf_counter() - t0) * 1000)
ms.sort()
print('nibabel %s %s: median %.1f ms of %d reads (min %.1f, max %.1f) [shape %s]'
      % (nib.__version__, path.split('/')[-1], ms[n // 2], n, ms[0], ms[-1], a.shape))
