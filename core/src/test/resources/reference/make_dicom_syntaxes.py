# Made core/src/test/resources/dicom-syntaxes/ with Debian's /usr/bin/python3 (pydicom 2.3.1),
# run from the repository root. The same images as in ../shared/data/dicom, re-encoded:
#   mr_implicit.dcm   MR_small.dcm as Implicit VR Little Endian (with preamble and meta group)
#   mr_acrnema.dcm    MR_small.dcm as a bare implicit-VR data set: no preamble, no meta group
#   seg_implicit.dcm  liver_1frame.dcm as Implicit VR Little Endian: its nested functional-group
#                     sequences are written with undefined lengths, and only a dictionary tells
#                     a sequence from other data in implicit VR
import pydicom
from pydicom.uid import ImplicitVRLittleEndian

out = "core/src/test/resources/dicom-syntaxes/"
for src, name in [("MR_small.dcm", "mr_implicit.dcm"), ("liver_1frame.dcm", "seg_implicit.dcm")]:
    d = pydicom.dcmread("../shared/data/dicom/" + src)
    d.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    d.is_implicit_VR, d.is_little_endian = True, True
    d.save_as(out + name)
d = pydicom.dcmread("../shared/data/dicom/MR_small.dcm")
d.is_implicit_VR, d.is_little_endian = True, True
del d.file_meta
d.preamble = None
pydicom.dcmwrite(out + "mr_acrnema.dcm", d, write_like_original=True)
for name in ["mr_implicit.dcm", "seg_implicit.dcm", "mr_acrnema.dcm"]:
    r = pydicom.dcmread(out + name, force=True)
    if "TransferSyntaxUID" not in getattr(r, "file_meta", {}):
        r.file_meta = pydicom.dataset.FileMetaDataset(); r.file_meta.TransferSyntaxUID = ImplicitVRLittleEndian
    print(name, open(out + name, "rb").read(132)[128:132], r.pixel_array.sum())

# Enhanced multi-frame SEGs from liver_1frame.dcm, cropped to 64×64 (rows 140..203, columns
# 230..293), with three frames whose per-frame positions are not in file order:
#   seg_3frames.dcm     frame 1 = the crop at z -126.69, frame 2 = zeros at z -128.69,
#                       frame 3 = the crop flipped upside down at z -127.69
#   seg_oneplace.dcm    the same frames, all at z -128.69 (as a multi-segment SEG would be)
import copy
import numpy as np
src = pydicom.dcmread("../shared/data/dicom/liver_1frame.dcm")
crop = src.pixel_array[140:204, 230:294].astype(np.uint8)
frames = [crop, np.zeros_like(crop), crop[::-1]]
for name, zs in [("seg_3frames.dcm", [-126.69, -128.69, -127.69]), ("seg_oneplace.dcm", [-128.69] * 3)]:
    d = copy.deepcopy(src)
    d.Rows, d.Columns = 64, 64
    d.NumberOfFrames = 3
    d.PixelData = np.packbits(np.stack(frames).ravel(), bitorder="little").tobytes()
    for item, z in zip(d.PerFrameFunctionalGroupsSequence, zs):
        item.PlanePositionSequence[0].ImagePositionPatient = ["-235.2", "-226.8", str(z)]
    d.save_as(out + name)
    a = pydicom.dcmread(out + name).pixel_array
    print(name, a.shape, "frame sums", [int(f.sum()) for f in a], "crop[0,:8]", crop[0, :8].tolist(),
          "crop[63,:8]", crop[63, :8].tolist(), "crop sum", int(crop.sum()),
          "first set pixel (row, col)", np.argwhere(crop)[0].tolist())
