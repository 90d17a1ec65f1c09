#!/usr/bin/python3
"""HD95 + ASSD of a real 3D lesion pair with scipy, the medpy way, for comparison with
org.segforge.core.metric.bench.SurfaceMetricsBenchmarkTest. Run from core/:

    /usr/bin/python3 src/test/resources/reference/metrics_benchmark.py ../../shared/data

Each variant runs 7 times after one warm-up; the median wall time and the median process CPU time
(all threads; a fairer figure when other jobs share the cores) are printed.
  medpy-style : surfaces (mask XOR erosion) and two distance_transform_edt over the whole volume,
                as medpy.metric.binary.__surface_distances does; the distance sets are computed once
                and shared by HD95 and ASSD (medpy itself would compute them twice).
  cropped     : the same on the bounding box of the union, padded by one voxel (MONAI crops too).
  edt only    : one distance_transform_edt over the whole volume.
"""
import gzip
import statistics
import sys
import time

import numpy as np
from scipy.ndimage import binary_erosion, distance_transform_edt, generate_binary_structure

DATA = sys.argv[1] if len(sys.argv) > 1 else "../../shared/data"
SHAPE = (181, 217, 181)


def raw(path):
    b = gzip.open(f"{DATA}/{path}").read()[352:]
    return np.frombuffer(b, np.uint8).reshape(SHAPE, order="F") != 0


def hd95_assd(pred, ref, spacing):
    fp = generate_binary_structure(pred.ndim, 1)
    pb = pred ^ binary_erosion(pred, structure=fp, iterations=1)
    rb = ref ^ binary_erosion(ref, structure=fp, iterations=1)
    d_pr = distance_transform_edt(~rb, sampling=spacing)[pb]
    d_rp = distance_transform_edt(~pb, sampling=spacing)[rb]
    hd95 = max(np.percentile(d_pr, 95), np.percentile(d_rp, 95))
    assd = (d_pr.sum() + d_rp.sum()) / (d_pr.size + d_rp.size)
    return hd95, assd


def cropped(pred, ref, spacing):
    idx = np.argwhere(pred | ref)
    lo = np.maximum(idx.min(0) - 1, 0)
    hi = idx.max(0) + 2
    sl = tuple(slice(a, b) for a, b in zip(lo, hi))
    p = np.pad(pred[sl], 1)  # keep "outside the image" = background, as border_value=0 does
    r = np.pad(ref[sl], 1)
    return hd95_assd(p, r, spacing)


def bench(name, fn, runs=7):
    fn()
    times, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(f"{name}: median {statistics.median(times) * 1000:.1f} ms over {runs} runs (min {min(times) * 1000:.1f}),"
          f" process CPU median {statistics.median(cpu) * 1000:.1f} ms -> {out}")


l1 = raw("lesions/lesion1.nii.gz")
l2 = raw("lesions/lesion2.nii.gz")
sp = (1.0, 1.0, 1.0)
bench("scipy medpy-style HD95+ASSD lesion2 vs lesion1", lambda: hd95_assd(l2, l1, sp))
bench("scipy cropped HD95+ASSD lesion2 vs lesion1", lambda: cropped(l2, l1, sp))
bench("scipy distance_transform_edt full volume", lambda: float(distance_transform_edt(~l1, sampling=sp).sum()))
