# Made core/src/test/resources/dicom-series/oblique/*.dcm with Debian's /usr/bin/python3
# (pydicom 2.3.1, numpy) from ../shared/data/dicom/CT_small.dcm. Run from the repository root:
#   /usr/bin/python3 core/src/test/resources/reference/make_dicom_series.py
# Four 32×24 slices cropped from the CT, tilted about x by 20°, 2.5 mm apart along the slice
# normal, each slice's pixels raised by 100·k (k = its place along the normal) so the order
# shows in the values. File names and InstanceNumbers are shuffled against the position order.
# Slice k = 2 has RescaleSlope 2, RescaleIntercept -1000 (per-slice rescale).
import math, os
import numpy as np
import pydicom

src = pydicom.dcmread("../shared/data/dicom/CT_small.dcm")
out = "core/src/test/resources/dicom-series/oblique"
a = math.radians(20)
row = np.array([1.0, 0.0, 0.0])
col = np.array([0.0, math.cos(a), math.sin(a)])
normal = np.cross(row, col)
p0 = np.array([-158.135803, -179.035797, -75.699997])
names = ["c.dcm", "a.dcm", "d.dcm", "b.dcm"]        # file of slice k
instance = [3, 1, 4, 2]                             # InstanceNumber of slice k
crop = src.pixel_array[40:64, 50:82].astype(np.int16)  # rows 40..63, columns 50..81
stack = []
for k in range(4):
    d = pydicom.dcmread("../shared/data/dicom/CT_small.dcm")
    px = (crop + 100 * k).astype(np.int16)
    d.Rows, d.Columns = px.shape
    d.PixelData = px.tobytes()
    d.ImageOrientationPatient = [f"{v:.6f}" for v in list(row) + list(col)]
    d.ImagePositionPatient = [f"{v:.6f}" for v in p0 + 2.5 * k * normal]
    d.InstanceNumber = instance[k]
    slope, icpt = (2, -1000) if k == 2 else (1, -1024)
    d.RescaleSlope, d.RescaleIntercept = slope, icpt
    d.save_as(os.path.join(out, names[k]))
    stack.append(px.astype(np.float64) * slope + icpt)
vol = np.stack(stack)                                # (z, y, x)
print("shape zyx", vol.shape, "sum", vol.sum(), "min", vol.min(), "max", vol.max())
print("v[x=0,y=0,z=k]", [vol[k, 0, 0] for k in range(4)], "v[x=31,y=23,z=3]", vol[3, 23, 31])
# affine: columns row*dx, col*dy, step along the normal, origin p0; LPS → RAS negates rows 0, 1
ps = [float(v) for v in src.PixelSpacing]             # (row spacing, column spacing)
lps = np.eye(4)
lps[:3, 0] = row * ps[1]; lps[:3, 1] = col * ps[0]; lps[:3, 2] = 2.5 * normal; lps[:3, 3] = p0
print("ras affine", (np.diag([-1, -1, 1, 1]) @ lps).round(6).tolist())

# A second series, dicom-series/by-instance: three 8×6 slices cropped from MR_small.dcm without
# ImagePositionPatient, so only InstanceNumber can order them; slice with InstanceNumber n has
# its pixels raised by 1000·n. File names run against the order.
out2 = "core/src/test/resources/dicom-series/by-instance"
os.makedirs(out2, exist_ok=True)
mr = pydicom.dcmread("../shared/data/dicom/MR_small.dcm")
crop2 = mr.pixel_array[10:16, 20:28].astype(np.int16)
vals = []
for name, n in [("x.dcm", 3), ("y.dcm", 1), ("z.dcm", 2)]:
    d = pydicom.dcmread("../shared/data/dicom/MR_small.dcm")
    px = (crop2 + 1000 * n).astype(np.int16)
    d.Rows, d.Columns = px.shape
    d.PixelData = px.tobytes()
    del d.ImagePositionPatient
    d.InstanceNumber = n
    d.save_as(os.path.join(out2, name))
vol2 = np.stack([crop2 + 1000 * n for n in (1, 2, 3)]).astype(np.float64)
print("by-instance: sum", vol2.sum(), "v[x=0,y=0,z=k]", [vol2[k, 0, 0] for k in range(3)],
      "SliceThickness", mr.SliceThickness, "SpacingBetweenSlices" in mr)
