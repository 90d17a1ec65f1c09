"""PyTorch twin of org.segforge.nn.bench.UNetTrainBench: the same 2D U-Net (per level two
conv3x3 -> InstanceNorm(affine) -> LeakyReLU(0.01), stride-2 conv down, ConvTranspose k2 s2 up,
[up, skip] concatenation, 1x1 head), the same loss (CE + 1 - batch soft Dice without background)
and a plain SGD update, timed per step on random data with torch.set_num_threads(2).

Usage: /usr/bin/python3 bench_unet_torch.py WIDTH DEPTH [BATCH SIZE WARMUP STEPS]
(BENCH_THREADS=1 in the environment for one thread instead of two.)
"""
import os
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(int(os.environ.get("BENCH_THREADS", "2")))
torch.manual_seed(1)


def cna(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1), nn.InstanceNorm2d(cout, affine=True),
                         nn.LeakyReLU(0.01))


class UNet(nn.Module):
    def __init__(self, cin, classes, base, depth, max_width=512):
        super().__init__()
        w = [min(base * 2 ** l, max_width) for l in range(depth)]
        self.enc = nn.ModuleList()
        prev = cin
        for l in range(depth):
            self.enc.append(nn.Sequential(cna(prev, w[l], 2 if l > 0 else 1), cna(w[l], w[l])))
            prev = w[l]
        self.ups = nn.ModuleList()
        self.dec = nn.ModuleList()
        for l in range(depth - 2, -1, -1):
            self.ups.append(nn.ConvTranspose2d(w[l + 1], w[l], 2, 2))
            self.dec.append(nn.Sequential(cna(2 * w[l], w[l]), cna(w[l], w[l])))
        self.head = nn.Conv2d(w[0], classes, 1)

    def forward(self, x):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
        for i, (u, d) in enumerate(zip(self.ups, self.dec)):
            x = d(torch.cat((u(x), skips[-(i + 2)]), 1))
        return self.head(x)


def loss_fn(logits, target):
    ce = F.cross_entropy(logits, target)
    p = torch.softmax(logits, 1)[:, 1:]
    onehot = F.one_hot(target, logits.shape[1]).movedim(-1, 1)[:, 1:].float()
    axes = (0,) + tuple(range(2, p.ndim))
    inter, sp, sg = (p * onehot).sum(axes), p.sum(axes), onehot.sum(axes)
    dice = ((2 * inter + 1e-5) / torch.clip(sp + sg + 1e-5, 1e-8)).mean()
    return ce + 1 - dice


def med(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def main():
    width, depth = int(sys.argv[1]), int(sys.argv[2])
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 128
    warmup = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    steps = int(sys.argv[6]) if len(sys.argv) > 6 else 10
    net = UNet(1, 3, width, depth)
    params = sum(p.numel() for p in net.parameters())
    times, cpu = [], []
    for i in range(warmup + steps):
        t0, c0 = time.perf_counter(), time.process_time()
        x = torch.rand(batch, 1, size, size)
        y = torch.randint(0, 3, (batch, size, size))
        loss = loss_fn(net(x), y)
        loss.backward()
        with torch.no_grad():
            for p in net.parameters():
                p -= 1e-3 * p.grad
                p.grad.zero_()
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        if i >= warmup:
            times.append(dt)
            cpu.append(dc)
    median, cpu_median = med(times), med(cpu)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("torch threads=%d width=%d depth=%d params=%d batch=%d size=%d median_step_s=%.4f median_cpu_s=%.4f steps=%s VmHWM: %d kB"
          % (torch.get_num_threads(), width, depth, params, batch, size, median, cpu_median, [round(t, 4) for t in times], rss))


if __name__ == "__main__":
    main()
