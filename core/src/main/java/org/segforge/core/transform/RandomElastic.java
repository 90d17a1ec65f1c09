package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * Draws a field seed for an {@link ElasticDeformation} of fixed magnitude and sigma (voxels);
 * default magnitude 3, control-point spacing 16.
 */
public record RandomElastic(double magnitude, double sigma) implements RandomTransform {
    public RandomElastic {
        new ElasticDeformation(magnitude, sigma, 0); // validates
    }

    public RandomElastic() {
        this(3, 16);
    }

    @Override
    public ElasticDeformation draw(SplittableRandom rng) {
        return new ElasticDeformation(magnitude, sigma, rng.nextLong());
    }
}
