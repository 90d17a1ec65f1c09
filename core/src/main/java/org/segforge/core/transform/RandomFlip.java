package org.segforge.core.transform;

import java.util.SplittableRandom;

/** Flips each axis independently with its probability (default 0.5 each, as nnU-Net's mirroring). */
public record RandomFlip(double px, double py, double pz) implements RandomTransform {
    public RandomFlip {
        Draws.checkProbability("flip probability x", px);
        Draws.checkProbability("flip probability y", py);
        Draws.checkProbability("flip probability z", pz);
    }

    public RandomFlip() {
        this(0.5, 0.5, 0.5);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        boolean x = rng.nextDouble() < px, y = rng.nextDouble() < py, z = rng.nextDouble() < pz;
        return new Flip(x, y, z);
    }
}
