package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * Draws each angle U(−max, max) degrees, per axis; default ±15° about every axis (2D samples use
 * only the z angle, the in-plane one). All three are drawn always, so a seed gives the same draw
 * for 2D and 3D data.
 */
public record RandomRotation(double maxX, double maxY, double maxZ) implements RandomTransform {
    public RandomRotation {
        Draws.checkRange("rotation x", 0, maxX);
        Draws.checkRange("rotation y", 0, maxY);
        Draws.checkRange("rotation z", 0, maxZ);
    }

    public RandomRotation() {
        this(15, 15, 15);
    }

    @Override
    public Rotation draw(SplittableRandom rng) {
        double x = Draws.uniform(rng, -maxX, maxX), y = Draws.uniform(rng, -maxY, maxY), z = Draws.uniform(rng, -maxZ, maxZ);
        return new Rotation(x, y, z);
    }
}
