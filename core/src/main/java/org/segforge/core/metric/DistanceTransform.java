package org.segforge.core.metric;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact Euclidean distance transform on a 2D or 3D voxel grid with anisotropic spacing, in the
 * physical units of the spacing (mm).
 *
 * <p>For every voxel the result is the distance to the nearest <em>feature</em> voxel. This is
 * {@code scipy.ndimage.distance_transform_edt(~features, sampling=spacing)}: scipy measures from
 * each non-zero voxel to the nearest zero voxel, so its input is the complement of the features.
 * A grid without any feature gives +∞ everywhere.
 *
 * <p>Algorithm: Felzenszwalb &amp; Huttenlocher, "Distance transforms of sampled functions"
 * (Theory of Computing 8, 2012). The squared distance is separable, so it is computed one axis at
 * a time; along x a line only needs its nearest feature (two sweeps), along y and z each line is
 * the lower envelope of parabolas {@code ((p - q)·s)² + f(q)} rooted at the previous pass. Every
 * step is exact (no chamfer approximation). Lines are independent, so on grids of at least
 * {@link #PARALLEL_MIN_VOXELS} voxels the work runs in parallel over planes (smaller grids, like
 * a cropped lesion, finish faster on one thread than the fork/join costs on a busy machine). The
 * x and y passes are done together per z-plane, on a transposed copy of the plane so that columns
 * are contiguous; the z pass gathers its lines one x at a time, so that the few cache lines it
 * touches serve the neighbouring x too.
 *
 * <p>Layout as {@link org.segforge.core.image.Volume}: index = x + nx·(y + ny·z); a 2D grid has
 * nz = 1 (its z spacing is then ignored).
 */
public final class DistanceTransform {
    private DistanceTransform() {}

    /** Grids with fewer voxels than this are transformed on the calling thread alone. */
    public static final int PARALLEL_MIN_VOXELS = 1 << 18;

    private static IntStream planes(int count, long voxels) {
        IntStream s = IntStream.range(0, count);
        return voxels >= PARALLEL_MIN_VOXELS ? s.parallel() : s;
    }

    /**
     * Distances (mm) from every voxel to the nearest feature voxel.
     *
     * @param features true for feature voxels; length nx·ny·nz
     * @param spacing voxel size along x, y, z (a 2D grid may pass two values)
     */
    public static double[] distances(boolean[] features, int nx, int ny, int nz, double[] spacing) {
        double[] d = squaredDistances(features, nx, ny, nz, spacing);
        planes(nz, d.length).forEach(z -> {
            int from = z * nx * ny, to = from + nx * ny;
            for (int i = from; i < to; i++) {
                d[i] = Math.sqrt(d[i]);
            }
        });
        return d;
    }

