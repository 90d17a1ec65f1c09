package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * A random augmentation, TorchIO style: it only draws parameters and returns the deterministic
 * twin that holds them, so every draw can be logged and replayed. All randomness comes from the
 * generator passed in, never from global state.
 */
public interface RandomTransform {
    /** Draws parameters from {@code rng}; the returned transform is deterministic. */
    Transform draw(SplittableRandom rng);

    /** Draws with a generator seeded by {@code seed} and applies the draw: same seed, same output. */
    default Sample apply(Sample sample, long seed) {
        return draw(new SplittableRandom(seed)).apply(sample);
    }

    /** This transform applied with probability {@code p}, the identity otherwise. */
    default RandomTransform withProbability(double p) {
        return new RandomChance(this, p);
    }
}
