"""scipy side of the augmentation benchmark (Java side: core/src/test/java/org/segforge/core/bench/
WarpBenchmark.java). Same volume, same parameters: Colin27 ch2 (181x217x181, 1 mm), rotation
(10, -7, 12) degrees about x, y, z (R = Rz Ry Rx), isotropic scale 1.1, elastic magnitude 3 voxels
on a B-spline control grid of spacing 16 voxels (same separable B-spline as Java, in numpy); linear interpolation, fill = image minimum.
    /usr/bin/python3 core/src/test/resources/reference/bench_warp.py [path/to/ch2.nii.gz] [runs]
Prints the median wall and CPU (process) time of each step over the runs (after one warm-up run)."""
import sys, time
import numpy as np
import nibabel as nib
from scipy import ndimage as nd

path = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/colin27/ch2.nii.gz'
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
img = np.ascontiguousarray(nib.load(path).get_fdata(dtype=np.float32))  # indexed [x, y, z]
shape = np.array(img.shape)
fill = float(img.min())

def rot(axis, deg):
    c, s = np.cos(np.radians(deg)), np.sin(np.radians(deg))
    m = np.eye(3)
    i, j = [(1, 2), (0, 2), (0, 1)][axis]
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    if axis == 1:
        m[i, j], m[j, i] = s, -s
    return m

R = rot(2, 12) @ rot(1, -7) @ rot(0, 10)
M = np.linalg.inv(R * 1.1)  # output -> input, about the centre
centre = (shape - 1) / 2.0
offset = centre - M @ centre

def affine_only():
    return nd.affine_transform(img, M, offset=offset, order=1, mode='constant', cval=fill)

def bspline_weights(n, sigma):
    """(n, nc) matrix of uniform cubic B-spline weights, control point k at (k - 1) * sigma."""
    nc = int(np.floor((n - 1) / sigma)) + 4
    u = np.arange(n) / sigma + 1
    k = np.minimum(np.floor(u).astype(int), nc - 3)
    t = u - k
    w = np.zeros((n, nc), dtype=np.float32)
    rows = np.arange(n)
    w[rows, k - 1] = (1 - t) ** 3 / 6
    w[rows, k] = (3 * t ** 3 - 6 * t ** 2 + 4) / 6
    w[rows, k + 1] = (-3 * t ** 3 + 3 * t ** 2 + 3 * t + 1) / 6
    w[rows, k + 2] = t ** 3 / 6
    return w

def elastic_field(seed, magnitude=3.0, sigma=16.0):
    # The same algorithm as SegForge's ElasticField: Gaussian control grid, separable cubic B-spline.
    rng = np.random.default_rng(seed)
    wx, wy, wz = (bspline_weights(n, sigma) for n in shape)
    scale = magnitude / np.sqrt(2416.0 / 5040.0) ** 3
    disp = []
    for c in range(3):
        coarse = rng.normal(scale=scale, size=(wx.shape[1], wy.shape[1], wz.shape[1])).astype(np.float32)
        d = np.tensordot(wx, coarse, axes=(1, 0))            # (nx, cy, cz)
        d = np.tensordot(d, wy, axes=(1, 1))                 # (nx, cz, ny)
        d = np.tensordot(d, wz, axes=(1, 1))                 # (nx, ny, nz)
        disp.append(d)
    return disp

def full(seed=1):
    disp = elastic_field(seed)
    grid = np.indices(img.shape, dtype=np.float32)
    coords = np.einsum('ij,j...->i...', M.astype(np.float32), grid) + offset.astype(np.float32)[:, None, None, None]
    for c in range(3):
        coords[c] += disp[c]
    return nd.map_coordinates(img, coords, order=1, mode='constant', cval=fill)

disp0 = elastic_field(0)
grid0 = np.indices(img.shape, dtype=np.float32)
coords0 = np.einsum('ij,j...->i...', M.astype(np.float32), grid0) + offset.astype(np.float32)[:, None, None, None]
for c in range(3):
    coords0[c] += disp0[c]

def warp_only():
    return nd.map_coordinates(img, coords0, order=1, mode='constant', cval=fill)

print(f"affine-only output mean {affine_only().astype(np.float64).mean():.6f}")
for name, f in [('affine_transform order=1 (rotation+scaling)', affine_only),
                ('map_coordinates order=1, precomputed coordinates', warp_only),
                ('full: elastic field (separable B-spline) + coordinates + map_coordinates', full)]:
    f()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        f()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"{name}: median wall {1000 * np.median(wall):.0f} ms, cpu {1000 * np.median(cpu):.0f} ms"
          f"  (wall {[round(1000 * t) for t in wall]}, cpu {[round(1000 * t) for t in cpu]})")
print(f"volume {img.shape}, threads: scipy.ndimage is single-threaded")