    /** Squared distances (mm²) to the nearest feature voxel; see {@link #distances}. */
    public static double[] squaredDistances(boolean[] features, int nx, int ny, int nz, double[] spacing) {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid dimensions must be positive: " + nx + "×" + ny + "×" + nz);
        }
        long n = (long) nx * ny * nz;
        if (features.length != n) {
            throw new IllegalArgumentException("grid " + nx + "×" + ny + "×" + nz + " needs " + n + " voxels, got " + features.length);
        }
        if (spacing.length < (nz == 1 ? 2 : 3)) {
            throw new IllegalArgumentException("spacing needs one value per axis, got " + Arrays.toString(spacing));
        }
        for (int a = 0; a < (nz == 1 ? 2 : 3); a++) { // a 2D grid ignores its z spacing
            if (!(spacing[a] > 0) || Double.isInfinite(spacing[a])) {
                throw new IllegalArgumentException("spacing must be positive and finite: " + Arrays.toString(spacing));
            }
        }
        double[] d = new double[(int) n];
        double sx = spacing[0], sy = spacing[1];
        // Passes 1 and 2 plane by plane: the nearest feature along x, then the lower envelope
        // along y, without a round trip through the whole array in between.
        planes(nz, n).forEach(z -> inPlane(features, d, z * nx * ny, nx, ny, sx, sy));
        // Pass 3, along z: one y-plane (all x, all z) at a time.
        if (nz > 1) {
            double sz = spacing[2];
            planes(ny, n).forEach(y -> alongZ(d, y * nx, nx, nz, nx * ny, sz));
        }
        return d;
    }

    /**
     * Exact squared distances within one z-plane: along x (nearest feature on each row), then
     * along y on a transposed copy in which every column is contiguous.
     */
    private static void inPlane(boolean[] features, double[] d, int base, int nx, int ny, double sx, double sy) {
        if (ny == 1) {
            alongX(features, base, d, base, nx, sx);
            return;
        }
        double[] row = new double[nx];
        double[] cols = new double[nx * ny]; // column x occupies cols[x·ny, (x+1)·ny)
        for (int y = 0; y < ny; y++) {
            alongX(features, base + y * nx, row, 0, nx, sx);
            for (int x = 0; x < nx; x++) {
                cols[x * ny + y] = row[x];
            }
        }
        Envelope env = new Envelope(ny);
        double[] out = new double[ny];
        for (int x = 0; x < nx; x++) {
            env.transform(cols, x * ny, ny, sy, out);
            for (int y = 0; y < ny; y++) {
                d[base + x + nx * y] = out[y];
            }
        }
    }

    /** Squared distance along one x-line to the nearest feature on it (+∞ if none). */
    private static void alongX(boolean[] features, int start, double[] d, int off, int nx, double s) {
        // Forward sweep: distance in voxels to the last feature at or before x.
        int last = -1;
        for (int x = 0; x < nx; x++) {
            if (features[start + x]) {
                last = x;
            }
            d[off + x] = last < 0 ? Double.POSITIVE_INFINITY : x - last;
        }
        // Backward sweep: the next feature at or after x may be nearer.
        int next = -1;
        for (int x = nx - 1; x >= 0; x--) {
            if (features[start + x]) {
                next = x;
            }
            if (next >= 0 && next - x < d[off + x]) {
                d[off + x] = next - x;
            }
            double v = d[off + x] * s;
            d[off + x] = v * v;
        }
    }

    /**
     * The lower-envelope transform along z for the nx lines of one y-plane. Each line is gathered
     * with stride nx·ny; consecutive x share cache lines, so the nz lines in flight stay cached.
     */
    private static void alongZ(double[] d, int base, int nx, int nz, int stride, double s) {
        Envelope env = new Envelope(nz);
        double[] line = new double[nz], out = new double[nz];
        for (int x = 0; x < nx; x++) {
            for (int k = 0; k < nz; k++) {
                line[k] = d[base + x + k * stride];
            }
            env.transform(line, 0, nz, s, out);
            for (int k = 0; k < nz; k++) {
                d[base + x + k * stride] = out[k];
            }
        }
    }

    /** Scratch space of the 1D transform, reused across the lines of one plane. */
    private static final class Envelope {
        final double[] pos; // position (mm) of the root of each parabola in the lower envelope
        final double[] f; // its height f(q)
        final double[] h; // f(q) + pos², the constant of the intersection formula
        final double[] z; // z[k] .. z[k+1]: the range (mm) where parabola k is lowest

        Envelope(int n) {
            pos = new double[n];
            f = new double[n];
            h = new double[n];
            z = new double[n + 1];
        }

        /**
         * out[p] = min_q ((p − q)·s)² + f[q] for f = in[off .. off+n). Infinite f[q] (no feature
         * in that sub-space) are not parabolas at all; if every f[q] is infinite so is the output.
         */
        void transform(double[] in, int off, int n, double s, double[] out) {
            int k = -1;
            for (int q = 0; q < n; q++) {
                double fq = in[off + q];
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double pq = q * s;
                double hq = fq + pq * pq;
                if (k < 0) {
                    k = 0;
                    z[0] = Double.NEGATIVE_INFINITY;
                } else {
                    // Where the new parabola overtakes the last one of the envelope; while that is
                    // left of where the last one starts, the last one is never lowest: drop it.
                    double sect = (hq - h[k]) / (2 * (pq - pos[k]));
                    while (sect <= z[k]) { // z[0] = −∞ ends the loop at k = 0
                        k--;
                        sect = (hq - h[k]) / (2 * (pq - pos[k]));
                    }
                    k++;
                    z[k] = sect;
                }
                pos[k] = pq;
                f[k] = fq;
                h[k] = hq;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            if (k < 0) {
                Arrays.fill(out, 0, n, Double.POSITIVE_INFINITY);
                return;
            }
            int j = 0;
            for (int p = 0; p < n; p++) {
                double pp = p * s;
                while (z[j + 1] < pp) {
                    j++;
                }
                double dp = pp - pos[j];
                out[p] = dp * dp + f[j];
            }
        }
    }
}
