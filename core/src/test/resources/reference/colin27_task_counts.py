# Reference counts for TaskColin27Test, computed with Debian's numpy/nibabel:
#   /usr/bin/python3 core/src/test/resources/reference/colin27_task_counts.py ../shared/data
# nibabel returns arrays indexed [x, y, z] = SegForge axes 0 (sagittal), 1 (coronal), 2 (axial).
import sys
import nibabel as nib
import numpy as np

root = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
aal = np.asarray(nib.load(root + "/colin27/aal.nii.gz").dataobj).astype(np.int64)
brain = np.asarray(nib.load(root + "/colin27/ch2bet.nii.gz").dataobj) > 0
brod = np.asarray(nib.load(root + "/colin27/brodmann.nii.gz").dataobj).astype(np.int64)
lesion = np.asarray(nib.load(root + "/lesions/lesion1.nii.gz").dataobj) > 0

def slices(mask, axis, min_voxels=1):
    other = tuple(a for a in range(3) if a != axis)
    per = mask.sum(axis=other)
    kept = np.nonzero(per >= min_voxels)[0]
    return len(kept), int(per[kept].sum()), int(per.max()), int(kept[0]) if len(kept) else -1, int(kept[-1]) if len(kept) else -1

print("aal values present", len(np.unique(aal[aal > 0])), "max", aal.max())
for v in (1, 2, 37, 116):
    for axis in range(3):
        print("aal", v, "axis", axis, "slices,fg,largest,first,last", slices(aal == v, axis), "voxels", int((aal == v).sum()))
print("aal region 1, axial, >= 100 voxels", slices(aal == 1, 2, 100))
for axis in range(3):
    print("brain axis", axis, slices(brain, axis), "voxels", int(brain.sum()))
print("brain axial >= 5% of 181*217", slices(brain, 2, int(np.ceil(0.05 * 181 * 217))))
print("aal all regions x 3 axes total slices", sum(slices(aal == v, a)[0] for v in np.unique(aal[aal > 0]) for a in range(3)))
print("brodmann values", sorted(np.unique(brod[brod > 0]).tolist()))
print("lesion1 voxels", int(lesion.sum()), "axial", slices(lesion, 2))
# multi-class Precentral L (1) / R (2): axial slices where either is present
print("aal {1,2} axial", slices((aal == 1) | (aal == 2), 2))
