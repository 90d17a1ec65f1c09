package org.segforge.core.transform;

import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.segforge.core.image.Volume;

/** Per-channel statistics and voxel-wise maps for the intensity transforms. */
final class Channels {
    private static final int CHUNK = 1 << 16;

    private Channels() {}

    /** Min, max, mean and (population) standard deviation of one channel. */
    record Stats(double min, double max, double mean, double std) {
        double range() {
            return max - min;
        }
    }

    static Stats stats(Volume v, int t) {
        float[] d = v.data();
        int n = v.frameSize(), off = t * n;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
        for (int i = off; i < off + n; i++) {
            double x = d[i];
            if (x < lo) lo = x;
            if (x > hi) hi = x;
            sum += x;
        }
        double mean = sum / n, ss = 0;
        for (int i = off; i < off + n; i++) {
            double e = d[i] - mean;
            ss += e * e;
        }
        return new Stats(lo, hi, mean, Math.sqrt(ss / n));
    }

    /** A new image where each channel's voxels go through the operator built from its stats. */
    static Volume map(Volume image, Function<Stats, DoubleUnaryOperator> perChannel) {
        float[] src = image.data();
        float[] out = new float[src.length];
        int n = image.frameSize();
        for (int t = 0; t < image.nt(); t++) {
            DoubleUnaryOperator op = perChannel.apply(stats(image, t));
            int off = t * n;
            IntStream chunks = IntStream.range(0, (n + CHUNK - 1) / CHUNK);
            if (n > CHUNK) {
                chunks = chunks.parallel();
            }
            chunks.forEach(c -> {
                int end = Math.min(n, (c + 1) * CHUNK);
                for (int i = off + c * CHUNK; i < off + end; i++) {
                    out[i] = (float) op.applyAsDouble(src[i]);
                }
            });
        }
        return image.withData(out);
    }
}
