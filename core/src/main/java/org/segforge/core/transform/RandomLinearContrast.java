package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Draws a contrast factor U(low, high); default 0.75–1.25 as nnU-Net. */
public record RandomLinearContrast(double low, double high) implements RandomTransform {
    public RandomLinearContrast {
        Draws.checkPositive("contrast low", low);
        Draws.checkRange("contrast", low, high);
    }

    public RandomLinearContrast() {
        this(0.75, 1.25);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        return new LinearContrast(Draws.uniform(rng, low, high));
    }
}
