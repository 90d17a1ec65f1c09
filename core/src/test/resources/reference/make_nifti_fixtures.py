# Makes the small NIfTI test files under src/test/resources/nifti/ with Debian's nibabel 5.0, and for each
# an "<name>.expected" text file with what nibabel reads back (shape, datatype code, affine, every voxel
# of get_fdata() in x-fastest order). NiftiFixturesTest compares SegForge's reader with those files.
#   cd core/src/test/resources/nifti && /usr/bin/python3 ../reference/make_nifti_fixtures.py
# The one deliberate difference: with neither sform nor qform, nibabel returns its Analyze-style centred
# affine with a flipped x axis, whereas nifti1.h (method 1) says x = pixdim[1]*i, y = pixdim[2]*j,
# z = pixdim[3]*k; the .expected file of pixdim_only.nii records the standard's affine.
import gzip
import numpy as np
import nibabel as nib

rot = np.array([[0.0, -2.0, 0.0, 10.0],
                [1.5 * np.cos(0.3), 0.0, -3.0 * np.sin(0.3), -20.0],
                [1.5 * np.sin(0.3), 0.0, 3.0 * np.cos(0.3), 5.5],
                [0, 0, 0, 1]])
mirror = np.array([[-1.0, 0, 0, 90], [0, 1.25, 0, -126], [0, 0, 2.0, -72], [0, 0, 0, 1]])


def expected(name, img, affine=None):
    a = np.asarray(img.get_fdata(dtype=np.float64))
    aff = img.affine if affine is None else affine
    with open(name + '.expected', 'w') as f:
        f.write('shape ' + ' '.join(str(s) for s in a.shape) + '\n')
        f.write('datatype %d\n' % int(img.header['datatype']))
        f.write('affine ' + ' '.join(repr(float(v)) for v in np.asarray(aff).ravel()) + '\n')
        f.write('values ' + ' '.join(repr(float(v)) for v in a.ravel(order='F')) + '\n')


def save(name, img, affine=None):
    img.to_filename(name)
    expected(name, nib.load(name), affine)


# big-endian int16 with a rotated sform
arr = (np.arange(24).reshape(4, 3, 2, order='F') * 37 - 300).astype('>i2')
img = nib.Nifti1Image(arr, rot, header=nib.Nifti1Header(endianness='>'))
img.header.set_data_dtype('>i2')
img.set_sform(rot, code=2)
save('big_endian_int16.nii', img)

# NIfTI-2, float32, little endian
arr = (np.arange(60, dtype=np.float32).reshape(5, 4, 3, order='F') / 7.0 - 3.0)
img = nib.Nifti2Image(arr, mirror)
img.set_sform(mirror, code=4)
save('nifti2_float32.nii', img)

# NIfTI-2, big-endian int32, gzipped, 4D
arr = (np.arange(48).reshape(4, 3, 2, 2, order='F') * 100003 - 2000000).astype('>i4')
img = nib.Nifti2Image(arr, rot, header=nib.Nifti2Header(endianness='>'))
img.header.set_data_dtype('>i4')
img.set_sform(rot, code=1)
save('nifti2_big_endian_int32_4d.nii.gz', img)

# int16 with scl_slope 0.5, scl_inter -10, written header-first so that nibabel keeps our scaling
raw = (np.arange(24).reshape(4, 3, 2, order='F') * 11 - 100).astype('<i2')
hdr = nib.Nifti1Header()
hdr.set_data_shape(raw.shape)
hdr.set_data_dtype(np.int16)
hdr.set_sform(mirror, code=2)
hdr['scl_slope'] = 0.5
hdr['scl_inter'] = -10
hdr['vox_offset'] = 352
with open('scaled_int16.nii', 'wb') as f:
    f.write(hdr.binaryblock + b'\0\0\0\0' + raw.tobytes(order='F'))
expected('scaled_int16.nii', nib.load('scaled_int16.nii'))

# two comment extensions (code 6) before float64 voxels
arr = np.linspace(-1, 1, 24).reshape(2, 3, 4, order='F')
img = nib.Nifti1Image(arr, mirror)
img.header.set_data_dtype(np.float64)
img.header.extensions.append(nib.nifti1.Nifti1Extension(6, b'SegForge test comment'))
img.header.extensions.append(nib.nifti1.Nifti1Extension(6, b'x' * 40))
save('extensions_float64.nii', img)

# qform only (sform_code 0), mirrored axes so that qfac = -1
arr = (np.arange(24).reshape(4, 3, 2, order='F') * 2).astype(np.uint16)
img = nib.Nifti1Image(arr, None)
img.set_qform(rot @ np.diag([1, 1, -1, 1]), code=1)
img.set_sform(None, code=0)
img.header.set_data_dtype(np.uint16)
save('qform_only_uint16.nii', img)

# neither sform nor qform: method 1, voxel sizes only (written header-first: nibabel's save would add an sform)
raw = (np.arange(24).reshape(4, 3, 2, order='F') - 12).astype(np.int8)
hdr = nib.Nifti1Header()
hdr.set_data_shape(raw.shape)
hdr.set_data_dtype(np.int8)
hdr.set_zooms((2.0, 3.0, 4.0))
hdr['qform_code'] = 0
hdr['sform_code'] = 0
hdr['vox_offset'] = 352
with open('pixdim_only_int8.nii', 'wb') as f:
    f.write(hdr.binaryblock + b'\0\0\0\0' + raw.tobytes(order='F'))
expected('pixdim_only_int8.nii', nib.load('pixdim_only_int8.nii'), np.diag([2.0, 3.0, 4.0, 1.0]))

# a 2D image (dim[0] = 2), uint8, gzipped
arr = (np.arange(20).reshape(5, 4, order='F') * 12).astype(np.uint8)
img = nib.Nifti1Image(arr, np.diag([0.5, 0.5, 1, 1]))
img.header.set_data_dtype(np.uint8)
img.to_filename('image2d_uint8.nii.gz')
img = nib.load('image2d_uint8.nii.gz')
a3 = nib.Nifti1Image(np.asarray(img.dataobj)[:, :, None], img.affine)
expected('image2d_uint8.nii.gz', a3)

# uint32 and int64, 4D, with voxels well past the header (vox_offset 480 via nibabel's padding)
arr = (np.arange(24).reshape(3, 2, 2, 2, order='F') * 65599).astype(np.uint32)
img = nib.Nifti1Image(arr, mirror)
img.header.set_data_dtype(np.uint32)
img.header.extensions.append(nib.nifti1.Nifti1Extension(4, b'<?xml version="1.0"?><AFNI_attributes/>' + b' ' * 80))
save('uint32_4d_ext.nii', img)
arr = (np.arange(24).reshape(4, 3, 2, order='F') * -123456789).astype(np.int64)
img = nib.Nifti1Image(arr, rot, dtype=np.int64)
save('int64.nii.gz', img)
