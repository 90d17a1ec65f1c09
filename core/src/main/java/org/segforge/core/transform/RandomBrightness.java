package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Draws a brightness factor U(low, high); default 0.75–1.25 as nnU-Net. */
public record RandomBrightness(double low, double high) implements RandomTransform {
    public RandomBrightness {
        Draws.checkPositive("brightness low", low);
        Draws.checkRange("brightness", low, high);
    }

    public RandomBrightness() {
        this(0.75, 1.25);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        return new Brightness(Draws.uniform(rng, low, high));
    }
}
