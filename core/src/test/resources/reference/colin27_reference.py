# Reference values for the Colin27 tests of ResizeTest, IntensityTest, LabelsTest, CropPadTest
# (nibabel 5.0, numpy 1.24, torch 1.13; Debian's /usr/bin/python3). Output: colin27_reference.txt.
# Run from this folder: /usr/bin/python3 colin27_reference.py > colin27_reference.txt
# Volumes are indexed [x, y, z] as nibabel returns them; a 2D axial slice z is the image
# img[y, x] = vol[:, :, z].T (x fastest, as SegForge stores it).
import numpy as np, nibabel as nib, torch
import torch.nn.functional as F

root = '../../../../../../shared/data/colin27/'
ch2 = nib.load(root + 'ch2.nii.gz').get_fdata(dtype=np.float32)
bet = nib.load(root + 'ch2bet.nii.gz').get_fdata(dtype=np.float32)
aal = nib.load(root + 'aal.nii.gz').get_fdata(dtype=np.float32)

Q = [0.5, 1, 25, 50, 75, 99, 99.5]
def stats(name, a):
    a = a.astype(np.float64)
    print('stats', name, a.size, repr(a.min()), repr(a.max()), repr(a.mean()), repr(a.std()),
          ' '.join(repr(x) for x in np.percentile(a, Q)))

stats('ch2_all', ch2)
stats('ch2_positive', ch2[ch2 > 0])
stats('ch2_in_bet', ch2[bet != 0])

vals, counts = np.unique(aal.astype(np.int64), return_counts=True)
print('aal_counts', ' '.join('%d:%d' % (v, c) for v, c in zip(vals, counts)))

nz = np.nonzero(bet)
print('bet_box', ' '.join(str(int(f(i))) for f in (np.min,) for i in nz),
      ' '.join(str(int(np.max(i)) + 1) for i in nz))

# axial slice 90, 181×217 → 128×128, three modes; recorded: float64 sum of the float32 output and
# every 8th pixel in x and y (16×16 values, x fastest)
z = 90
for name, vol, mode in [('ch2_linear', ch2, 'bilinear'), ('ch2_area', ch2, 'area'), ('aal_nearest', aal, 'nearest-exact')]:
    img = torch.from_numpy(np.ascontiguousarray(vol[:, :, z].T))[None, None]
    kw = {'align_corners': False} if mode == 'bilinear' else {}
    out = F.interpolate(img, size=(128, 128), mode=mode, **kw)[0, 0].numpy()
    sub = out[::8, ::8].ravel()
    print('slice90', name, repr(out.astype(np.float64).sum()), ' '.join('%.9g' % x for x in sub))

# every axial slice at once (what Resize.to(ch2, 128, 128, 181, LINEAR) does): sum per slice
vol = torch.from_numpy(np.ascontiguousarray(np.transpose(ch2, (2, 1, 0))))[:, None]  # (z, 1, y, x)
out = F.interpolate(vol, size=(128, 128), mode='bilinear', align_corners=False)[:, 0].numpy()
print('all_slices_linear_sum', repr(out.astype(np.float64).sum()), repr(out.astype(np.float64)[45].sum()))

# the whole volume in 3D, 181×217×181 → 96×112×96: float64 sum and the voxels at
# x, y, z in {10, 40, 70} (27 values, x fastest)
vol3 = torch.from_numpy(np.ascontiguousarray(np.transpose(ch2, (2, 1, 0))))[None, None]  # (1,1,z,y,x)
for name, mode in [('linear3d', 'trilinear'), ('area3d', 'area'), ('nearest3d', 'nearest-exact')]:
    kw = {'align_corners': False} if mode == 'trilinear' else {}
    out = F.interpolate(vol3, size=(96, 112, 96), mode=mode, **kw)[0, 0].numpy()  # [z, y, x]
    pts = [out[z, y, x] for z in (10, 40, 70) for y in (10, 40, 70) for x in (10, 40, 70)]
    print('volume', name, repr(out.astype(np.float64).sum()), ' '.join('%.9g' % p for p in pts))
