# Reference values for ResizeTest (output saved as resize_reference.txt), from torch.nn.functional.interpolate (torch 1.13, Debian's
# /usr/bin/python3). Run: /usr/bin/python3 resize_reference.py
# Input pattern (also built in the test): value[i] = float32((i*37) % 101) / float32(7), x fastest.
import numpy as np, torch
import torch.nn.functional as F

def pattern(n):
    return ((np.arange(n) * 37) % 101).astype(np.float32) / np.float32(7)

def run(shape_in, shape_out, mode):
    # shape as (nx, ny, nz); torch wants (1, 1, nz, ny, nx) or (1, 1, ny, nx)
    nx, ny, nz = shape_in
    x = torch.from_numpy(pattern(nx * ny * nz))
    if nz == 1:
        x = x.reshape(1, 1, ny, nx)
        size = (shape_out[1], shape_out[0])
        tmode = {'NEAREST': 'nearest-exact', 'LINEAR': 'bilinear', 'AREA': 'area'}[mode]
    else:
        x = x.reshape(1, 1, nz, ny, nx)
        size = (shape_out[2], shape_out[1], shape_out[0])
        tmode = {'NEAREST': 'nearest-exact', 'LINEAR': 'trilinear', 'AREA': 'area'}[mode]
    kw = {'align_corners': False} if mode == 'LINEAR' else {}
    y = F.interpolate(x, size=size, mode=tmode, **kw).reshape(-1).numpy()
    return y

for shape_in, shape_out in [((7, 5, 1), (4, 9, 1)), ((6, 4, 1), (13, 3, 1)), ((5, 6, 4), (3, 8, 7))]:
    for mode in ['NEAREST', 'LINEAR', 'AREA']:
        y = run(shape_in, shape_out, mode)
        print(mode, shape_in, '->', shape_out)
        print('{' + ', '.join('%.9gf' % v for v in y) + '}')
