package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Draws a blur sigma U(low, high) voxels; default 0.5–1.0 as nnU-Net's GaussianBlurTransform. */
public record RandomBlur(double low, double high) implements RandomTransform {
    public RandomBlur {
        Draws.checkRange("blur sigma", low, high);
        if (low < 0) {
            throw new IllegalArgumentException("blur sigma must be ≥ 0, got low " + low);
        }
    }

    public RandomBlur() {
        this(0.5, 1.0);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        return new GaussianBlur(Draws.uniform(rng, low, high));
    }
}
