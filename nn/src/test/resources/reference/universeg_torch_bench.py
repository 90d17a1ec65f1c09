"""Independent PyTorch (1.13) re-implementation of UniverSeg as METHODS.md "M5" specifies it, written
the way the released reference computes CrossConv: the query features are repeated for every
support entry, concatenated with it along channels, and one convolution runs over the B*n pairs.

Network (matches org.segforge.nn.universeg.UniverSeg): CrossBlock(u, V): z_i = A(Conv3x3(u || v_i)),
u' = A(Conv3x3(mean_i z_i)), v_i' = A(Conv3x3(z_i)), A = LeakyReLU(0.01); 4 levels, 2x2 max-pool
down, nearest x2 up + skip concatenation on both paths, 1x1 head on the query path. (Like the
reference, this version also computes the last decoder block's support conv and drops it.)

Usage:
  /usr/bin/python3 universeg_torch_bench.py time N [SIZE FEATURES WARMUP REPEATS]
      prints one line: torch N SIZE median_seconds_per_query min_seconds
  /usr/bin/python3 universeg_torch_bench.py export DIR SIZE FEATURES N
      random weights, inputs and the output as raw float32 for UniverSegTorchParityTest
      (committed: export universeg_parity 16 6 3)
"""
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(2)


class CrossBlock(nn.Module):
    def __init__(self, cu, cv, f):
        super().__init__()
        self.cross = nn.Conv2d(cu + cv, f, 3, padding=1)
        self.query = nn.Conv2d(f, f, 3, padding=1)
        self.support = nn.Conv2d(f, f, 3, padding=1)

    def forward(self, u, v):
        b, n, cv, h, w = v.shape
        cu = u.shape[1]
        pairs = torch.cat([u.unsqueeze(1).expand(b, n, cu, h, w), v], dim=2).reshape(b * n, cu + cv, h, w)
        z = F.leaky_relu(self.cross(pairs), 0.01)
        f = z.shape[1]
        u2 = F.leaky_relu(self.query(z.reshape(b, n, f, h, w).mean(dim=1)), 0.01)
        v2 = F.leaky_relu(self.support(z), 0.01).reshape(b, n, f, h, w)
        return u2, v2


def pool(a):
    if a.dim() == 4:
        return F.max_pool2d(a, 2)
    b, n, c, h, w = a.shape
    return F.max_pool2d(a.reshape(b * n, c, h, w), 2).reshape(b, n, c, h // 2, w // 2)


def up(a):
    return a.repeat_interleave(2, dim=-2).repeat_interleave(2, dim=-1)


class UniverSeg(nn.Module):
    def __init__(self, enc, dec):
        super().__init__()
        self.enc = nn.ModuleList()
        self.dec = nn.ModuleList()
        cu, cv = 1, 2
        skips = []
        for f in enc:
            self.enc.append(CrossBlock(cu, cv, f))
            cu = cv = f
            skips.append(f)
        for j, f in enumerate(dec):
            s = skips[len(enc) - 2 - j]
            self.dec.append(CrossBlock(cu + s, cv + s, f))
            cu = cv = f
        self.head = nn.Conv2d(cu, 1, 1)

    def forward(self, x, si, sl):
        u, v = x, torch.cat([si, sl], dim=2)
        skips = []
        for i, blk in enumerate(self.enc):
            u, v = blk(u, v)
            if i == len(self.enc) - 1:
                break
            skips.append((u, v))
            u, v = pool(u), pool(v)
        for blk in self.dec:
            su, sv = skips.pop()
            u, v = blk(torch.cat([up(u), su], 1), torch.cat([up(v), sv], 2))
        return self.head(u)


def time_it(n, size, feats, warmup, repeats):
    torch.manual_seed(0)
    net = UniverSeg([feats] * 4, [feats] * 3).eval()
    x = torch.rand(1, 1, size, size)
    si = torch.rand(1, n, 1, size, size)
    sl = (torch.rand(1, n, 1, size, size) > 0.5).float()
    times = []
    with torch.no_grad():
        for i in range(warmup + repeats):
            t0 = time.perf_counter()
            net(x, si, sl)
            if i >= warmup:
                times.append(time.perf_counter() - t0)
    print("torch %d %d %.4f %.4f" % (n, size, statistics.median(times), min(times)), flush=True)


def export(folder, size, feats, n):
    """Random weights (seed 0) and inputs, and the network's output, as raw float32 little endian:
    params.bin (the parameters in the Java block's order: per block cross, query, support weight then
    bias, the last decoder's unused support conv left out, then the head), x.bin, si.bin, sl.bin, out.bin."""
    import os
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    net = UniverSeg([feats] * 4, [feats] * 3).eval()
    for p in net.parameters():  # biases too, so that a bias slip shows
        nn.init.normal_(p, std=0.2)
    params = []
    blocks = list(net.enc) + list(net.dec)
    for k, blk in enumerate(blocks):
        convs = [blk.cross, blk.query] + ([blk.support] if k < len(blocks) - 1 else [])
        for c in convs:
            params += [c.weight, c.bias]
    params += [net.head.weight, net.head.bias]
    np.concatenate([p.detach().numpy().ravel() for p in params]).astype("<f4").tofile(folder + "/params.bin")
    x = torch.rand(1, 1, size, size)
    si = torch.rand(1, n, 1, size, size)
    sl = (torch.rand(1, n, 1, size, size) > 0.5).float()
    with torch.no_grad():
        out = net(x, si, sl)
    for name, t in [("x", x), ("si", si), ("sl", sl), ("out", out)]:
        t.numpy().astype("<f4").tofile(folder + "/" + name + ".bin")
    print("exported", size, feats, n, "params", sum(p.numel() for p in params))


if __name__ == "__main__":
    if sys.argv[1] == "time":
        a = sys.argv[2:]
        time_it(int(a[0]), int(a[1]) if len(a) > 1 else 128, int(a[2]) if len(a) > 2 else 64,
                int(a[3]) if len(a) > 3 else 1, int(a[4]) if len(a) > 4 else 3)
    elif sys.argv[1] == "export":
        export(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
