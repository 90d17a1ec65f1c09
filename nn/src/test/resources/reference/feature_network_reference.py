"""Reference features for FeatureNetworkTest.matchesPyTorch (run from the repository root:
/usr/bin/python3 nn/src/test/resources/reference/feature_network_reference.py).

Reads the shipped weights (models/fid-features-v1/features-{3d,2d}.bin, format of FeatureWeights:
big-endian, Java writeUTF magic, header ints, then per layer weight (out, in, k...) and bias),
builds the same network in PyTorch (conv + ReLU per layer, "same" padding, global average of
every layer concatenated) and applies it to one real input per network:
  3D: Colin27 ch2 (1 mm) voxels x 70..101, y 90..121, z 80..95, min-max normalised, label
      ch2bet > 0 on the same voxels; tensor layout (N, C, z, y, x);
  2D: axial slice z = 90, x 60..123, y 80..143, same normalisation and label.
Both channels are mapped to [-1, 1] (2v - 1; label foreground 1, background -1).
Prints, per network, the first 6 features, the sum of all and the sum of squares.
"""
import struct

import nibabel as nib
import numpy as np
import torch
import torch.nn.functional as F


def read_weights(path):
    b = open(path, "rb").read()
    n = struct.unpack(">H", b[:2])[0]
    assert b[2:2 + n] == b"segforge-feature-network-1"
    o = 2 + n
    dims, cin, k, hp = struct.unpack(">iiii", b[o:o + 16]); o += 16
    seed, layers = struct.unpack(">qi", b[o:o + 12]); o += 12
    ws = []
    for _ in range(layers):
        ws.append(struct.unpack(">ii", b[o:o + 8])); o += 8
    params = []
    for width, stride in ws:
        count = width * cin * k ** dims
        w = np.frombuffer(b[o:o + 4 * count], dtype=">f4").astype(np.float32).reshape((width, cin) + (k,) * dims); o += 4 * count
        bias = np.frombuffer(b[o:o + 4 * width], dtype=">f4").astype(np.float32); o += 4 * width
        params.append((torch.from_numpy(w.copy()), torch.from_numpy(bias.copy()), stride))
        cin = width
    assert o == len(b)
    return dims, k, params


def features(path, image, label):
    dims, k, params = read_weights(path)
    x = torch.from_numpy(np.stack([2 * image - 1, np.where(label > 0, 1.0, -1.0)]).astype(np.float32))[None]
    conv = F.conv3d if dims == 3 else F.conv2d
    out = []
    for w, b, s in params:
        x = F.relu(conv(x, w, b, stride=s, padding=k // 2))
        out.append(x.mean(dim=tuple(range(2, 2 + dims))))
    return torch.cat(out, 1)[0].double().numpy()


def minmax(a):
    lo, hi = a.min(), a.max()
    return (a - lo) / (hi - lo)


ch2 = nib.load("../shared/data/colin27/ch2.nii.gz").get_fdata(dtype=np.float32)
bet = nib.load("../shared/data/colin27/ch2bet.nii.gz").get_fdata(dtype=np.float32)
img3 = minmax(ch2[70:102, 90:122, 80:96]).transpose(2, 1, 0)  # (z, y, x)
lab3 = bet[70:102, 90:122, 80:96].transpose(2, 1, 0)
img2 = minmax(ch2[60:124, 80:144, 90]).transpose(1, 0)  # (y, x)
lab2 = bet[60:124, 80:144, 90].transpose(1, 0)
for name, path, img, lab in (("3d", "models/fid-features-v1/features-3d.bin", img3, lab3),
                             ("2d", "models/fid-features-v1/features-2d.bin", img2, lab2)):
    f = features(path, img, lab)
    print(f"{name}: first={[float(v) for v in f[:6]]!r} sum={float(f.sum())!r} sumsq={float((f * f).sum())!r}")
