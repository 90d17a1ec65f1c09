"""Reference outputs for SegForge's nn layers and losses, computed with PyTorch.

Run with Debian's interpreter (torch 1.13):  /usr/bin/python3 make_layer_refs.py
It rewrites layer_refs.json beside this script. Every array is stored as {"shape": [...],
"data": [... row-major ...]}; inputs and weights are drawn from numpy with a fixed seed, so the
file is reproducible. The Java tests (org.segforge.nn.layers.LayerParityTest,
org.segforge.nn.seg.SegLossTest) load the inputs/weights, run SegForge's layers and compare.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
rng = np.random.default_rng(20261201)
out = {}


def arr(a):
    a = a.detach().numpy() if isinstance(a, torch.Tensor) else np.asarray(a)
    return {"shape": list(a.shape), "data": [float(v) for v in a.astype(np.float64).ravel()]}


def rand(*shape):
    return torch.tensor(rng.standard_normal(shape).astype(np.float32))


def instance_norm_case(name, xshape):
    c = xshape[1]
    x = rand(*xshape).mul(2.0).add(0.5).requires_grad_(True)
    norm = (torch.nn.InstanceNorm2d if len(xshape) == 4 else torch.nn.InstanceNorm3d)(c, affine=True)
    with torch.no_grad():
        norm.weight.copy_(rand(c))
        norm.bias.copy_(rand(c))
    r = rand(*xshape)
    y = norm(x)
    (y * r).sum().backward()
    out[name] = {"x": arr(x), "gamma": arr(norm.weight), "beta": arr(norm.bias), "r": arr(r), "y": arr(y),
                 "dx": arr(x.grad), "dgamma": arr(norm.weight.grad), "dbeta": arr(norm.bias.grad)}


def conv_norm_act_case(name, xshape, filters, stride):
    dims = len(xshape) - 2
    cin = xshape[1]
    x = rand(*xshape)
    conv = (torch.nn.Conv2d if dims == 2 else torch.nn.Conv3d)(cin, filters, 3, stride, 1, bias=True)
    norm = (torch.nn.InstanceNorm2d if dims == 2 else torch.nn.InstanceNorm3d)(filters, affine=True)
    with torch.no_grad():
        conv.weight.copy_(rand(*conv.weight.shape) * 0.5)
        conv.bias.copy_(rand(filters))
        norm.weight.copy_(rand(filters))
        norm.bias.copy_(rand(filters))
    y = F.leaky_relu(norm(conv(x)), 0.01)
    out[name] = {"x": arr(x), "weight": arr(conv.weight), "bias": arr(conv.bias), "gamma": arr(norm.weight),
                 "beta": arr(norm.bias), "y": arr(y)}


def upsample_case(name, xshape, filters):
    dims = len(xshape) - 2
    cin = xshape[1]
    x = rand(*xshape)
    up = (torch.nn.ConvTranspose2d if dims == 2 else torch.nn.ConvTranspose3d)(cin, filters, 2, 2, bias=True)
    with torch.no_grad():
        up.weight.copy_(rand(*up.weight.shape))
        up.bias.copy_(rand(filters))
    y = up(x)
    # weight is (Cin, Cout, 2, 2[, 2]); the Java test maps it onto the 1x1 conv of the pixel shuffle.
    out[name] = {"x": arr(x), "weight": arr(up.weight), "bias": arr(up.bias), "y": arr(y)}


def seg_loss_case(name, shape, classes):
    """Soft Dice as nnU-Net v2's MemoryEfficientSoftDiceLoss(batch_dice=True, do_bg=False,
    smooth=1e-5) applied to softmax(logits), and CrossEntropyLoss on the logits."""
    n, spatial = shape[0], shape[1:]
    logits = (rand(n, classes, *spatial) * 2).requires_grad_(True)
    target = torch.tensor(rng.integers(0, classes, size=(n, *spatial)), dtype=torch.long)
    ce = F.cross_entropy(logits, target)
    p = torch.softmax(logits, 1)[:, 1:]
    onehot = F.one_hot(target, classes).movedim(-1, 1)[:, 1:].float()
    axes = tuple(range(2, p.ndim))
    intersect = (p * onehot).sum(axes).sum(0)
    sum_pred = p.sum(axes).sum(0)
    sum_gt = onehot.sum(axes).sum(0)
    smooth = 1e-5
    dice = ((2 * intersect + smooth) / torch.clip(sum_gt + sum_pred + smooth, 1e-8)).mean()
    total = ce + (1 - dice)
    total.backward()
    out[name] = {"logits": arr(logits), "target": arr(target), "ce": ce.item(), "dice": dice.item(),
                 "loss": total.item(), "dlogits": arr(logits.grad)}


instance_norm_case("instance_norm_2d", (2, 3, 5, 4))
instance_norm_case("instance_norm_3d", (2, 2, 3, 4, 5))
conv_norm_act_case("conv_norm_act_2d", (2, 2, 6, 5), 4, 1)
conv_norm_act_case("conv_norm_act_2d_stride2", (1, 3, 7, 6), 4, 2)
conv_norm_act_case("conv_norm_act_3d", (1, 2, 4, 5, 6), 3, 1)
conv_norm_act_case("conv_norm_act_3d_stride2", (1, 2, 5, 4, 6), 3, 2)
upsample_case("upsample_2d", (2, 3, 3, 4), 2)
upsample_case("upsample_3d", (1, 3, 2, 3, 2), 2)
seg_loss_case("seg_loss_2d", (2, 6, 5), 3)
seg_loss_case("seg_loss_3d", (1, 3, 4, 5), 2)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "layer_refs.json"), "w") as f:
    json.dump({"generator": "make_layer_refs.py", "torch": torch.__version__, "cases": out}, f)
