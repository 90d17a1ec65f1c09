# Reference values for OptimizerTest: torch.optim on a weighted quadratic, float32.
# Run: /usr/bin/python3 optimizers.py   (torch 1.13)
import torch

def run(make, steps=5, clip=None):
    p = torch.tensor([0.5, -1.0, 2.0, 0.25], dtype=torch.float32, requires_grad=True)
    c = torch.tensor([1.0, 0.0, -1.0, 0.5])
    w = torch.tensor([1.0, 2.0, 3.0, 4.0])
    opt = make([p])
    for _ in range(steps):
        opt.zero_grad()
        loss = ((p - c) ** 2 * w).sum()
        loss.backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_([p], clip)
        opt.step()
    return p.detach().tolist()

print("adam", run(lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.9, 0.999), eps=1e-8)))
print("adam_l2", run(lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)))
print("adamw", run(lambda ps: torch.optim.AdamW(ps, lr=0.1, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)))
print("sgd_nesterov", run(lambda ps: torch.optim.SGD(ps, lr=0.02, momentum=0.9, nesterov=True, weight_decay=0.01)))
print("sgd_momentum", run(lambda ps: torch.optim.SGD(ps, lr=0.02, momentum=0.9)))
print("sgd_clip", run(lambda ps: torch.optim.SGD(ps, lr=0.1), clip=1.0))
