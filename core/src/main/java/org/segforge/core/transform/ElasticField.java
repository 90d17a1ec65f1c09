package org.segforge.core.transform;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.segforge.core.image.DisplacementField;

/** Builds the B-spline displacement field of an {@link ElasticDeformation}. */
final class ElasticField {
    /** Mean over positions of Σ B_m(t)² for the cubic B-spline: ∫ B₃² = B₇(0) = 2416/5040. */
    private static final double MEAN_SQUARED_WEIGHT = 2416.0 / 5040.0;

    private ElasticField() {}

    static DisplacementField generate(int nx, int ny, int nz, double magnitude, double sigma, long seed) {
        Axis ax = new Axis(nx, sigma), ay = new Axis(ny, sigma), az = new Axis(nz, sigma);
        int dims = nz > 1 ? 3 : 2;
        double scale = magnitude / Math.pow(Math.sqrt(MEAN_SQUARED_WEIGHT), dims);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] comps = new float[3][];
        for (int c = 0; c < dims; c++) {
            float[] grid = new float[ax.nc * ay.nc * az.nc];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = (float) (scale * rng.nextGaussian());
            }
            comps[c] = upsample(grid, ax, ay, az);
        }
        return new DisplacementField(nx, ny, nz, comps[0], comps[1], comps[2]);
    }

    /** Control points and per-voxel B-spline indices and weights along one axis. */
    private static final class Axis {
        final int n, nc;
        final int[] first; // index of the first of the 4 control points
        final float[] w;   // 4 weights per voxel

        Axis(int n, double spacing) {
            this.n = n;
            if (n == 1) {
                nc = 1;
                first = new int[] {0};
                w = new float[] {1, 0, 0, 0};
                return;
            }
            // Control point k sits at (k − 1)·spacing: one beyond the start, two beyond the end.
            nc = (int) Math.floor((n - 1) / spacing) + 4;
            first = new int[n];
            w = new float[4 * n];
            for (int i = 0; i < n; i++) {
                double u = i / spacing + 1;
                int k = Math.min((int) Math.floor(u), nc - 3);
                double t = u - k, t2 = t * t, t3 = t2 * t, s = 1 - t;
                first[i] = k - 1;
                w[4 * i] = (float) (s * s * s / 6);
                w[4 * i + 1] = (float) ((3 * t3 - 6 * t2 + 4) / 6);
                w[4 * i + 2] = (float) ((-3 * t3 + 3 * t2 + 3 * t + 1) / 6);
                w[4 * i + 3] = (float) (t3 / 6);
            }
        }

        int taps() {
            return n == 1 ? 1 : 4;
        }
    }

    /** Separable evaluation: (ncx, ncy, ncz) → (nx, ncy, ncz) → (nx, ny, ncz) → (nx, ny, nz). */
    private static float[] upsample(float[] grid, Axis ax, Axis ay, Axis az) {
        int nx = ax.n, ny = ay.n, nz = az.n, cx = ax.nc, cy = ay.nc, cz = az.nc;
        float[] a = new float[nx * cy * cz];
        for (int r = 0; r < cy * cz; r++) {
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int m = 0; m < ax.taps(); m++) {
                    s += ax.w[4 * x + m] * grid[ax.first[x] + m + cx * r];
                }
                a[x + nx * r] = (float) s;
            }
        }
        float[] b = new float[nx * ny * cz];
        for (int k = 0; k < cz; k++) {
            for (int y = 0; y < ny; y++) {
                int o = nx * (y + ny * k);
                for (int m = 0; m < ay.taps(); m++) {
                    float wm = ay.w[4 * y + m];
                    int s = nx * (ay.first[y] + m + cy * k);
                    for (int x = 0; x < nx; x++) {
                        b[o + x] += wm * a[s + x];
                    }
                }
            }
        }
        if (nz == 1) {
            return b;
        }
        float[] out = new float[nx * ny * nz];
        int plane = nx * ny;
        IntStream.range(0, nz).parallel().forEach(z -> {
            int o = plane * z;
            for (int m = 0; m < 4; m++) {
                float wm = az.w[4 * z + m];
                int s = plane * (az.first[z] + m);
                for (int i = 0; i < plane; i++) {
                    out[o + i] += wm * b[s + i];
                }
            }
        });
        return out;
    }
}
