package org.segforge.core.transform;

/**
 * Contrast as nnU-Net's ContrastAugmentationTransform (preserve_range=True): each channel is
 * scaled by {@code factor} about its mean, then clipped to the channel's original [min, max].
 */
public record LinearContrast(double factor) implements Transform {
    public LinearContrast {
        Draws.checkPositive("contrast factor", factor);
    }

    @Override
    public Sample apply(Sample sample) {
        if (factor == 1) {
            return sample;
        }
        return sample.withImage(Channels.map(sample.image(), st -> {
            double mean = st.mean(), lo = st.min(), hi = st.max();
            return v -> Math.min(hi, Math.max(lo, (v - mean) * factor + mean));
        }));
    }
}
