package org.segforge.core.image;

/**
 * Resizing of 2D images and 3D volumes to a target grid, as {@code torch.nn.functional.interpolate}
 * with {@code align_corners=False}: voxel centres sit at half-voxel positions, so the resized grid
 * covers exactly the same physical extent as the input. Every frame (nt) is resized alike.
 *
 * <p>The work is separable: one 1D pass per axis whose size changes (unchanged axes are skipped),
 * each driven by a precomputed table of source indices and weights, parallel over rows or planes
 * when the volume is large enough to pay for it. Values are computed in float32 like PyTorch's CPU
 * kernels; NaN voxels propagate to every output voxel that uses them.
 *
 * <p>The affine is updated so that each output voxel maps to the world point of the continuous
 * input position it samples: spacing is multiplied by {@code in/out} along each axis and the origin
 * moves by {@code (in/out − 1)/2} input voxels (the half-voxel difference).
 */
public final class Resize {
    /** How output voxels are computed from input voxels. */
    public enum Mode {
        /**
         * Nearest neighbour, for label maps: PyTorch's {@code mode='nearest-exact'} (source index
         * {@code floor((d + 0.5)·in/out)}), not its legacy {@code 'nearest'}, which takes
         * {@code floor(d·in/out)} and so shifts the image by up to half an input voxel. PyTorch
         * computes {@code in/out} in float32; we do the same so that at exact ties (e.g. 2 → 41
         * voxels, output 20 lies on the boundary of inputs 0 and 1) the same source voxel wins.
         */
        NEAREST,
        /**
         * Linear interpolation along each axis (bilinear in 2D, trilinear in 3D), PyTorch's
         * {@code 'bilinear'}/{@code 'trilinear'} with {@code align_corners=False, antialias=False}:
         * source position {@code (d + 0.5)·in/out − 0.5}, clamped at 0, border voxel repeated.
         * Not anti-aliased: for strong downsizing of images use {@link #AREA}. Never for labels.
         */
        LINEAR,
        /**
         * Box averaging, PyTorch's {@code 'area'} = {@code adaptive_avg_pool}: output voxel d is the
         * mean of input voxels {@code floor(d·in/out) .. ceil((d+1)·in/out) − 1}. Meant for
         * downsizing images; when enlarging, each output voxel averages the one or two input
         * voxels its window touches, exactly as PyTorch does.
         */
        AREA
    }

    private Resize() {}

    /** A 2D image (nz = 1) resized to width × height. */
    public static Volume image(Volume v, int width, int height, Mode mode) {
        if (v.nz() != 1) {
            throw new IllegalArgumentException("image resize needs a 2D image (nz = 1), got " + v);
        }
        return to(v, width, height, 1, mode);
    }

