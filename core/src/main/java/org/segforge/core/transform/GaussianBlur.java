package org.segforge.core.transform;

import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/**
 * Separable Gaussian blur of every image channel with standard deviation {@code sigma} voxels
 * along x, y and (when nz &gt; 1) z. Same kernel and border as scipy.ndimage.gaussian_filter with
 * {@code mode='reflect', truncate=4.0}: radius ⌊4σ + 0.5⌋, borders mirrored (d c b a | a b c d).
 * Labels are untouched.
 */
public record GaussianBlur(double sigma) implements Transform {
    public GaussianBlur {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("blur sigma must be ≥ 0 and finite, got " + sigma);
        }
    }

    @Override
    public Sample apply(Sample sample) {
        if (sigma == 0) {
            return sample;
        }
        return sample.withImage(blur(sample.image(), sigma));
    }

    /** The blurred image (a new volume; the input is not modified). */
    public static Volume blur(Volume v, double sigma) {
        double[] k = kernel(sigma);
        int nx = v.nx(), ny = v.ny(), nz = v.nz(), frame = v.frameSize();
        float[] a = v.data().clone();
        float[] b = new float[a.length];
        for (int t = 0; t < v.nt(); t++) {
            int off = t * frame;
            pass(a, b, k, nx, 1, ny * nz, line -> off + nx * line); // along x
            pass(b, a, k, ny, nx, nx * nz, line -> off + (line % nx) + nx * ny * (line / nx)); // along y
            if (nz > 1) {
                pass(a, b, k, nz, nx * ny, nx * ny, line -> off + line); // along z
                System.arraycopy(b, off, a, off, frame);
            }
        }
        return v.withData(a);
    }

    /** Normalised kernel of half-width ⌊4σ + 0.5⌋ (index 0 = centre). */
    static double[] kernel(double sigma) {
        int r = (int) (4.0 * sigma + 0.5);
        double[] w = new double[r + 1];
        double sum = 0;
        for (int i = 0; i <= r; i++) {
            w[i] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += i == 0 ? w[i] : 2 * w[i];
        }
        for (int i = 0; i <= r; i++) {
            w[i] /= sum;
        }
        return w;
    }

    private static void pass(float[] src, float[] dst, double[] k, int n, int stride, int lines, java.util.function.IntUnaryOperator start) {
        int r = k.length - 1;
        IntStream range = IntStream.range(0, lines);
        if ((long) lines * n > 1 << 15) {
            range = range.parallel();
        }
        range.forEach(line -> {
            int s0 = start.applyAsInt(line);
            double[] buf = new double[n + 2 * r];
            for (int i = -r; i < n + r; i++) {
                buf[i + r] = src[s0 + stride * reflect(i, n)];
            }
            for (int i = 0; i < n; i++) {
                int c = i + r;
                double acc = k[0] * buf[c];
                for (int j = 1; j <= r; j++) {
                    acc += k[j] * (buf[c - j] + buf[c + j]);
                }
                dst[s0 + stride * i] = (float) acc;
            }
        });
    }

    /** scipy's 'reflect' border: the line mirrored about its edges, repeated with period 2n. */
    static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }
}
