package org.segforge.core.transform;

import java.util.List;
import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/**
 * A smooth multiplicative intensity inhomogeneity, as TorchIO's RandomBiasField: every image
 * channel is multiplied by exp(Σ c·X^i·Y^j·Z^k) over i + j + k ≤ order, where X, Y, Z are the voxel
 * coordinates mapped linearly onto [−1, 1] (0 on an axis with one voxel, so in 2D the terms with
 * k &gt; 0 vanish). Coefficients are listed in TorchIO's loop order: i outer, then j, then k.
 */
public record BiasField(int order, List<Double> coefficients) implements Transform {
    public BiasField {
        if (order < 0 || order > 6) {
            throw new IllegalArgumentException("bias field order must be in 0..6, got " + order);
        }
        coefficients = List.copyOf(coefficients);
        if (coefficients.size() != termCount(order)) {
            throw new IllegalArgumentException("order " + order + " needs " + termCount(order) + " coefficients, got " + coefficients.size());
        }
    }

    /** Number of monomials X^i Y^j Z^k with i + j + k ≤ order. */
    public static int termCount(int order) {
        return (order + 1) * (order + 2) * (order + 3) / 6;
    }

    @Override
    public Sample apply(Sample sample) {
        if (coefficients.stream().allMatch(c -> c == 0)) {
            return sample;
        }
        Volume image = sample.image();
        float[] field = field(image.nx(), image.ny(), image.nz());
        float[] src = image.data();
        float[] out = new float[src.length];
        int n = field.length;
        for (int t = 0; t < image.nt(); t++) {
            int off = t * n;
            for (int i = 0; i < n; i++) {
                out[off + i] = src[off + i] * field[i];
            }
        }
        return sample.withImage(image.withData(out));
    }

    /** The multiplicative field on an nx × ny × nz grid. */
    public float[] field(int nx, int ny, int nz) {
        double[] c = coefficients.stream().mapToDouble(Double::doubleValue).toArray();
        int p = order + 1;
        float[] f = new float[nx * ny * nz];
        double[][] xp = powers(nx, p), yp = powers(ny, p), zp = powers(nz, p);
        IntStream.range(0, ny * nz).parallel().forEach(r -> {
            int y = r % ny, z = r / ny;
            // Collapse the y and z terms first: poly(x) = Σ_i a_i X^i for this row.
            double[] a = new double[p];
            int idx = 0;
            for (int i = 0; i <= order; i++) {
                for (int j = 0; j <= order - i; j++) {
                    for (int k = 0; k <= order - i - j; k++) {
                        a[i] += c[idx++] * yp[y][j] * zp[z][k];
                    }
                }
            }
            for (int x = 0; x < nx; x++) {
                double s = 0;
                for (int i = 0; i < p; i++) {
                    s += a[i] * xp[x][i];
                }
                f[x + nx * r] = (float) Math.exp(s);
            }
        });
        return f;
    }

    private static double[][] powers(int n, int p) {
        double[][] out = new double[n][p];
        for (int i = 0; i < n; i++) {
            double u = n > 1 ? 2.0 * i / (n - 1) - 1 : 0;
            double v = 1;
            for (int e = 0; e < p; e++) {
                out[i][e] = v;
                v *= u;
            }
        }
        return out;
    }
}
