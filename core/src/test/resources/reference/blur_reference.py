"""Reference values for TransformsTest's blur check: scipy.ndimage.gaussian_filter with
mode='reflect', truncate=4.0 on the same test volume as warp_reference.py. Run with
    /usr/bin/python3 core/src/test/resources/reference/blur_reference.py   (scipy 1.10.1)"""
import numpy as np
from scipy import ndimage as nd

FILL = -3.0

def vol3(nx, ny, nz):  # as in warp_reference.py
    z, y, x = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing='ij')
    return (np.sin(0.7 * x + 0.3 * y) + 0.1 * z * z + np.cos(0.5 * y * z)).astype(np.float32).astype(np.float64)

def show(name, arr):
    flat = arr.reshape(-1)
    print(f"// {name}: sum={flat.sum():.9g}")
    print(name + " = {" + ", ".join(f"{v:.8g}" for v in flat) + "};")

v = vol3(7, 6, 5)
show("BLUR3_SIGMA08", nd.gaussian_filter(v, 0.8, mode='reflect', truncate=4.0))
# sigma 2.3 has a radius (9) longer than the axes, exercising repeated reflection
show("BLUR3_SIGMA23", nd.gaussian_filter(v, 2.3, mode='reflect', truncate=4.0))
img = vol3(9, 8, 1)[0]
show("BLUR2_SIGMA07", nd.gaussian_filter(img, 0.7, mode='reflect', truncate=4.0))
