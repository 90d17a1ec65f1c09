"""Reference for RealDataTransformsTest: axial slice z=90 of Colin27 ch2 rotated 23 degrees by
scipy.ndimage.rotate(order=1, reshape=False, mode='constant', cval=0). Run from the worktree root:
    /usr/bin/python3 core/src/test/resources/reference/rotate_ch2_reference.py   (scipy 1.10.1)
The slice is indexed [x, y] (nibabel order). scipy's rotate sorts the axes to (x, y) and samples
input = [[c, s], [-s, c]] (p - c) + c, i.e. it turns the content from +x towards +y, the same sense
as SegForge's Rotation.inPlane(23)."""
import numpy as np
import nibabel as nib
from scipy import ndimage as nd

v = nib.load('../shared/data/colin27/ch2.nii.gz').get_fdata(dtype=np.float32)
s = v[:, :, 90].astype(np.float64)
r = nd.rotate(s, 23, reshape=False, order=1, mode='constant', cval=0.0)
print(f"// shape {s.shape}, min {s.min()}, input sum {s.sum():.6f}, rotated sum {r.sum():.6f}")
pts = [(x, y) for x in range(5, 181, 20) for y in range(5, 217, 20)]
print("ROT23_POINTS = {" + ", ".join(f"{{{x}, {y}}}" for x, y in pts) + "};")
print("ROT23_VALUES = {" + ", ".join(f"{r[x, y]:.6f}" for x, y in pts) + "};")
