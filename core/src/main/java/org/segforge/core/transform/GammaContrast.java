package org.segforge.core.transform;

/**
 * Gamma contrast as nnU-Net's GammaTransform: each channel is normalised to [0, 1] by its range,
 * raised to the power γ and mapped back to its original range, so the range is kept and only the
 * curve bends (γ &lt; 1 brightens mid-tones, γ &gt; 1 darkens them). A constant channel is left as is.
 */
public record GammaContrast(double gamma) implements Transform {
    public GammaContrast {
        Draws.checkPositive("gamma", gamma);
    }

    @Override
    public Sample apply(Sample sample) {
        if (gamma == 1) {
            return sample;
        }
        return sample.withImage(Channels.map(sample.image(), st -> {
            double lo = st.min(), r = st.range();
            if (!(r > 0)) {
                return v -> v;
            }
            return v -> lo + r * Math.pow((v - lo) / r, gamma);
        }));
    }
}
