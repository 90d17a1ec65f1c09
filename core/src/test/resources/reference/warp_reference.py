"""Reference values for WarpTest / ResamplingTest: scipy.ndimage map_coordinates and
affine_transform (order 0/1, mode='constant'). Run with Debian's /usr/bin/python3 (scipy 1.10.1):
    /usr/bin/python3 core/src/test/resources/reference/warp_reference.py
Arrays are indexed [z, y, x] (C order), which is SegForge's x-fastest layout. Each test array and
map is a closed formula that WarpTest rebuilds in Java."""
import numpy as np
from scipy import ndimage as nd

FILL = -3.0

def vol3(nx, ny, nz):
    z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
    return (np.sin(0.7 * x + 0.3 * y) + 0.1 * z * z + np.cos(0.5 * y * z)).astype(np.float32).astype(np.float64)

def affine3():
    c, s = np.cos(np.radians(20)), np.sin(np.radians(20))
    return np.array([[0.9 * c, -0.9 * s, 0.1, 0.7], [0.9 * s, 0.9 * c, 0.0, -0.4], [0.05, 0.1, 1.1, -0.3]])

def coords(a, shape_xyz, field=None):
    nx, ny, nz = shape_xyz
    z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
    p = np.stack([x, y, z, np.ones_like(x)]).reshape(4, -1).astype(np.float64)
    c = a[:3] @ p  # rows: cx, cy, cz
    if field is not None:
        c = c + np.stack([f.reshape(-1) for f in field])
    return np.stack([c[2], c[1], c[0]]).reshape(3, nz, ny, nx)

def field3(nx, ny, nz):
    z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
    return [(0.8 * np.sin(0.9 * y + 0.2 * z)).astype(np.float32).astype(np.float64),
            (0.6 * np.cos(0.4 * x)).astype(np.float32).astype(np.float64),
            (0.3 * np.sin(0.5 * x + 0.5 * y)).astype(np.float32).astype(np.float64)]

def show(name, arr):
    flat = arr.reshape(-1)
    print(f"// {name}: sum={flat.sum():.9g} fills={(flat == FILL).sum()}")
    print(name + " = {" + ", ".join(f"{v:.8g}" for v in flat) + "};")

np.set_printoptions(precision=9)
v = vol3(7, 6, 5)
a = affine3()
for order in (0, 1):
    out = nd.map_coordinates(v, coords(a, (7, 6, 5)), order=order, mode='constant', cval=FILL)
    # the same through affine_transform with the matrix in (z, y, x) order
    m = a[:3, :3][::-1, ::-1]
    off = a[:3, 3][::-1]
    out2 = nd.affine_transform(v, m, offset=off, order=order, mode='constant', cval=FILL)
    assert np.allclose(out, out2)
    show(f"AFFINE3_ORDER{order}", out)
    f = field3(7, 6, 5)
    out = nd.map_coordinates(v, coords(a, (7, 6, 5), f), order=order, mode='constant', cval=FILL)
    show(f"FIELD3_ORDER{order}", out)

# 2D: a 9x8 image rotated by 30 degrees about its centre, onto a 10x7 output grid.
img = vol3(9, 8, 1)[0]
th = np.radians(30)
c = np.array([4.0, 3.5])
r = np.array([[np.cos(th), np.sin(th)], [-np.sin(th), np.cos(th)]])  # output -> input (inverse rotation)
t = c - r @ np.array([4.5, 3.0])
a2 = np.array([[r[0, 0], r[0, 1], 0, t[0]], [r[1, 0], r[1, 1], 0, t[1]], [0, 0, 1, 0]])
print("// 2D affine (x, y rows):", a2[:2].tolist())
for order in (0, 1):
    co = coords(a2, (10, 7, 1))
    out = nd.map_coordinates(img[None], co, order=order, mode='constant', cval=FILL)
    show(f"ROT2_ORDER{order}", out)

# Resampling.onto: vol3(7,6,5) with affine MOV onto a 6x6x4 grid with affine REF (world mm).
MOV = np.array([[0, -2.0, 0, 10], [1.5, 0, 0, -3], [0, 0, 2.5, 4], [0, 0, 0, 1]])
REF = np.array([[0.2, -1.8, 0.1, 10.5], [1.6, 0.1, 0, -2.6], [0, 0.3, 2.2, 4.4], [0, 0, 0, 1]])
m = np.linalg.inv(MOV) @ REF
for order in (0, 1):
    out = nd.map_coordinates(v, coords(m, (6, 6, 4)), order=order, mode='constant', cval=FILL)
    show(f"ONTO_ORDER{order}", out)
