# Peer for `segforge wgan sample` speed: the same M1 generator (cpu preset: z 128 -> linear ->
# 128 x (1, 2, 2) -> BatchNorm -> ReLU -> 3 x (nearest x2, conv3d k3, BatchNorm, ReLU) with 64, 32, 16
# filters -> nearest x2 -> conv3d k3 -> 2 channels -> tanh), random weights, eval mode, 16 per forward,
# then image to [0, 1] and label thresholded at 0.35 on the host, as WganModel.sample does.
# Run: OMP_NUM_THREADS=T /usr/bin/python3 wgan_sampling_bench.py N REPEATS   (Debian torch 1.13)
import sys, time, os
import numpy as np
import torch
from torch import nn

torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))


class Generator(nn.Module):
    def __init__(self, w=16, latent=128, grid=(1, 2, 2)):
        super().__init__()
        self.grid = grid
        self.c0 = 8 * w
        self.project = nn.Linear(latent, self.c0 * int(np.prod(grid)))
        self.norm0 = nn.BatchNorm3d(self.c0)
        chans = [8 * w, 4 * w, 2 * w, w]
        self.convs = nn.ModuleList([nn.Conv3d(chans[i], chans[i + 1], 3, padding=1) for i in range(3)])
        self.norms = nn.ModuleList([nn.BatchNorm3d(chans[i + 1]) for i in range(3)])
        self.out = nn.Conv3d(w, 2, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")

    def forward(self, z):
        h = self.project(z).view(z.shape[0], self.c0, *self.grid)
        h = torch.relu(self.norm0(h))
        for c, n in zip(self.convs, self.norms):
            h = torch.relu(n(c(self.up(h))))
        return torch.tanh(self.out(self.up(h)))


def sample(g, n):
    out = []
    with torch.no_grad():
        for k in range(0, n, 16):
            x = g(torch.randn(min(16, n - k), 128)).numpy()
            out.append((np.clip((x[:, 0] + 1) / 2, 0, 1), ((x[:, 1] + 1) / 2 > 0.35).astype(np.float32)))
    return out


n, repeats = int(sys.argv[1]), int(sys.argv[2])
g = Generator().eval()
sample(g, 16)  # warm-up
for r in range(repeats):
    t = time.perf_counter()
    sample(g, n)
    s = time.perf_counter() - t
    print(f"torch: {n} pairs in {s:.2f} s ({n / s:.1f} pairs/s)")
