package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * Draws a scale factor U(low, high), one for all axes when {@code isotropic} (nnU-Net's default),
 * else one per axis; default 0.85–1.25, isotropic.
 */
public record RandomScaling(double low, double high, boolean isotropic) implements RandomTransform {
    public RandomScaling {
        Draws.checkPositive("scale low", low);
        Draws.checkRange("scale", low, high);
    }

    public RandomScaling() {
        this(0.85, 1.25, true);
    }

    @Override
    public Scaling draw(SplittableRandom rng) {
        double x = Draws.uniform(rng, low, high);
        if (isotropic) {
            return Scaling.isotropic(x);
        }
        return new Scaling(x, Draws.uniform(rng, low, high), Draws.uniform(rng, low, high));
    }
}
