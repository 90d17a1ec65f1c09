package org.segforge.core.image;

import java.util.LinkedHashMap;
import java.util.Map;
import org.segforge.core.DataException;

/**
 * Intensity statistics and normalisation.
 *
 * <p><b>Masks.</b> A mask is a one-frame volume of the same nx × ny × nz whose nonzero voxels are
 * selected; {@code null} selects every voxel. With several frames (channels) the mask applies to
 * each frame.
 *
 * <p><b>Frames.</b> {@link #stats} pools every frame; the normalisations treat each frame
 * separately, with that frame's own statistics (per-channel normalisation, as nnU-Net does).
 *
 * <p><b>NaN and infinities.</b> Statistics of non-finite values are meaningless, and silently
 * skipping them would hide broken inputs, so every function here requires all voxels of the
 * volume (not only the masked ones) to be finite and throws {@link IllegalArgumentException}
 * naming the first bad voxel otherwise. Check data where it enters the program with
 * {@link #requireFinite}, which throws the checked {@link DataException} naming the source.
 */
public final class Intensity {
    private Intensity() {}

    /** Throws a {@link DataException} "SOURCE: N non-finite voxels …" if any voxel is NaN or infinite. */
    public static void requireFinite(Volume v, String source) throws DataException {
        float[] d = v.data();
        long bad = 0;
        int first = -1;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new DataException(source + ": " + bad + " non-finite voxel" + (bad == 1 ? "" : "s")
                + " (NaN or infinite), first " + d[first] + " at " + position(v, first));
        }
    }

    /** Statistics of all voxels, with the requested percentiles (ranks in [0, 100]). */
    public static Stats stats(Volume v, double... percentiles) {
        return stats(v, null, percentiles);
    }

    /**
     * Count, min, max, mean, population std of the voxels selected by {@code mask} (null = all) in
     * one pass, then the requested percentiles by selection (numpy's default 'linear' method).
     */
    public static Stats stats(Volume v, Volume mask, double... percentiles) {
        checkMask(v, mask);
        for (double q : percentiles) {
            checkRank(q);
        }
        float[] d = v.data();
        float[] m = mask == null ? null : mask.data();
        int n = v.frameSize();
        boolean gather = percentiles.length > 0;
        float[] values = gather ? new float[mask == null ? d.length : (int) Math.min(d.length, (long) countSelected(m) * v.nt())] : null;
        int count = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        // Sums shifted by the first selected value, so that the variance of data far from zero
        // (CT in HU, raw scanner units) does not cancel catastrophically.
        double shift = Double.NaN, s1 = 0, s2 = 0;
        for (int i = 0; i < d.length; i++) {
            float x = d[i];
            if (!Float.isFinite(x)) {
                throw nonFinite(v, i);
            }
            if (m != null && m[n == d.length ? i : i % n] == 0) {
                continue;
            }
            if (count == 0) {
                shift = x;
            }
            double dx = x - shift;
            s1 += dx;
            s2 += dx * dx;
            if (x < min) min = x;
            if (x > max) max = x;
            if (gather) {
                values[count] = x;
            }
            count++;
        }
        Map<Double, Double> p = new LinkedHashMap<>();
        if (count == 0) {
            for (double q : percentiles) {
                p.put(q, Double.NaN);
            }
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, p);
        }
        double mean = shift + s1 / count;
        double var = Math.max(0, (s2 - s1 * s1 / count) / count);
        if (gather) {
            double[] r = percentilesOf(values, count, percentiles);
            for (int k = 0; k < percentiles.length; k++) {
                p.put(percentiles[k], r[k]);
            }
        }
        return new Stats(count, min, max, mean, Math.sqrt(var), p);
    }

    /** Percentiles (ranks in [0, 100], numpy 'linear') of the voxels under {@code mask} (null = all). */
    public static double[] percentiles(Volume v, Volume mask, double... q) {
        Stats s = stats(v, mask, q);
        double[] r = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            r[k] = s.percentile(q[k]);
        }
        return r;
    }

    /** Each frame mapped linearly to [0, 1] by its min and max; a constant frame becomes all 0. */
    public static Volume minMax(Volume v) {
        float[] d = v.data();
        float[] out = new float[d.length];
        int n = v.frameSize();
        for (int t = 0; t < v.nt(); t++) {
            int off = t * n;
            float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
            for (int i = off; i < off + n; i++) {
                float x = d[i];
                if (!Float.isFinite(x)) {
                    throw nonFinite(v, i);
                }
                if (x < lo) lo = x;
                if (x > hi) hi = x;
            }
            if (hi > lo) {
                double base = lo, range = (double) hi - lo;
                for (int i = off; i < off + n; i++) {
                    out[i] = (float) ((d[i] - base) / range);
                }
            } // else: constant frame stays 0
        }
        return v.withData(out);
    }

    /** Every voxel clipped to [lo, hi]. */
    public static Volume clip(Volume v, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clip range is empty: [" + lo + ", " + hi + "]");
        }
        float[] d = v.data();
        float[] out = new float[d.length];
        float l = (float) lo, h = (float) hi;
        for (int i = 0; i < d.length; i++) {
            float x = d[i];
            if (!Float.isFinite(x)) {
                throw nonFinite(v, i);
            }
            out[i] = x < l ? l : (x > h ? h : x);
        }
        return v.withData(out);
    }

    /**
     * Each frame clipped to its own percentiles {@code qLo} and {@code qHi} (e.g. 0.5 and 99.5),
     * computed over the voxels under {@code mask} (null = all); every voxel is clipped, inside the
     * mask or not (nnU-Net's CT scheme clips the whole image to foreground percentiles).
     */
    public static Volume clipPercentiles(Volume v, Volume mask, double qLo, double qHi) {
        checkRank(qLo);
        checkRank(qHi);
        if (qLo > qHi) {
            throw new IllegalArgumentException("lower percentile " + qLo + " is above the upper " + qHi);
        }
        float[] out = new float[v.data().length];
        int n = v.frameSize();
        for (int t = 0; t < v.nt(); t++) {
            Volume f = v.nt() == 1 ? v : v.frame(t);
            double[] p = percentiles(f, mask, qLo, qHi);
            if (Double.isNaN(p[0])) {
                throw new IllegalArgumentException("the mask selects no voxels");
            }
            System.arraycopy(clip(f, p[0], p[1]).data(), 0, out, t * n, n);
        }
        return v.withData(out);
    }

    /** Each frame shifted to mean 0 and scaled to std 1 (only centred when its std is 0). */
    public static Volume zScore(Volume v) {
        return zScore(v, null);
    }

    /**
     * Each frame standardised by the mean and population std of its voxels under {@code mask};
     * voxels outside the mask are set to 0, so a skull-stripped background stays 0 (nnU-Net v1 with
     * {@code use_mask_for_norm} zeroes them explicitly; v2 leaves them untouched, which is the same
     * when the mask is the nonzero region). A frame whose std is 0 is only centred. {@code mask}
     * null standardises every voxel by the statistics of all.
     */
    public static Volume zScore(Volume v, Volume mask) {
        checkMask(v, mask);
        float[] out = new float[v.data().length];
        float[] m = mask == null ? null : mask.data();
        int n = v.frameSize();
        float[] d = v.data();
        for (int t = 0; t < v.nt(); t++) {
            Volume f = v.nt() == 1 ? v : v.frame(t);
            Stats s = stats(f, mask);
            if (s.count() == 0) {
                throw new IllegalArgumentException("the mask selects no voxels");
            }
            double mean = s.mean();
            double scale = s.std() > 0 ? 1 / s.std() : 1;
            int off = t * n;
            for (int i = 0; i < n; i++) {
                out[off + i] = m != null && m[i] == 0 ? 0f : (float) ((d[off + i] - mean) * scale);
            }
        }
        return v.withData(out);
    }

    /** numpy.percentile(values[0:count], q), method 'linear'. */
    static double[] percentilesOf(float[] values, int count, double[] q) {
        int[] ks = new int[2 * q.length];
        double[] index = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            index[k] = (count - 1) * (q[k] / 100);
            int below = (int) Math.floor(index[k]);
            ks[2 * k] = below;
            ks[2 * k + 1] = Math.min(below + 1, count - 1);
        }
        float[] a = Selection.values(values, count, ks);
        double[] r = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            double lo = a[2 * k], hi = a[2 * k + 1];
            double g = index[k] - Math.floor(index[k]);
            double diff = hi - lo;
            // numpy's _lerp: from the nearer end, so that g = 1 gives hi exactly
            r[k] = g >= 0.5 ? hi - diff * (1 - g) : lo + diff * g;
        }
        return r;
    }

    private static int countSelected(float[] mask) {
        int c = 0;
        for (float x : mask) {
            if (x != 0) {
                c++;
            }
        }
        return c;
    }

    private static void checkRank(double q) {
        if (!(q >= 0 && q <= 100)) {
            throw new IllegalArgumentException("percentile rank must be in [0, 100], got " + q);
        }
    }

    static void checkMask(Volume v, Volume mask) {
        if (mask != null && (mask.nx() != v.nx() || mask.ny() != v.ny() || mask.nz() != v.nz() || mask.nt() != 1)) {
            throw new IllegalArgumentException("mask " + java.util.Arrays.toString(mask.shape()) + " does not match the volume's grid "
                + v.nx() + "×" + v.ny() + "×" + v.nz() + " (a mask has one frame)");
        }
    }

    private static IllegalArgumentException nonFinite(Volume v, int i) {
        return new IllegalArgumentException("voxel " + position(v, i) + " is " + v.data()[i]
            + "; intensities must be finite (check inputs with Intensity.requireFinite)");
    }

    static String position(Volume v, int i) {
        int x = i % v.nx();
        int y = (i / v.nx()) % v.ny();
        int z = (i / v.nx() / v.ny()) % v.nz();
        int t = i / v.frameSize();
        return "(" + x + ", " + y + ", " + z + (v.nt() > 1 ? ", " + t : "") + ")";
    }
}
