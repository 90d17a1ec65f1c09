package org.segforge.nn.data;

import java.util.SplittableRandom;

/**
 * Randomness derived from (seed, step) alone. A {@link SplittableRandom}'s state cannot be read
 * back, so instead of saving a generator we make every step's draws a pure function of the run's
 * seed and the step index: a resumed run then draws exactly what the uninterrupted run drew.
 */
public final class StepSeeds {
    private StepSeeds() {}

    /** A well-mixed 64-bit seed for {@code (seed, step)} (SplitMix64 finaliser over both). */
    public static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A fresh generator for one step; different streams (data, model) use different salts. */
    public static SplittableRandom random(long seed, long step, long salt) {
        return new SplittableRandom(mix(mix(seed, salt), step));
    }

    /** Salt for the data pipeline's generator. */
    public static final long DATA = 0x44415441L;
    /** Salt for the training step's own generator (noise, dropout masks drawn on the host). */
    public static final long STEP = 0x53544550L;
    /** Salt for the engine's native generator, reseeded before every step. */
    public static final long ENGINE = 0x454E474EL;
}
