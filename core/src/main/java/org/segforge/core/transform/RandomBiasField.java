package org.segforge.core.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws each bias-field coefficient U(−maxCoefficient, maxCoefficient); TorchIO's defaults order 3, 0.5. */
public record RandomBiasField(int order, double maxCoefficient) implements RandomTransform {
    public RandomBiasField {
        Draws.checkRange("bias coefficient", 0, maxCoefficient);
        if (order < 0 || order > 6) {
            throw new IllegalArgumentException("bias field order must be in 0..6, got " + order);
        }
    }

    public RandomBiasField() {
        this(3, 0.5);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < BiasField.termCount(order); i++) {
            c.add(Draws.uniform(rng, -maxCoefficient, maxCoefficient));
        }
        return new BiasField(order, c);
    }
}
