package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * Draws a relative noise level U(0, maxRelativeSigma) (default 0.1, i.e. up to a tenth of the
 * channel's standard deviation) and a noise seed; see {@link GaussianNoise}.
 */
public record RandomNoise(double maxRelativeSigma) implements RandomTransform {
    public RandomNoise {
        Draws.checkRange("relative noise sigma", 0, maxRelativeSigma);
    }

    public RandomNoise() {
        this(0.1);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        double sigma = Draws.uniform(rng, 0, maxRelativeSigma);
        return new GaussianNoise(sigma, rng.nextLong());
    }
}
