package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Applies {@code inner} with probability {@code p}, otherwise draws the identity. */
public record RandomChance(RandomTransform inner, double p) implements RandomTransform {
    public RandomChance {
        if (inner == null) {
            throw new IllegalArgumentException("inner transform is required");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        boolean hit = rng.nextDouble() < p;
        SplittableRandom child = rng.split(); // always split, so the stream does not depend on the outcome
        return hit ? inner.draw(child) : Identity.INSTANCE;
    }
}
