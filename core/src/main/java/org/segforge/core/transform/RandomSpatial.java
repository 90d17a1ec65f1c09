package org.segforge.core.transform;

import java.util.SplittableRandom;

/**
 * Rotation, scaling and elastic deformation, each drawn with its own probability and resampled in
 * one {@link SpatialWarp} (nnU-Net's SpatialTransform). Each part draws from its own split of the
 * generator.
 */
public record RandomSpatial(RandomRotation rotation, double pRotation, RandomScaling scaling, double pScaling,
                            RandomElastic elastic, double pElastic) implements RandomTransform {
    public RandomSpatial {
        if (rotation == null || scaling == null || elastic == null) {
            throw new IllegalArgumentException("rotation, scaling and elastic settings are required (use probability 0 to disable)");
        }
        Draws.checkProbability("rotation probability", pRotation);
        Draws.checkProbability("scaling probability", pScaling);
        Draws.checkProbability("elastic probability", pElastic);
    }

    @Override
    public Transform draw(SplittableRandom rng) {
        boolean doRot = rng.nextDouble() < pRotation, doScale = rng.nextDouble() < pScaling, doElastic = rng.nextDouble() < pElastic;
        Rotation r = rotation.draw(rng.split());
        Scaling s = scaling.draw(rng.split());
        ElasticDeformation e = elastic.draw(rng.split());
        if (!doRot && !doScale && !doElastic) {
            return Identity.INSTANCE;
        }
        return new SpatialWarp(doRot ? r : Rotation.NONE, doScale ? s : Scaling.NONE, doElastic ? e : ElasticDeformation.NONE);
    }
}
