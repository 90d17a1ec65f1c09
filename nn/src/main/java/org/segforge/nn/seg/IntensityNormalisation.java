package org.segforge.nn.seg;

/**
 * How an image's intensities are normalised, per image and per channel, before it enters the
 * network; recorded with the model so that inference repeats what training did.
 */
public enum IntensityNormalisation {
    /** Values used as they are. */
    NONE,
    /** Linearly mapped to [0, 1] from the channel's min and max (a constant channel becomes 0). */
    MIN_MAX,
    /** z-score: (v − mean) / std over the channel (std 0 counts as 1). */
    Z_SCORE;

    /** A normalised copy of {@code channel}; the input is not changed. */
    public float[] apply(float[] channel) {
        float[] out = channel.clone();
        switch (this) {
            case NONE:
                return out;
            case MIN_MAX: {
                float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
                for (float v : channel) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                float range = hi - lo;
                for (int i = 0; i < out.length; i++) {
                    out[i] = range > 0 ? (channel[i] - lo) / range : 0f;
                }
                return out;
            }
            case Z_SCORE: {
                double sum = 0, sq = 0;
                for (float v : channel) {
                    sum += v;
                    sq += (double) v * v;
                }
                double mean = sum / channel.length;
                double std = Math.sqrt(Math.max(0, sq / channel.length - mean * mean));
                double s = std > 0 ? std : 1;
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) ((channel[i] - mean) / s);
                }
                return out;
            }
            default:
                throw new AssertionError(this);
        }
    }
}