    /**
     * The volume resized to nx × ny × nz (all frames), one separable pass per axis whose size
     * changes, shrinking axes first. An axis whose size does not change is copied as is, so
     * {@code to(v, 128, 128, v.nz(), m)} resizes every axial slice in one call.
     */
    public static Volume to(Volume v, int nx, int ny, int nz, Mode mode) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("target shape must be positive: " + nx + "×" + ny + "×" + nz);
        }
        if (mode == null) {
            throw new IllegalArgumentException("resize mode is required");
        }
        long total = (long) nx * ny * nz * v.nt();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("target " + nx + "×" + ny + "×" + nz + "×" + v.nt() + " is too large for one array");
        }
        int[] in = {v.nx(), v.ny(), v.nz()};
        int[] out = {nx, ny, nz};
        float[] data = v.data();
        int[] cur = in.clone();
        boolean copied = false;
        // Shrinking axes first: less work for the later passes, and no intermediate grid is larger
        // than the input or the output (an enlarge-first order could overflow an array).
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(a -> (double) out[a] / in[a]));
        for (int axis : order) {
            if (in[axis] == out[axis]) {
                continue;
            }
            int inner = 1;
            for (int a = 0; a < axis; a++) {
                inner *= cur[a];
            }
            int outer = v.nt();
            for (int a = axis + 1; a < 3; a++) {
                outer *= cur[a];
            }
            data = pass(data, outer, in[axis], inner, Taps.of(in[axis], out[axis], mode), out[axis]);
            cur[axis] = out[axis];
            copied = true;
        }
        if (!copied) {
            data = data.clone();
        }
        return new Volume(nx, ny, nz, v.nt(), data, resizedAffine(v.affine(), in, out));
    }

    /**
     * The volume resized to about the given voxel spacing in mm over the same extent: each axis
     * gets {@code round(n · spacing / target)} voxels (at least 1), as nnU-Net computes its target
     * shape, so the spacing reached differs from the target by the rounding.
     */
    public static Volume toSpacing(Volume v, double sx, double sy, double sz, Mode mode) {
        double[] s = v.spacing();
        double[] target = {sx, sy, sz};
        int[] n = {v.nx(), v.ny(), v.nz()};
        int[] out = new int[3];
        for (int a = 0; a < 3; a++) {
            if (!(target[a] > 0) || Double.isInfinite(target[a])) {
                throw new IllegalArgumentException("target spacing must be positive and finite, got " + target[a] + " along axis " + a);
            }
            double size = Math.rint(n[a] * s[a] / target[a]);
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("spacing " + target[a] + " gives " + size + " voxels along axis " + a);
            }
            out[a] = Math.max(1, (int) size);
        }
        return to(v, out[0], out[1], out[2], mode);
    }

    /**
     * The affine of a grid resized from {@code in} to {@code out} voxels over the same extent: output
     * voxel d sits at input position {@code (d + 0.5)·s − 0.5} with {@code s = in/out}.
     */
    public static Affine resizedAffine(Affine a, int[] in, int[] out) {
        double[] t = new double[16];
        for (int axis = 0; axis < 3; axis++) {
            double s = (double) in[axis] / out[axis];
            t[axis * 4 + axis] = s;
            t[axis * 4 + 3] = 0.5 * s - 0.5;
        }
        t[15] = 1;
        return a.multiply(Affine.of(t));
    }

    /** One 1D pass: {@code dst[o][d][i] = Σ w · src[o][index][i]} along an axis of stride {@code inner}. */
    private static float[] pass(float[] src, int outer, int n, int inner, Taps taps, int m) {
        float[] dst = new float[outer * m * inner];
        int[] start = taps.start;
        int[] idx = taps.index;
        float[] w = taps.weight;
        if (inner == 1) {
            // The fastest axis: one item per row, taps gathered from the row.
            Parallel.forEach(outer, (long) (m * taps.meanTaps()), o -> {
                int s = o * n;
                int d0 = o * m;
                for (int d = 0; d < m; d++) {
                    float acc = 0;
                    for (int k = start[d]; k < start[d + 1]; k++) {
                        acc += w[k] * src[s + idx[k]];
                    }
                    dst[d0 + d] = acc;
                }
            });
        } else {
            // Slower axes: each output row is a weighted sum of whole input rows (vectorisable).
            Parallel.forEach(outer * m, (long) (inner * taps.meanTaps()), item -> {
                int o = item / m;
                int d = item % m;
                int base = item * inner;
                for (int k = start[d]; k < start[d + 1]; k++) {
                    float wk = w[k];
                    int s = (o * n + idx[k]) * inner;
                    for (int i = 0; i < inner; i++) {
                        dst[base + i] += wk * src[s + i];
                    }
                }
            });
        }
        return dst;
    }

    /** Source indices and weights of every output index along one axis, in compressed-row form. */
    static final class Taps {
        final int[] start; // out + 1 offsets into index/weight
        final int[] index;
        final float[] weight;

        private Taps(int[] start, int[] index, float[] weight) {
            this.start = start;
            this.index = index;
            this.weight = weight;
        }

        double meanTaps() {
            return (double) index.length / (start.length - 1);
        }

        static Taps of(int in, int out, Mode mode) {
            return switch (mode) {
                case NEAREST -> nearest(in, out);
                case LINEAR -> linear(in, out);
                case AREA -> area(in, out);
            };
        }

        /** PyTorch's scale for a size-given resize: float32 {@code in/out}. */
        private static float scale(int in, int out) {
            return (float) in / (float) out;
        }

        private static Taps nearest(int in, int out) {
            float scale = scale(in, out);
            int[] start = new int[out + 1];
            int[] index = new int[out];
            float[] weight = new float[out];
            for (int d = 0; d < out; d++) {
                // As torch's nearest_neighbor_exact_compute_source_index: double product, float floor.
                int s = (int) Math.floor((float) ((d + 0.5) * scale));
                index[d] = Math.min(s, in - 1);
                weight[d] = 1f;
                start[d + 1] = d + 1;
            }
            return new Taps(start, index, weight);
        }

        private static Taps linear(int in, int out) {
            float scale = scale(in, out);
            int[] start = new int[out + 1];
            int[] index = new int[2 * out];
            float[] weight = new float[2 * out];
            for (int d = 0; d < out; d++) {
                // As torch's area_pixel_compute_source_index + guard_index_and_lambda, in float32.
                float src = scale * (d + 0.5f) - 0.5f;
                if (src < 0) {
                    src = 0;
                }
                int i0 = Math.min((int) Math.floor(src), in - 1);
                int i1 = i0 < in - 1 ? i0 + 1 : i0;
                float l1 = Math.min(Math.max(src - i0, 0f), 1f);
                index[2 * d] = i0;
                weight[2 * d] = 1f - l1;
                index[2 * d + 1] = i1;
                weight[2 * d + 1] = l1;
                start[d + 1] = 2 * d + 2;
            }
            return new Taps(start, index, weight);
        }

        private static Taps area(int in, int out) {
            int[] start = new int[out + 1];
            int count = 0;
            for (int d = 0; d < out; d++) {
                count += areaEnd(d, in, out) - areaStart(d, in, out);
            }
            int[] index = new int[count];
            float[] weight = new float[count];
            int k = 0;
            for (int d = 0; d < out; d++) {
                int a = areaStart(d, in, out);
                int b = areaEnd(d, in, out);
                float w = 1f / (b - a);
                for (int i = a; i < b; i++) {
                    index[k] = i;
                    weight[k++] = w;
                }
                start[d + 1] = k;
            }
            return new Taps(start, index, weight);
        }

        // adaptive_avg_pool's exact integer bounds: floor(d·in/out) and ceil((d+1)·in/out).
        private static int areaStart(int d, int in, int out) {
            return (int) ((long) d * in / out);
        }

        private static int areaEnd(int d, int in, int out) {
            return (int) (((long) (d + 1) * in + out - 1) / out);
        }
    }
}
