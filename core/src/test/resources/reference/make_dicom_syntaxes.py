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
