# Reference for ResizeTest.nearestMatchesTorchOnEverySizeUpTo128 (torch 1.13, /usr/bin/python3).
# Run: /usr/bin/python3 nearest_ties_reference.py > nearest_ties_reference.txt
# For every input size i and output size o in 1..128, torch's 'nearest-exact' source index of each
# output d is compared with the exact rule min(floor((2d+1)·i / (2o)), i−1); every place where they
# differ is listed as "i o d torch_index" (torch rounds i/o to float32 first).
import torch
import torch.nn.functional as F
for i in range(1, 129):
    x = torch.arange(i, dtype=torch.float32).reshape(1, 1, i)
    for o in range(1, 129):
        y = F.interpolate(x, size=o, mode='nearest-exact')[0, 0].to(torch.int64).tolist()
        for d in range(o):
            exact = min(((2 * d + 1) * i) // (2 * o), i - 1)
            if y[d] != exact:
                print(i, o, d, y[d])
