# Checks that nibabel 5.0 reads a file written by SegForge's NiftiWriter with the intended affine and voxels.
# The file src/test/resources/nifti/written_by_segforge.nii.gz was written from
# NiftiRoundTripTest.nibabelCheckVolume() (6x5x4 int16, v = 13*i - 500 in x-fastest order, oblique affine)
# with DataType.INT16; NiftiRoundTripTest.writtenFileIsTheOneNibabelValidated checks the writer still makes
# the same bytes. Run:  /usr/bin/python3 check_written_by_segforge.py ../nifti/written_by_segforge.nii.gz
# Its output, recorded in check_written_by_segforge.out, must end with "OK".
import sys
import numpy as np
import nibabel as nib

c, s = np.cos(0.4), np.sin(0.4)
rz = np.array([[c, -s, 0, 0], [s, c, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
c2, s2 = np.cos(-0.25), np.sin(-0.25)
rx = np.array([[1, 0, 0, 0], [0, c2, -s2, 0], [0, s2, c2, 0], [0, 0, 0, 1]])
scale = np.diag([0.8, 1.2, -2.5, 1])
shift = np.array([[1, 0, 0, -91.5], [0, 1, 0, 17.25], [0, 0, 1, 40], [0, 0, 0, 1]])
want_affine = shift @ rz @ rx @ scale
want = (13 * np.arange(120) - 500).reshape(6, 5, 4, order='F')

img = nib.load(sys.argv[1])
h = img.header
with nib.openers.ImageOpener(sys.argv[1]) as f:
    raw = nib.Nifti1Header.from_fileobj(f, check=False)  # the header as stored (nib.load resets vox_offset)
print('nibabel', nib.__version__)
print('header problems found by nibabel:', repr(nib.Nifti1Header.diagnose_binaryblock(raw.binaryblock)))
print('shape', img.shape, 'dtype', h.get_data_dtype(), 'vox_offset (stored)', raw['vox_offset'])
print('sform_code', int(h['sform_code']), 'qform_code', int(h['qform_code']), 'xyzt_units', h.get_xyzt_units())
print('sform\n', img.get_sform())
print('qform\n', img.get_qform())
print('zooms', h.get_zooms(), 'qfac', h['pixdim'][0])
a = np.asarray(img.dataobj)
assert a.dtype == np.int16 and a.shape == (6, 5, 4)
assert np.array_equal(a, want), 'voxels differ'
assert np.allclose(img.affine, want_affine, atol=1e-5), 'sform differs'
assert np.allclose(img.get_qform(), want_affine, atol=1e-5), 'qform differs'
assert h['sform_code'] == 2 and h['qform_code'] == 2
assert raw['vox_offset'] == 352 and nib.Nifti1Header.diagnose_binaryblock(raw.binaryblock) == ''
print('OK')
