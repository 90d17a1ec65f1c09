package org.segforge.core.transform;

/** Multiplies every voxel by {@code factor}, as nnU-Net's BrightnessMultiplicativeTransform. */
public record Brightness(double factor) implements Transform {
    public Brightness {
        Draws.checkPositive("brightness factor", factor);
    }

    @Override
    public Sample apply(Sample sample) {
        if (factor == 1) {
            return sample;
        }
        return sample.withImage(Channels.map(sample.image(), st -> v -> v * factor));
    }
}
