# Reference values for NiftiRealFilesTest, computed with Debian's nibabel 5.0:
#   cd /work/shared/data && /usr/bin/python3 /path/to/nifti_reference.py
# Prints one Java line per file: new Ref(path, shape, datatype code, pixdim[1..3], affine (16, row-major),
# sum, min, max, nonzero count, {x,y,z,value} samples). nibabel's array is indexed [x, y, z], which is our
# x-fastest layout; get_fdata() applies scl_slope/scl_inter in float64. The lesion masks store 100 with
# scl_slope 0.01 (float32), i.e. 0.99999998 in float64; SegForge volumes are float32, so the values are rounded
# to float32 first (giving exactly 1.0), and the statistics are taken over those float32 values in float64.
import glob
import nibabel as nib
import numpy as np

files = sorted(glob.glob('colin27/*.nii.gz')) + sorted(glob.glob('lesions/*.nii.gz'),
        key=lambda p: int(p[len('lesions/lesion'):-len('.nii.gz')])) + ['ct-head/cranium_ct.nii.gz']
for f in files:
    img = nib.load(f)
    h = img.header
    a = np.asarray(img.get_fdata(dtype=np.float64)).astype(np.float32).astype(np.float64)
    nz = np.argwhere(a.transpose(2, 1, 0) != 0)  # z, y, x order = our flat (x-fastest) order
    first = nz[0][::-1]
    last = nz[-1][::-1]
    pts = [(a.shape[0] // 2, a.shape[1] // 2, a.shape[2] // 2), (0, 0, 0), (a.shape[0] - 1, a.shape[1] - 1, a.shape[2] - 1),
           tuple(int(v) for v in first), tuple(int(v) for v in last), (37, 101, 59)]
    samples = ', '.join('{%d, %d, %d, %r}' % (x, y, z, float(a[x, y, z])) for x, y, z in pts)
    aff = ', '.join(repr(float(v)) for v in img.affine.ravel())
    pix = ', '.join(repr(float(v)) for v in h['pixdim'][1:4])
    print('new Ref("%s", new int[] {%s}, %d, new double[] {%s},\n    new double[] {%s},\n    %r, %r, %r, %d,\n    new double[][] {%s}),'
          % (f, ', '.join(str(s) for s in a.shape), int(h['datatype']), pix, aff, float(a.sum()),
             float(a.min()), float(a.max()), int(np.count_nonzero(a)), samples))
