package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Small helpers for drawing and checking parameters. */
final class Draws {
    private Draws() {}

    /** U(lo, hi); exactly lo when the range is empty. */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    static void checkRange(String name, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo > hi) {
            throw new IllegalArgumentException(name + " range must be finite with low ≤ high, got [" + lo + ", " + hi + "]");
        }
    }

    static void checkPositive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }

    static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + p);
        }
    }
}
